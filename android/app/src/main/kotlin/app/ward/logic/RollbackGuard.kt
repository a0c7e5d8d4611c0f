package app.ward.logic

/** Where the highest vault generation seen is kept: private storage that is never backed up. */
interface GenerationMemory {
    /** The highest generation remembered for the vault [vaultKey], or null. */
    fun highest(vaultKey: String): Long?

    /** Remembers [generation] for [vaultKey] (replacing what was there). */
    fun store(vaultKey: String, generation: Long)
}

/**
 * What the app tells the person after an unlock when the vault is not what
 * Ward last saw: an older copy of the whole file ([rolledBack]) or changes
 * made outside Ward ([problems]). A warning, never a block: the entries show.
 */
data class IntegrityWarning(val generation: Long, val highestSeen: Long?, val rolledBack: Boolean, val problems: List<String>) {
    /** The dialog's text. */
    fun describe(): String = buildString {
        if (rolledBack) {
            append(
                "This vault is older than the one Ward last opened on this phone (version $generation, Ward saw " +
                    "version $highestSeen). Someone may have put back an old copy of the file: accounts added since " +
                    "may be missing, and an HOTP code may repeat.",
            )
        }
        if (problems.isNotEmpty()) {
            if (isNotEmpty()) append("\n\n")
            append("The vault file was changed outside Ward:")
            problems.forEach { append("\n• ").append(it) }
        }
        append("\n\nIf you restored this copy yourself, keep it. Otherwise restore a recent backup.")
    }
}

/**
 * Rollback memory (contract, session 2): the highest `generation()` seen is
 * kept in [memory], per vault; an unlocked vault reporting a lower one is
 * reported, as is an integrity check that is not intact. Run off the main thread.
 */
class RollbackGuard(private val backups: VaultBackups, private val memory: GenerationMemory) {
    /**
     * After an unlock: the warning to show, or null when all is well (then the
     * generation is remembered). A lower generation is not remembered, so the
     * warning shows again until the person keeps this vault ([accept]).
     */
    fun check(): IntegrityWarning? {
        val generation = backups.generation()
        val highest = memory.highest(backups.vaultKey)
        val rolledBack = highest != null && generation < highest
        val problems = backups.integrityProblems()
        if (!rolledBack) remember(generation)
        return if (rolledBack || problems.isNotEmpty()) IntegrityWarning(generation, highest, rolledBack, problems) else null
    }

    /** After a change Ward made: remembers the new generation if it is higher. */
    fun afterChange() {
        remember(backups.generation())
    }

    /** The person keeps the vault as it is: the manifest is sealed again (fresh proof needed) and its generation becomes the one remembered. */
    fun accept() {
        backups.acceptIntegrityState()
        memory.store(backups.vaultKey, backups.generation())
    }

    /** A vault was just created or restored at this place: its generation starts the memory again. */
    fun reset() {
        memory.store(backups.vaultKey, backups.generation())
    }

    private fun remember(generation: Long) {
        val highest = memory.highest(backups.vaultKey)
        if (highest == null || generation > highest) memory.store(backups.vaultKey, generation)
    }
}
