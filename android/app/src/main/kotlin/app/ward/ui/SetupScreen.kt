package app.ward.ui

import android.content.Intent
import android.view.View
import android.widget.EditText
import android.widget.TextView
import app.ward.R
import app.ward.logic.UnlockState

/**
 * First run: explains what Ward keeps and where, creates the vault with a
 * password, then offers biometric unlock. Beside it: "Restore from a backup"
 * (a document picker, then [RestoreScreen]), and, when Android's backup
 * brought Ward's vault snapshot back, "Restore from Android backup".
 */
class SetupScreen(private val activity: MainActivity) : Screen {
    override val title: String = activity.getString(R.string.setup_title)

    private lateinit var password: EditText
    private lateinit var confirm: EditText
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            label(R.string.setup_intro, 16f)
            label(R.string.setup_offline, 14f)
            password = passwordField(context.getString(R.string.setup_password_hint, MIN_LENGTH))
            confirm = passwordField(R.string.setup_confirm_hint)
            status = label("", 14f)
            button(R.string.setup_create) { create() }
            label(R.string.setup_have_backup, 14f).apply { setPadding(paddingLeft, context.dp(16), paddingRight, paddingBottom) }
            button(R.string.restore_from_backup) { pickBackup() }
            val restored = activity.app.backupRunner.androidCopy.file
            if (restored.isFile) button(R.string.setup_restore_android) { activity.show(RestoreScreen(activity, RestoreSource.AndroidBackup(restored))) }
        },
    )

    private fun create() {
        if (PasswordInput.length(password) < MIN_LENGTH) {
            status.text = activity.getString(R.string.password_too_short, MIN_LENGTH)
            return
        }
        val first = PasswordInput.take(password)
        val second = PasswordInput.take(confirm)
        val same = first.contentEquals(second)
        second.fill(0)
        if (!same) {
            first.fill(0)
            status.setText(R.string.setup_passwords_differ)
            return
        }
        status.setText(R.string.setup_creating)
        activity.app.background.run({
            activity.app.unlock.create(first).also { runCatching { activity.app.backupRunner.rollback.reset() } }
        }) { result ->
            result.onSuccess { state ->
                if (state == UnlockState.Unlocked) offerBiometric()
                activity.render()
            }.onFailure { status.text = activity.problemText(it, R.string.setup_not_created) }
        }
    }

    private fun pickBackup() {
        val intent = Intent(Intent.ACTION_OPEN_DOCUMENT).apply {
            addCategory(Intent.CATEGORY_OPENABLE)
            type = "*/*"
        }
        activity.startDocumentPicker(intent, DocumentPurpose.RESTORE_FILE)
    }

    private fun offerBiometric() {
        val flow = BiometricFlow(activity)
        if (!flow.isAvailable()) return
        SecureDialog.confirm(
            activity,
            activity.getString(R.string.setup_biometric_title),
            activity.getString(R.string.setup_biometric_message),
            activity.getString(R.string.setup_biometric_turn_on),
        ) { flow.enable { message -> SecureDialog.message(activity, activity.getString(R.string.biometric_unlock), message) } }
    }

    private companion object {
        const val MIN_LENGTH = 8
    }
}
