package app.ward

import app.ward.logic.AppProblem
import app.ward.logic.BackupFolder
import java.io.File
import java.io.IOException

/**
 * A [BackupFolder] over a plain directory: the tests' stand-in for the SAF
 * tree, writing real files that the core can then restore.
 *
 * @property failWrites when true, writing fails like a full or vanished folder
 *   ([AppProblem.FolderNotWritable], as [app.ward.platform.SafBackupFolder] throws it).
 */
class DirectoryBackupFolder(val dir: File) : BackupFolder {
    var failWrites = false

    init {
        dir.mkdirs()
    }

    override fun names(): List<String> = dir.list()?.toList() ?: throw IOException("no folder")

    override fun write(name: String, bytes: ByteArray) {
        if (failWrites) throw AppProblem.FolderNotWritable()
        val file = File(dir, name)
        if (file.exists()) throw IOException("exists")
        file.writeBytes(bytes)
    }

    override fun read(name: String): ByteArray = File(dir, name).readBytes()

    override fun delete(name: String) {
        if (!File(dir, name).delete()) throw IOException("cannot delete $name")
    }

    /** The Ward backups in the folder, oldest first. */
    fun backups(): List<String> = names().filter { it.startsWith("ward-backup-") }.sorted()
}
