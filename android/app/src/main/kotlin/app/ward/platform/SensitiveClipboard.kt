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
 */
class SensitiveClipboard(context: Context, private val schedule: ClipboardSchedule) {
    private val manager: ClipboardManager = checkNotNull(context.getSystemService(ClipboardManager::class.java)) {
        "this system has no clipboard service"
    }
    private val handler = Handler(Looper.getMainLooper())

    init {
        manager.addPrimaryClipChangedListener {
            // The description is readable while Ward has focus; another label means another app's copy.
            val label = manager.primaryClipDescription?.label
            if (label != null && label != LABEL) schedule.onForeignClip()
        }
    }

    /** Copies [code] and schedules the clear. */
    fun copy(code: String) {
        val clip = ClipData.newPlainText(LABEL, code)
        clip.description.extras = PersistableBundle().apply { putBoolean(sensitiveExtra(), true) }
        manager.setPrimaryClip(clip)
        val token = schedule.onCopied()
        handler.postDelayed({ if (schedule.shouldClear(token)) manager.clearPrimaryClip() }, schedule.holdMillis)
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
