package app.ward.ui

import android.net.Uri
import android.widget.Toast
import app.ward.R
import app.ward.WardApplication
import app.ward.logic.AutoBackup
import app.ward.logic.BackupFolder
import app.ward.logic.BackupOutcome
import app.ward.logic.RollbackGuard
import app.ward.logic.VaultBackups
import app.ward.platform.AndroidBackupStaging
import app.ward.platform.DeviceOnlyState
import app.ward.platform.SafBackupFolder

/**
 * Runs Ward's backups on the vault thread, never on the main thread: after
 * every change (called by [app.ward.logic.ChangeWatchingSession]) and on
 * "Back up now". A failure never throws: it is recorded in the vault, shown
 * as a short message, and by the Backups screen and the codes screen's reminder.
 *
 * @property backups the core's backup and integrity calls.
 */
class BackupRunner(private val app: WardApplication, val backups: VaultBackups) {
    /** Opens the backup folder at a location (a SAF tree URI); tests put a plain directory here. */
    var folderAt: (String) -> BackupFolder = { SafBackupFolder(app.contentResolver, Uri.parse(it)) }

    /** What never leaves this phone: the rollback memory and the Android backup opt-in. */
    val deviceState = DeviceOnlyState(app)

    /** The copy Android's own backup may take (only while opted in). */
    val androidCopy = AndroidBackupStaging(app, deviceState)

    /** The rollback memory (highest generation seen) and the integrity warning. */
    val rollback = RollbackGuard(backups, deviceState)

    /** Told on the main thread after every backup (the Backups screen and the reminder refresh). */
    var onOutcome: ((BackupOutcome) -> Unit)? = null

    private val auto = AutoBackup(
        backups,
        { folderAt(it) },
        androidCopy,
        { app.failureText(it) },
    ) { app.clock.nowMillis() / 1000 }

    /** After a change Ward made: queues the rollback memory and the automatic backup on the vault thread. */
    fun afterChange() {
        app.background.run({
            runCatching { rollback.afterChange() }
            auto.run()
        }) { result ->
            val outcome = result.getOrElse { BackupOutcome.Failed(app.problemText(it, R.string.backup_not_written)) }
            if (outcome is BackupOutcome.Failed) {
                Toast.makeText(app, app.getString(R.string.backups_automatic_failed, outcome.message), Toast.LENGTH_LONG).show()
            }
            onOutcome?.invoke(outcome)
        }
    }

    /** A backup now; [then] gets its outcome on the main thread. */
    fun backUpNow(then: (BackupOutcome) -> Unit) {
        app.background.run({ auto.run() }) { result ->
            val outcome = result.getOrElse { BackupOutcome.Failed(app.problemText(it, R.string.backup_not_written)) }
            onOutcome?.invoke(outcome)
            then(outcome)
        }
    }

    /** Turns the Android backup copy on (written now) or off (deleted now). */
    fun setAndroidBackup(on: Boolean, then: (Result<Unit>) -> Unit) {
        app.background.run({
            deviceState.androidBackupOptIn = on
            if (on) androidCopy.write(backups.snapshot(app.clock.nowMillis() / 1000)) else androidCopy.clear()
        }, then)
    }
}
