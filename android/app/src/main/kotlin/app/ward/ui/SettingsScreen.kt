package app.ward.ui

import android.view.View
import android.widget.Button
import app.ward.logic.AutoLockDelay

// New user-visible strings (to move to res/values/strings.xml).
private const val AUTOMATIC_BACKUPS = "Automatic backups and Android backup"
private const val NO_INTERNET =
    "Ward has no internet permission. Your accounts leave this phone only as encrypted backups, " +
        "and only where you choose (Backups above, or an export)."

/** Settings: auto-lock delay, biometric unlock, import and export, password change, lock. */
class SettingsScreen(private val activity: MainActivity) : Screen {
    override val title: String = "Settings"

    private val app = activity.app
    private val biometric = BiometricFlow(activity)
    private lateinit var autoLock: Button
    private lateinit var biometricToggle: Button

    override val view: View = activity.scrolling(
        activity.column {
            label("Codes", 15f, bold = true)
            addView(CodesSettings.tapToReveal(activity), matchWidth())
            button(CodesSettings.EXPORT_LABEL) { ExportScreen.open(activity) }
            label("Security", 15f, bold = true)
            autoLock = button("") { chooseAutoLock() }
            biometricToggle = button("") { toggleBiometric() }
            button("Change password") { changePassword() }
            button("Lock now") { app.lockNow() }
            label("Backups", 15f, bold = true)
            button(AUTOMATIC_BACKUPS) { activity.show(BackupsScreen(activity)) }
            button("Export encrypted backup") { BackupFlow(activity).export() }
            button("Import a backup file") { BackupFlow(activity).importFile() }
            label(NO_INTERNET, 13f)
        },
    )

    /** Whether biometric unlock was turned on (the IV of the wrapped key is kept). */
    private val biometricOn: Boolean get() = app.preferences.biometricIv != null

    override fun onShow() = updateLabels()

    private fun updateLabels() {
        autoLock.text = "Auto-lock: ${app.autoLock.delay.label}"
        biometricToggle.visibility = if (biometric.isAvailable() || biometricOn) View.VISIBLE else View.GONE
        biometricToggle.text = when {
            app.unlock.biometricNeedsReenrolment -> "Turn biometric unlock on again"
            biometricOn -> "Turn biometric unlock off"
            else -> "Turn biometric unlock on"
        }
    }

    private fun chooseAutoLock() {
        val choices = AutoLockDelay.entries
        SecureDialog.show(activity) {
            setTitle("Lock Ward when it has been in the background")
                .setSingleChoiceItems(choices.map { it.label }.toTypedArray(), choices.indexOf(app.autoLock.delay)) { dialog, which ->
                    app.autoLock.delay = choices[which]
                    app.preferences.autoLockDelay = choices[which]
                    dialog.dismiss()
                    updateLabels()
                }
        }
    }

    private fun toggleBiometric() {
        val done: (String) -> Unit = { message ->
            SecureDialog.message(activity, "Biometric unlock", message)
            updateLabels()
        }
        if (biometricOn && !app.unlock.biometricNeedsReenrolment) biometric.disable(done) else biometric.enable(done)
    }

    /** The new password is in; biometric unlock, if it was on, is enrolled again with one prompt. */
    private fun passwordChanged(hadBiometric: Boolean) {
        updateLabels()
        if (!hadBiometric) {
            SecureDialog.message(activity, "Password", "Password changed.")
            return
        }
        biometric.enable { message ->
            SecureDialog.message(activity, "Password", "Password changed. $message")
            updateLabels()
        }
    }

    private fun changePassword() {
        SecureDialog.password(activity, "New password", "At least 8 characters.") { first ->
            if (first.size < 8) {
                first.fill(0)
                SecureDialog.message(activity, "Password not changed", "Use at least 8 characters.")
                return@password
            }
            SecureDialog.password(activity, "New password", "Type it again.") { second ->
                val same = first.contentEquals(second)
                second.fill(0)
                if (!same) {
                    first.fill(0)
                    SecureDialog.message(activity, "Password not changed", "The two passwords differ.")
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
                        SecureDialog.message(activity, "Password", it.message ?: "The password could not be changed.")
                    }
                }
            }
        }
    }
}
