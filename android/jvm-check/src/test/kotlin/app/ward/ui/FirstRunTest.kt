package app.ward.ui

import app.ward.R
import app.ward.WardApplication
import app.ward.logic.UnlockState
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class FirstRunTest : UiTest() {
    @Test
    fun `first run masks the password, creates the vault and shows the codes`() {
        launch()
        assertTrue(activity.currentScreen is SetupScreen)
        val password = field(string(R.string.setup_password_hint, 8))
        val confirm = field(R.string.setup_confirm_hint)
        assertTrue("the password field shows dots", password.isMasked)
        assertTrue("the confirmation field shows dots", confirm.isMasked)
        createVault()
        assertEquals(UnlockState.Unlocked, app.unlock.state)
        assertTrue(showing(string(R.string.codes_empty)))
    }
}
