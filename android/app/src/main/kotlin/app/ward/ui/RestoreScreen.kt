package app.ward.ui

import android.net.Uri
import android.view.View
import android.widget.EditText
import android.widget.TextView
import app.ward.logic.WardProblem
import app.ward.platform.Documents
import java.io.File

// User-visible strings of the restore screen (to move to res/values/strings.xml).
private const val TITLE = "Restore from a backup"
private const val EXPLAIN =
    "Type the password of the vault this backup was made from. The restored vault keeps that password; " +
        "biometric unlock must be turned on again."
private const val FROM_FILE = "Backup file: "
private const val FROM_ANDROID = "The vault Android restored from your backup or your old phone."
private const val PASSWORD_HINT = "Backup password"
private const val RESTORE = "Restore"
private const val CANCEL = "Back"
private const val RESTORING = "Restoring…"
private const val WRONG_PASSWORD = "That password does not open this backup. Check it and try again."
private const val FAILED = "This backup could not be restored."

/** Where the backup to restore comes from: a document the person picked, or the file Android's backup restored. */
sealed interface RestoreSource {
    /** A document from the system picker. */
    data class Document(val uri: Uri) : RestoreSource

    /** The snapshot Android's own backup brought back (files/android-backup/ward.vault). */
    data class AndroidBackup(val file: File) : RestoreSource
}

/**
 * First run, "Restore from a backup": the backup's password, then a new vault
 * made from the backup by the app's own session code (`Vault.restoreBytes`),
 * unlocked, and the codes screen with the restored entries.
 */
class RestoreScreen(private val activity: MainActivity, private val source: RestoreSource) : Screen {
    override val title: String = TITLE

    private val app = activity.app
    private lateinit var password: EditText
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            label(
                when (source) {
                    is RestoreSource.Document -> FROM_FILE + (source.uri.lastPathSegment?.substringAfterLast('/') ?: "")
                    is RestoreSource.AndroidBackup -> FROM_ANDROID
                },
                15f,
            )
            label(EXPLAIN, 14f)
            password = passwordField(PASSWORD_HINT)
            status = label("", 14f)
            button(RESTORE) { restore() }
            button(CANCEL) { activity.render() }
        },
    )

    override fun onBack(): Boolean {
        activity.render()
        return true
    }

    private fun restore() {
        val typed = PasswordInput.take(password)
        status.text = RESTORING
        app.background.run({
            try {
                val bytes = when (source) {
                    is RestoreSource.Document -> Documents.read(activity.contentResolver, source.uri)
                    is RestoreSource.AndroidBackup -> source.file.readBytes()
                }
                app.backupRunner.backups.restore(bytes, typed)
            } finally {
                typed.fill(0)
            }
            // Platform slots are not carried over: the kept IV belongs to nothing now.
            app.preferences.biometricIv = null
            runCatching { app.backupRunner.rollback.reset() }
            app.unlock.onRestored()
        }) { result ->
            result.onSuccess { activity.render() }.onFailure {
                status.text = if ((it as? WardProblem)?.kind == WardProblem.Kind.WRONG_PASSWORD) WRONG_PASSWORD else it.message ?: FAILED
            }
        }
    }
}
