package app.ward.ui

import android.widget.Toast
import app.ward.R
import app.ward.logic.ScanStep
import app.ward.logic.Scanned
import app.ward.logic.ScannedHandle

/**
 * Acts on what a scan (camera or picked image) read, through the app's
 * [app.ward.logic.ScanSession]: adds a single account, or collects the codes
 * of a Google Authenticator export, reporting through [onStatus] which are
 * still missing, and imports them all once the export is complete.
 */
class ScanOutcome(private val activity: MainActivity, private val onStatus: (String) -> Unit) {
    private val app = activity.app

    /** True once a single account was added or an export completed (the scan should stop). */
    var finished = false
        private set

    /** Handles one code read by the core; call on the main thread. */
    fun handle(scanned: Scanned) {
        if (finished) return
        when (val step = app.scanSession.accept(scanned)) {
            ScanStep.Ignore -> Unit
            is ScanStep.AddAccount -> addAccount(step.handle)
            is ScanStep.Collecting -> {
                val res = activity.resources
                val progress = res.getQuantityString(R.plurals.scan_export_progress, step.total, step.collected, step.total)
                val missing = res.getQuantityString(R.plurals.scan_export_missing, step.missing.size, step.missing.joinToString(", "))
                onStatus("$progress $missing")
            }
            is ScanStep.ImportExport -> importExport(step.parts)
        }
    }

    private fun addAccount(code: ScannedHandle) {
        finished = true
        app.background.run({ app.vault.addScanned(code, app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess {
                app.scanSession.reset()
                Toast.makeText(activity, R.string.account_added, Toast.LENGTH_SHORT).show()
                activity.showCodes()
            }.onFailure {
                finished = false
                onStatus(activity.problemText(it, R.string.scan_code_not_added))
            }
        }
    }

    private fun importExport(parts: List<ScannedHandle>) {
        finished = true
        onStatus(activity.getString(R.string.scan_importing))
        app.background.run({ app.vault.importScanned(parts, app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess { summary ->
                app.scanSession.onImported()
                activity.showCodes()
                SecureDialog.message(activity, activity.getString(R.string.scan_import_finished), activity.describe(summary))
            }.onFailure {
                app.scanSession.onImportFailed()
                finished = false
                onStatus(activity.getString(R.string.scan_export_again, activity.problemText(it, R.string.scan_export_not_imported)))
            }
        }
    }
}
