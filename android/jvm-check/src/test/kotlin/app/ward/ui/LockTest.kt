package app.ward.ui

import android.content.res.Configuration
import app.ward.R
import app.ward.WardApplication
import app.ward.logic.UnlockState
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

/** Locking (button, auto-lock, picker detour) and recreation in the middle of adding an account. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class LockTest : UiTest() {
    @Test
    fun `the lock button locks`() {
        launch()
        createVault()
        tap(R.string.codes_lock)
        waitFor("the unlock screen") { activity.currentScreen is UnlockScreen }
        assertTrue(app.unlock.state is UnlockState.Locked)
        assertTrue(!app.vault.isUnlocked)
    }

    @Test
    fun `auto-lock locks after the background delay`() {
        launch()
        createVault()
        controller.pause().stop()
        passTime(29)
        assertEquals(UnlockState.Unlocked, app.unlock.state)
        passTime(2)
        waitFor("the lock") { app.unlock.state is UnlockState.Locked }
        controller.start().resume()
        idle()
        assertTrue(activity.currentScreen is UnlockScreen)
    }

    @Test
    fun `going Home from the document picker still locks, after a grace period`() {
        launch()
        createVault()
        tap(R.string.codes_add)
        tap(R.string.add_import_file)
        // The picker covers Ward; the person goes Home from there and leaves the phone.
        controller.pause().stop()
        passTime(60)
        assertEquals("the picker gets its grace period", UnlockState.Unlocked, app.unlock.state)
        passTime(61)
        waitFor("the lock") { app.unlock.state is UnlockState.Locked }
    }

    @Test
    fun `a configuration change in the middle of adding an account loses nothing`() {
        launch()
        createVault()
        typeAccount("Amazon Web Services", "alice@123456789012", AWS_SECRET)
        // Dark mode toggled (not in configChanges): the activity is recreated.
        RuntimeEnvironment.setQualifiers("+night")
        controller.configurationChange(Configuration(activity.resources.configuration))
        controller.recreate()
        idle()
        assertTrue(activity.currentScreen is ManualEntryScreen)
        assertEquals("Amazon Web Services", field(R.string.manual_issuer_hint).text.toString())
        assertEquals("alice@123456789012", field(R.string.manual_account_hint).text.toString())
        assertEquals(AWS_SECRET, field(R.string.manual_secret_hint).text.toString())
        assertEquals(UnlockState.Unlocked, app.unlock.state)
        tap(R.string.add_account)
        waitFor("the AWS row") { activity.currentScreen is CodesScreen && showing("Amazon Web Services") }
        assertEquals(oathtool(AWS_SECRET, T0_SECONDS), shownCode())
    }

    @Test
    fun `a dialog asked for after the activity was destroyed goes to its successor or nowhere`() {
        launch()
        createVault()
        val old = activity
        controller.recreate()
        idle()
        val before = org.robolectric.shadows.ShadowAlertDialog.getLatestAlertDialog()
        val shown = SecureDialog.message(old, "Late", "work that finished after a rotation")
        assertTrue("shown on the live activity, not the destroyed one", shown == null || shown.context.let { c ->
            generateSequence(c) { (it as? android.content.ContextWrapper)?.baseContext }.any { it === activity }
        })
        assertTrue(before !== shown)
    }
}
