package app.ward.core

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** RFC 4226 / RFC 6238 vectors and code records, through the generated Kotlin. */
class CodesTest {
    private val rfcSeedSha1 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // "12345678901234567890"
    private val rfcSeedSha256 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA" // 32 bytes
    private val rfcSeedSha512 =
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA" // 64 bytes

    @Test
    fun rfc4226AppendixDVectors() {
        val expected = listOf(
            "755224", "287082", "359152", "969429", "338314",
            "254676", "287922", "162583", "399871", "520489",
        )
        expected.forEachIndexed { counter, code ->
            val uri = "otpauth://hotp/RFC:4226?secret=$rfcSeedSha1&counter=$counter"
            assertEquals(code, codeAt(uri, 0uL).code, "counter $counter")
        }
    }

    @Test
    fun rfc6238AppendixBVectors() {
        val rows = listOf(
            Triple(59uL, "SHA1", "94287082"),
            Triple(59uL, "SHA256", "46119246"),
            Triple(59uL, "SHA512", "90693936"),
            Triple(1111111109uL, "SHA1", "07081804"),
            Triple(1111111109uL, "SHA256", "68084774"),
            Triple(1111111109uL, "SHA512", "25091201"),
            Triple(1234567890uL, "SHA1", "89005924"),
            Triple(1234567890uL, "SHA256", "91819424"),
            Triple(1234567890uL, "SHA512", "93441116"),
            Triple(20000000000uL, "SHA1", "65353130"),
            Triple(20000000000uL, "SHA256", "77737706"),
            Triple(20000000000uL, "SHA512", "47863826"),
        )
        for ((time, algorithm, code) in rows) {
            val seed = when (algorithm) {
                "SHA1" -> rfcSeedSha1
                "SHA256" -> rfcSeedSha256
                else -> rfcSeedSha512
            }
            val uri = "otpauth://totp/RFC:6238?secret=$seed&algorithm=$algorithm&digits=8"
            assertEquals(code, codeAt(uri, time).code, "$algorithm at $time")
        }
    }

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
