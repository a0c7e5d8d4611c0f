package app.ward.ui

import android.content.Context
import app.ward.R
import app.ward.logic.BackupState
import app.ward.logic.ImportSummary
import app.ward.logic.IntegrityWarning

// Texts made of a sentence and a list, from res/values/strings.xml.

/** [lines] as a bulleted list under [heading], after a blank line; nothing when [lines] is empty. */
fun bulleted(heading: String, lines: List<String>): String =
    if (lines.isEmpty()) "" else "\n\n" + heading + lines.joinToString("") { "\n• $it" }

/**
 * The report shown after an import: how many accounts came in, and what was
 * skipped and why (the core's reasons, then duplicates, then the items without
 * a one-time password, counted each).
 */
fun Context.describe(summary: ImportSummary): String {
    val duplicates = summary.duplicates.map { if (it.isBlank()) getString(R.string.import_duplicate_unnamed) else getString(R.string.import_duplicate, it) }
    val withoutOtp = if (summary.withoutOtp > 0) listOf(resources.getQuantityString(R.plurals.import_without_otp, summary.withoutOtp, summary.withoutOtp)) else emptyList()
    val lines = summary.skipped + duplicates + withoutOtp
    val count = summary.skipped.size + summary.duplicates.size + summary.withoutOtp
    return resources.getQuantityString(R.plurals.import_imported, summary.imported, summary.imported) +
        bulleted(resources.getQuantityString(R.plurals.import_skipped, count, count), lines)
}

/** [seconds] ago in the largest whole unit people use ("2 hours ago", "just now"). */
fun Context.ago(seconds: Long): String {
    fun count(plural: Int, n: Long) = resources.getQuantityString(plural, n.toInt(), n.toInt())
    return when {
        seconds < MINUTE -> getString(R.string.backups_just_now)
        seconds < HOUR -> count(R.plurals.backups_minutes_ago, seconds / MINUTE)
        seconds < DAY -> count(R.plurals.backups_hours_ago, seconds / HOUR)
        else -> count(R.plurals.backups_days_ago, seconds / DAY)
    }
}

/** "Last backup: 2 hours ago" (or "never") for [state] at [nowSeconds], for Settings → Backups. */
fun Context.lastBackupLine(state: BackupState, nowSeconds: Long): String {
    val success = state.lastSuccess ?: return getString(R.string.backups_last_backup_never)
    return getString(R.string.backups_last_backup, ago(nowSeconds - success))
}

/** The text of the warning after an unlock: what looks wrong about the vault, and what to do. */
fun Context.describe(warning: IntegrityWarning): String = buildString {
    if (warning.rolledBack) append(getString(R.string.rollback_older, warning.generation, warning.highestSeen ?: 0L))
    val changes = bulleted(getString(R.string.rollback_changed_outside), warning.problems)
    append(if (isEmpty()) changes.removePrefix("\n\n") else changes)
    append("\n\n").append(getString(R.string.rollback_advice))
}

private const val MINUTE: Long = 60
private const val HOUR: Long = 3600
private const val DAY: Long = 86_400
