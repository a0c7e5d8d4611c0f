package app.ward.logic

import javax.crypto.Cipher

/**
 * Wraps and unwraps the vault's 32-byte master key with an AES-GCM [Cipher]
 * that the platform has already initialised (on Android: a Keystore key
 * unlocked by BiometricPrompt through a CryptoObject; in tests: a software key).
 *
 * A wrapped key is the cipher's 12-byte IV followed by the ciphertext and its
 * 16-byte tag. The Keystore picks the IV when encrypting, so the app keeps a
 * copy of it ([ivOf]) to initialise the decrypting cipher before the prompt;
 * [unwrap] refuses a blob whose IV is not the cipher's, so a stale copy fails
 * cleanly instead of producing a wrong key.
 *
 * Each cipher is good for one operation, as an authenticated Keystore cipher is.
 */
class GcmKeyWrap(private val cipher: Cipher) : PlatformKey {
    /** Encrypts [key] (32 bytes); the cipher must be in encrypt mode. */
    override fun wrap(key: ByteArray): ByteArray {
        require(key.size == KEY_BYTES) { "the master key must be $KEY_BYTES bytes" }
        val iv = cipher.iv ?: throw KeyWrapException(KeyWrapException.Reason.NO_IV)
        require(iv.size == IV_BYTES) { "AES-GCM IV must be $IV_BYTES bytes" }
        val sealed = cipher.doFinal(key)
        return iv + sealed
    }

    /** Decrypts a blob made by [wrap]; the cipher must be in decrypt mode with the blob's IV. */
    override fun unwrap(wrapped: ByteArray): ByteArray {
        if (wrapped.size != WRAPPED_BYTES) throw KeyWrapException(KeyWrapException.Reason.WRAPPED_SIZE)
        val iv = ivOf(wrapped)
        if (!iv.contentEquals(cipher.iv)) {
            throw KeyWrapException(KeyWrapException.Reason.OTHER_IV)
        }
        val key = try {
            cipher.doFinal(wrapped, IV_BYTES, wrapped.size - IV_BYTES)
        } catch (e: javax.crypto.AEADBadTagException) {
            // Another key (a new one after biometric enrolment) or a damaged blob: either way this key cannot open it.
            throw KeyWrapException(KeyWrapException.Reason.OTHER_KEY)
        }
        if (key.size != KEY_BYTES) {
            key.fill(0)
            throw KeyWrapException(KeyWrapException.Reason.UNWRAPPED_SIZE)
        }
        return key
    }

    companion object {
        /** The master key's size. */
        const val KEY_BYTES: Int = 32

        /** AES-GCM's standard nonce size. */
        const val IV_BYTES: Int = 12

        /** GCM's tag size. */
        const val TAG_BYTES: Int = 16

        /** The size of a wrapped key: IV, ciphertext and tag. */
        const val WRAPPED_BYTES: Int = IV_BYTES + KEY_BYTES + TAG_BYTES

        /** The IV at the front of a wrapped key. */
        fun ivOf(blob: ByteArray): ByteArray {
            if (blob.size < IV_BYTES) throw KeyWrapException(KeyWrapException.Reason.TOO_SHORT)
            return blob.copyOfRange(0, IV_BYTES)
        }
    }
}

/**
 * A wrapped key could not be produced or opened, for [reason]. The message is
 * the reason's code (for logs and the core's key-store error), never a sentence:
 * the screens word key-store failures from their resources.
 */
class KeyWrapException(val reason: Reason) : Exception(reason.code) {
    /** Why wrapping or unwrapping failed. */
    enum class Reason {
        /** The cipher has no IV: it was not set up to encrypt. */
        NO_IV,

        /** The wrapped key has the wrong size. */
        WRAPPED_SIZE,

        /** The wrapped key is shorter than an IV. */
        TOO_SHORT,

        /** The blob's IV is not the cipher's: this key was set up for another blob. */
        OTHER_IV,

        /** The key does not open the blob (a new key after biometric enrolment, or a damaged blob). */
        OTHER_KEY,

        /** The unwrapped key has the wrong size. */
        UNWRAPPED_SIZE,
        ;

        /** The reason as a short code, e.g. `wrapped-size`. */
        val code: String get() = name.lowercase().replace('_', '-')
    }

    /**
     * True when this key can never open the blob (the key was replaced, or the
     * blob belongs to another key): biometric unlock must be turned on again
     * after a password unlock.
     */
    val invalidated: Boolean get() = reason == Reason.OTHER_IV || reason == Reason.OTHER_KEY
}
