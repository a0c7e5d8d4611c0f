package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class LinkPreviewTest {
    @Test
    fun `shows the issuer, account and type of an AWS link, never the secret`() {
        val preview = LinkPreview.of(
            "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services",
        )
        assertEquals(LinkPreview("TOTP", "Amazon Web Services", "alice@123456789012"), preview)
        assertEquals(false, preview.toString().contains("GEZDGNBV"))
    }

    @Test
    fun `takes the issuer from the label when the parameter is missing, and refuses other links`() {
        assertEquals(LinkPreview("HOTP", "Bank", "token"), LinkPreview.of("otpauth://hotp/Bank:token?secret=AAAA&counter=3"))
        assertNull(LinkPreview.of("https://example.com/"))
        assertNull(LinkPreview.of("otpauth-migration://offline?data=abc"))
        assertNull(LinkPreview.of("otpauth://unknown/x?secret=AAAA"))
    }
}
