package app.ward.platform

import android.content.Context
import app.ward.logic.AndroidBackupCopy
import app.ward.logic.AppProblem
import java.io.File
import java.io.FileOutputStream
import java.io.IOException

/**
 * The only file Android's own backup may take (cloud backup and
 * device-to-device transfer): files/android-backup/ward.vault, a consistent
 * snapshot of the encrypted vault written by [app.ward.logic.AutoBackup]
 * after every change while the person is opted in, and deleted when they opt
 * out. The live vault (files/vault/, with its -wal and -shm) is never backed
 * up: a copy taken mid-write could be inconsistent.
 *
 * @property state where the opt-in is kept.
 */
class AndroidBackupStaging(context: Context, private val state: DeviceOnlyState) : AndroidBackupCopy {
    /** The staged snapshot. */
    val file: File = stagedFile(context)

    override val optedIn: Boolean get() = state.androidBackupOptIn

    @Synchronized
    override fun write(bytes: ByteArray) {
        file.parentFile?.mkdirs()
        val temp = File(file.parentFile, ".${file.name}.tmp")
        try {
            FileOutputStream(temp).use {
                it.write(bytes)
                it.fd.sync()
            }
        } catch (error: IOException) {
            throw AppProblem.AndroidCopyNotSaved(error)
        }
        if (!temp.renameTo(file)) throw AppProblem.AndroidCopyNotSaved()
    }

    /** Deletes the staged snapshot (opting out): Android then has nothing of Ward's to back up. */
    @Synchronized
    fun clear() {
        file.delete()
        File(file.parentFile, ".${file.name}.tmp").delete()
    }

    companion object {
        /** Under files/: the path named in res/xml/backup_rules.xml and data_extraction_rules.xml. */
        const val DIR = "android-backup"
        const val FILE = "ward.vault"

        /** The staged snapshot's place for [context]. */
        fun stagedFile(context: Context): File = File(File(context.filesDir, DIR), FILE)
    }
}
