package app.ward.ui

import android.widget.Toast
import app.ward.logic.Clock
import app.ward.logic.ScanProgress

/**
 * Acts on what a scan (camera or picked image) produced: adds a single
 * account, imports a complete Google Authenticator export, or reports progress
 * through [onStatus] while parts are still missing.
 */
class ScanOutcome(private val activity: MainActivity, private val onStatus: (String) -> Unit) {
    private val app = activity.app

    /** True once an account or export has been handed to the vault (the scan should stop). */
    var finished = false
        private set

    /** Handles [progress]; call on the main thread. */
    fun handle(progress: ScanProgress) {
        if (finished) return
        when (progress) {
            is ScanProgress.Scanning -> progress.hint?.let(onStatus)
            is ScanProgress.Collecting -> onStatus(
                "Google Authenticator export: ${progress.collected} of ${progress.total} codes scanned. " +
                    "Still to scan: ${progress.missing.joinToString(", ")}.",
            )
            is ScanProgress.Account -> {
                finished = true
                app.background.run({ app.vault.addUri(progress.uri, Clock.SYSTEM.nowMillis() / 1000) }) { result ->
                    result.onSuccess {
                        Toast.makeText(activity, "Account added.", Toast.LENGTH_SHORT).show()
                        activity.showCodes()
                    }.onFailure {
                        finished = false
                        onStatus(it.message ?: "That QR code could not be added.")
                    }
                }
            }
            is ScanProgress.Export -> {
                finished = true
                app.background.run({ app.vault.importMigration(progress.uris, Clock.SYSTEM.nowMillis() / 1000) }) { result ->
                    result.onSuccess { summary ->
                        activity.showCodes()
                        SecureDialog.message(activity, "Import finished", summary.describe())
                    }.onFailure {
                        finished = false
                        onStatus(it.message ?: "The export could not be imported.")
                    }
                }
            }
        }
    }
}
