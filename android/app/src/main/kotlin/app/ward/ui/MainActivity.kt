package app.ward.ui

import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.content.res.Configuration
import android.net.Uri
import android.os.Bundle
import android.view.MenuItem
import android.view.WindowInsets
import android.view.WindowManager
import android.widget.FrameLayout
import app.ward.WardApplication
import app.ward.logic.UnlockState

/**
 * Ward's only activity. It secures its window (FLAG_SECURE: no screenshots,
 * no screen recording, a blank recent-apps thumbnail), follows the system's
 * dark theme, keeps its content out of the system bars (Android 15 draws the
 * app edge to edge), shows one [Screen] at a time according to the vault's
 * state, and relays system results (document picker, permission requests).
 *
 * State survives recreation (dark-mode toggle, density, locale; size changes
 * from folding, split screen and rotation are handled in place): the screen
 * shown and its fields go into the saved state, secrets never (see [Screen.save]).
 * Document picker results are routed by their request code, not by a callback,
 * so a result that arrives after the process died is kept and acted on once
 * the vault is unlocked.
 */
class MainActivity : Activity() {
    /** The process-wide objects. */
    val app: WardApplication get() = application as WardApplication

    private lateinit var root: FrameLayout
    private var screen: Screen? = null
    private var shownState: UnlockState? = null
    private var resumed = false
    private var nextPermissionRequest = FIRST_PERMISSION_REQUEST
    private val permissionResults = mutableMapOf<Int, (Boolean) -> Unit>()

    /** The screen showing now (for tests and for routing results). */
    val currentScreen: Screen? get() = screen

    override fun onCreate(savedInstanceState: Bundle?) {
        setTheme(if (isNight()) android.R.style.Theme_Material else android.R.style.Theme_Material_Light_DarkActionBar)
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        super.onCreate(savedInstanceState)
        root = FrameLayout(this)
        root.setOnApplyWindowInsetsListener { view, insets -> applyInsets(view, insets) }
        setContentView(root)
        app.onLocked = { live().render() }
        takeLink(intent)
        val saved = savedInstanceState?.getBundle(SCREEN_STATE)
        if (saved != null && app.unlock.state == UnlockState.Unlocked) {
            shownState = UnlockState.Unlocked
            show(Screens.restore(this, saved) ?: CodesScreen(this))
        } else {
            render()
        }
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        val current = screen ?: return
        if (app.unlock.state != UnlockState.Unlocked) return
        outState.putBundle(SCREEN_STATE, Screens.save(current))
    }

    override fun onResume() {
        super.onResume()
        resumed = true
        app.liveActivity = this
        if (shownState != app.unlock.state) render() else screen?.onShow()
    }

    override fun onWindowFocusChanged(hasFocus: Boolean) {
        super.onWindowFocusChanged(hasFocus)
        if (hasFocus) app.clipboard.onFocus()
    }

    override fun onPause() {
        resumed = false
        screen?.onHide()
        super.onPause()
    }

    override fun onDestroy() {
        if (app.liveActivity === this) app.onLocked = null
        screen?.onHide()
        super.onDestroy()
    }

    /** The activity work should report to: this one, or its successor when this one was destroyed. */
    fun live(): MainActivity = if (isDestroyed || isFinishing) app.liveActivity ?: this else this

    /** Shows the screen the vault's state calls for: first run, unlock, or the codes. */
    fun render() {
        val target = live()
        if (target !== this) return target.render()
        if (isDestroyed) return
        val state = app.unlock.state
        shownState = state
        show(
            when (state) {
                UnlockState.NoVault -> SetupScreen(this)
                is UnlockState.Locked -> UnlockScreen(this, state)
                UnlockState.Unlocked -> CodesScreen(this)
            },
        )
        if (state == UnlockState.Unlocked) {
            RollbackWarning.check(this)
            handlePendingDocument()
            handlePendingLink()
        }
        if (state == UnlockState.NoVault) handlePendingDocument()
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        takeLink(intent)
        if (app.unlock.state == UnlockState.Unlocked) handlePendingLink()
    }

    /** Keeps an otpauth:// link the activity was opened with, for confirmation once the vault is unlocked. */
    private fun takeLink(intent: Intent?) {
        val data = intent?.data ?: return
        if (intent.action == Intent.ACTION_VIEW && data.scheme.equals("otpauth", ignoreCase = true)) {
            app.pendingLink = data.toString()
            intent.data = null // handled once, not again after a recreation
        }
    }

    private fun handlePendingLink() {
        val link = app.pendingLink ?: return
        app.pendingLink = null
        show(ConfirmLinkScreen(this, link))
    }

