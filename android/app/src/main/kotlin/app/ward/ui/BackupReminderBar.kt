package app.ward.ui

import android.content.Context
import android.content.res.Configuration
import android.view.View
import android.widget.LinearLayout
import android.widget.TextView
import app.ward.R
import app.ward.logic.BackupOutcome
import app.ward.logic.BackupReminder

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
    val view: LinearLayout = activity.row {
        // One compact line beside the button, so the codes keep the room (small phones show two rows still).
        visibility = View.GONE
        setPadding(context.dp(12), context.dp(4), context.dp(8), context.dp(4))
        val night = activity.isNightTheme()
        setBackgroundColor(if (night) BACKGROUND_DARK else BACKGROUND_LIGHT)
        message = TextView(context).apply {
            textSize = 13f
            setTextColor(if (night) TEXT_DARK else TEXT_LIGHT)
        }
        addView(message, weighted())
        addView(
            android.widget.Button(context).apply {
                setText(R.string.back_up_now)
                minimumHeight = context.dp(MIN_TOUCH_DP)
                setOnClickListener { backUpNow() }
            },
            LinearLayout.LayoutParams(LinearLayout.LayoutParams.WRAP_CONTENT, LinearLayout.LayoutParams.WRAP_CONTENT),
        )
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
            BackupReminder.Off -> activity.getString(R.string.reminder_off)
            is BackupReminder.Failing -> activity.getString(R.string.reminder_failing, BackupReminder.FAILING_DAYS.toInt())
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
