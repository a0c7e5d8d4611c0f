package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The scan session's collecting logic, with part numbers given directly (the core reads them in [CoreScanTest]). */
class ScanSessionTest {
    private val parts = mapOf(
        "otpauth-migration://offline?data=A" to MigrationPart(0, 3, 7),
        "otpauth-migration://offline?data=B" to MigrationPart(1, 3, 7),
        "otpauth-migration://offline?data=C" to MigrationPart(2, 3, 7),
        "otpauth-migration://offline?data=X" to MigrationPart(0, 2, 9),
    )
    private val session = ScanSession { parts[it] }

    @Test
    fun `a single account is ready at once`() {
        val uri = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP"
        assertEquals(ScanProgress.Account(uri), session.accept(" $uri\n"))
    }

    @Test
    fun `export parts are collected in any order, duplicates ignored, until complete`() {
        assertEquals(ScanProgress.Collecting(1, 3, listOf(1, 3)), session.accept("otpauth-migration://offline?data=B"))
        assertEquals(ScanProgress.Collecting(1, 3, listOf(1, 3)), session.accept("otpauth-migration://offline?data=B"))
        assertEquals(ScanProgress.Collecting(2, 3, listOf(1)), session.accept("otpauth-migration://offline?data=C"))
        assertEquals(
            ScanProgress.Export(parts.keys.take(3).toList()),
            session.accept("otpauth-migration://offline?data=A"),
        )
    }

    @Test
    fun `a part of another export starts over`() {
        session.accept("otpauth-migration://offline?data=A")
        assertEquals(ScanProgress.Collecting(1, 2, listOf(2)), session.accept("otpauth-migration://offline?data=X"))
    }

    @Test
    fun `other QR codes and unreadable parts keep the scan going with a hint`() {
        assertTrue(session.accept("https://example.com") is ScanProgress.Scanning)
        assertTrue(session.accept("otpauth-migration://offline?data=garbage") is ScanProgress.Scanning)
        val throwing = ScanSession { error("bad payload") }
        assertTrue(throwing.accept("otpauth-migration://offline?data=A") is ScanProgress.Scanning)
    }

    @Test
    fun `a single-part export completes immediately`() {
        val single = ScanSession { MigrationPart(0, 1, 1) }
        assertEquals(ScanProgress.Export(listOf("otpauth-migration://offline?data=Z")), single.accept("otpauth-migration://offline?data=Z"))
    }
}
