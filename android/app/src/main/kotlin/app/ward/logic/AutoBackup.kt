package app.ward.logic

import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

/** What one backup attempt did. */
sealed interface BackupOutcome {
    /** A verified backup [name] was written; [pruned] older Ward backups were deleted after it. */
    data class Written(val name: String, val pruned: List<String>) : BackupOutcome

    /** Automatic backups are off: nothing was written. */
    data object Off : BackupOutcome

    /** The backup failed; [message] says why and what to do. The change itself was kept. */
    data class Failed(val message: String) : BackupOutcome
}

/** Why a backup failed, for the app to word ([AutoBackup]'s `describe`). */
sealed interface BackupFailure {
    /** The backup written to the folder did not read back identical; it was deleted. */
    data object NotVerified : BackupFailure

    /**
     * The core ([WardProblem]), the folder ([AppProblem]) or something else
     * failed with [error].
     */
    data class Error(val error: Throwable) : BackupFailure
}

/**
 * Ward's automatic backups on Android: after every change (and on "Back up
 * now") one consistent snapshot from the core goes to the folder the person
 * picked, and, when they opted in, to the copy Android's own backup takes
 * ([androidCopy]).
 *
 * In the folder: a new document `ward-backup-YYYYMMDD-HHMMSS.ward` (UTC, the
 * names sort in the order written), read back and compared byte for byte;
 * only then are the oldest Ward backups beyond `keep` deleted (other files
 * are never touched). The result is recorded in the vault's encrypted
 * settings, so Settings and the reminder can show it.
 *
 * Never throws: a failure is an [BackupOutcome.Failed], whose sentence is
 * [describe]'s wording of a [BackupFailure] (the app words it from its string
 * resources, in the person's language; that sentence is also what the vault
 * records). Run it off the main thread (it reads the vault and writes files).
 */
class AutoBackup(
    private val backups: VaultBackups,
    private val folderAt: (location: String) -> BackupFolder,
    private val androidCopy: AndroidBackupCopy?,
    private val describe: (BackupFailure) -> String,
    private val nowSeconds: () -> Long,
) {
    /** One backup now, to the folder in the settings (and the Android backup copy when opted in). */
    fun run(): BackupOutcome {
        val state = try {
            backups.status()
        } catch (problem: WardProblem) {
            // Locked since the change (auto-lock, the Lock button): the next change backs up; nothing to report.
            if (problem.kind == WardProblem.Kind.LOCKED) return BackupOutcome.Off
            return failed(problem)
        }
        val location = state.location?.takeIf { state.enabled }
        val copyWanted = androidCopy?.optedIn == true
        if (location == null && !copyWanted) return BackupOutcome.Off
        val now = nowSeconds()
        val bytes = try {
            backups.snapshot(now)
        } catch (problem: WardProblem) {
            return record(now, location, failed(problem))
        }
        if (copyWanted) runCatching { androidCopy?.write(bytes) }
        if (location == null) return BackupOutcome.Off
        val outcome = try {
            writeAndPrune(folderAt(location), bytes, now, state.keep.coerceAtLeast(1))
        } catch (error: Exception) {
            failed(error)
        }
        return record(now, location, outcome)
    }

    private fun writeAndPrune(folder: BackupFolder, bytes: ByteArray, now: Long, keep: Int): BackupOutcome {
        val existing = folder.names()
        val name = freeName(existing.toSet(), now)
        folder.write(name, bytes)
        val written = try {
            folder.read(name)
        } catch (error: Exception) {
            null
        }
        if (written == null || !written.contentEquals(bytes)) {
            runCatching { folder.delete(name) }
            return BackupOutcome.Failed(describe(BackupFailure.NotVerified))
        }
        val ours = (existing.filter(::isWardBackup) + name).sorted()
        val pruned = ours.take((ours.size - keep).coerceAtLeast(0))
        pruned.forEach { folder.delete(it) }
        return BackupOutcome.Written(name, pruned)
    }

    private fun failed(error: Throwable) = BackupOutcome.Failed(describe(BackupFailure.Error(error)))

    /** Records [outcome] in the vault's settings when it concerns the folder; returns it. */
    private fun record(now: Long, location: String?, outcome: BackupOutcome): BackupOutcome {
        if (location == null) return outcome
        runCatching { backups.recordResult(now, (outcome as? BackupOutcome.Failed)?.message) }
        return outcome
    }

    companion object {
        private val NAME = Regex("""ward-backup-\d{8}-\d{6}(_\d{3})?\.ward""")
        private val STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)

        /** True for the names of Ward's backups (the only files pruning may delete). */
        fun isWardBackup(name: String): Boolean = NAME.matches(name)

        /** `ward-backup-YYYYMMDD-HHMMSS.ward` for [now] (UTC), with `_001`… when the name is taken. */
        fun freeName(taken: Set<String>, now: Long): String {
            val base = "ward-backup-" + STAMP.format(Instant.ofEpochSecond(now))
            if ("$base.ward" !in taken) return "$base.ward"
            return (1..999).map { "${base}_%03d.ward".format(it) }.first { it !in taken }
        }
    }
}

/**
 * The copy of the vault that Android's own backup (cloud backup and
 * device-to-device transfer) may take, only when the person opted in.
 */
interface AndroidBackupCopy {
    /** True when the person opted in. */
    val optedIn: Boolean

    /** Replaces the copy with the snapshot [bytes], atomically. */
    fun write(bytes: ByteArray)
}
