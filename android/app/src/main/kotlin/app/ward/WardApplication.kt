package app.ward

import android.app.Activity
import android.app.Application
import android.content.Context
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.os.SystemClock
import app.ward.core.initLogging
import app.ward.logic.AutoLock
import app.ward.logic.ChangeWatchingSession
import app.ward.logic.ClipboardSchedule
import app.ward.logic.Clock
import app.ward.logic.QrReader
import app.ward.logic.ScanSession
import app.ward.logic.UnlockMachine
import app.ward.logic.VaultSession
import app.ward.platform.BiometricGate
import app.ward.platform.BiometricKey
import app.ward.platform.CameraSource
import app.ward.platform.DeviceKey
import app.ward.platform.DeviceSecurity
import app.ward.platform.FramePipeline
import app.ward.platform.Preferences
import app.ward.platform.QrCamera
import app.ward.platform.SensitiveClipboard
import app.ward.ui.Background
import app.ward.ui.BackupRunner
import app.ward.ui.MainActivity
import app.ward.ui.PendingDocument
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
    lateinit var qrReader: QrReader
        private set

    /** Automatic backups, the Android backup copy and the rollback memory (issues 12 and 13). */
    lateinit var backupRunner: BackupRunner
        private set

    /**
     * The Keystore key and the biometric prompt. Replaced in tests (Robolectric
     * has no AndroidKeyStore); the real key is made on first use only.
     */
    var security: DeviceSecurity = DeviceSecurity(
        key = lazyKey { BiometricKey(this) },
        prompter = { BiometricGate(it) },
    )

    /** The camera for the scan screen; tests feed rendered QR codes through a fake. */
    var camera: (Context, FramePipeline, (String) -> Unit) -> CameraSource = { context, pipeline, onError ->
        QrCamera(context, pipeline, onError)
    }

    /** The wall clock for codes (Unix time); tests set it to compare with oathtool. */
    var clock: Clock = Clock.SYSTEM

    /**
     * The clock for auto-lock: time since boot, which moving the wall clock
     * back cannot stop. Replaceable before [onCreate] only in tests.
     */
    var lockClock: Clock = Clock { SystemClock.elapsedRealtime() }

    /** The activity on screen (null when none): where results of background work are shown. */
    var liveActivity: MainActivity? = null

    /** An otpauth:// link the app was opened with, waiting for an unlocked vault and the person's confirmation. */
    var pendingLink: String? = null

    /** A document the system picker returned while its screen was gone (process death), waiting for an unlocked vault. */
    var pendingDocument: PendingDocument? = null

    /**
     * The setup key typed on the manual-entry screen, kept in memory only
     * across an activity recreation (never in the saved-state Bundle, which the
     * system may write out).
     */
    var retainedSecret: String? = null
    /** Collects the codes of a multi-part Google Authenticator export across scans and picked images. */
    val scanSession = ScanSession()

    /** The one thread that calls the vault. */
    val background = Background()

    /** Called on the main thread after the vault locked itself; the activity re-renders. */
    var onLocked: (() -> Unit)? = null

    private val main = Handler(Looper.getMainLooper())
    private var startedActivities = 0
    private var externalUntil: Long? = null
    private val lockWhenDue = Runnable { if (autoLock.isDueNow()) lockNow() }

    override fun onCreate() {
        super.onCreate()
        // The core's log lines (never secrets) go to logcat through android_logger.
        initLogging()
        val core = CoreVaultSession(File(File(filesDir, VAULT_DIR), VAULT_FILE)) { clock.nowMillis() / 1000 }
        backupRunner = BackupRunner(this, CoreBackups(core) { clock.nowMillis() / 1000 })
        // Every change the app makes is followed by a backup, queued on the vault thread.
        vault = ChangeWatchingSession(core) { backupRunner.afterChange() }
        preferences = Preferences(this)
        unlock = UnlockMachine(core) { preferences.biometricIv != null }
        autoLock = AutoLock(lockClock, preferences.autoLockDelay)
        clipboard = SensitiveClipboard(this, ClipboardSchedule(lockClock))
        qrReader = CoreQrReader()
        registerActivityLifecycleCallbacks(this)
    }

    /** Locks the vault now and tells the activity. */
    fun lockNow() {
        background.run({ unlock.lock() }) { onLocked?.invoke() }
    }

    /**
     * Ward is about to open a system screen of its own (document picker, app
     * settings). Leaving for it still counts as going to the background, but
     * the vault stays open for at least [AutoLock.EXTERNAL_GRACE_MILLIS], time
     * to pick a file. Going Home from there locks it like any other exit.
     */
    fun expectExternalActivity() {
        externalUntil = lockClock.nowMillis() + AutoLock.EXTERNAL_GRACE_MILLIS
    }

    override fun onActivityStarted(activity: Activity) {
        startedActivities += 1
        if (startedActivities == 1) {
            externalUntil = null
            main.removeCallbacks(lockWhenDue)
            if (autoLock.onForeground()) lockNow()
        }
    }

    override fun onActivityStopped(activity: Activity) {
        startedActivities -= 1
        if (startedActivities == 0 && !activity.isChangingConfigurations) {
            // An external screen only lengthens the delay, and only if it was opened just now.
            val grace = externalUntil?.takeIf { it > lockClock.nowMillis() }?.let { AutoLock.EXTERNAL_GRACE_MILLIS }
            autoLock.onBackground(minimumMillis = grace)
            autoLock.millisUntilLock()?.let { main.postDelayed(lockWhenDue, it) }
        }
    }

    override fun onActivityCreated(activity: Activity, savedInstanceState: Bundle?) {
        if (activity is MainActivity) liveActivity = activity
    }

    override fun onActivityResumed(activity: Activity) {
        if (activity is MainActivity) liveActivity = activity
    }
    override fun onActivityPaused(activity: Activity) {}
    override fun onActivitySaveInstanceState(activity: Activity, outState: Bundle) {}
    override fun onActivityDestroyed(activity: Activity) {
        if (liveActivity === activity) liveActivity = null
    }

    private companion object {
        /** [make] on first call, then the same key. */
        fun lazyKey(make: () -> DeviceKey): () -> DeviceKey {
            val key by lazy(make)
            return { key }
        }

        /** Under files/: never in Android backup (only the staged snapshot in files/android-backup/ is, when opted in). */
        const val VAULT_DIR = "vault"
        const val VAULT_FILE = "ward.vault"
    }
}
