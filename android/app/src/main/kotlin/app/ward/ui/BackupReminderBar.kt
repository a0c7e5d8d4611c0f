package app.ward.ui

import android.content.Context
import android.content.res.Configuration
import android.view.View
import android.widget.LinearLayout
import android.widget.TextView
import app.ward.logic.BackupOutcome
import app.ward.logic.BackupReminder

// User-visible strings of the reminder (to move to res/values/strings.xml).
private const val REMINDER_OFF = "Automatic backups are off: if this phone is lost or breaks, your accounts go with it."
private const val REMINDER_FAILING = "Your backups have failed for more than 7 days."
private const val BACK_UP_NOW = "Back up now"

/**
 * The reminder at the top of the codes screen (issue 13): shown when
 * automatic backups are off, or have failed for more than 7 days
 * ([BackupReminder]), with "Back up now" (picks a folder first when there
 * is none). Hidden otherwise. The codes screen only adds [view] and calls [refresh].
 */
class BackupReminderBar(private val activity: MainActivity) {
    private val app = activity.app
    private lateinit var message: TextView

    /** The bar; GONE until [refresh] finds a reason to remind. */
    val view: LinearLayout = activity.column(paddingDp = 12) {
        visibility = View.GONE
        val night = activity.isNightTheme()
        setBackgroundColor(if (night) BACKGROUND_DARK else BACKGROUND_LIGHT)
        message = label("", 14f).apply { setTextColor(if (night) TEXT_DARK else TEXT_LIGHT) }
        button(BACK_UP_NOW) { backUpNow() }
    }

    private var reminder: BackupReminder = BackupReminder.None

    /** Reads the backup status on the vault thread and shows or hides the reminder. */
    fun refresh() {
        val now = app.clock.nowMillis() / 1000
        app.background.run({ BackupReminder.of(app.backupRunner.backups.status(), now) }) { result ->
            show(result.getOrDefault(BackupReminder.None))
        }
    }

    private fun show(next: BackupReminder) {
        reminder = next
        view.visibility = if (next == BackupReminder.None) View.GONE else View.VISIBLE
        message.text = when (next) {
            BackupReminder.Off -> REMINDER_OFF
            is BackupReminder.Failing -> REMINDER_FAILING + (next.error?.let { " $it" } ?: "")
            BackupReminder.None -> ""
        }
    }

    private fun backUpNow() {
        if (reminder == BackupReminder.Off) return BackupsScreen.pickFolder(activity)
        app.backupRunner.backUpNow { outcome ->
            BackupsScreen.reportOutcome(activity, outcome)
            if (outcome is BackupOutcome.Written) refresh()
        }
    }

    private companion object {
        /** An amber note: dark text on light amber, or light amber text on dark amber in the dark theme. */
        const val BACKGROUND_LIGHT = 0xFFFFF3CD.toInt()
        const val TEXT_LIGHT = 0xFF3E2A00.toInt()
        const val BACKGROUND_DARK = 0xFF4A3D12.toInt()
        const val TEXT_DARK = 0xFFFFE7A6.toInt()
    }
}

/** True when the dark theme is showing (the system's night mode). */
internal fun Context.isNightTheme(): Boolean =
    resources.configuration.uiMode and Configuration.UI_MODE_NIGHT_MASK == Configuration.UI_MODE_NIGHT_YES
