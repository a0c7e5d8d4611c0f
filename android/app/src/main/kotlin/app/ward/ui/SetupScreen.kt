package app.ward.ui

import android.content.Intent
import android.view.View
import android.widget.EditText
import android.widget.TextView
import app.ward.logic.UnlockState

// New user-visible strings (to move to res/values/strings.xml).
private const val HAVE_BACKUP = "Moving from another phone, or starting again?"
private const val RESTORE_FROM_BACKUP = "Restore from a backup"
private const val RESTORE_FROM_ANDROID = "Restore from Android backup"

/**
 * First run: explains what Ward keeps and where, creates the vault with a
 * password, then offers biometric unlock. Beside it: "Restore from a backup"
 * (a document picker, then [RestoreScreen]), and, when Android's backup
 * brought Ward's vault snapshot back, "Restore from Android backup".
 */
class SetupScreen(private val activity: MainActivity) : Screen {
    override val title: String = "Welcome to Ward"

    private lateinit var password: EditText
    private lateinit var confirm: EditText
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            label("Ward keeps your sign-in codes on this phone only, encrypted with a password you choose.", 16f)
            label(
                "It never goes online. Write the password down somewhere safe: without it, and without an " +
                    "exported backup, nobody can recover your accounts.",
                14f,
            )
            password = passwordField("Password (at least $MIN_LENGTH characters)")
            confirm = passwordField("The same password again")
            status = label("", 14f)
            button("Create vault") { create() }
            label(HAVE_BACKUP, 14f).apply { setPadding(paddingLeft, context.dp(16), paddingRight, paddingBottom) }
            button(RESTORE_FROM_BACKUP) { pickBackup() }
            val restored = activity.app.backupRunner.androidCopy.file
            if (restored.isFile) button(RESTORE_FROM_ANDROID) { activity.show(RestoreScreen(activity, RestoreSource.AndroidBackup(restored))) }
        },
    )

    private fun create() {
        if (PasswordInput.length(password) < MIN_LENGTH) {
            status.text = "Use at least $MIN_LENGTH characters."
            return
        }
        val first = PasswordInput.take(password)
        val second = PasswordInput.take(confirm)
        val same = first.contentEquals(second)
        second.fill(0)
        if (!same) {
            first.fill(0)
            status.text = "The two passwords differ. Type them again."
            return
        }
        status.text = "Creating the vault…"
        activity.app.background.run({
            activity.app.unlock.create(first).also { runCatching { activity.app.backupRunner.rollback.reset() } }
        }) { result ->
            result.onSuccess { state ->
                if (state == UnlockState.Unlocked) offerBiometric()
                activity.render()
            }.onFailure { status.text = it.message ?: "The vault could not be created." }
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
            "Unlock with biometrics?",
            "Open Ward with your fingerprint or face instead of typing the password. The password keeps working.",
            "Turn on",
        ) { flow.enable { message -> SecureDialog.message(activity, "Biometric unlock", message) } }
    }

    private companion object {
        const val MIN_LENGTH = 8
    }
}
