package app.ward.core

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** otpauth URI parsing and its errors as Kotlin exceptions. */
class UriTest {
    @Test
    fun awsStyleUri() {
        val account = parseUri(
            "otpauth://totp/Amazon%20Web%20Services:alice@123456789012" +
                "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services",
        )
        assertEquals(
            AccountRecord(
                issuer = "Amazon Web Services",
                name = "alice@123456789012",
                kind = OtpKind.TOTP,
                algorithm = Algorithm.SHA1,
                digits = 6u,
                period = 30uL,
                counter = null,
                shortSecret = false,
            ),
            account,
        )
    }

    @Test
    fun hotpAndSteamShapes() {
        val hotp = parseUri("otpauth://hotp/Example:bob?secret=JBSWY3DPEHPK3PXP&counter=7&digits=8&algorithm=SHA512")
        assertEquals(OtpKind.HOTP, hotp.kind)
        assertEquals(Algorithm.SHA512, hotp.algorithm)
        assertEquals(8u, hotp.digits)
        assertEquals(7uL, hotp.counter)
        assertEquals(null, hotp.period)
        assertTrue(hotp.shortSecret, "an 80-bit secret is below RFC 4226's 128 bits")

        val steam = parseUri("otpauth://totp/Steam:carol?secret=JBSWY3DPEHPK3PXP&encoder=steam")
        assertEquals(OtpKind.STEAM, steam.kind)
        assertEquals(5u, steam.digits)
    }

    @Test
    fun missingSecretSaysWhatToDo() {
        val error = assertThrows<WardException.InvalidInput> { parseUri("otpauth://totp/Example:alice") }
        assertTrue(error.reason.contains("secret="), error.reason)
        assertEquals(error.reason, error.toString())
    }

    @Test
    fun badBase32NamesCharacterAndPosition() {
        val error = assertThrows<WardException.InvalidInput> {
            parseUri("otpauth://totp/Example:alice?secret=JBSW0Y3DP")
        }
        assertTrue(error.reason.contains("'0' at position 5"), error.reason)
    }

    @Test
    fun googleExportMustBeImported() {
        val error = assertThrows<WardException.InvalidInput> {
            parseUri("otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8")
        }
        assertTrue(error.reason.contains("import"), error.reason)
    }

    @Test
    fun errorsNeverEchoTheSecret() {
        val secret = "JBSWY3DPEHPK3PXPJBSWY3DP"
        for (uri in listOf(
            "otpauth:/totp/x?secret=$secret",
            "https://example.com/?secret=$secret",
            "otpauth://totp/x?secret=$secret&algorithm=MD5",
            "otpauth://totp/x?secret=$secret&digits=4",
        )) {
            val error = assertThrows<WardException> { parseUri(uri) }
            assertFalse(error.toString().contains("JBSWY3DP"), error.toString())
            assertFalse(error.message.orEmpty().contains("JBSWY3DP"), error.message)
        }
    }

    @Test
    fun unknownAlgorithmAndDigitsAreRefused() {
        assertThrows<WardException.InvalidInput> {
            parseUri("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5")
        }
        assertThrows<WardException.InvalidInput> {
            parseUri("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5")
        }
    }

    @Test
    fun initLoggingIsANoOpOnTheJvm() {
        initLogging()
        initLogging()
    }
}
