package app.ward.ui

import android.view.View
import android.widget.EditText
import android.widget.TextView
import app.ward.R
import app.ward.logic.UnlockNotice
import app.ward.logic.UnlockState

/**
 * The locked vault: a password field, and the biometric prompt when a
 * biometric key is set up and still valid (it opens by itself once).
 */
class UnlockScreen(private val activity: MainActivity, private val state: UnlockState.Locked) : Screen {
    override val title: String = activity.getString(R.string.unlock_title)

    private val biometric = BiometricFlow(activity)
    private val offerBiometric = state.offerBiometric && biometric.isAvailable()
    private lateinit var password: EditText
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            status = label(noticeText(state.notice), 16f)
            password = passwordField(R.string.password_hint)
            button(R.string.unlock_button) { unlockWithPassword() }
            if (offerBiometric) button(R.string.unlock_with_biometric) { biometric.unlock() }
        },
    )

    override fun onShow() {
        // Once per lock only: a cancel, a failure or a rotation never re-opens the prompt by itself.
        if (offerBiometric && activity.app.unlock.takeAutoPrompt()) biometric.unlock()
    }

    /** What the screen says first: [notice] in words, or the plain prompt. */
    private fun noticeText(notice: UnlockNotice?): String = when (notice) {
        null -> activity.getString(R.string.unlock_prompt)
        UnlockNotice.WrongPassword -> activity.getString(R.string.unlock_wrong_password)
        UnlockNotice.BiometricKeyChanged -> activity.getString(R.string.unlock_biometric_key_changed)
        is UnlockNotice.UsePassword -> activity.getString(R.string.unlock_use_password, notice.reason)
        is UnlockNotice.KeyStoreFailed -> activity.getString(R.string.unlock_use_password, activity.getString(R.string.problem_key_store, notice.detail))
    }

    private fun unlockWithPassword() {
        if (PasswordInput.length(password) == 0) {
            status.setText(R.string.unlock_type_password)
            return
        }
        val bytes = PasswordInput.take(password)
        status.setText(R.string.unlock_in_progress)
        activity.app.background.run({ activity.app.unlock.submitPassword(bytes) }) { result ->
            result.onSuccess { activity.render() }
                .onFailure { status.text = activity.problemText(it, R.string.vault_not_opened) }
        }
    }
}
