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
 * Its text is `describe` in ui/Reports.kt.
 */
data class IntegrityWarning(val generation: Long, val highestSeen: Long?, val rolledBack: Boolean, val problems: List<String>)

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
