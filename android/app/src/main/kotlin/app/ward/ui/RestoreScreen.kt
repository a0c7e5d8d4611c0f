package app.ward.ui

import android.net.Uri
import android.view.View
import android.widget.EditText
import android.widget.TextView
import app.ward.R
import app.ward.logic.WardProblem
import app.ward.platform.Documents
import java.io.File

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
    override val title: String = activity.getString(R.string.restore_from_backup)

    private val app = activity.app
    private lateinit var password: EditText
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            label(
                when (source) {
                    is RestoreSource.Document ->
                        context.getString(R.string.restore_from_file, source.uri.lastPathSegment?.substringAfterLast('/').orEmpty())
                    is RestoreSource.AndroidBackup -> context.getString(R.string.restore_from_android)
                },
                15f,
            )
            label(R.string.restore_explain, 14f)
            password = passwordField(R.string.backup_password)
            status = label("", 14f)
            button(R.string.restore_button) { restore() }
            button(R.string.back) { activity.render() }
        },
    )

    override fun onBack(): Boolean {
        activity.render()
        return true
    }

    private fun restore() {
        val typed = PasswordInput.take(password)
        status.setText(R.string.restore_in_progress)
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
                status.text = if ((it as? WardProblem)?.kind == WardProblem.Kind.WRONG_PASSWORD) {
                    activity.getString(R.string.restore_wrong_password)
                } else {
                    activity.problemText(it, R.string.restore_failed)
                }
            }
        }
    }
}
