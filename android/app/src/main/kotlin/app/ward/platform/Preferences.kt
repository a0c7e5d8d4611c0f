package app.ward.platform

import android.content.Context
import android.util.Base64
import app.ward.logic.AppProblem
import app.ward.logic.AutoLockDelay
import app.ward.logic.GenerationMemory
import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import java.util.Properties

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

/**
 * What Ward keeps about this phone that must never leave it nor come back
 * from a backup: the highest vault generation seen (rollback memory, per
 * vault) and the opt-in to Android's own backup. A small properties file in
 * the no-backup directory (`Context.getNoBackupFilesDir`, which no backup or
 * transfer ever includes), replaced atomically on each change.
 */
class DeviceOnlyState(context: Context) : GenerationMemory {
    private val file = File(context.noBackupFilesDir, FILE)

    /** True when the person opted in to Android backup of the encrypted vault file (off by default). */
    var androidBackupOptIn: Boolean
        get() = load().getProperty(KEY_ANDROID_BACKUP) == "true"
        set(value) = change { it.setProperty(KEY_ANDROID_BACKUP, value.toString()) }

    override fun highest(vaultKey: String): Long? = load().getProperty(KEY_GENERATION + vaultKey)?.toLongOrNull()

    override fun store(vaultKey: String, generation: Long) = change { it.setProperty(KEY_GENERATION + vaultKey, generation.toString()) }

    @Synchronized
    private fun load(): Properties = Properties().apply {
        if (file.exists()) file.inputStream().use { load(it) }
    }

    @Synchronized
    private fun change(edit: (Properties) -> Unit) {
        val properties = load()
        edit(properties)
        file.parentFile?.mkdirs()
        val temp = File(file.parentFile, ".$FILE.tmp")
        try {
            FileOutputStream(temp).use {
                properties.store(it, null)
                it.fd.sync()
            }
        } catch (error: IOException) {
            throw AppProblem.SettingsNotSaved(error)
        }
        if (!temp.renameTo(file)) throw AppProblem.SettingsNotSaved()
    }

    private companion object {
        const val FILE = "ward-device.properties"
        const val KEY_ANDROID_BACKUP = "android_backup"
        const val KEY_GENERATION = "generation."
    }
}
