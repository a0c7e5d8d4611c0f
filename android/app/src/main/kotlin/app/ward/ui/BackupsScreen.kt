package app.ward.ui

import android.content.Intent
import android.net.Uri
import android.view.View
import android.widget.Button
import android.widget.TextView
import app.ward.R
import app.ward.logic.BackupOutcome
import app.ward.logic.BackupState
import app.ward.platform.SafBackupFolder

private val KEEP_CHOICES = listOf(3, 5, 10, 20, 50)

/**
 * Settings → Backups: the folder for automatic backups (picked with
 * ACTION_OPEN_DOCUMENT_TREE, kept with a persistable permission), how many
 * to keep, "Back up now", the status (last backup, last failure), and the
 * opt-in to Android's own backup of the encrypted vault file.
 */
class BackupsScreen(private val activity: MainActivity) : Screen {
    override val title: String = activity.getString(R.string.backups_title)

    private val app = activity.app
    private val runner = app.backupRunner
    private lateinit var folder: TextView
    private lateinit var lastBackup: TextView
    private lateinit var lastFailure: TextView
    private lateinit var choose: Button
    private lateinit var backUpNow: Button
    private lateinit var keep: Button
    private lateinit var turnOff: Button
    private lateinit var androidToggle: Button
    private var state: BackupState? = null

    override val view: View = activity.scrolling(
        activity.column {
            label(R.string.backups_automatic, 15f, bold = true)
            label(R.string.backups_explain_automatic, 14f)
            folder = label("", 15f)
            lastBackup = label("", 15f)
            lastFailure = label("", 14f).apply { visibility = View.GONE }
            choose = button(R.string.backups_choose_folder) { pickFolder(activity) }
            backUpNow = button(R.string.back_up_now) { backUpNow() }
            keep = button("") { chooseKeep() }
            turnOff = button(R.string.backups_turn_off) { turnOff() }
            label(R.string.backups_android, 15f, bold = true).apply { setPadding(paddingLeft, context.dp(16), paddingRight, paddingBottom) }
            androidToggle = button("") { toggleAndroidBackup() }
            label(R.string.backups_explain_android, 14f)
        },
    )

    override fun onShow() {
        runner.onOutcome = { refresh() }
        refresh()
    }

    override fun onHide() {
        runner.onOutcome = null
    }

    /** Reads the status from the vault and shows it. */
    fun refresh() {
        app.background.run({ runner.backups.status() }) { result ->
            result.onSuccess(::show).onFailure {
                folder.text = activity.getString(R.string.backups_status_unknown, activity.problemText(it, R.string.problem_unknown))
            }
        }
        androidToggle.setText(if (runner.deviceState.androidBackupOptIn) R.string.backups_android_on else R.string.backups_android_off)
    }

    private fun show(status: BackupState) {
        state = status
        val now = app.clock.nowMillis() / 1000
        val on = status.enabled && status.location != null
        folder.text = if (on) activity.getString(R.string.backups_folder, SafBackupFolder.displayName(status.location!!)) else activity.getString(R.string.backups_off)
        lastBackup.text = activity.lastBackupLine(status, now)
        val failure = status.lastFailure?.takeIf { failed -> status.lastSuccess.let { it == null || it < failed } }
        lastFailure.visibility = if (failure != null) View.VISIBLE else View.GONE
        lastFailure.text = failure?.let { activity.getString(R.string.backups_last_failure, activity.ago(now - it), status.lastError.orEmpty()) }.orEmpty()
        lastFailure.setTextColor(if (activity.isNightTheme()) ERROR_ON_DARK else ERROR_ON_LIGHT)
        choose.setText(if (on) R.string.backups_change_folder else R.string.backups_choose_folder)
        backUpNow.isEnabled = on
        keep.text = activity.resources.getQuantityString(R.plurals.backups_keep, status.keep, status.keep)
        turnOff.visibility = if (on) View.VISIBLE else View.GONE
    }

    private fun backUpNow() {
        backUpNow.isEnabled = false
        runner.backUpNow { outcome -> reportOutcome(activity, outcome) }
    }

