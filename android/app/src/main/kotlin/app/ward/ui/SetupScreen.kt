package app.ward.ui

import android.view.View
import android.widget.EditText
import android.widget.TextView
import app.ward.logic.UnlockState

/**
 * First run: explains what Ward keeps and where, creates the vault with a
 * password, then offers biometric unlock.
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
        activity.app.background.run({ activity.app.unlock.create(first) }) { result ->
            result.onSuccess { state ->
                if (state == UnlockState.Unlocked) offerBiometric()
                activity.render()
            }.onFailure { status.text = it.message ?: "The vault could not be created." }
        }
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
