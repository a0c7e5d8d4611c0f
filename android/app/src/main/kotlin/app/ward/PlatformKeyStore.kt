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
 * never holds key material; the core then reports it and the password still
 * opens the vault.
 */
class PlatformKeyStore(private val key: PlatformKey) : KeyStore {
    override fun wrap(key: ByteArray): ByteArray = guarded { this.key.wrap(key) }

    override fun unwrap(wrapped: ByteArray): ByteArray = guarded { key.unwrap(wrapped) }

    private inline fun guarded(operation: () -> ByteArray): ByteArray =
        try {
            operation()
        } catch (e: KeyWrapException) {
            if (e.invalidated) throw WardException.KeyInvalidated()
            throw WardException.KeyStore(e.message ?: "the device key failed")
        } catch (e: KeyPermanentlyInvalidatedException) {
            // New biometrics enrolled (or all removed) since the key was made.
            throw WardException.KeyInvalidated()
        } catch (e: GeneralSecurityException) {
            // Class name only: Keystore messages are not meant for people and may change.
            throw WardException.KeyStore("the device key refused the operation (${e.javaClass.simpleName})")
        } catch (e: IllegalStateException) {
            throw WardException.KeyStore("the device key was used outside its prompt")
        }
}
