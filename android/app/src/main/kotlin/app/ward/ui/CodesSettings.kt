package app.ward.ui

import android.widget.Switch

// User-visible strings of the codes settings (to move to strings.xml).
private const val TAP_TO_REVEAL = "Hide codes until tapped"

/** The Settings rows about the codes list: tap-to-reveal and the Google Authenticator export. */
object CodesSettings {
    /** The label of the Settings row that opens the export (after re-authentication). */
    const val EXPORT_LABEL = "Export to Google Authenticator"

    /** The tap-to-reveal switch, stored in the preferences (off by default); the list reads it when it shows. */
    fun tapToReveal(activity: MainActivity): Switch = Switch(activity).apply {
        text = TAP_TO_REVEAL
        textSize = 16f
        minimumHeight = activity.dp(MIN_TOUCH_DP)
        isChecked = activity.app.preferences.tapToReveal
        setOnCheckedChangeListener { _, on -> activity.app.preferences.tapToReveal = on }
    }
}
