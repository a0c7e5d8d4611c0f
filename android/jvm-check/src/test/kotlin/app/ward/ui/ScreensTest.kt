package app.ward.ui

import app.ward.R
import app.ward.WardApplication
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode

/**
 * Walks through the main screens and saves each as a PNG, in light and in dark
 * theme, under android/jvm-check/target/screens/ (drawn by Robolectric's
 * native graphics, so they are real pixels and never go stale).
 */
@RunWith(RobolectricTestRunner::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(sdk = [35], application = WardApplication::class, qualifiers = "w360dp-h720dp-xhdpi")
class ScreensTest : UiTest() {
    @Test
    fun `light screens`() = walk("light")

    @Test
    fun `dark screens`() {
        RuntimeEnvironment.setQualifiers("+night")
        walk("dark")
    }

    private fun walk(theme: String) {
        launch()
        field("Password").setText(PASSWORD)
        screenshot("first-run-$theme")
        createVault()
        addAwsManually()
        screenshot("codes-$theme")
        tap("Add")
        tap(R.string.add_type_key)
        field(R.string.manual_issuer_hint).setText("Amazon Web Services")
        screenshot("manual-entry-$theme")
        activity.showCodes()
        tap("Add")
        org.robolectric.Shadows.shadowOf(app).grantPermissions(android.Manifest.permission.CAMERA)
        tap(R.string.add_scan)
        screenshot("scan-$theme")
        activity.showCodes()
        tap("Settings")
        screenshot("settings-$theme")
        activity.showCodes()
        tap("Lock")
        waitFor("the unlock screen") { activity.currentScreen is UnlockScreen }
        field(R.string.password_hint).setText("typed")
        screenshot("unlock-$theme")
    }
}
