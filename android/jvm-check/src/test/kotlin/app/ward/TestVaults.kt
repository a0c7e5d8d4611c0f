package app.ward

import java.io.File
import java.nio.file.Files
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/** Helpers shared by the tests that run the app's logic against the real core. */
object TestVaults {
    /** A vault path in a fresh temporary directory (the file does not exist yet). */
    fun newFile(): File = Files.createTempDirectory("ward-android-test").toFile().resolve("vault/ward.vault")

    /** A password as the UI hands it over: fresh UTF-8 bytes the callee may wipe. */
    fun password(text: String = "correct horse battery staple"): ByteArray = text.toByteArray(Charsets.UTF_8)

    const val AWS = "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services"
    const val GITHUB = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub"
    const val HOTP = "otpauth://hotp/Bank:token?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=Bank"
}

/**
 * A software stand-in for the Android Keystore key: an AES-256 key in memory,
 * handing out one-shot GCM ciphers the way BiometricPrompt releases them.
 */
class SoftwareKeystoreKey {
    private var key: SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()

    /** An encrypting cipher (fresh random IV). */
    fun encrypting(): Cipher = Cipher.getInstance("AES/GCM/NoPadding").apply { init(Cipher.ENCRYPT_MODE, key) }

    /** A decrypting cipher for [iv]. */
    fun decrypting(iv: ByteArray): Cipher =
        Cipher.getInstance("AES/GCM/NoPadding").apply { init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(128, iv)) }

    /** Simulates enrolment of a new fingerprint: the old key is gone, a new one takes its name. */
    fun invalidate() {
        key = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    }
}
