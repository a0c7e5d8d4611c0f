package app.ward.logic

/**
 * A QR code the core read and holds (its URI and secret stay in the core,
 * never in Kotlin): only the vault can add it ([VaultSession.addScanned],
 * [VaultSession.importScanned]). Opaque to the app's logic.
 */
interface ScannedHandle

/** An authenticator QR code the core found in a frame. */
sealed interface Scanned {
    /** One account; [label] says what it describes ("issuer: name", no secret). */
    class Account(val handle: ScannedHandle, val label: String) : Scanned

    /** Code [batchIndex] (0-based) of a Google Authenticator export of [batchSize] codes. */
    class ExportPart(val handle: ScannedHandle, val batchIndex: Int, val batchSize: Int) : Scanned
}

/** What the scan screen must do next. */
sealed interface ScanStep {
    /** Nothing to do (a code already collected was seen again): keep scanning. */
    data object Ignore : ScanStep

    /** Add this single account to the vault; the scan is over. */
    data class AddAccount(val handle: ScannedHandle) : ScanStep

    /** [collected] of [total] export codes are in; [missing] lists the 1-based numbers still to scan. */
    data class Collecting(val collected: Int, val total: Int, val missing: List<Int>) : ScanStep

    /**
     * Every code of the export is in: import [parts] (in batch order) into the
     * vault, then call [ScanSession.onImported] or [ScanSession.onImportFailed].
     */
    data class ImportExport(val parts: List<ScannedHandle>) : ScanStep
}

/**
 * Collects what the camera (or picked images) read until there is something
 * complete: a single otpauth:// account at once, or every QR code of a Google
 * Authenticator export. Export codes can be scanned in any order and more than
 * once (de-duplicated by their batch index); once every index of the export is
 * in, the whole export is imported in one call. Scanning a code of an export
 * of a different size starts the count over.
 */
class ScanSession {
    private var total = 0
    private val parts = sortedMapOf<Int, ScannedHandle>()

    /** Decides what to do with a code read by the core. */
    fun accept(scanned: Scanned): ScanStep = when (scanned) {
        is Scanned.Account -> ScanStep.AddAccount(scanned.handle)
        is Scanned.ExportPart -> collect(scanned)
    }

    private fun collect(part: Scanned.ExportPart): ScanStep {
        if (part.batchSize < 1 || part.batchIndex !in 0 until part.batchSize) return ScanStep.Ignore
        if (part.batchSize != total) {
            total = part.batchSize
            parts.clear()
        }
        if (part.batchIndex in parts) return ScanStep.Ignore
        parts[part.batchIndex] = part.handle
        if (parts.size == total) return ScanStep.ImportExport(parts.values.toList())
        val missing = (0 until total).filter { it !in parts }.map { it + 1 }
        return ScanStep.Collecting(parts.size, total, missing)
    }

    /** The export of [ScanStep.ImportExport] is in the vault: the next code starts a new scan. */
    fun onImported() = reset()

    /** The import of [ScanStep.ImportExport] failed: every code may be scanned again. */
    fun onImportFailed() = reset()

    /** Starts over (the person left the scan screen). */
    fun reset() {
        total = 0
        parts.clear()
    }
}
