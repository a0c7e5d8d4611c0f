package app.ward.ui

import android.app.AlertDialog
import android.graphics.Bitmap
import android.graphics.drawable.BitmapDrawable
import android.view.WindowManager
import android.widget.EditText
import android.widget.ImageView
import app.ward.R
import app.ward.WardApplication
import app.ward.core.ScannedQr
import app.ward.core.Vault
import app.ward.core.decodeQrLuma
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import org.robolectric.shadows.ShadowDialog

/**
 * Settings → Export to Google Authenticator: behind re-authentication, the
 * codes one by one, and every code as drawn on screen read back by the core's
 * decoder into a fresh vault with the same accounts.
 */
@RunWith(RobolectricTestRunner::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(sdk = [35], manifest = Config.NONE, application = WardApplication::class, qualifiers = "w360dp-h720dp-xhdpi")
class ExportTest : UiTest() {
    @get:Rule
    val temp = TemporaryFolder()

    @Test
    fun `the export's codes, as drawn on screen, import into a fresh vault with the same accounts`() {
        launch()
        createVault()
        val now = clock.nowMillis() / 1000
        ACCOUNTS.forEach { app.vault.addUri(it, now) }
        tap(R.string.codes_settings)
        // Two minutes after the unlock: the core wants a fresh proof first.
        clock.advance(120_000)
        tap(R.string.export_to_google)
        waitFor("the request for the vault password") { dialogShowing("Enter your vault password to continue.") }
        answerPassword(PASSWORD)
        waitFor("the export screen") { activity.currentScreen is ExportScreen }

        val secure = activity.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE
        assertTrue("FLAG_SECURE on the export screen", secure != 0)
        assertTrue(texts().toString(), showing("hold your accounts' secrets unencrypted"))
        assertTrue("the left-out entries are named: ${texts()}", showing("Steam: gamer") && showing("Slow: bob"))
        assertTrue(texts().toString(), showing("2 entries are not in these codes"))

        val total = texts().firstNotNullOf { Regex("Code 1 of (\\d+)").find(it) }.groupValues[1].toInt()
        assertTrue("8 accounts take several codes", total >= 2)
        assertFalse("no Previous on the first code", button(string(R.string.google_export_previous)).isEnabled)
        val scanned = (1..total).map { number ->
            assertTrue(texts().toString(), showing(string(R.string.google_export_counter, number, total)))
            val code = decodeShownCode()
            if (number < total) tap(R.string.google_export_next)
            code
        }
        assertFalse("no Next on the last code", button(string(R.string.google_export_next)).isEnabled)
        tap(R.string.google_export_previous)
        assertTrue(showing(string(R.string.google_export_counter, total - 1, total)))
        assertEquals(List(total) { total.toUInt() }, scanned.map { it.batchSize })
        assertEquals((0 until total).map { it.toUInt() }, scanned.map { it.batchIndex }.sorted())

        // A fresh vault reads the same accounts, with the same codes at the same second.
        val expected = app.vault.rows(now).filter { it.issuer != "Steam" && it.issuer != "Slow" }
            .map { Triple(it.issuer, it.account, it.code) }.sortedBy { it.first }
        Vault.create(temp.newFile().apply { delete() }.path, "fresh".toByteArray()).use { fresh ->
            val report = fresh.importScanned(scanned.map { it.scanned }, now.toULong())
            assertEquals(expected.size, report.added.size)
            val codes = fresh.codes(now.toULong()).map { entry ->
                val timed = entry.state as app.ward.core.CodeState.Timed
                Triple(entry.issuer, entry.name, timed.code.code)
            }.sortedBy { it.first }
            assertEquals(expected, codes)
        }

        tap(R.string.google_export_done)
        assertTrue(activity.currentScreen is CodesScreen)
    }

    @Test
    fun `without re-authentication nothing is shown`() {
        launch()
        createVault()
        app.vault.addUri(AWS_URI, clock.nowMillis() / 1000)
        tap(R.string.codes_settings)
        clock.advance(120_000)
        tap(R.string.export_to_google)
        waitFor("the request for the vault password") { dialogShowing("Enter your vault password to continue.") }
        topDialog().getButton(AlertDialog.BUTTON_NEGATIVE).performClick()
        idle()
        waitFor("the explanation") { dialogShowing("Confirm it is you") }
        assertTrue(activity.currentScreen is SettingsScreen)
    }

    /** The code on screen, read from the ImageView's picture by the core's QR decoder. */
    private fun decodeShownCode(): ScannedQr.GoogleExport {
        val screen = activity.currentScreen as ExportScreen
        val image = views(screen.view).filterIsInstance<ImageView>().single { it.drawable is BitmapDrawable }
        val bitmap: Bitmap = (image.drawable as BitmapDrawable).bitmap
        assertFalse("drawn without filtering", (image.drawable as BitmapDrawable).paint.isFilterBitmap)
        val pixels = IntArray(bitmap.width * bitmap.height)
        bitmap.getPixels(pixels, 0, bitmap.width, 0, 0, bitmap.width, bitmap.height)
        // Only pure black and pure white: whole pixels per module, nothing blended.
        assertTrue(pixels.all { it == 0xFF000000.toInt() || it == 0xFFFFFFFF.toInt() })
        // The quiet zone: the outer rows are white.
        assertTrue((0 until bitmap.width).all { pixels[it] == 0xFFFFFFFF.toInt() })
        val luma = ByteArray(pixels.size) { (pixels[it] and 0xFF).toByte() }
        val found = decodeQrLuma(luma, bitmap.width.toUInt(), bitmap.height.toUInt(), bitmap.width.toUInt())
        return found as ScannedQr.GoogleExport
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

    companion object {
        /** Eight accounts for Google's format, a Steam account and a 60-second one (both left out). */
        val ACCOUNTS: List<String> = listOf(AWS_URI) +
            (1..7).map { "otpauth://totp/Service%20$it:user$it@example.com?secret=JBSWY3DPEHPK3PX${"ABCDEFG"[it - 1]}&issuer=Service%20$it" } +
            "otpauth://totp/Steam:gamer?secret=JBSWY3DPEHPK3PXP&issuer=Steam&encoder=steam" +
            "otpauth://totp/Slow:bob?secret=JBSWY3DPEHPK3PXQ&issuer=Slow&period=60"
    }
}
