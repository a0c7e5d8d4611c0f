package app.ward.platform

import android.app.Activity
import javax.crypto.Cipher

/**
 * The Keystore key behind biometric unlock, as the app uses it. On a phone it
 * is [BiometricKey] (AndroidKeyStore); tests inject a software key that can
 * also throw, be invalidated or refuse to be generated, since Robolectric has
 * no AndroidKeyStore.
 */
interface DeviceKey {
    /**
     * Replaces any key with a new one; true when StrongBox holds it. Slow
     * (StrongBox key generation takes seconds): never on the main thread.
     *
     * @throws java.security.GeneralSecurityException or [java.security.ProviderException] when the Keystore refuses.
     */
    fun create(): Boolean

    /** Removes the key. */
    fun delete()

    /**
     * A cipher for the prompt: encrypting when [iv] is null, decrypting with [iv] otherwise.
     *
     * @throws android.security.keystore.KeyPermanentlyInvalidatedException when biometrics changed.
     * @throws java.security.GeneralSecurityException when the key is missing or unusable.
     */
    fun cipherFor(iv: ByteArray?): Cipher
}

/** The system prompt that releases a Keystore cipher after a strong biometric ([BiometricGate] on a phone). */
interface BiometricPrompter {
    /** Whether the device can do strong biometrics now. */
    fun isAvailable(): Boolean

    /** Asks for a biometric to release [cipher]; [onResult] runs on the main thread exactly once. */
    fun authenticate(cipher: Cipher, title: String, subtitle: String, onResult: (BiometricOutcome) -> Unit)

    /** Dismisses a showing prompt. */
    fun cancel()
}

/** What the app needs from the platform's key store and biometrics; replaceable in tests. */
class DeviceSecurity(
    /** The Keystore key, created on first use (never touched at app start). */
    val key: () -> DeviceKey,
    /** The prompt for an activity. */
    val prompter: (Activity) -> BiometricPrompter,
)
