package app.ward.ui

import android.security.keystore.KeyPermanentlyInvalidatedException
import app.ward.R
import app.ward.logic.GcmKeyWrap
import app.ward.platform.BiometricOutcome
import java.security.GeneralSecurityException
import java.security.ProviderException
import javax.crypto.Cipher

/**
 * Biometric unlock, end to end: the Keystore key ([app.ward.platform.DeviceKey])
 * makes a cipher, BiometricPrompt releases it through a CryptoObject
 * ([app.ward.platform.BiometricPrompter]), and the released cipher wraps or
 * unwraps the vault's key ([GcmKeyWrap]) inside the core's platform slot.
 *
 * Every failure ends on the unlock screen with the password field and a
 * message; none re-opens the prompt by itself, and none deletes anything.
 */
class BiometricFlow(private val activity: MainActivity) {
    private val app = activity.app
    private val gate = app.security.prompter(activity)

    /** Whether the device can do strong biometrics now. */
    fun isAvailable(): Boolean = runCatching { gate.isAvailable() }.getOrDefault(false)

    /** Unlocks the vault with a biometric; any failure leaves the password path open. */
    fun unlock() {
        val iv = app.preferences.biometricIv ?: return onKeyInvalidated()
        val cipher = try {
            app.security.key().cipherFor(iv)
        } catch (_: KeyPermanentlyInvalidatedException) {
            return onKeyInvalidated()
        } catch (e: GeneralSecurityException) {
            return failed(activity.getString(R.string.biometric_unavailable, e.javaClass.simpleName))
        } catch (e: ProviderException) {
            return failed(activity.getString(R.string.biometric_unavailable, e.javaClass.simpleName))
        }
        gate.authenticate(cipher, activity.getString(R.string.biometric_unlock_title), activity.getString(R.string.biometric_unlock_subtitle)) { outcome ->
            when (outcome) {
                is BiometricOutcome.Authenticated ->
                    app.background.run({ app.unlock.submitPlatformKey(GcmKeyWrap(outcome.cipher)) }) { result ->
                        result.onFailure {
                            app.unlock.onBiometricFailed(activity.problemText(it, R.string.vault_not_opened))
                        }
                        activity.render()
                    }
                BiometricOutcome.Cancelled -> app.unlock.onBiometricCancelled()
                is BiometricOutcome.Failed -> failed(outcome.message)
            }
        }
    }

    /**
     * Turns biometric unlock on (or renews it after an invalidation): a new
     * Keystore key, made on the vault thread (StrongBox takes seconds and may
     * throw ProviderException), one prompt, and the vault's key wrapped into
     * the platform slot, which replaces any older one. Without a recent
     * unlock the vault password is asked for first ([Reauth]). [onDone] gets a
     * message for the person.
     */
    fun enable(onDone: (String) -> Unit) {
        app.background.run({
            val key = app.security.key()
            key.create()
            key.cipherFor(null)
        }) { made: Result<Cipher> ->
            made.fold({ cipher -> prompt(cipher, onDone) }) {
                onDone(activity.getString(R.string.biometric_setup_failed, it.javaClass.simpleName))
            }
        }
    }

    private fun prompt(cipher: Cipher, onDone: (String) -> Unit) {
        gate.authenticate(cipher, activity.getString(R.string.biometric_enable_title), activity.getString(R.string.biometric_enable_subtitle)) { outcome ->
            when (outcome) {
                is BiometricOutcome.Authenticated -> Reauth.run(activity, {
                    val iv = outcome.cipher.iv
                    app.vault.enablePlatformKey(GcmKeyWrap(outcome.cipher))
                    app.preferences.biometricIv = iv
                    app.unlock.onPlatformKeyEnabled()
                }) { result ->
                    onDone(result.fold({ activity.getString(R.string.biometric_on) }, { activity.problemText(it, R.string.biometric_not_turned_on) }))
                }
                BiometricOutcome.Cancelled -> onDone(activity.getString(R.string.biometric_stays_off))
                is BiometricOutcome.Failed -> onDone(outcome.message)
            }
        }
    }

    /** Turns biometric unlock off: the platform slot and the Keystore key go; the password stays. */
    fun disable(onDone: (String) -> Unit) {
        app.background.run({
            app.vault.disablePlatformKey()
            app.security.key().delete()
            app.preferences.biometricIv = null
        }) { result ->
            onDone(result.fold({ activity.getString(R.string.biometric_off) }, { activity.problemText(it, R.string.biometric_not_turned_off) }))
        }
    }

    /** Dismisses a showing prompt. */
    fun cancel() = gate.cancel()

    private fun failed(message: String) {
        app.unlock.onBiometricFailed(message)
        activity.render()
    }

    private fun onKeyInvalidated() {
        app.unlock.onPlatformKeyInvalidated()
        activity.render()
    }
}
