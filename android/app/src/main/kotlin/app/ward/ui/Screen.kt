package app.ward.ui

import android.os.Bundle
import android.view.View

/** One screen of the app: a view built in code, with hooks for when it shows and hides. */
interface Screen {
    /** The title for the action bar. */
    val title: String

    /** The screen's content. */
    val view: View

    /** Called after the view is shown, and when the app comes back to it. */
    fun onShow() {}

    /** Called when the screen is replaced or the app leaves the foreground. */
    fun onHide() {}

    /** The back button: true when the screen handled it (else the activity does). */
    fun onBack(): Boolean = false

    /**
     * Writes what the person typed into [out], to rebuild the screen after a
     * recreation. The saved state can outlive the process (the system keeps
     * it): never a secret or a password here.
     */
    fun save(out: Bundle) {}
}

/** Names the screens that survive a recreation, and rebuilds them. */
object Screens {
    private const val NAME = "name"

    /** The name [screen] is saved under. */
    fun nameOf(screen: Screen): String = when (screen) {
        is AddScreen -> "add"
        is ScanScreen -> "scan"
        is ManualEntryScreen -> "manual"
        is SettingsScreen -> "settings"
        is BackupsScreen -> "backups"
        else -> "codes"
    }

    /** [screen]'s saved state, with its name. */
    fun save(screen: Screen): Bundle = Bundle().apply {
        putString(NAME, nameOf(screen))
        screen.save(this)
    }

    /** The screen saved in [saved], rebuilt for [activity]. */
    fun restore(activity: MainActivity, saved: Bundle): Screen? = create(activity, saved.getString(NAME), saved)

    /** The screen called [name], filled from [saved] when given. */
    fun create(activity: MainActivity, name: String?, saved: Bundle? = null): Screen? = when (name) {
        "add" -> AddScreen(activity)
        "scan" -> ScanScreen(activity)
        "manual" -> ManualEntryScreen(activity, saved)
        "settings" -> SettingsScreen(activity)
        "backups" -> BackupsScreen(activity)
        "codes" -> CodesScreen(activity, saved)
        else -> null
    }
}
