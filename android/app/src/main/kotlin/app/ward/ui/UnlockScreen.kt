package app.ward.ui

import android.view.View
import android.widget.EditText
import android.widget.TextView
import app.ward.logic.UnlockState

/**
 * The locked vault: a password field, and the biometric prompt when a
 * biometric key is set up and still valid (it opens by itself once).
 */
class UnlockScreen(private val activity: MainActivity, private val state: UnlockState.Locked) : Screen {
    override val title: String = "Ward is locked"

    private val biometric = BiometricFlow(activity)
    private val offerBiometric = state.offerBiometric && biometric.isAvailable()
    private lateinit var password: EditText
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            status = label(state.notice ?: "Unlock to see your codes.", 16f)
            password = passwordField("Password")
            button("Unlock") { unlockWithPassword() }
            if (offerBiometric) button("Use fingerprint or face") { biometric.unlock() }
        },
    )

    override fun onShow() {
        // Once per lock only: a cancel, a failure or a rotation never re-opens the prompt by itself.
        if (offerBiometric && activity.app.unlock.takeAutoPrompt()) biometric.unlock()
    }

    private fun unlockWithPassword() {
        if (PasswordInput.length(password) == 0) {
            status.text = "Type your password."
            return
        }
        val bytes = PasswordInput.take(password)
        status.text = "Unlocking…"
        activity.app.background.run({ activity.app.unlock.submitPassword(bytes) }) { result ->
            result.onSuccess { activity.render() }
                .onFailure { status.text = it.message ?: "The vault could not be opened." }
        }
    }
}
