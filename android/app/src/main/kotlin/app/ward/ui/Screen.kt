package app.ward.ui

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
}
