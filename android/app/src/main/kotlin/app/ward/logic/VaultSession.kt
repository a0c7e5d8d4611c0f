package app.ward.logic

/**
 * The vault as the app's screens use it: one vault file, its lock state, and
 * the user actions on its entries. Every computation and all storage happen in
 * the core; an implementation is a thin adapter ([app.ward.CoreVaultSession]).
 *
 * Calls may take time (password hashing, disk writes): run them off the main
 * thread. Every failure is a [WardProblem]. Times are Unix seconds.
 */
interface VaultSession {
    /** True when a vault file exists (otherwise the app offers to create one). */
    val exists: Boolean

    /** True when the vault is unlocked and entries can be read. */
    val isUnlocked: Boolean

    /**
     * Creates the vault protected by [password] and leaves it unlocked, with a
     * fresh proof (so biometric unlock can be turned on right away); the caller
     * wipes [password].
     */
    fun create(password: ByteArray)

    /** Unlocks with [password] (a fresh proof too); the caller wipes [password]. */
    fun unlockWithPassword(password: ByteArray)

    /** Unlocks through the platform key store (the biometric-released Keystore key); a fresh proof too. */
    fun unlockWithPlatformKey(key: PlatformKey)

    /**
     * Proves it is the owner again with the vault [password] (the caller wipes
     * it): sensitive calls work for the next minute. [WardProblem.Kind.WRONG_PASSWORD] otherwise.
     */
    fun reauthenticate(password: ByteArray)

    /**
     * Replaces the platform slot with the master key wrapped by [key].
     * Sensitive: [WardProblem.Kind.REAUTH_REQUIRED] without a fresh proof.
     */
    fun enablePlatformKey(key: PlatformKey)

    /**
     * Removes the vault's platform slot; the password keeps working. The caller
     * then deletes the Keystore key.
     */
    fun disablePlatformKey()

    /** Forgets the keys in memory; entries need an unlock again. */
    fun lock()

    /** Every entry in the user's order, with its codes at [nowSeconds]; damaged entries included as such. */
    fun rows(nowSeconds: Long): List<CodeRow>

    /** Adds the account in an otpauth URI; returns the new entry's id. */
    fun addUri(uri: String, nowSeconds: Long): String

    /** Changes an entry's issuer and account name. */
    fun rename(id: String, issuer: String, account: String, nowSeconds: Long)

    /** Deletes an entry for good. */
    fun delete(id: String)

    /** Stores the order of entries, given as every id in the new order. */
    fun reorder(ids: List<String>)

    /** Advances an HOTP entry's counter and returns the code for it (HOTP codes show only when asked for). */
    fun hotpNext(id: String, nowSeconds: Long): String

    /** Adds the single account of a scanned QR code; returns the new entry's id. */
    fun addScanned(code: ScannedHandle, nowSeconds: Long): String

    /** Imports the accounts of every QR code of a Google Authenticator export, in one transaction. */
    fun importScanned(codes: List<ScannedHandle>, nowSeconds: Long): ImportSummary

    /** Imports a backup file of Ward or another app; [password] for encrypted ones. */
    fun importFile(bytes: ByteArray, password: ByteArray?, nowSeconds: Long): ImportSummary

    /** The encrypted backup of every entry, sealed with [password]. Sensitive (see [enablePlatformKey]). */
    fun export(password: ByteArray): BackupFile

    /**
     * Replaces the password. Sensitive (see [enablePlatformKey]). The platform
     * slot is dropped: biometric unlock must be turned on again.
     */
    fun changePassword(newPassword: ByteArray)

    /** The fields of entry [id] that an edit can change (names, note, favourite). */
    fun details(id: String): EntryDetails

    /** Stores [details] as entry [id]'s names, note and favourite flag (a metadata edit: the secret never changes). */
    fun edit(id: String, details: EntryDetails, nowSeconds: Long)

    /**
     * The Google Authenticator export as QR codes to draw, made in the core
     * (the secret-bearing URIs never become app strings). Sensitive (see [enablePlatformKey]).
     */
    fun exportGoogleQr(): GoogleQrCodes
}

/**
 * The key the platform keeps (Android Keystore, released by a biometric) that
 * wraps the vault's 32-byte key for the platform slot.
 */
interface PlatformKey {
    /** Wraps the 32-byte [key]. */
    fun wrap(key: ByteArray): ByteArray

    /** Unwraps a blob made by [wrap]. */
    fun unwrap(wrapped: ByteArray): ByteArray
}

/** How a one-time password is produced. */
enum class OtpType {
    TOTP,
    HOTP,
    STEAM,
}

/**
 * One line of the codes list.
 *
 * @property id the entry's id in the vault.
 * @property code the current code, ungrouped; empty for a damaged entry, and for HOTP until the person asks for one.
 * @property nextCode the code after it (the next time step, or HOTP counter + 1).
 * @property secondsRemaining seconds until [code] expires; 0 for HOTP.
 * @property period seconds per code; 0 for HOTP.
 * @property damaged true when the entry could not be decrypted: shown, never deleted automatically.
 * @property favourite true for an entry the person marked as a favourite (listed first).
 * @property concealed true while tap-to-reveal hides [code] (set by [CodeList], never by the vault).
 */
data class CodeRow(
    val id: String,
    val issuer: String,
    val account: String,
    val type: OtpType,
    val code: String,
    val nextCode: String,
    val secondsRemaining: Long,
    val period: Long,
    val damaged: Boolean = false,
    val favourite: Boolean = false,
    val concealed: Boolean = false,
) {
    /**
     * What the list shows as the title: the issuer, or the account when there
     * is no issuer; empty when the entry has neither ([unnamed]: the screen shows its "no name" text).
     */
    val title: String get() = issuer.ifBlank { account }

    /** True when the entry has neither issuer nor account name. */
    val unnamed: Boolean get() = issuer.isBlank() && account.isBlank()

    /** The line under the title: the account, when the title is the issuer. */
    val subtitle: String get() = if (issuer.isBlank()) "" else account

    companion object {
        /** The row for an entry that cannot be read. */
        fun damaged(id: String): CodeRow = CodeRow(id, "", "", OtpType.TOTP, "", "", 0, 0, damaged = true)
    }
}

/**
 * What an import did, for the report shown afterwards (its text: `describe` in ui/Reports.kt).
 *
 * @property imported how many accounts were added.
 * @property skipped one line per account left out, with the core's reason.
 * @property duplicates the label of each account left out because it is already in the vault (may be blank).
 * @property withoutOtp how many items of the file have no one-time password (passwords, notes), left out.
 */
data class ImportSummary(
    val imported: Int,
    val skipped: List<String>,
    val duplicates: List<String> = emptyList(),
    val withoutOtp: Int = 0,
)

/**
 * An encrypted backup ready to be written to a file.
 *
 * @property bytes the file's content.
 * @property leftOut one line per entry that could not be included (damaged ones), with the reason.
 */
class BackupFile(val bytes: ByteArray, val leftOut: List<String>)
