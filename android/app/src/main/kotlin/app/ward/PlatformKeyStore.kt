package app.ward

import android.security.keystore.KeyPermanentlyInvalidatedException
import app.ward.core.KeyStore
import app.ward.core.WardException
import app.ward.logic.KeyWrapException
import app.ward.logic.PlatformKey
import java.security.GeneralSecurityException

/**
 * The core's KeyStore foreign trait, implemented by a [PlatformKey] (on Android,
 * [app.ward.logic.GcmKeyWrap] over a Keystore cipher released by
 * BiometricPrompt). Failures become the core's `KeyStore` error, whose reason
 * is a short code (never key material, never a sentence: the screens word
 * key-store failures, with the code as a detail); the password still opens the vault.
 */
class PlatformKeyStore(private val key: PlatformKey) : KeyStore {
    override fun wrap(key: ByteArray): ByteArray = guarded { this.key.wrap(key) }

    override fun unwrap(wrapped: ByteArray): ByteArray = guarded { key.unwrap(wrapped) }

    private inline fun guarded(operation: () -> ByteArray): ByteArray =
        try {
            operation()
        } catch (e: KeyWrapException) {
            if (e.invalidated) throw WardException.KeyInvalidated()
            throw WardException.KeyStore(e.reason.code)
        } catch (e: KeyPermanentlyInvalidatedException) {
            // New biometrics enrolled (or all removed) since the key was made.
            throw WardException.KeyInvalidated()
        } catch (e: GeneralSecurityException) {
            // Class name only: Keystore messages are not meant for people and may change.
            throw WardException.KeyStore(e.javaClass.simpleName)
        } catch (e: IllegalStateException) {
            throw WardException.KeyStore(OUTSIDE_PROMPT)
        }

    private companion object {
        /** The reason code when the key was used outside its biometric prompt (an IllegalStateException). */
        const val OUTSIDE_PROMPT = "used-outside-prompt"
    }
}
