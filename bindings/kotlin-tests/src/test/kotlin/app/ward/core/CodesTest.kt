package app.ward.core

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Code records through the generated Kotlin (the RFC vectors are in [VectorsTest]). */
class CodesTest {
    private val rfcSeedSha1 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // "12345678901234567890"

    @Test
    fun countdownAndNextCode() {
        val uri = "otpauth://totp/RFC:6238?secret=$rfcSeedSha1&digits=8"
        val at59 = codeAt(uri, 59uL)
        val at60 = codeAt(uri, 60uL)
        assertEquals(1uL, at59.secondsRemaining)
        assertEquals(30uL, at59.period)
        assertEquals(1uL, at59.counter)
        assertEquals(at60.code, at59.nextCode)
        assertEquals(30uL, at60.secondsRemaining)
    }

    @Test
    fun hotpCodesDoNotExpire() {
        val code = codeAt("otpauth://hotp/x?secret=$rfcSeedSha1&counter=1", 1_700_000_000uL)
        assertEquals("287082", code.code)
        assertEquals("359152", code.nextCode)
        assertEquals(0uL, code.secondsRemaining)
        assertEquals(0uL, code.period)
    }

    @Test
    fun steamCodesUseTheirAlphabet() {
        val code = codeAt("otpauth://steam/Steam:alice?secret=$rfcSeedSha1", 1_700_000_000uL).code
        assertEquals(5, code.length)
        assertTrue(code.all { it in "23456789BCDFGHJKMNPQRTVWXY" }, code)
    }

    @Test
    fun farFutureTimesWork() {
        val code = codeAt("otpauth://totp/x?secret=$rfcSeedSha1&period=1", ULong.MAX_VALUE)
        assertEquals(ULong.MAX_VALUE, code.counter)
        assertEquals(1uL, code.secondsRemaining)
        assertFalse(code.code.isEmpty())
        assertNull(parseUri("otpauth://totp/x?secret=$rfcSeedSha1").counter)
    }

    @Test
    fun badUriForCodeIsInvalidInput() {
        assertThrows<WardException.InvalidInput> { codeAt("otpauth://totp/x", 0uL) }
    }
}
