package app.ward.logic

/**
 * One part of a Google Authenticator export: its accounts travel in several
 * QR codes, each an otpauth-migration:// URI numbered [index] of [size] within
 * export [batchId] (the core reads these from the payload).
 */
data class MigrationPart(val index: Int, val size: Int, val batchId: Long)

/** What a scan has produced so far. */
sealed interface ScanProgress {
    /** Nothing usable yet: keep scanning. [hint] says why the last code was ignored, or null. */
    data class Scanning(val hint: String? = null) : ScanProgress

    /** An otpauth:// URI: one account, ready to add. */
    data class Account(val uri: String) : ScanProgress

    /** Some parts of an export are in: [collected] of [total]; show which are missing. */
    data class Collecting(val collected: Int, val total: Int, val missing: List<Int>) : ScanProgress

    /** Every part of an export is in, in order: ready to import. */
    data class Export(val uris: List<String>) : ScanProgress
}

/**
 * Collects what the camera (or a picked image) reads until there is something
 * to add: a single otpauth:// account at once, or every part of a Google
 * Authenticator export (otpauth-migration://) — parts may be scanned in any
 * order and twice; a part of a different export starts over.
 *
 * @param inspect the core's reading of a migration URI's part numbers; null (or
 *   a throw) when it is not a valid export part.
 */
class ScanSession(private val inspect: (String) -> MigrationPart?) {
    private var batchId: Long? = null
    private var total = 0
    private val parts = sortedMapOf<Int, String>()

    /** Feeds one decoded QR text and returns where the scan stands. */
    fun accept(text: String): ScanProgress {
        val trimmed = text.trim()
        return when {
            trimmed.startsWith(OTPAUTH, ignoreCase = true) -> ScanProgress.Account(trimmed)
            trimmed.startsWith(MIGRATION, ignoreCase = true) -> acceptPart(trimmed)
            else -> ScanProgress.Scanning("That QR code is not an authenticator code.")
        }
    }

    /** Starts over (the person left the scan screen). */
    fun reset() {
        batchId = null
        total = 0
        parts.clear()
    }

    private fun acceptPart(uri: String): ScanProgress {
        val part = runCatching { inspect(uri) }.getOrNull()
            ?: return ScanProgress.Scanning("That export code could not be read. Hold the camera steady.")
        if (part.size < 1 || part.index !in 0 until part.size) {
            return ScanProgress.Scanning("That export code is numbered wrongly.")
        }
        if (part.batchId != batchId || part.size != total) {
            reset()
            batchId = part.batchId
            total = part.size
        }
        parts[part.index] = uri
        if (parts.size == total) {
            val complete = parts.values.toList()
            reset()
            return ScanProgress.Export(complete)
        }
        val missing = (0 until total).filter { it !in parts }.map { it + 1 }
        return ScanProgress.Collecting(parts.size, total, missing)
    }

    private companion object {
        const val OTPAUTH = "otpauth://"
        const val MIGRATION = "otpauth-migration://"
    }
}
