package app.ward.ui

import android.app.AlertDialog
import android.content.Context
import android.view.WindowManager
import android.widget.EditText

/**
 * Dialogs are windows of their own: each gets FLAG_SECURE like the activity,
 * so no dialog showing a code or a password reaches screenshots, screen
 * recording or the recent-apps thumbnail.
 */
object SecureDialog {
    /** Builds, secures and shows [builder]'s dialog. */
    fun show(builder: AlertDialog.Builder): AlertDialog {
        val dialog = builder.create()
        dialog.window?.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        dialog.show()
        return dialog
    }

    /** A message with an OK button. */
    fun message(context: Context, title: String, message: String): AlertDialog =
        show(AlertDialog.Builder(context).setTitle(title).setMessage(message).setPositiveButton("OK", null))

    /** Asks to confirm a destructive [action] labelled [confirmLabel]. */
    fun confirm(context: Context, title: String, message: String, confirmLabel: String, action: () -> Unit): AlertDialog =
        show(
            AlertDialog.Builder(context)
                .setTitle(title)
                .setMessage(message)
                .setPositiveButton(confirmLabel) { _, _ -> action() }
                .setNegativeButton("Cancel", null),
        )

    /**
     * Asks for a password; [onPassword] gets its UTF-8 bytes (the caller wipes
     * them) or is not called when the person cancels.
     */
    fun password(context: Context, title: String, message: String, onPassword: (ByteArray) -> Unit): AlertDialog {
        lateinit var input: EditText
        val content = context.column { input = passwordField("Password") }
        return show(
            AlertDialog.Builder(context)
                .setTitle(title)
                .setMessage(message)
                .setView(content)
                .setPositiveButton("OK") { _, _ -> onPassword(PasswordInput.take(input)) }
                .setNegativeButton("Cancel") { _, _ -> PasswordInput.clear(input) },
        )
    }
}