    /** Replaces the current screen with [next]. */
    fun show(next: Screen) {
        val target = live()
        if (target !== this) return target.showNamed(next)
        screen?.onHide()
        screen = next
        root.removeAllViews()
        root.addView(next.view)
        title = next.title
        actionBar?.setDisplayHomeAsUpEnabled(next !is CodesScreen && app.unlock.state == UnlockState.Unlocked)
        if (resumed) next.onShow()
    }

    /** A screen built for a destroyed activity is rebuilt for this one by name. */
    private fun showNamed(stale: Screen) {
        if (app.unlock.state != UnlockState.Unlocked) return render()
        show(Screens.restore(this, Screens.save(stale)) ?: CodesScreen(this))
    }

    /** Back to the codes list (after adding, or from a sub-screen). */
    fun showCodes() {
        val target = live()
        if (target !== this) return target.showCodes()
        if (app.unlock.state == UnlockState.Unlocked) show(CodesScreen(this)) else render()
    }

    /**
     * Starts a system document picker for [purpose]. The result comes back
     * through [onDocumentResult] and is acted on by [purpose], even after the
     * process was killed meanwhile.
     */
    fun startDocumentPicker(intent: Intent, purpose: DocumentPurpose) {
        app.expectExternalActivity()
        startActivityForResult(intent, FIRST_DOCUMENT_REQUEST + purpose.ordinal)
    }

    /** Asks for [permission] unless granted; [onResult] says whether it is granted. */
    fun withPermission(permission: String, onResult: (Boolean) -> Unit) {
        if (checkSelfPermission(permission) == PackageManager.PERMISSION_GRANTED) return onResult(true)
        val code = nextPermissionRequest++
        permissionResults[code] = onResult
        requestPermissions(arrayOf(permission), code)
    }

    @Deprecated("Platform Activity API; Ward has no AndroidX result APIs.")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        onDocumentResult(requestCode, resultCode, data)
    }

    /** A document picker's result: kept as [WardApplication.pendingDocument] and handled once the vault is open. */
    fun onDocumentResult(requestCode: Int, resultCode: Int, data: Intent?) {
        val purpose = DocumentPurpose.entries.getOrNull(requestCode - FIRST_DOCUMENT_REQUEST) ?: return
        val uri: Uri = data?.data?.takeIf { resultCode == RESULT_OK } ?: return
        app.pendingDocument = PendingDocument(purpose, uri)
        handlePendingDocument()
    }

    private fun handlePendingDocument() {
        val pending = app.pendingDocument ?: return
        // A backup to restore is for the first run only; everything else waits for an unlocked vault.
        val restoring = pending.purpose == DocumentPurpose.RESTORE_FILE
        if (!restoring && app.unlock.state != UnlockState.Unlocked) return
        app.pendingDocument = null
        if (restoring && app.unlock.state != UnlockState.NoVault) return
        when (pending.purpose) {
            DocumentPurpose.IMPORT_FILE -> BackupFlow(this).importFrom(pending.uri, password = null)
            DocumentPurpose.EXPORT_BACKUP -> BackupFlow(this).exportTo(pending.uri)
            DocumentPurpose.BACKUP_FOLDER -> BackupsScreen.folderPicked(this, pending.uri)
            DocumentPurpose.RESTORE_FILE -> show(RestoreScreen(this, RestoreSource.Document(pending.uri)))
            DocumentPurpose.PICK_IMAGE -> {
                val add = screen as? AddScreen ?: AddScreen(this).also { show(it) }
                add.readImage(pending.uri)
            }
        }
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

    private fun isNight(): Boolean =
        resources.configuration.uiMode and Configuration.UI_MODE_NIGHT_MASK == Configuration.UI_MODE_NIGHT_YES

    /** Pads the content by the system bars, display cutout and keyboard (Android 15 is edge to edge). */
    private fun applyInsets(view: android.view.View, insets: WindowInsets): WindowInsets {
        val bars = insets.getInsets(
            WindowInsets.Type.systemBars() or WindowInsets.Type.displayCutout() or WindowInsets.Type.ime(),
        )
        view.setPadding(bars.left, bars.top, bars.right, bars.bottom)
        return WindowInsets.CONSUMED
    }

    private companion object {
        const val FIRST_DOCUMENT_REQUEST = 100
        const val FIRST_PERMISSION_REQUEST = 200
        const val SCREEN_STATE = "ward.screen"
    }
}

/** What a document picked in the system picker is for. */
enum class DocumentPurpose {
    /** A backup file (Ward's or another app's) to import. */
    IMPORT_FILE,

    /** A new document to write the encrypted export into. */
    EXPORT_BACKUP,

    /** An image or screenshot holding a QR code. */
    PICK_IMAGE,

    /** The folder for automatic backups (a document tree). */
    BACKUP_FOLDER,

    /** A backup to restore on first run. */
    RESTORE_FILE,
}

/** A picker result waiting for an unlocked vault. */
data class PendingDocument(val purpose: DocumentPurpose, val uri: Uri)
