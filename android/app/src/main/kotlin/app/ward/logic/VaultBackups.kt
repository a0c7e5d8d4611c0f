package app.ward.logic

/**
 * The core's backup, restore and integrity calls, as the app uses them
 * (issues 12 and 13). An implementation is a thin adapter over the core
 * ([app.ward.CoreBackups]); every failure is a [WardProblem]. Run the calls
 * off the main thread. Times are Unix seconds.
 */
interface VaultBackups {
    /** The backup settings and the last results (needs the vault unlocked). */
    fun status(): BackupState

    /** Turns automatic backups on (a SAF tree URI) or off (null), keeping [keep] backups (at least 1). */
    fun setSettings(location: String?, keep: Int)

    /** A verified, consistent snapshot of the vault: a complete backup sealed as the vault is. */
    fun snapshot(nowSeconds: Long): ByteArray

    /** Records a backup the app wrote: [error] is null for a success, else the sentence to show later. */
    fun recordResult(nowSeconds: Long, error: String?)

    /** The vault's generation number: it grows with every committed change. */
    fun generation(): Long

    /** What the integrity check found, one sentence per problem; empty when the file is what Ward last wrote. */
    fun integrityProblems(): List<String>

    /** The person keeps the vault as it is now: the manifest is sealed again. Needs a fresh proof. */
    fun acceptIntegrityState()

    /**
     * Creates the app's vault (there must be none) from the backup [backup],
     * opened with its [password] (the caller wipes it), and leaves it
     * unlocked. Biometric unlock is not carried over; automatic backups start off.
     */
    fun restore(backup: ByteArray, password: ByteArray)

    /** An identifier of the vault file, to keep facts about it (its path). */
    val vaultKey: String
}

/**
 * A folder that holds Ward's backups: a Storage Access Framework tree on
 * Android ([app.ward.platform.SafBackupFolder]), a plain directory in tests.
 * Methods throw an [AppProblem] (which the screens word), never a sentence.
 */
interface BackupFolder {
    /** The names of the documents in the folder. */
    fun names(): List<String>

    /** Creates the new document [name] holding [bytes]. */
    fun write(name: String, bytes: ByteArray)

    /** The bytes of the document [name]. */
    fun read(name: String): ByteArray

    /** Deletes the document [name]. */
    fun delete(name: String)
}
