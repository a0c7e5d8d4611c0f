package app.ward.ui

import app.ward.R
import app.ward.DirectoryBackupFolder
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

    /** Settings -> Backups with a status: a backup two hours ago, then a failure just now. */
    private fun backupsScreen(theme: String) {
        val folder = DirectoryBackupFolder(java.nio.file.Files.createTempDirectory("ward-saf").toFile())
        app.backupRunner.folderAt = { folder }
        tap(R.string.settings_automatic_backups)
        tap(R.string.backups_choose_folder)
        val started = org.robolectric.Shadows.shadowOf(activity).nextStartedActivityForResult
        val tree = android.net.Uri.parse("content://com.android.externalstorage.documents/tree/primary%3AWard")
        org.robolectric.Shadows.shadowOf(activity).receiveResult(started.intent, android.app.Activity.RESULT_OK, android.content.Intent().setData(tree))
        waitFor("the first backup") { folder.backups().size == 1 }
        clock.advance(2 * 3600 * 1000L)
        folder.failWrites = true
        dismissDialogs()
        tap(R.string.back_up_now)
        waitFor("the failure") { showing("Last failure") }
        dismissDialogs()
        screenshot("backups-$theme")
        clock.advance(-2 * 3600 * 1000L)
        activity.showCodes()
        tap(R.string.codes_settings)
    }

    private fun walk(theme: String) {
        launch()
        field(R.string.password_hint).setText(PASSWORD)
        screenshot("first-run-$theme")
        createVault()
        addAwsManually()
        screenshot("codes-$theme")
        tap(R.string.codes_add)
        tap(R.string.add_type_key)
        field(R.string.manual_issuer_hint).setText("Amazon Web Services")
        screenshot("manual-entry-$theme")
        activity.showCodes()
        tap(R.string.codes_add)
        org.robolectric.Shadows.shadowOf(app).grantPermissions(android.Manifest.permission.CAMERA)
        tap(R.string.add_scan)
        screenshot("scan-$theme")
        activity.showCodes()
        tap(R.string.codes_settings)
        screenshot("settings-$theme")
        backupsScreen(theme)
        activity.showCodes()
        tap(R.string.codes_lock)
        waitFor("the unlock screen") { activity.currentScreen is UnlockScreen }
        field(R.string.password_hint).setText("typed")
        screenshot("unlock-$theme")
    }
}
