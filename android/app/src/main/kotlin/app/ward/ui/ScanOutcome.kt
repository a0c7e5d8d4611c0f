package app.ward.ui

import android.widget.Toast
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
            is ScanStep.Collecting -> onStatus(
                "Google Authenticator export: ${step.collected} of ${step.total} codes scanned. " +
                    "Now scan code ${step.missing.joinToString(", ")}.",
            )
            is ScanStep.ImportExport -> importExport(step.parts)
        }
    }

    private fun addAccount(code: ScannedHandle) {
        finished = true
        app.background.run({ app.vault.addScanned(code, app.clock.nowMillis() / 1000) }) { result ->
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

    private fun importExport(parts: List<ScannedHandle>) {
        finished = true
        onStatus("Importing…")
        app.background.run({ app.vault.importScanned(parts, app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess { summary ->
                app.scanSession.onImported()
                activity.showCodes()
                SecureDialog.message(activity, "Import finished", summary.describe())
            }.onFailure {
                app.scanSession.onImportFailed()
                finished = false
                onStatus((it.message ?: "The export could not be imported.") + " Scan its codes again.")
            }
        }
    }
}
