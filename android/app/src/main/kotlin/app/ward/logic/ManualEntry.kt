package app.ward.logic

import java.net.URLEncoder

/**
 * The fields of the manual-entry form, turned into an otpauth URI (Google's Key
 * Uri Format) so the core parses and validates it exactly as it does a scanned
 * QR code. Nothing here checks the secret: the core's parser says what is wrong.
 */
data class ManualEntry(
    val issuer: String,
    val account: String,
    val secret: String,
    val type: OtpType = OtpType.TOTP,
    val algorithm: String = "SHA1",
    val digits: Int = 6,
    val period: Long = 30,
    val counter: Long = 0,
) {
    /** The otpauth:// URI; spaces and dashes people type inside a base32 secret are dropped. */
    fun toUri(): String {
        val host = when (type) {
            OtpType.TOTP -> "totp"
            OtpType.HOTP -> "hotp"
            OtpType.STEAM -> "steam"
        }
        val label = if (issuer.isBlank()) encode(account.trim()) else encode(issuer.trim()) + ":" + encode(account.trim())
        val params = buildList {
            add("secret=" + encode(secret.filterNot { it.isWhitespace() || it == '-' }.uppercase()))
            if (issuer.isNotBlank()) add("issuer=" + encode(issuer.trim()))
            if (type != OtpType.STEAM) {
                add("algorithm=" + encode(algorithm))
                add("digits=$digits")
            }
            if (type == OtpType.HOTP) add("counter=$counter") else add("period=$period")
        }
        return "otpauth://$host/$label?" + params.joinToString("&")
    }

    private fun encode(text: String): String = URLEncoder.encode(text, "UTF-8").replace("+", "%20")
}
