package app.ward.platform

import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The AES-256-GCM key in the Android Keystore that wraps the vault's master
 * key for biometric unlock (MASTG-TEST-0018):
 *
 * - generated inside the Keystore, in StrongBox when the device has it;
 * - usable only after a Class 3 (strong) biometric authentication, for one
 *   operation each time (`setUserAuthenticationRequired` with no validity
 *   window), so it is reached only through BiometricPrompt with a CryptoObject;
 * - invalidated when a biometric is enrolled or all are removed
 *   (`setInvalidatedByBiometricEnrollment(true)`): [cipherFor] then throws
 *   [android.security.keystore.KeyPermanentlyInvalidatedException]. The app
 *   answers that by asking for the password; nothing in the vault is deleted.
 *
 * @property alias the Keystore entry's name.
 */
class BiometricKey(private val context: Context, private val alias: String = DEFAULT_ALIAS) : DeviceKey {
    private val keyStore: KeyStore by lazy { KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) } }

    /** True when a key exists under [alias] (it may still be invalidated). */
    fun exists(): Boolean = keyStore.containsAlias(alias)

    /** Replaces any key under [alias] with a new one and returns whether StrongBox holds it. */
    override fun create(): Boolean {
        delete()
        if (context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)) {
            try {
                generate(strongBox = true)
                return true
            } catch (_: StrongBoxUnavailableException) {
                // Fall through to the TEE-backed key.
            }
        }
        generate(strongBox = false)
        return false
    }

    /** Removes the key; the wrapped master key in the vault then can only be opened with the password. */
    override fun delete() {
        if (keyStore.containsAlias(alias)) keyStore.deleteEntry(alias)
    }

    /**
     * A cipher to hand to BiometricPrompt: encrypting (new IV chosen by the
     * Keystore) when [iv] is null, decrypting a blob with that IV otherwise.
     *
     * @throws android.security.keystore.KeyPermanentlyInvalidatedException when biometrics changed since [create].
     * @throws java.security.GeneralSecurityException when the key is missing or unusable.
     */
    override fun cipherFor(iv: ByteArray?): Cipher {
        val key = keyStore.getKey(alias, null) as? SecretKey
            ?: throw java.security.KeyStoreException(MISSING_KEY)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        if (iv == null) {
            cipher.init(Cipher.ENCRYPT_MODE, key)
        } else {
            cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, iv))
        }
        return cipher
    }

    private fun generate(strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setKeySize(KEY_BITS)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setRandomizedEncryptionRequired(true)
            .setUserAuthenticationRequired(true)
            .setInvalidatedByBiometricEnrollment(true)
            .setUnlockedDeviceRequired(true)
            .setIsStrongBoxBacked(strongBox)
            .apply {
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
                    // Every use needs a fresh strong biometric; no device-credential fallback.
                    setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
                }
                // Before API 30 the default (no validity duration) already means
                // "biometric authentication for every use".
            }
            .build()
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE)
        generator.init(spec)
        return generator.generateKey()
    }

    companion object {
        /** The Keystore provider's name. */
        const val ANDROID_KEYSTORE: String = "AndroidKeyStore"

        /** The key's name in the Keystore. */
        const val DEFAULT_ALIAS: String = "app.ward.vault.biometric"

        /** The KeyStoreException's message when the key is gone (a code, never shown: the screens word the failure). */
        private const val MISSING_KEY = "biometric-key-missing"
        private const val TRANSFORMATION = "AES/GCM/NoPadding"
        private const val KEY_BITS = 256
        private const val TAG_BITS = 128
    }
}
