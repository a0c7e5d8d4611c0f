package app.ward.ui

import android.view.View
import android.widget.Button
import app.ward.R
import app.ward.logic.AutoLockDelay

/** Settings: auto-lock delay, biometric unlock, import and export, password change, lock. */
class SettingsScreen(private val activity: MainActivity) : Screen {
    override val title: String = activity.getString(R.string.settings_title)

    private val app = activity.app
    private val biometric = BiometricFlow(activity)
    private lateinit var autoLock: Button
    private lateinit var biometricToggle: Button

    override val view: View = activity.scrolling(
        activity.column {
            label(R.string.settings_codes, 15f, bold = true)
            addView(CodesSettings.tapToReveal(activity), matchWidth())
            button(R.string.export_to_google) { ExportScreen.open(activity) }
            label(R.string.settings_security, 15f, bold = true)
            autoLock = button("") { chooseAutoLock() }
            biometricToggle = button("") { toggleBiometric() }
            button(R.string.settings_change_password) { changePassword() }
            button(R.string.settings_lock_now) { app.lockNow() }
            label(R.string.settings_backups, 15f, bold = true)
            button(R.string.settings_automatic_backups) { activity.show(BackupsScreen(activity)) }
            button(R.string.settings_export_backup) { BackupFlow(activity).export() }
            button(R.string.add_import_file) { BackupFlow(activity).importFile() }
            label(R.string.settings_no_internet, 13f)
        },
    )

    /** Whether biometric unlock was turned on (the IV of the wrapped key is kept). */
    private val biometricOn: Boolean get() = app.preferences.biometricIv != null

    override fun onShow() = updateLabels()

    private fun updateLabels() {
        autoLock.text = activity.getString(R.string.settings_auto_lock, activity.getString(labelOf(app.autoLock.delay)))
        biometricToggle.visibility = if (biometric.isAvailable() || biometricOn) View.VISIBLE else View.GONE
        biometricToggle.setText(when {
            app.unlock.biometricNeedsReenrolment -> R.string.settings_biometric_on_again
            biometricOn -> R.string.settings_biometric_turn_off
            else -> R.string.settings_biometric_turn_on
        })
    }

    private fun chooseAutoLock() {
        val choices = AutoLockDelay.entries
        SecureDialog.show(activity) {
            setTitle(R.string.settings_auto_lock_title)
                .setSingleChoiceItems(choices.map { activity.getString(labelOf(it)) }.toTypedArray(), choices.indexOf(app.autoLock.delay)) { dialog, which ->
                    app.autoLock.delay = choices[which]
                    app.preferences.autoLockDelay = choices[which]
                    dialog.dismiss()
                    updateLabels()
                }
        }
    }

    private fun toggleBiometric() {
        val done: (String) -> Unit = { message ->
            SecureDialog.message(activity, activity.getString(R.string.biometric_unlock), message)
            updateLabels()
        }
        if (biometricOn && !app.unlock.biometricNeedsReenrolment) biometric.disable(done) else biometric.enable(done)
    }

    /** The new password is in; biometric unlock, if it was on, is enrolled again with one prompt. */
    private fun passwordChanged(hadBiometric: Boolean) {
        updateLabels()
        if (!hadBiometric) {
            SecureDialog.message(activity, activity.getString(R.string.settings_password_title), activity.getString(R.string.settings_password_changed))
            return
        }
        biometric.enable { message ->
            SecureDialog.message(
                activity,
                activity.getString(R.string.settings_password_title),
                activity.getString(R.string.settings_password_changed_then, message),
            )
            updateLabels()
        }
    }

    private fun changePassword() {
        val newPassword = activity.getString(R.string.settings_new_password)
        val notChanged = activity.getString(R.string.settings_password_not_changed)
        SecureDialog.password(activity, newPassword, activity.getString(R.string.password_min_length, MIN_LENGTH)) { first ->
            if (first.size < MIN_LENGTH) {
                first.fill(0)
                SecureDialog.message(activity, notChanged, activity.getString(R.string.password_too_short, MIN_LENGTH))
                return@password
            }
            SecureDialog.password(activity, newPassword, activity.getString(R.string.type_again)) { second ->
                val same = first.contentEquals(second)
                second.fill(0)
                if (!same) {
                    first.fill(0)
                    SecureDialog.message(activity, notChanged, activity.getString(R.string.passwords_differ))
                    return@password
                }
                val hadBiometric = biometricOn
                Reauth.run(activity, {
                    app.vault.changePassword(first)
                    // The core dropped the platform slot with the old key: the kept IV belongs to nothing now.
                    app.preferences.biometricIv = null
                }) { result ->
                    first.fill(0)
                    result.onSuccess { passwordChanged(hadBiometric) }.onFailure {
                        SecureDialog.message(
                            activity,
                            activity.getString(R.string.settings_password_title),
                            activity.problemText(it, R.string.settings_password_change_failed),
                        )
                    }
                }
            }
        }
    }

    private companion object {
        const val MIN_LENGTH = 8

        /** What Settings calls [delay]. */
        fun labelOf(delay: AutoLockDelay): Int = when (delay) {
            AutoLockDelay.IMMEDIATELY -> R.string.auto_lock_immediately
            AutoLockDelay.SECONDS_30 -> R.string.auto_lock_30_seconds
            AutoLockDelay.MINUTE_1 -> R.string.auto_lock_1_minute
            AutoLockDelay.MINUTES_5 -> R.string.auto_lock_5_minutes
            AutoLockDelay.NEVER -> R.string.auto_lock_never
        }
    }
}
