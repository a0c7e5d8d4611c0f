package app.ward.ui

import android.content.Intent
import android.net.Uri
import app.ward.R
import app.ward.logic.ImportSummary
import app.ward.logic.WardProblem
import app.ward.platform.Documents
import java.time.LocalDate

/**
 * Import of a backup file (Ward's own or another app's) and export of Ward's
 * encrypted backup, through the system document picker, so Ward needs no
 * storage permission and never sees other files.
 */
class BackupFlow(private val activity: MainActivity) {
    private val app = activity.app

    /** Picks a file and imports it, asking for its password when it is encrypted; ends with a report. */
    fun importFile() {
        val intent = Intent(Intent.ACTION_OPEN_DOCUMENT).apply {
            addCategory(Intent.CATEGORY_OPENABLE)
            type = "*/*"
        }
        activity.startDocumentPicker(intent, DocumentPurpose.IMPORT_FILE)
    }

    /** Imports the picked file [uri], with [password] when it is encrypted (null first: the core says when one is needed). */
    fun importFrom(uri: Uri, password: ByteArray?) {
        app.background.run({
            val bytes = Documents.read(activity.contentResolver, uri)
            try {
                app.vault.importFile(bytes, password, app.clock.nowMillis() / 1000)
            } finally {
                password?.fill(0)
            }
        }) { result -> result.fold(::report) { failed(uri, it, askedPassword = password != null) } }
    }

    private fun failed(uri: Uri, error: Throwable, askedPassword: Boolean) {
        val needsPassword = error is WardProblem &&
            (error.kind == WardProblem.Kind.PASSWORD_NEEDED || error.kind == WardProblem.Kind.WRONG_PASSWORD)
        if (needsPassword) {
            val message = if (askedPassword) activity.getString(R.string.import_wrong_password) else activity.problemText(error, R.string.import_file_failed)
            SecureDialog.password(activity, activity.getString(R.string.backup_password), message) { importFrom(uri, it) }
        } else {
            SecureDialog.message(
                activity,
                activity.getString(R.string.import_failed),
                activity.problemText(error, R.string.import_file_failed),
            )
        }
    }

    private fun report(summary: ImportSummary) {
        activity.showCodes()
        SecureDialog.message(activity, activity.getString(R.string.scan_import_finished), activity.describe(summary))
    }

    /** Creates a file in the place the person picks and writes the encrypted backup, sealed with a password they type. */
    fun export() {
        val intent = Intent(Intent.ACTION_CREATE_DOCUMENT).apply {
            addCategory(Intent.CATEGORY_OPENABLE)
            type = "application/octet-stream"
            putExtra(Intent.EXTRA_TITLE, "ward-backup-${LocalDate.now()}.ward")
        }
        activity.startDocumentPicker(intent, DocumentPurpose.EXPORT_BACKUP)
    }

    /** Asks for the backup's password twice, then writes the encrypted backup into the new document [uri]. */
    fun exportTo(uri: Uri) {
        run {
            SecureDialog.password(
                activity,
                activity.getString(R.string.backup_password),
                activity.getString(R.string.export_password_explained),
            ) { password ->
                SecureDialog.password(activity, activity.getString(R.string.backup_password), activity.getString(R.string.type_again)) { again ->
                    val same = password.contentEquals(again)
                    again.fill(0)
                    if (same) {
                        writeExport(uri, password)
                    } else {
                        password.fill(0)
                        SecureDialog.message(
                            activity,
                            activity.getString(R.string.export_title),
                            activity.getString(R.string.export_passwords_differ),
                        )
                    }
                }
            }
        }
    }

    private fun writeExport(uri: Uri, password: ByteArray) {
        Reauth.run(activity, {
            val backup = app.vault.export(password)
            Documents.write(activity.contentResolver, uri, backup.bytes)
            backup.leftOut
        }) { result ->
            password.fill(0)
            SecureDialog.message(
                activity,
                activity.getString(R.string.export_title),
                result.fold({ leftOut ->
                    activity.getString(R.string.export_saved) + bulleted(activity.getString(R.string.export_not_included), leftOut)
                }) { activity.problemText(it, R.string.backup_not_written) },
            )
        }
    }
}
