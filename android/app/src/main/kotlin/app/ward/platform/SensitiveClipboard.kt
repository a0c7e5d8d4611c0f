package app.ward.platform

import android.content.ClipData
import android.content.ClipDescription
import android.content.ClipboardManager
import android.content.Context
import android.os.Build
import android.os.Handler
import android.os.Looper
import android.os.PersistableBundle
import app.ward.logic.ClipboardSchedule

/**
 * Puts a code on the clipboard marked sensitive (Android 13+ hides it from the
 * copy preview and keyboards' suggestions) and clears it after
 * [ClipboardSchedule.holdMillis], unless something else was copied since.
 *
 * "Something else" is checked when the clear is due, by reading the clip:
 * the change listener alone cannot be trusted, because Android 10+ does not
 * tell an app in the background that the clip changed, so a copy the person
 * made in another app would go unseen and be wiped. Android 10+ also refuses
 * to let a background app read the clip; then the clear waits until Ward has
 * focus again ([onFocus]) and checks then. (Android 13+ clears the clipboard
 * by itself after an hour.)
 */
class SensitiveClipboard(context: Context, private val schedule: ClipboardSchedule) {
    private val manager: ClipboardManager = checkNotNull(context.getSystemService(ClipboardManager::class.java)) {
        "this system has no clipboard service"
    }
    private val handler = Handler(Looper.getMainLooper())

    /** The code last copied, to recognise our own clip; null once cleared or replaced. */
    private var copied: String? = null
    private var deferredToken: Long? = null

    init {
        manager.addPrimaryClipChangedListener {
            // Heard only while Ward has focus; another label means another copy.
            val label = manager.primaryClipDescription?.label
            if (label != null && label != LABEL) forget()
        }
    }

    /** Copies [code] and schedules the clear. */
    fun copy(code: String) {
        val clip = ClipData.newPlainText(LABEL, code)
        clip.description.extras = PersistableBundle().apply { putBoolean(sensitiveExtra(), true) }
        manager.setPrimaryClip(clip)
        copied = code
        deferredToken = null
        val token = schedule.onCopied()
        handler.postDelayed({ clearIfOurs(token) }, schedule.holdMillis)
    }

    /** Ward has focus again: a clear that was due while the clip was unreadable is checked now. */
    fun onFocus() {
        deferredToken?.let(::clearIfOurs)
    }

    private fun clearIfOurs(token: Long) {
        val ours = copied ?: return
        if (schedule.millisUntilClear() == null) return
        val clip = try {
            manager.primaryClip
        } catch (_: SecurityException) {
            null
        }
        val readable = clip != null || Build.VERSION.SDK_INT < Build.VERSION_CODES.Q
        if (!readable) {
            deferredToken = token // Android 10+ in the background: look again when Ward has focus.
            return
        }
        deferredToken = null
        val stillOurs = clip != null && clip.description.label == LABEL && clip.itemCount > 0 &&
            clip.getItemAt(0).text?.toString() == ours
        if (!stillOurs) return forget()
        if (schedule.shouldClear(token)) {
            manager.clearPrimaryClip()
            copied = null
        }
    }

    private fun forget() {
        schedule.onForeignClip()
        copied = null
        deferredToken = null
    }

    private fun sensitiveExtra(): String =
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) ClipDescription.EXTRA_IS_SENSITIVE
        else LEGACY_SENSITIVE_EXTRA

    companion object {
        /** The clip's label: how Ward recognises its own copies. */
        const val LABEL: String = "Ward code"

        /** ClipDescription.EXTRA_IS_SENSITIVE's value, which some Android 12 keyboards already honour. */
        private const val LEGACY_SENSITIVE_EXTRA = "android.content.extra.IS_SENSITIVE"
    }
}
