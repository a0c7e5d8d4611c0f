package app.ward.ui

import android.app.AlertDialog
import android.widget.EditText
import app.ward.R
import app.ward.WardApplication
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowDialog

/**
 * Sensitive actions long after the unlock: the core wants a fresh proof, so
 * the app asks for the vault password, re-authenticates, and carries on.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class ReauthTest : UiTest() {
    @Test
    fun `changing the password an hour after unlocking asks for the vault password, then re-enrols biometrics`() {
        enrolBiometric() // leaves the Settings screen showing
        val oldIv = app.preferences.biometricIv
        clock.advance(3_600_000)

        changePasswordTo(NEW_PASSWORD)
        waitFor("the request for the vault password") { dialogShowing(string(R.string.reauth_message)) }
        answerPassword(PASSWORD)
        waitFor("the report") { dialogShowing(string(R.string.settings_password_changed_then, string(R.string.biometric_on))) }
        assertEquals("one prompt re-enrols the new key", 1, prompter.prompts)
        assertNotNull(app.preferences.biometricIv)
        assertTrue("a new key wraps the new master key", !app.preferences.biometricIv!!.contentEquals(oldIv))
        dismissDialogs()

        app.unlock.lock()
        app.unlock.submitPassword(NEW_PASSWORD.toByteArray())
        assertTrue(app.vault.isUnlocked)
    }

    @Test
    fun `cancelling the request for the vault password changes nothing`() {
        changePasswordTwoMinutesAfterCreating()
        topDialog().getButton(AlertDialog.BUTTON_NEGATIVE).performClick()
        idle()
        waitFor("the explanation") { dialogShowing("Confirm it is you") }
        assertOldPasswordStillOpens()
    }

    @Test
    fun `a wrong vault password is refused and nothing changes`() {
        changePasswordTwoMinutesAfterCreating()
        answerPassword("not the password")
        waitFor("the refusal") { dialogShowing("Wrong password") }
        assertOldPasswordStillOpens()
    }

    /** A new vault, then Settings → Change password two minutes later, up to the request for the vault password. */
    private fun changePasswordTwoMinutesAfterCreating() {
        launch()
        createVault()
        tap(R.string.codes_settings)
        clock.advance(120_000)
        changePasswordTo(NEW_PASSWORD)
        waitFor("the request for the vault password") { dialogShowing(string(R.string.reauth_message)) }
    }

    private fun assertOldPasswordStillOpens() {
        dismissDialogs()
        app.unlock.lock()
        app.unlock.submitPassword(PASSWORD.toByteArray())
        assertTrue("the old password still opens the vault", app.vault.isUnlocked)
    }

    /** Settings → Change password, typed twice. */
    private fun changePasswordTo(password: String) {
        tap(R.string.settings_change_password)
        answerPassword(password)
        answerPassword(password)
    }

    /** Types [password] into the password dialog on top and taps OK. */
    private fun answerPassword(password: String) {
        val dialog = topDialog()
        views(dialog.window!!.decorView).filterIsInstance<EditText>().single().setText(password)
        dialog.getButton(AlertDialog.BUTTON_POSITIVE).performClick()
        idle()
    }

    private fun topDialog(): AlertDialog =
        ShadowDialog.getShownDialogs().filter { it.isShowing }.filterIsInstance<AlertDialog>().last()

    private companion object {
        const val NEW_PASSWORD = "a brand new passphrase"
    }
}
