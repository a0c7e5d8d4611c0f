package app.ward.platform

import android.app.Activity
import android.content.pm.PackageManager
import android.hardware.biometrics.BiometricManager
import android.hardware.biometrics.BiometricPrompt
import android.os.Build
import android.os.CancellationSignal
import app.ward.R
import javax.crypto.Cipher

/** What came of a biometric prompt. */
sealed interface BiometricOutcome {
    /** The person authenticated; [cipher] is now usable for one operation. */
    class Authenticated(val cipher: Cipher) : BiometricOutcome

    /** The person chose the password, or dismissed the prompt. */
    data object Cancelled : BiometricOutcome

    /** The prompt failed for good (lockout, no hardware, ...); [message] is the system's, for the person. */
    data class Failed(val message: String) : BiometricOutcome
}

/**
 * Shows the system BiometricPrompt bound to a Keystore [Cipher] through a
 * CryptoObject, so the key is released only by a real Class 3 biometric match
 * (never by a callback that merely says "succeeded").
 */
class BiometricGate(private val activity: Activity) : BiometricPrompter {
    private var cancellation: CancellationSignal? = null

    /** Whether this device can do strong biometric authentication now (hardware present and enrolled). */
    override fun isAvailable(): Boolean = when {
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.R -> {
            val manager = activity.getSystemService(BiometricManager::class.java)
            manager?.canAuthenticate(BiometricManager.Authenticators.BIOMETRIC_STRONG) == BiometricManager.BIOMETRIC_SUCCESS
        }
        Build.VERSION.SDK_INT == Build.VERSION_CODES.Q -> {
            val manager = activity.getSystemService(BiometricManager::class.java)
            @Suppress("DEPRECATION")
            manager?.canAuthenticate() == BiometricManager.BIOMETRIC_SUCCESS
        }
        // API 28 has no BiometricManager: fingerprint hardware is the strong
        // biometric; enrollment is checked when the Keystore key is generated.
        else -> activity.packageManager.hasSystemFeature(PackageManager.FEATURE_FINGERPRINT)
    }

    /**
     * Asks for a biometric to release [cipher]; [onResult] runs on the main
     * thread exactly once.
     */
    override fun authenticate(cipher: Cipher, title: String, subtitle: String, onResult: (BiometricOutcome) -> Unit) {
        cancel()
        val executor = activity.mainExecutor
        val builder = BiometricPrompt.Builder(activity)
            .setTitle(title)
            .setSubtitle(subtitle)
            .setNegativeButton(activity.getString(R.string.biometric_use_password), executor) { _, _ -> onResult(BiometricOutcome.Cancelled) }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) builder.setConfirmationRequired(false)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
            builder.setAllowedAuthenticators(BiometricManager.Authenticators.BIOMETRIC_STRONG)
        }
        val signal = CancellationSignal()
        cancellation = signal
        builder.build().authenticate(
            BiometricPrompt.CryptoObject(cipher),
            signal,
            executor,
            object : BiometricPrompt.AuthenticationCallback() {
                override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                    cancellation = null
                    val unlocked = result.cryptoObject?.cipher
                    onResult(
                        if (unlocked != null) BiometricOutcome.Authenticated(unlocked)
                        else BiometricOutcome.Failed(activity.getString(R.string.biometric_no_key)),
                    )
                }

                override fun onAuthenticationError(errorCode: Int, errString: CharSequence) {
                    cancellation = null
                    val cancelled = errorCode == BiometricPrompt.BIOMETRIC_ERROR_USER_CANCELED ||
                        errorCode == BiometricPrompt.BIOMETRIC_ERROR_CANCELED
                    onResult(if (cancelled) BiometricOutcome.Cancelled else BiometricOutcome.Failed(errString.toString()))
                }

                // onAuthenticationFailed (finger not recognised): the prompt stays up and says so itself.
            },
        )
    }

    /** Dismisses a prompt that is showing (the activity is going away). */
    override fun cancel() {
        cancellation?.cancel()
        cancellation = null
    }
}
