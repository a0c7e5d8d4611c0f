package app.ward.logic

import app.ward.core.Algorithm
import app.ward.core.OtpKind
import app.ward.core.WardException
import app.ward.core.codeAt
import app.ward.core.parseUri
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The manual-entry form's URI, read back by the real core. */
class ManualEntryTest {
    @Test
    fun `a typed AWS account parses with its names and defaults`() {
        val uri = ManualEntry("Amazon Web Services", "alice@123456789012", "jbsw y3dp-ehpk 3pxp").toUri()
        val account = parseUri(uri)
        assertEquals("Amazon Web Services", account.issuer)
        assertEquals("alice@123456789012", account.name)
        assertEquals(OtpKind.TOTP, account.kind)
        assertEquals(Algorithm.SHA1, account.algorithm)
        assertEquals(6u, account.digits)
        assertEquals(30uL, account.period)
    }

    @Test
    fun `names with colons, spaces and non-ASCII survive the round trip`() {
        val account = parseUri(ManualEntry("Café & Co: Paris", "zoë+test@example.com", "JBSWY3DPEHPK3PXP").toUri())
        assertEquals("Café & Co: Paris", account.issuer)
        assertEquals("zoë+test@example.com", account.name)
    }

    @Test
    fun `advanced settings reach the core, and the code matches RFC 6238`() {
        val entry = ManualEntry(
            issuer = "RFC",
            account = "6238",
            secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
            algorithm = "SHA1",
            digits = 8,
            period = 30,
        )
        assertEquals("94287082", codeAt(entry.toUri(), 59uL).code)
        val sha256 = parseUri(entry.copy(algorithm = "SHA256", period = 60).toUri())
        assertEquals(Algorithm.SHA256, sha256.algorithm)
        assertEquals(60uL, sha256.period)
    }

    @Test
    fun `HOTP and Steam entries`() {
        val hotp = parseUri(ManualEntry("Bank", "", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", type = OtpType.HOTP, counter = 5).toUri())
        assertEquals(OtpKind.HOTP, hotp.kind)
        assertEquals(5uL, hotp.counter)
        assertNull(hotp.period)
        val steam = parseUri(ManualEntry("Steam", "gabe", "JBSWY3DPEHPK3PXP", type = OtpType.STEAM).toUri())
        assertEquals(OtpKind.STEAM, steam.kind)
        assertEquals(5u, steam.digits)
    }

    @Test
    fun `a bad secret is refused by the core with a reason`() {
        val error = assertThrows<WardException.InvalidInput> { parseUri(ManualEntry("X", "y", "not base32!").toUri()) }
        assert(error.reason.isNotBlank())
        assertThrows<WardException.InvalidInput> { parseUri(ManualEntry("X", "y", "JBSWY3DPEHPK3PXP", digits = 3).toUri()) }
    }
}
