package app.ward

import android.app.Activity
import android.app.Application
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import app.ward.core.initLogging
import app.ward.logic.AutoLock
import app.ward.logic.ClipboardSchedule
import app.ward.logic.Clock
import app.ward.logic.QrReader
import app.ward.logic.ScanSession
import app.ward.logic.UnlockMachine
import app.ward.logic.VaultSession
import app.ward.platform.BiometricKey
import app.ward.platform.Preferences
import app.ward.platform.SensitiveClipboard
import app.ward.ui.Background
import java.io.File

/**
 * The process-wide objects: the vault and its unlock state, the auto-lock
 * timer, settings, the clipboard and the vault thread. It watches activities
 * start and stop to lock the vault after the configured time in the background.
 */
class WardApplication : Application(), Application.ActivityLifecycleCallbacks {
    lateinit var vault: VaultSession
        private set
    lateinit var unlock: UnlockMachine
        private set
    lateinit var autoLock: AutoLock
        private set
    lateinit var preferences: Preferences
        private set
    lateinit var clipboard: SensitiveClipboard
        private set
    lateinit var biometricKey: BiometricKey
        private set
    lateinit var qrReader: QrReader
        private set
    /** Collects the codes of a multi-part Google Authenticator export across scans and picked images. */
    val scanSession = ScanSession()

    /** The one thread that calls the vault. */
    val background = Background()

    /** Called on the main thread after the vault locked itself; the activity re-renders. */
    var onLocked: (() -> Unit)? = null

    private val main = Handler(Looper.getMainLooper())
    private var startedActivities = 0
    private var externalActivity = false
    private val lockWhenDue = Runnable { if (autoLock.isDueNow()) lockNow() }

    override fun onCreate() {
        super.onCreate()
        // The core's log lines (never secrets) go to logcat through android_logger.
        initLogging()
        val core = CoreVaultSession(File(File(filesDir, VAULT_DIR), VAULT_FILE))
        vault = core
        preferences = Preferences(this)
        unlock = UnlockMachine(core) { preferences.biometricIv != null }
        autoLock = AutoLock(Clock.SYSTEM, preferences.autoLockDelay)
        clipboard = SensitiveClipboard(this, ClipboardSchedule(Clock.SYSTEM))
        biometricKey = BiometricKey(this)
        qrReader = CoreQrReader()
        registerActivityLifecycleCallbacks(this)
    }

    /** Locks the vault now and tells the activity. */
    fun lockNow() {
        background.run({ unlock.lock() }) { onLocked?.invoke() }
    }

    /**
     * Ward is about to open a system screen of its own (document picker, app
     * settings): leaving for it does not count as going to the background.
     */
    fun expectExternalActivity() {
        externalActivity = true
    }

    override fun onActivityStarted(activity: Activity) {
        startedActivities += 1
        if (startedActivities == 1) {
            externalActivity = false
            main.removeCallbacks(lockWhenDue)
            if (autoLock.onForeground()) lockNow()
        }
    }

    override fun onActivityStopped(activity: Activity) {
        startedActivities -= 1
        if (startedActivities == 0 && !activity.isChangingConfigurations && !externalActivity) {
            autoLock.onBackground()
            autoLock.millisUntilLock()?.let { main.postDelayed(lockWhenDue, it) }
        }
    }

    override fun onActivityCreated(activity: Activity, savedInstanceState: Bundle?) {}
    override fun onActivityResumed(activity: Activity) {}
    override fun onActivityPaused(activity: Activity) {}
    override fun onActivitySaveInstanceState(activity: Activity, outState: Bundle) {}
    override fun onActivityDestroyed(activity: Activity) {}

    private companion object {
        /** Under files/: excluded from backup and device transfer by data_extraction_rules.xml. */
        const val VAULT_DIR = "vault"
        const val VAULT_FILE = "ward.vault"
    }
}
