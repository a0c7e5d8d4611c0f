package app.ward.ui

import app.ward.R
import app.ward.logic.WardProblem

/**
 * Sensitive vault calls (exports, password change, biometric enrolment) need
 * a fresh proof of the owner: an unlock or a re-authentication in the last
 * minute. [run] tries the call on the vault thread; when the core asks for a
 * proof, it asks for the vault password in the password dialog,
 * re-authenticates, and tries the call once more.
 */
object Reauth {
    /**
     * Runs [call] on the vault thread and hands its final result to [then] on
     * the main thread; if the person cancels the password dialog, [then] gets
     * the [WardProblem.Kind.REAUTH_REQUIRED] failure.
     */
    fun <T> run(activity: MainActivity, call: () -> T, then: (Result<T>) -> Unit) {
        val app = activity.app
        app.background.run(call) { result ->
            val problem = result.exceptionOrNull() as? WardProblem
            if (problem?.kind != WardProblem.Kind.REAUTH_REQUIRED) return@run then(result)
            val asked = SecureDialog.password(
                activity,
                activity.getString(R.string.reauth_title),
                activity.getString(R.string.reauth_message),
                onCancel = { then(result) },
            ) { password ->
                app.background.run({
                    try {
                        app.vault.reauthenticate(password)
                    } finally {
                        password.fill(0)
                    }
                    call()
                }, then)
            }
            if (asked == null) then(result)
        }
    }
}
