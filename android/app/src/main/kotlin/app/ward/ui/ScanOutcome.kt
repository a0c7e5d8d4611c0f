package app.ward.ui

import android.widget.Toast
import app.ward.logic.ExportProgress
import app.ward.logic.ScanStep
import app.ward.logic.Scanned

/**
 * Acts on what a scan (camera or picked image) read, through the app's
 * [app.ward.logic.ScanSession]: adds a single account, or imports each code of
 * a Google Authenticator export as it arrives and reports through [onStatus]
 * which codes are still missing, until the export is complete.
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
            is ScanStep.AddAccount -> addAccount(step.uri)
            is ScanStep.ImportPart -> importPart(step.uri)
        }
    }

    private fun addAccount(uri: String) {
        finished = true
        app.background.run({ app.vault.addUri(uri, app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess {
                app.scanSession.reset()
                Toast.makeText(activity, "Account added.", Toast.LENGTH_SHORT).show()
                activity.showCodes()
            }.onFailure {
                finished = false
                onStatus(it.message ?: "That QR code could not be added.")
            }
        }
    }

    private fun importPart(uri: String) {
        onStatus("Importing…")
        app.background.run({ app.vault.importExportPart(uri, app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess { report ->
                when (val progress = app.scanSession.onPartImported(report)) {
                    is ExportProgress.Collecting -> onStatus(
                        "Google Authenticator export: ${progress.collected} of ${progress.total} codes scanned. " +
                            "Now scan code ${progress.missing.joinToString(", ")}.",
                    )
                    is ExportProgress.Complete -> {
                        finished = true
                        activity.showCodes()
                        SecureDialog.message(activity, "Import finished", progress.summary.describe())
                    }
                }
            }.onFailure {
                app.scanSession.onPartFailed(uri)
                onStatus(it.message ?: "That export code could not be imported.")
            }
        }
    }
}
