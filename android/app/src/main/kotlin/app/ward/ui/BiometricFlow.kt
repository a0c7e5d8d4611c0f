package app.ward.ui

import android.security.keystore.KeyPermanentlyInvalidatedException
import app.ward.logic.GcmKeyWrap
import app.ward.platform.BiometricGate
import app.ward.platform.BiometricOutcome
import java.security.GeneralSecurityException

/**
 * Biometric unlock, end to end: the Keystore key ([app.ward.platform.BiometricKey])
 * makes a cipher, BiometricPrompt releases it through a CryptoObject
 * ([BiometricGate]), and the released cipher wraps or unwraps the vault's key
 * ([GcmKeyWrap]) inside the core's platform slot.
 */
class BiometricFlow(private val activity: MainActivity) {
    private val app = activity.app
    private val gate = BiometricGate(activity)

    /** Whether the device can do strong biometrics now. */
    fun isAvailable(): Boolean = gate.isAvailable()

    /** Unlocks the vault with a biometric; any failure leaves the password path open. */
    fun unlock() {
        val iv = app.preferences.biometricIv ?: return onKeyInvalidated()
        val cipher = try {
            app.biometricKey.cipherFor(iv)
        } catch (_: KeyPermanentlyInvalidatedException) {
            return onKeyInvalidated()
        } catch (e: GeneralSecurityException) {
            app.unlock.onBiometricFailed("Biometric unlock is not available (${e.javaClass.simpleName}).")
            return activity.render()
        }
        gate.authenticate(cipher, "Unlock Ward", "Confirm it's you to see your codes") { outcome ->
            when (outcome) {
                is BiometricOutcome.Authenticated ->
                    app.background.run({ app.unlock.submitPlatformKey(GcmKeyWrap(outcome.cipher)) }) { result ->
                        result.onFailure { SecureDialog.message(activity, "Unlock", it.message ?: "The vault could not be opened.") }
                        activity.render()
                    }
                BiometricOutcome.Cancelled -> app.unlock.onBiometricCancelled()
                is BiometricOutcome.Failed -> {
                    app.unlock.onBiometricFailed(outcome.message)
                    activity.render()
                }
            }
        }
    }

    /**
     * Turns biometric unlock on (or renews it after an invalidation): a new
     * Keystore key, one prompt, and the vault's key wrapped into the platform
     * slot. [onDone] gets a message for the person.
     */
    fun enable(onDone: (String) -> Unit) {
        val cipher = try {
            app.biometricKey.create()
            app.biometricKey.cipherFor(null)
        } catch (e: GeneralSecurityException) {
            return onDone("Biometric unlock could not be set up: enrol a fingerprint or face in the system settings first.")
        }
        gate.authenticate(cipher, "Turn on biometric unlock", "Confirm it's you") { outcome ->
            when (outcome) {
                is BiometricOutcome.Authenticated -> app.background.run({
                    val iv = outcome.cipher.iv
                    app.vault.enablePlatformKey(GcmKeyWrap(outcome.cipher))
                    app.preferences.biometricIv = iv
                    app.unlock.onPlatformKeyEnabled()
                }) { result ->
                    onDone(result.fold({ "Biometric unlock is on." }, { it.message ?: "Biometric unlock could not be turned on." }))
                }
                BiometricOutcome.Cancelled -> onDone("Biometric unlock stays off.")
                is BiometricOutcome.Failed -> onDone(outcome.message)
            }
        }
    }

    /** Turns biometric unlock off: the platform slot and the Keystore key go; the password stays. */
    fun disable(onDone: (String) -> Unit) {
        app.background.run({
            app.vault.disablePlatformKey()
            app.biometricKey.delete()
            app.preferences.biometricIv = null
        }) { result -> onDone(result.fold({ "Biometric unlock is off." }, { it.message ?: "Biometric unlock could not be turned off." })) }
    }

    /** Dismisses a showing prompt. */
    fun cancel() = gate.cancel()

    private fun onKeyInvalidated() {
        app.unlock.onPlatformKeyInvalidated()
        activity.render()
    }
}
