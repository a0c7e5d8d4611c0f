package app.ward

import app.ward.logic.Luma
import app.ward.logic.Scanned
import app.ward.logic.WardProblem
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Pictures from tests/fixtures/qr read the way the app reads a picked image:
 * ARGB pixels (Bitmap.getPixels on Android, BufferedImage.getRGB here) →
 * [Luma.fromArgb] → the core's decoder.
 */
class CoreQrReaderTest {
    private val reader = CoreQrReader()

    private fun luma(name: String): Luma = qrFixtureLuma(name)

    @Test
    fun `a Google Authenticator export screenshot is an export part`() {
        val scanned = reader.readPicture(luma("google-export-screenshot.png"))
        assertEquals(Scanned.ExportPart::class, scanned!!::class)
        val part = scanned as Scanned.ExportPart
        assertTrue(part.batchIndex in 0 until part.batchSize, "index ${part.batchIndex} of ${part.batchSize}")
        assertTrue(part.handle is CoreScannedHandle)
    }

    @Test
    fun `an account code is found by the camera path too, with a padded row stride`() {
        val packed = luma("two-codes.png")
        val stride = packed.width + 16
        val padded = ByteArray(stride * packed.height)
        for (row in 0 until packed.height) System.arraycopy(packed.pixels, row * packed.width, padded, row * stride, packed.width)
        val scanned = reader.read(Luma(padded, packed.width, packed.height, stride))
        assertTrue(scanned is Scanned.Account && scanned.handle is CoreScannedHandle, "an account code, got $scanned")
        assertTrue((scanned as Scanned.Account).label.isNotBlank(), "the account is described without its secret")
    }

    @Test
    fun `no code means keep scanning, and a web link is refused with a reason`() {
        assertNull(reader.readPicture(luma("no-code.png")))
        assertEquals(WardProblem.Kind.INVALID_INPUT, assertThrows<WardProblem> { reader.readPicture(luma("url-code.png")) }.kind)
    }
}
