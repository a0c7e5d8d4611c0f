package app.ward.platform

import android.content.Context
import android.util.Base64
import app.ward.logic.AutoLockDelay

/**
 * The app's few settings, in a private SharedPreferences file (excluded from
 * backup and device transfer like everything else). Nothing secret is stored
 * here: the biometric IV is public by nature (it sits in front of the wrapped key).
 */
class Preferences(context: Context) {
    private val prefs = context.getSharedPreferences(FILE, Context.MODE_PRIVATE)

    /** How long the app may stay in the background before the vault locks. */
    var autoLockDelay: AutoLockDelay
        get() = AutoLockDelay.fromName(prefs.getString(KEY_AUTO_LOCK, null))
        set(value) = prefs.edit().putString(KEY_AUTO_LOCK, value.name).apply()

    /**
     * The IV of the biometric-wrapped master key, needed to set up the
     * decrypting cipher before the prompt; null when biometric unlock is off.
     */
    var biometricIv: ByteArray?
        get() = prefs.getString(KEY_BIOMETRIC_IV, null)?.let { Base64.decode(it, Base64.NO_WRAP) }
        set(value) {
            val edit = prefs.edit()
            if (value == null) edit.remove(KEY_BIOMETRIC_IV) else edit.putString(KEY_BIOMETRIC_IV, Base64.encodeToString(value, Base64.NO_WRAP))
            edit.apply()
        }

    /** Tap-to-reveal: codes show as dots until tapped (off by default). */
    var tapToReveal: Boolean
        get() = prefs.getBoolean(KEY_TAP_TO_REVEAL, false)
        set(value) = prefs.edit().putBoolean(KEY_TAP_TO_REVEAL, value).apply()

    private companion object {
        const val FILE = "ward"
        const val KEY_TAP_TO_REVEAL = "tap_to_reveal"
        const val KEY_AUTO_LOCK = "auto_lock_delay"
        const val KEY_BIOMETRIC_IV = "biometric_iv"
    }
}
