package app.ward.core

import java.security.SecureRandom
import javax.crypto.Cipher
import javax.crypto.spec.GCMParameterSpec
import javax.crypto.spec.SecretKeySpec

/**
 * The platform key store as the apps implement it, faked in memory: an
 * AES-256-GCM key that never leaves this object wraps the vault's slot key.
 * Android would keep that key in the Keystore, iOS in the Keychain.
 */
class MemoryKeyStore : KeyStore {
    private val key = SecretKeySpec(ByteArray(32).also { SecureRandom().nextBytes(it) }, "AES")
    private val random = SecureRandom()
    var wraps = 0
        private set
    var unwraps = 0
        private set

    override fun wrap(key: ByteArray): ByteArray {
        wraps++
        require(key.size == 32) { "the vault wraps 32-byte keys" }
        val nonce = ByteArray(12).also { random.nextBytes(it) }
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, this.key, GCMParameterSpec(128, nonce))
        return nonce + cipher.doFinal(key)
    }

    override fun unwrap(wrapped: ByteArray): ByteArray {
        unwraps++
        if (wrapped.size < 12 + 16) throw WardException.KeyInvalidated()
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(128, wrapped, 0, 12))
        return try {
            cipher.doFinal(wrapped, 12, wrapped.size - 12)
        } catch (e: javax.crypto.AEADBadTagException) {
            throw WardException.KeyInvalidated()
        }
    }
}

/** A key store whose user always cancels the biometric prompt; counts the prompts. */
class CancellingKeyStore : KeyStore {
    var prompts = 0
        private set

    override fun wrap(key: ByteArray): ByteArray {
        prompts++
        throw WardException.Cancelled()
    }

    override fun unwrap(wrapped: ByteArray): ByteArray {
        prompts++
        throw WardException.Cancelled()
    }
}

/** A key store with a bug: it throws an exception UniFFI does not know. */
class BrokenKeyStore : KeyStore {
    override fun wrap(key: ByteArray): ByteArray = throw IllegalStateException("keystore bug")
    override fun unwrap(wrapped: ByteArray): ByteArray = throw IllegalStateException("keystore bug")
}

/** A key store that hands back the wrong bytes (another device's key). */
class WrongKeyStore : KeyStore {
    override fun wrap(key: ByteArray): ByteArray = ByteArray(44)
    override fun unwrap(wrapped: ByteArray): ByteArray = ByteArray(32) { 7 }
}