    private fun chooseKeep() {
        val current = state?.keep ?: 10
        SecureDialog.show(activity) {
            setTitle(R.string.backups_keep_title).setSingleChoiceItems(
                KEEP_CHOICES.map { it.toString() }.toTypedArray(),
                KEEP_CHOICES.indexOf(current),
            ) { dialog, which ->
                dialog.dismiss()
                val location = state?.location?.takeIf { state?.enabled == true }
                app.background.run({ runner.backups.setSettings(location, KEEP_CHOICES[which]) }) { refresh() }
            }
        }
    }

    private fun turnOff() {
        val location = state?.location
        app.background.run({ runner.backups.setSettings(null, state?.keep ?: 10) }) {
            location?.let { releaseFolder(activity, it) }
            refresh()
        }
    }

    private fun toggleAndroidBackup() {
        val on = !runner.deviceState.androidBackupOptIn
        runner.setAndroidBackup(on) { result ->
            result.onFailure { SecureDialog.message(activity, activity.getString(R.string.backups_android), activity.problemText(it, R.string.problem_unknown)) }
            refresh()
        }
    }

    companion object {
        /** Red with at least 4.5:1 contrast on the light (#FAFAFA) and dark (#303030) backgrounds. */
        private const val ERROR_ON_LIGHT = 0xFFC62828.toInt()
        private const val ERROR_ON_DARK = 0xFFEF9A9A.toInt()

        /** Opens the system folder picker; the result comes back through [MainActivity.onDocumentResult] to [folderPicked]. */
        fun pickFolder(activity: MainActivity) {
            val intent = Intent(Intent.ACTION_OPEN_DOCUMENT_TREE).addFlags(
                Intent.FLAG_GRANT_READ_URI_PERMISSION or Intent.FLAG_GRANT_WRITE_URI_PERMISSION or
                    Intent.FLAG_GRANT_PERSISTABLE_URI_PERMISSION,
            )
            activity.startDocumentPicker(intent, DocumentPurpose.BACKUP_FOLDER)
        }

        /**
         * The person picked the folder [tree]: Ward keeps access to it across
         * reboots (a persistable permission), turns automatic backups on there,
         * releases the previous folder, backs up at once and shows Backups.
         */
        fun folderPicked(activity: MainActivity, tree: Uri) {
            val app = activity.app
            try {
                activity.contentResolver.takePersistableUriPermission(
                    tree,
                    Intent.FLAG_GRANT_READ_URI_PERMISSION or Intent.FLAG_GRANT_WRITE_URI_PERMISSION,
                )
            } catch (_: SecurityException) {
                SecureDialog.message(activity, activity.getString(R.string.backups_failed), activity.getString(R.string.backups_folder_refused))
                return
            }
            val screen = activity.currentScreen as? BackupsScreen ?: BackupsScreen(activity).also { activity.show(it) }
            app.background.run({
                val before = app.backupRunner.backups.status()
                app.backupRunner.backups.setSettings(tree.toString(), before.keep)
                before.location?.takeIf { it != tree.toString() }
            }) { result ->
                result.onSuccess { previous -> previous?.let { releaseFolder(activity, it) } }
                    .onFailure { SecureDialog.message(activity, activity.getString(R.string.backups_failed), activity.problemText(it, R.string.problem_unknown)) }
                app.backupRunner.backUpNow { outcome -> reportOutcome(activity, outcome) }
                screen.refresh()
            }
        }

        /** Says how a backup the person asked for went. */
        fun reportOutcome(activity: MainActivity, outcome: BackupOutcome) {
            when (outcome) {
                is BackupOutcome.Written -> android.widget.Toast.makeText(activity, R.string.backups_saved, android.widget.Toast.LENGTH_SHORT).show()
                is BackupOutcome.Failed -> SecureDialog.message(activity, activity.getString(R.string.backups_failed), outcome.message)
                BackupOutcome.Off -> Unit
            }
        }

        /** Gives up Ward's access to a folder it no longer backs up to. */
        private fun releaseFolder(activity: MainActivity, location: String) {
            runCatching {
                activity.contentResolver.releasePersistableUriPermission(
                    Uri.parse(location),
                    Intent.FLAG_GRANT_READ_URI_PERMISSION or Intent.FLAG_GRANT_WRITE_URI_PERMISSION,
                )
            }
        }
    }
}
