package app.ward.ui

import android.app.Activity
import android.app.AlertDialog
import android.content.Context
import android.view.WindowManager
import android.widget.EditText
import app.ward.R

/**
 * Dialogs are windows of their own: each gets FLAG_SECURE like the activity,
 * so no dialog showing a code or a password reaches screenshots, screen
 * recording or the recent-apps thumbnail.
 *
 * A dialog asked for by work that finished after its activity was destroyed
 * (a rotation, the person leaving) goes to the activity that replaced it, or
 * nowhere; it never throws WindowManager.BadTokenException.
 */
object SecureDialog {
    /** Builds the dialog [configure] describes on the live activity, secures and shows it; null when none is showing. */
    fun show(context: Context, configure: AlertDialog.Builder.(Context) -> Unit): AlertDialog? {
        val host = hostFor(context) ?: return null
        val dialog = AlertDialog.Builder(host).apply { configure(host) }.create()
        dialog.window?.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        return try {
            dialog.show()
            dialog
        } catch (_: WindowManager.BadTokenException) {
            null // The window went away between the check and the show.
        }
    }

    /** A message with an OK button. */
    fun message(context: Context, title: String, message: String): AlertDialog? =
        show(context) { setTitle(title).setMessage(message).setPositiveButton(android.R.string.ok, null) }

    /** Asks to confirm a destructive [action] labelled [confirmLabel]. */
    fun confirm(context: Context, title: String, message: String, confirmLabel: String, action: () -> Unit): AlertDialog? =
        show(context) {
            setTitle(title)
                .setMessage(message)
                .setPositiveButton(confirmLabel) { _, _ -> action() }
                .setNegativeButton(android.R.string.cancel, null)
        }

    /**
     * Asks for a password (masked); [onPassword] gets its UTF-8 bytes (the
     * caller wipes them) or is not called when the person cancels; then
     * [onCancel] is.
     */
    fun password(
        context: Context,
        title: String,
        message: String,
        onCancel: () -> Unit = {},
        onPassword: (ByteArray) -> Unit,
    ): AlertDialog? =
        show(context) { host ->
            lateinit var input: EditText
            val content = host.column { input = passwordField(R.string.password_hint) }
            setTitle(title)
                .setMessage(message)
                .setView(content)
                .setPositiveButton(android.R.string.ok) { _, _ -> onPassword(PasswordInput.take(input)) }
                .setNegativeButton(android.R.string.cancel) { _, _ ->
                    PasswordInput.clear(input)
                    onCancel()
                }
                .setOnCancelListener {
                    PasswordInput.clear(input)
                    onCancel()
                }
        }

    /** The activity to show a dialog on: [context] itself, its successor when destroyed, or null when none is alive. */
    private fun hostFor(context: Context): Context? {
        val host = (context as? MainActivity)?.live() ?: context
        return host.takeUnless { it is Activity && (it.isDestroyed || it.isFinishing) }
    }
}
