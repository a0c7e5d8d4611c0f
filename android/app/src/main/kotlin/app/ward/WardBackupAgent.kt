package app.ward

import android.app.backup.BackupAgent
import android.app.backup.BackupDataInput
import android.app.backup.BackupDataOutput
import android.app.backup.FullBackupDataOutput
import android.content.Context
import android.os.ParcelFileDescriptor
import app.ward.platform.AndroidBackupStaging
import app.ward.platform.DeviceOnlyState
import java.io.File

/**
 * Android's own backup of Ward (cloud backup and device-to-device transfer),
 * which the system runs on its own schedule. The manifest names this agent
 * with `fullBackupOnly`, so every full backup and transfer goes through
 * [onFullBackup], which hands over exactly one file, the staged encrypted
 * snapshot, and only while the person has opted in (Settings → Backups);
 * otherwise nothing at all. The default restore writes that file back into
 * place (the backup rules allow only that path); the first-run screen then
 * offers to restore from it with the vault's password.
 */
class WardBackupAgent : BackupAgent() {
    override fun onFullBackup(data: FullBackupDataOutput) {
        filesToBackUp(this).forEach { fullBackupFile(it, data) }
    }

    /** Key/value backup is not used (fullBackupOnly): nothing. */
    override fun onBackup(oldState: ParcelFileDescriptor?, data: BackupDataOutput?, newState: ParcelFileDescriptor?) = Unit

    /** Key/value restore is not used (fullBackupOnly): nothing. */
    override fun onRestore(data: BackupDataInput?, appVersionCode: Int, newState: ParcelFileDescriptor?) = Unit

    companion object {
        /**
         * What a full backup of [context]'s data contains: the staged snapshot
         * when the person opted in and it exists, else nothing.
         */
        fun filesToBackUp(context: Context): List<File> {
            if (!DeviceOnlyState(context).androidBackupOptIn) return emptyList()
            return listOf(AndroidBackupStaging.stagedFile(context)).filter { it.isFile }
        }
    }
}
