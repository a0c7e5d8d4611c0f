package app.ward.ui

import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Bundle
import android.view.MenuItem
import android.view.WindowManager
import android.widget.FrameLayout
import app.ward.WardApplication
import app.ward.logic.UnlockState

/**
 * Ward's only activity. It secures its window (FLAG_SECURE: no screenshots,
 * no screen recording, a blank recent-apps thumbnail), shows one [Screen] at a
 * time according to the vault's state, and relays system results (document
 * picker, permission requests) to the screen that asked.
 */
class MainActivity : Activity() {
    /** The process-wide objects. */
    val app: WardApplication get() = application as WardApplication

    private lateinit var root: FrameLayout
    private var screen: Screen? = null
    private var shownState: UnlockState? = null
    private var resumed = false
    private var nextRequest = FIRST_REQUEST
    private val documentResults = mutableMapOf<Int, (Uri?) -> Unit>()
    private val permissionResults = mutableMapOf<Int, (Boolean) -> Unit>()

    override fun onCreate(savedInstanceState: Bundle?) {
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        super.onCreate(savedInstanceState)
        root = FrameLayout(this)
        setContentView(root)
        app.onLocked = { render() }
        render()
    }

    override fun onResume() {
        super.onResume()
        resumed = true
        if (shownState != app.unlock.state) render() else screen?.onShow()
    }

    override fun onPause() {
        resumed = false
        screen?.onHide()
        super.onPause()
    }

    override fun onDestroy() {
        if (app.onLocked != null) app.onLocked = null
        super.onDestroy()
    }

    /** Shows the screen the vault's state calls for: first run, unlock, or the codes. */
    fun render() {
        val state = app.unlock.state
        shownState = state
        show(
            when (state) {
                UnlockState.NoVault -> SetupScreen(this)
                is UnlockState.Locked -> UnlockScreen(this, state)
                UnlockState.Unlocked -> CodesScreen(this)
            },
        )
    }

    /** Replaces the current screen with [next]. */
    fun show(next: Screen) {
        screen?.onHide()
        screen = next
        root.removeAllViews()
        root.addView(next.view)
        title = next.title
        actionBar?.setDisplayHomeAsUpEnabled(next !is CodesScreen && app.unlock.state == UnlockState.Unlocked)
        if (resumed) next.onShow()
    }

    /** Back to the codes list (after adding, or from a sub-screen). */
    fun showCodes() {
        if (app.unlock.state == UnlockState.Unlocked) show(CodesScreen(this)) else render()
    }

    /** Starts a system document picker; [onResult] gets the chosen document, or null when cancelled. */
    fun startDocumentPicker(intent: Intent, onResult: (Uri?) -> Unit) {
        val code = nextRequest++
        documentResults[code] = onResult
        app.expectExternalActivity()
        startActivityForResult(intent, code)
    }

    /** Asks for [permission] unless granted; [onResult] says whether it is granted. */
    fun withPermission(permission: String, onResult: (Boolean) -> Unit) {
        if (checkSelfPermission(permission) == PackageManager.PERMISSION_GRANTED) return onResult(true)
        val code = nextRequest++
        permissionResults[code] = onResult
        requestPermissions(arrayOf(permission), code)
    }

    @Deprecated("Platform Activity API; Ward has no AndroidX result APIs.")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        documentResults.remove(requestCode)?.invoke(if (resultCode == RESULT_OK) data?.data else null)
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        val granted = grantResults.isNotEmpty() && grantResults.all { it == PackageManager.PERMISSION_GRANTED }
        permissionResults.remove(requestCode)?.invoke(granted)
    }

    override fun onOptionsItemSelected(item: MenuItem): Boolean {
        if (item.itemId == android.R.id.home) {
            showCodes()
            return true
        }
        return super.onOptionsItemSelected(item)
    }

    @Deprecated("Called on API 28-35 while the manifest does not opt into predictive back.")
    @Suppress("DEPRECATION") // super.onBackPressed is the platform default: finish the activity.
    override fun onBackPressed() {
        val current = screen
        when {
            current?.onBack() == true -> Unit
            current !is CodesScreen && app.unlock.state == UnlockState.Unlocked -> showCodes()
            else -> super.onBackPressed()
        }
    }

    private companion object {
        const val FIRST_REQUEST = 100
    }
}
