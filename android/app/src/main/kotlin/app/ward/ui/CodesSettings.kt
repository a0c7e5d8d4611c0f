package app.ward.ui

import android.widget.Switch
import app.ward.R

/** The Settings rows about the codes list: tap-to-reveal and the Google Authenticator export. */
object CodesSettings {
    /** The tap-to-reveal switch, stored in the preferences (off by default); the list reads it when it shows. */
    fun tapToReveal(activity: MainActivity): Switch = Switch(activity).apply {
        setText(R.string.settings_tap_to_reveal)
        textSize = 16f
        minimumHeight = activity.dp(MIN_TOUCH_DP)
        isChecked = activity.app.preferences.tapToReveal
        setOnCheckedChangeListener { _, on -> activity.app.preferences.tapToReveal = on }
    }
}
