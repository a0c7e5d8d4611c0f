package app.ward.ui

import app.ward.R
import app.ward.WardApplication
import app.ward.logic.UnlockState
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config

/** Unlocking: the password, and biometric unlock through a key store that works, throws, cancels or is invalidated. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class UnlockTest : UiTest() {
    @Test
    fun `a wrong password gives a clean message and the right one unlocks`() {
        launch()
        createVault()
        tap(R.string.codes_lock)
        waitFor("the unlock screen") { activity.currentScreen is UnlockScreen }
        assertTrue(field(R.string.password_hint).isMasked)
        field(R.string.password_hint).setText("not the password")
        tap(R.string.unlock_button)
        waitFor("the message") { showing(string(R.string.unlock_wrong_password)) }
        field(R.string.password_hint).setText(PASSWORD)
        tap(R.string.unlock_button)
        waitFor("the codes") { activity.currentScreen is CodesScreen }
    }

    @Test
    fun `biometric unlock with a working key opens the vault after one prompt`() {
        enrolBiometric()
        lockAndRelaunch()
        waitFor("the codes") { activity.currentScreen is CodesScreen }
        assertEquals(1, prompter.prompts)
    }

    @Test
    fun `a key store that throws never loops, never crashes, and the password still works`() {
        enrolBiometric()
        key.mode = FakeDeviceKey.Mode.THROWS
        lockAndRelaunch()
        assertTrue(activity.currentScreen is UnlockScreen)
        assertTrue(texts().toString(), showing(string(R.string.unlock_use_password, "").trim()))
        assertFalse("no biometric button after the failure", texts().contains(string(R.string.unlock_with_biometric)))
        assertEquals("nothing deleted", 0, key.deletes)
        assertNotNull("the biometric slot is kept", app.preferences.biometricIv)
        unlockWithPassword()
    }

    @Test
    fun `a lockout never re-prompts, and the password still works`() {
        enrolBiometric()
        prompter.answer = FakePrompter.Answer.LOCKOUT
        lockAndRelaunch()
        controller.recreate() // a rotation on the unlock screen must not prompt again either
        idle()
        assertEquals(1, prompter.prompts)
        assertTrue(texts().toString(), showing("Too many attempts"))
        unlockWithPassword()
        assertEquals(0, key.deletes)
    }

    @Test
    fun `cancelling the prompt leaves the password and the button, without prompting again`() {
        enrolBiometric()
        prompter.answer = FakePrompter.Answer.CANCEL
        lockAndRelaunch()
        controller.pause().resume()
        idle()
        assertEquals(1, prompter.prompts)
        assertTrue(activity.currentScreen is UnlockScreen)
        button(string(R.string.unlock_with_biometric))
        unlockWithPassword()
    }

    @Test
    fun `an invalidated key asks for the password and keeps the vault`() {
        enrolBiometric()
        key.mode = FakeDeviceKey.Mode.INVALIDATED
        lockAndRelaunch()
        assertTrue(texts().toString(), showing("biometric unlock stopped working"))
        assertEquals(0, prompter.prompts)
        unlockWithPassword()
        assertEquals(0, key.deletes)
    }

    @Test
    fun `key generation runs off the main thread and a ProviderException is a message, not a crash`() {
        launch()
        createVault()
        key.mode = FakeDeviceKey.Mode.PROVIDER_FAILS
        tap(R.string.codes_settings)
        tap(R.string.settings_biometric_turn_on)
        waitFor("the message") { dialogShowing(string(R.string.biometric_setup_failed, "ProviderException")) }
        assertEquals(1, key.creates)
        assertFalse("the key was generated on the main thread", key.createdOnMainThread)
    }

    /** Closes the app, lets it lock, and opens it again: the unlock screen prompts by itself once. */
    private fun lockAndRelaunch() {
        controller.pause().stop().destroy()
        app.lockNow()
        waitFor("locked") { app.unlock.state is UnlockState.Locked }
        launch()
    }

    private fun unlockWithPassword() {
        field(R.string.password_hint).setText(PASSWORD)
        tap(R.string.unlock_button)
        waitFor("the codes") { activity.currentScreen is CodesScreen }
    }
}
