package app.ward.logic

/** An authenticator QR code the core found in a frame. */
sealed interface Scanned {
    /** One account's otpauth:// URI (holds the secret). */
    data class Account(val uri: String) : Scanned

    /** One QR code of a Google Authenticator export: an otpauth-migration:// URI. */
    data class ExportPart(val uri: String) : Scanned
}

/**
 * What the core reported after importing one export QR code: the export's
 * size, which of its codes (0-based) it has seen, and what the import did.
 */
data class PartReport(val batchSize: Int, val present: List<Int>, val summary: ImportSummary)

/** What the scan screen must do next. */
sealed interface ScanStep {
    /** Nothing to do (a code already handled was seen again): keep scanning. */
    data object Ignore : ScanStep

    /** Add this single account to the vault; the scan is over. */
    data class AddAccount(val uri: String) : ScanStep

    /** Import this export code into the vault, then report with [ScanSession.onPartImported]. */
    data class ImportPart(val uri: String) : ScanStep
}

/** Where a multi-code export stands after a part was imported. */
sealed interface ExportProgress {
    /** [collected] of [total] codes are in; [missing] lists the 1-based numbers still to scan. */
    data class Collecting(val collected: Int, val total: Int, val missing: List<Int>) : ExportProgress

    /** Every code is in; [summary] adds up what all parts imported. */
    data class Complete(val summary: ImportSummary) : ExportProgress
}

/**
 * Collects what the camera (or picked images) read until there is something
 * complete: a single otpauth:// account at once, or every QR code of a Google
 * Authenticator export. Export codes can be scanned in any order and more than
 * once; each new one is imported as soon as it is read (its accounts are
 * whole, and the vault refuses duplicates), and the core's report says which
 * codes of the export are still missing. Scanning a code of an export of a
 * different size starts the count over.
 */
class ScanSession {
    private val seen = mutableSetOf<String>()
    private var total = 0
    private val present = sortedSetOf<Int>()
    private var imported = 0
    private val skipped = mutableListOf<String>()

    /** Decides what to do with a code read by the core. */
    fun accept(scanned: Scanned): ScanStep = when (scanned) {
        is Scanned.Account -> ScanStep.AddAccount(scanned.uri)
        is Scanned.ExportPart -> if (seen.add(scanned.uri)) ScanStep.ImportPart(scanned.uri) else ScanStep.Ignore
    }

    /** The import of [ScanStep.ImportPart] failed: the code may be scanned again. */
    fun onPartFailed(uri: String) {
        seen.remove(uri)
    }

    /** Records what the core reported for an imported export code. */
    fun onPartImported(report: PartReport): ExportProgress {
        if (report.batchSize != total) {
            total = report.batchSize
            present.clear()
            imported = 0
            skipped.clear()
        }
        present += report.present.filter { it in 0 until total }
        imported += report.summary.imported
        skipped += report.summary.skipped
        if (present.size >= total) {
            val summary = ImportSummary(imported, skipped.toList())
            reset()
            return ExportProgress.Complete(summary)
        }
        val missing = (0 until total).filter { it !in present }.map { it + 1 }
        return ExportProgress.Collecting(present.size, total, missing)
    }

    /** Starts over (the person left the scan screen). */
    fun reset() {
        seen.clear()
        total = 0
        present.clear()
        imported = 0
        skipped.clear()
    }
}
