package app.ward.core

import java.awt.image.BufferedImage
import java.awt.image.DataBufferByte
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir

/** An 8-bit grayscale frame, as the camera pipelines hand it over. */
class LumaFrame(val luma: ByteArray, val width: Int, val height: Int, val rowStride: Int)

/** Decodes a PNG or JPEG with javax.imageio and takes its luma plane, rows padded to [rowStride]. */
fun lumaOf(file: Path, padding: Int = 0): LumaFrame {
    val image = ImageIO.read(file.toFile())
    val gray = BufferedImage(image.width, image.height, BufferedImage.TYPE_BYTE_GRAY)
    gray.createGraphics().apply { drawImage(image, 0, 0, null); dispose() }
    val packed = (gray.raster.dataBuffer as DataBufferByte).data
    val stride = image.width + padding
    val luma = ByteArray(stride * image.height) { 0x55 }
    for (row in 0 until image.height) {
        System.arraycopy(packed, row * image.width, luma, row * stride, image.width)
    }
    return LumaFrame(luma, image.width, image.height, stride)
}

/** QR decoding of pictures loaded in Kotlin, through decodeQrLuma / decodeQrPicture. */
class QrTest {
    @TempDir
    lateinit var dir: Path

    private val fixtures: Path =
        Path.of(System.getProperty("ward.repo.root", "../.."), "tests", "fixtures", "qr")

    private fun scan(name: String, padding: Int = 0): ScannedQr? {
        val frame = lumaOf(fixtures.resolve(name), padding)
        return decodeQrLuma(frame.luma, frame.width.toUInt(), frame.height.toUInt(), frame.rowStride.toUInt())
    }

    @Test
    fun awsCodeFromAPhoto() {
        val scanned = scan("aws-photo.jpg") as ScannedQr.Account
        assertEquals("Amazon Web Services", scanned.account.issuer)
        assertEquals(OtpKind.TOTP, scanned.account.kind)
        // The secret-bearing URI stays in Rust: nothing the app can print shows it.
        assertFalse(scanned.toString().contains("otpauth"), scanned.toString())
        assertFalse(scanned.toString().contains("secret"), scanned.toString())
    }

    @Test
    fun aScannedAccountIsAddedThroughItsHandle() {
        val scanned = scan("aws-photo.jpg") as ScannedQr.Account
        Vault.create(dir.resolve("ward.vault").toString(), "pw".toByteArray()).use { vault ->
            val id = vault.addScanned(scanned.scanned, 1_700_000_000uL)
            val codes = vault.codes(1_700_000_000uL)
            assertEquals(listOf(id), codes.map { it.id })
            assertEquals("Amazon Web Services", codes[0].issuer)
            val again = assertThrows<WardException.Duplicate> { vault.addScanned(scanned.scanned, 1_700_000_000uL) }
            assertEquals(id, again.id)
        }
    }

    @Test
    fun paddedRowsAreRead() {
        val scanned = scan("aws-photo.jpg", padding = 64) as ScannedQr.Account
        assertEquals("Amazon Web Services", scanned.account.issuer)
    }

    @Test
    fun noCodeIsNullSoTheCameraKeepsScanning() {
        assertNull(scan("no-code.png"))
    }

    @Test
    fun twoCodesGiveAnAuthenticatorOne() {
        assertTrue(scan("two-codes.png") is ScannedQr.Account)
    }

    @Test
    fun aWebAddressIsNotAnAuthenticatorCode() {
        val error = assertThrows<WardException.InvalidInput> { scan("url-code.png") }
        assertTrue(error.reason.contains("https://example.com"), error.reason)
        assertFalse(error.reason.contains("poster"), "no path or query: ${error.reason}")
    }

    @Test
    fun googleExportScreenshotImportsIntoTheVault() {
        val frame = lumaOf(fixtures.resolve("google-export-screenshot.png"))
        val scanned = decodeQrPicture(frame.luma, frame.width.toUInt(), frame.height.toUInt(), frame.rowStride.toUInt())
        val code = scanned as ScannedQr.GoogleExport
        assertTrue(code.batchIndex < code.batchSize)
        Vault.create(dir.resolve("ward.vault").toString(), "pw".toByteArray()).use { vault ->
            // An export code is not a single account.
            assertThrows<WardException.InvalidInput> { vault.addScanned(code.scanned, 1_700_000_000uL) }
            val report = vault.importScanned(listOf(code.scanned), 1_700_000_000uL)
            assertEquals("Google Authenticator export", report.format)
            assertTrue(report.added.isNotEmpty())
            assertEquals(report.added.size, vault.codes(1_700_000_000uL).size)
        }
    }

    @Test
    fun frameGeometryIsChecked() {
        assertThrows<WardException.InvalidInput> { decodeQrLuma(ByteArray(10), 4u, 4u, 4u) }
        assertThrows<WardException.InvalidInput> { decodeQrLuma(ByteArray(16), 4u, 4u, 3u) }
        assertThrows<WardException.InvalidInput> { decodeQrLuma(ByteArray(0), 0u, 0u, 0u) }
    }
}
