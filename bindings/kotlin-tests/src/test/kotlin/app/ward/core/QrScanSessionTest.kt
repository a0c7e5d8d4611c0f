package app.ward.core

import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** A camera session's frames through QrScanSession: the results and errors of decodeQrLuma. */
class QrScanSessionTest {
    private val fixtures: Path =
        Path.of(System.getProperty("ward.repo.root", "../.."), "tests", "fixtures", "qr")

    private fun QrScanSession.scan(name: String, padding: Int = 0): ScannedQr? {
        val frame = lumaOf(fixtures.resolve(name), padding)
        return decodeLuma(frame.luma, frame.width.toUInt(), frame.height.toUInt(), frame.rowStride.toUInt())
    }

    @Test
    fun framesOfOneSessionReadLikeOneShotDecoding() {
        QrScanSession().use { session ->
            repeat(3) {
                val scanned = session.scan("aws-photo.jpg", padding = 32) as ScannedQr.Account
                assertEquals("Amazon Web Services", scanned.account.issuer)
            }
            assertNull(session.scan("no-code.png"))
            assertTrue(session.scan("two-codes.png") is ScannedQr.Account)
            // A frame after a code-less one is read again.
            assertTrue(session.scan("aws-photo.jpg") is ScannedQr.Account)
        }
    }

    @Test
    fun refusalsAndBadFramesAreTheSameErrors() {
        QrScanSession().use { session ->
            val error = assertThrows<WardException.InvalidInput> { session.scan("url-code.png") }
            assertTrue(error.reason.contains("https://example.com"), error.reason)
            assertThrows<WardException.InvalidInput> { session.decodeLuma(ByteArray(10), 4u, 4u, 4u) }
            assertThrows<WardException.InvalidInput> { session.decodeLuma(ByteArray(16), 4u, 4u, 3u) }
            // The session keeps working after an error.
            assertTrue(session.scan("aws-photo.jpg") is ScannedQr.Account)
        }
    }
}
