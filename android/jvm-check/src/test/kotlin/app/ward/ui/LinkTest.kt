package app.ward.ui

import android.content.Intent
import android.net.Uri
import app.ward.R
import app.ward.WardApplication
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config

/** otpauth:// links: tapped elsewhere on the phone, or pasted; always confirmed first. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class LinkTest : UiTest() {
    @Test
    fun `a tapped otpauth link waits for the unlock, asks, then adds the account`() {
        launch()
        createVault()
        tap(R.string.codes_lock)
        waitFor("locked") { activity.currentScreen is UnlockScreen }
        controller.pause().stop().destroy()
        val intent = Intent(Intent.ACTION_VIEW, Uri.parse(AWS_URI))
        controller = Robolectric.buildActivity(MainActivity::class.java, intent).setup()
        idle()
        field(R.string.password_hint).setText(PASSWORD)
        tap(R.string.unlock_button)
        waitFor("the confirmation") { activity.currentScreen is ConfirmLinkScreen }
        assertTrue(showing("Amazon Web Services"))
        assertTrue(showing("alice@123456789012"))
        assertTrue("the secret is not shown", texts().none { it.contains(AWS_SECRET) })
        assertTrue(app.vault.rows(T0_SECONDS).isEmpty())
        tap(R.string.add_account)
        waitFor("the AWS row") { activity.currentScreen is CodesScreen && showing("Amazon Web Services") }
        assertEquals(oathtool(AWS_SECRET, T0_SECONDS), shownCode())
    }

    @Test
    fun `a pasted link goes through the same confirmation, and Cancel adds nothing`() {
        launch()
        createVault()
        tap(R.string.codes_add)
        field(R.string.add_link_hint).setText(AWS_URI)
        tap(R.string.add_from_link)
        assertTrue(activity.currentScreen is ConfirmLinkScreen)
        tap(android.R.string.cancel)
        assertTrue(activity.currentScreen is CodesScreen)
        assertTrue(app.vault.rows(T0_SECONDS).isEmpty())
    }
}
