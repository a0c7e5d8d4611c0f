package app.ward.ui

import android.content.ClipDescription
import android.content.ClipboardManager
import android.content.Intent
import android.net.Uri
import android.widget.ListView
import app.ward.R
import app.ward.WardApplication
import app.ward.logic.UnlockState
import com.google.zxing.BarcodeFormat
import com.google.zxing.qrcode.QRCodeWriter
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File

/** Adding the AWS account (typed and scanned), reading and copying its code, and the picker result paths. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class CodesFlowTest : UiTest() {
    @Test
    fun `the AWS account typed in shows oathtool's code, then the next one`() {
        launch()
        createVault()
        addAwsManually()
        assertEquals(oathtool(AWS_SECRET, T0_SECONDS), shownCode())
        clock.advance(30_000)
        passTime(1)
        waitFor("the next code") { shownCode() == oathtool(AWS_SECRET, T0_SECONDS + 30) }
    }

    @Test
    fun `scanning frames of the AWS QR code adds it through the camera path`() {
        val scan = openScanner()
        val camera = checkNotNull(camera) { "the scan screen opened no camera" }
        assertTrue(scan.view.isShown)
        val (luma, width, height) = renderQr(AWS_URI, stride = 672)
        camera.feed(luma, width, height, rowStride = 672)
        waitFor("the scanned account") { activity.currentScreen is CodesScreen && showing("Amazon Web Services") }
        assertEquals(oathtool(AWS_SECRET, T0_SECONDS), shownCode())
        assertTrue("the camera is closed after leaving", camera.closed)
    }

    @Test
    fun `a decode still running after leaving the scan screen adds nothing`() {
        val scan = openScanner()
        val pipeline = checkNotNull(camera).pipeline
        val (luma, width, height) = renderQr(AWS_URI, stride = 672)
        // The frame is offered, then the person leaves before its result reaches the main thread.
        val plane = java.nio.ByteBuffer.allocateDirect(luma.size).put(luma).apply { flip() }
        scan.onHide()
        pipeline.offer(plane, width, height, 672)
        @Suppress("DEPRECATION") activity.onBackPressed()
        idle()
        Thread.sleep(500)
        idle()
        assertTrue(activity.currentScreen is CodesScreen)
        assertTrue(app.vault.rows(T0_SECONDS).isEmpty())
    }

    @Test
    fun `tapping a code copies it marked sensitive and clears it later`() {
        val clipboard = copyAwsCode()
        val clip = checkNotNull(clipboard.primaryClip)
        assertEquals(oathtool(AWS_SECRET, T0_SECONDS), clip.getItemAt(0).text.toString())
        assertTrue(clip.description.extras!!.getBoolean(ClipDescription.EXTRA_IS_SENSITIVE))
        passTime(31)
        assertFalse("the code is cleared after 30 s", clipboard.hasPrimaryClip() && clipboard.primaryClip!!.getItemAt(0).text.isNotEmpty())
    }

    @Test
    fun `the person's own later clip is never wiped`() {
        val clipboard = copyAwsCode()
        // Ward goes to the background: Android 10+ stops telling it about clip changes.
        controller.pause().stop()
        silenceClipListeners(clipboard)
        passTime(5)
        clipboard.setPrimaryClip(android.content.ClipData.newPlainText("password manager", "hunter2"))
        passTime(30)
        assertEquals("hunter2", clipboard.primaryClip!!.getItemAt(0).text.toString())
    }

    @Test
    fun `an encrypted Aegis file imports through the picker result and the password dialog`() {
        launch()
        createVault()
        tap(R.string.codes_add)
        tap(R.string.add_import_file)
        val started = shadowOf(activity).nextStartedActivityForResult
        assertEquals(Intent.ACTION_OPEN_DOCUMENT, started.intent.action)
        val file = File(System.getProperty("ward.repo.root"), "tests/fixtures/import/aegis_encrypted.json")
        val uri = Uri.parse("content://test.documents/aegis_encrypted.json")
        shadowOf(app.contentResolver).registerInputStreamSupplier(uri) { file.inputStream() }
        shadowOf(activity).receiveResult(started.intent, android.app.Activity.RESULT_OK, Intent().setData(uri))
        waitFor("the password dialog") { dialogMessages().isNotEmpty() }
        val dialog = org.robolectric.shadows.ShadowAlertDialog.getLatestAlertDialog()
        val input = views(dialog.window!!.decorView).filterIsInstance<android.widget.EditText>().single()
        assertTrue("the backup password is masked", input.isMasked)
        input.setText(PASSWORD)
        dialog.getButton(android.content.DialogInterface.BUTTON_POSITIVE).performClick()
        waitFor("the import report") { dialogShowing("accounts imported") }
        assertTrue(app.vault.rows(T0_SECONDS).any { it.issuer == "GitHub" })
    }

    @Test
    fun `a picker result that comes back to a new activity with a locked vault is kept until unlock`() {
        launch()
        createVault()
        tap(R.string.codes_add)
        tap(R.string.add_import_file)
        val started = shadowOf(activity).nextStartedActivityForResult
        // The process dies while the picker is open: the new activity finds a locked vault and no callbacks.
        app.unlock.lock()
        controller.recreate()
        idle()
        val file = File(System.getProperty("ward.repo.root"), "tests/fixtures/import/aegis_plain.json")
        val uri = Uri.parse("content://test.documents/aegis_plain.json")
        shadowOf(app.contentResolver).registerInputStreamSupplier(uri) { file.inputStream() }
        activity.onDocumentResult(started.requestCode, android.app.Activity.RESULT_OK, Intent().setData(uri))
        idle()
        assertTrue(activity.currentScreen is UnlockScreen)
        field(R.string.password_hint).setText(PASSWORD)
        tap(R.string.unlock_button)
        waitFor("the import report") { dialogShowing("imported") }
        assertTrue(app.vault.rows(T0_SECONDS).isNotEmpty())
        assertNull(app.pendingDocument)
    }

    /** A new vault with the AWS account, whose code is then tapped (copied); returns the clipboard. */
    private fun copyAwsCode(): ClipboardManager {
        launch()
        createVault()
        addAwsManually()
        val list = views().filterIsInstance<ListView>().single()
        list.performItemClick(list.getChildAt(0), 0, 0)
        idle()
        return app.getSystemService(ClipboardManager::class.java)!!
    }

    /** A new vault, then the scan screen with the camera permission granted and the (fake) camera open. */
    private fun openScanner(): ScanScreen {
        launch()
        createVault()
        tap(R.string.codes_add)
        tap(R.string.add_scan)
        shadowOf(app).grantPermissions(android.Manifest.permission.CAMERA)
        val scan = activity.currentScreen as ScanScreen
        scan.onShow()
        scan.start(android.graphics.SurfaceTexture(false))
        return scan
    }

    /** What Android 10+ does to a background app: no more clip-change callbacks. */
    private fun silenceClipListeners(clipboard: ClipboardManager) {
        val shadow = shadowOf(clipboard)
        var cleared = false
        var type: Class<*>? = shadow.javaClass
        while (type != null) {
            for (f in type.declaredFields) {
                if (Collection::class.java.isAssignableFrom(f.type)) {
                    f.isAccessible = true
                    (f.get(shadow) as? MutableCollection<*>)?.clear()
                    cleared = true
                }
            }
            type = type.superclass
        }
        check(cleared) { "no listener list found on ShadowClipboardManager" }
    }

    companion object {
        /** [text] as a QR code drawn black on white with a quiet zone, as luma rows [stride] bytes apart. */
        fun renderQr(text: String, stride: Int): Triple<ByteArray, Int, Int> {
            val size = 480
            val matrix = QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size)
            val width = 640
            val height = 480
            val luma = ByteArray(stride * height) { 0xFF.toByte() }
            for (y in 0 until size) for (x in 0 until size) {
                if (matrix.get(x, y)) luma[y * stride + x + (width - size) / 2] = 0
            }
            return Triple(luma, width, height)
        }
    }
}
