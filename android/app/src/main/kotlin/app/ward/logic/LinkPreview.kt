package app.ward.logic

import java.net.URI
import java.net.URLDecoder

/**
 * What the confirmation screen shows before an otpauth:// link (tapped on the
 * phone or pasted) is added: the type, issuer and account from its label and
 * parameters. Never the secret. The core still parses and validates the whole
 * URI when the person confirms; this only reads the names for display.
 *
 * @property kind "TOTP", "HOTP" or "Steam".
 */
data class LinkPreview(val kind: String, val issuer: String, val account: String) {
    companion object {
        /** The preview of [link], or null when it is not an otpauth:// account link. */
        fun of(link: String): LinkPreview? {
            val uri = runCatching { URI(link.trim()) }.getOrNull() ?: return null
            if (!uri.scheme.equals("otpauth", ignoreCase = true)) return null
            val kind = when (uri.host?.lowercase()) {
                "totp" -> "TOTP"
                "hotp" -> "HOTP"
                "steam" -> "Steam"
                else -> return null
            }
            val label = decode(uri.rawPath.orEmpty().removePrefix("/"))
            val params = uri.rawQuery.orEmpty().split('&').mapNotNull {
                val parts = it.split('=', limit = 2)
                if (parts.size == 2) parts[0].lowercase() to decode(parts[1]) else null
            }.toMap()
            val labelIssuer = label.substringBefore(':', "").trim()
            val account = label.substringAfter(':').trim()
            val issuer = params["issuer"]?.trim().takeUnless { it.isNullOrEmpty() } ?: labelIssuer
            return LinkPreview(kind, issuer, account)
        }

        private fun decode(text: String): String = runCatching { URLDecoder.decode(text.replace("+", "%2B"), "UTF-8") }.getOrDefault(text)
    }
}
