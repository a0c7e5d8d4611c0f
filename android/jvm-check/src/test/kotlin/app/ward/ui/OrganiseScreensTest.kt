package app.ward.ui

import android.widget.Switch
import app.ward.R
import app.ward.WardApplication
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RuntimeEnvironment
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode

/**
 * Saves the screens of the organising features as PNGs, light and dark,
 * beside ScreensTest's: the codes list with a favourite and a hidden
 * (tap-to-reveal) code, the edit dialog, and the Google Authenticator export.
 */
@RunWith(RobolectricTestRunner::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(sdk = [35], manifest = Config.NONE, application = WardApplication::class, qualifiers = "w360dp-h720dp-xhdpi")
class OrganiseScreensTest : UiTest() {
    @Test
    fun `light screens`() = walk("light")

    @Test
    fun `dark screens`() {
        RuntimeEnvironment.setQualifiers("+night")
        walk("dark")
    }

    private fun walk(theme: String) {
        launch()
        createVault()
        val now = clock.nowMillis() / 1000
        app.vault.addUri(AWS_URI, now)
        val github = app.vault.addUri("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", now)
        app.vault.addUri("otpauth://totp/Mastodon:@alice@example.social?secret=JBSWY3DPEHPK3PXQ&issuer=Mastodon", now)
        app.vault.edit(github, app.vault.details(github).copy(favourite = true, note = "Work account"), now)
        tap(R.string.codes_settings)
        views().filterIsInstance<Switch>().single().performClick()
        screenshot("settings-codes-$theme")
        activity.showCodes()
        waitFor("three rows") { views().filterIsInstance<CodeRowView>().size == 3 }
        // Show one code: the others stay hidden.
        val list = views().filterIsInstance<android.widget.ListView>().single()
        list.performItemClick(list.getChildAt(1), 1, list.adapter.getItemId(1))
        idle()
        screenshot("codes-organised-$theme")
        // An account Google Authenticator cannot hold, to show how left-out entries are named.
        app.vault.addUri("otpauth://totp/Steam:gamer?secret=JBSWY3DPEHPK3PXR&issuer=Steam&encoder=steam", now)
        tap(R.string.codes_settings)
        clock.advance(120_000)
        tap(R.string.export_to_google)
        waitFor("the request for the vault password") { dialogShowing("Enter your vault password to continue.") }
        val dialog = org.robolectric.shadows.ShadowDialog.getShownDialogs().filter { it.isShowing }.filterIsInstance<android.app.AlertDialog>().last()
        views(dialog.window!!.decorView).filterIsInstance<android.widget.EditText>().single().setText(PASSWORD)
        dialog.getButton(android.app.AlertDialog.BUTTON_POSITIVE).performClick()
        waitFor("the export screen") { activity.currentScreen is ExportScreen }
        screenshot("export-google-$theme")
    }
}
