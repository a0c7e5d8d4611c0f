package app.ward

import app.ward.core.CodeState
import app.ward.core.EntryCode
import app.ward.core.EntryEdit
import app.ward.core.ImportReport
import app.ward.core.ListedEntry
import app.ward.core.OtpKind
import app.ward.core.SkippedItem
import app.ward.core.Vault
import app.ward.logic.BackupFile
import app.ward.logic.CodeRow
import app.ward.logic.EntryDetails
import app.ward.logic.GoogleQrCodes
import app.ward.logic.ImportSummary
import app.ward.logic.OtpType
import app.ward.logic.PlatformKey
import app.ward.logic.QrModules
import app.ward.logic.ScannedHandle
import app.ward.logic.VaultSession
import app.ward.logic.WardProblem
import java.io.File

/**
 * [VaultSession] over the core's generated `Vault` object: each method is a
 * short adapter that converts arguments, calls the core, and maps its error
 * with [CoreErrors]. Thread-safe (the core serialises calls on one vault);
 * the app still calls it from one background thread.
 *
 * Unlocks, re-authentications and sensitive calls (exports, password change,
 * platform slot) are stamped with [nowSeconds], the app's clock, since the
 * core checks that a sensitive call follows a fresh proof.
 *
 * @property file the vault file (files/vault/ward.vault on Android).
 * @property nowSeconds the app's wall clock in Unix seconds.
 */
class CoreVaultSession(
    private val file: File,
    private val nowSeconds: () -> Long = { System.currentTimeMillis() / 1000 },
) : VaultSession {
    private var opened: Vault? = null

    /** The open vault, opening the file on first use. */
    @Synchronized
    private fun vault(): Vault = opened ?: CoreErrors.call { Vault.open(file.path) }.also { opened = it }

    override val exists: Boolean get() = file.exists()

    override val isUnlocked: Boolean get() = opened?.isUnlocked() == true

    @Synchronized
    override fun create(password: ByteArray) {
        file.parentFile?.mkdirs()
        opened?.close()
        val created = CoreErrors.call { Vault.create(file.path, password) }
        opened = created
        // Creating records no proof; the password just typed is one, so biometric unlock can be offered at once.
        CoreErrors.call { created.reauthenticate(password, now()) }
    }

    override fun unlockWithPassword(password: ByteArray) = CoreErrors.call { vault().unlock(password, now()) }

    override fun unlockWithPlatformKey(key: PlatformKey) =
        CoreErrors.call { vault().unlockWithKeyStore(PlatformKeyStore(key), now()) }

    override fun reauthenticate(password: ByteArray) = CoreErrors.call { vault().reauthenticate(password, now()) }

    override fun enablePlatformKey(key: PlatformKey) =
        CoreErrors.call { vault().enableKeyStore(PlatformKeyStore(key), now()) }

    /** Removes the vault's platform slot; the caller then deletes the Keystore key. */
    override fun disablePlatformKey() = CoreErrors.call { vault().disableKeyStore() }

    override fun lock() {
        opened?.lock()
    }

    override fun rows(nowSeconds: Long): List<CodeRow> {
        val codes = CoreErrors.call { vault().codes(nowSeconds.toULong()) }
        // The codes carry no favourite flag: the listing (names and flags, no secrets) gives it.
        val favourites = CoreErrors.call { vault().list("") }
            .mapNotNull { (it as? ListedEntry.Entry)?.entry?.takeIf { e -> e.favourite }?.id }.toSet()
        return codes.map { rowOf(it).copy(favourite = it.id in favourites) }
    }

    override fun addUri(uri: String, nowSeconds: Long): String = CoreErrors.call { vault().addUri(uri, nowSeconds.toULong()) }

    override fun rename(id: String, issuer: String, account: String, nowSeconds: Long) {
        val current = entry(id)
        val edit = EntryEdit(issuer, account, current.note, current.favourite, current.icon)
        CoreErrors.call { vault().update(id, edit, nowSeconds.toULong()) }
    }

    override fun delete(id: String) = CoreErrors.call { vault().delete(id) }

    override fun reorder(ids: List<String>) = CoreErrors.call { vault().reorder(ids) }

    override fun hotpNext(id: String, nowSeconds: Long): String = CoreErrors.call { vault().hotpNext(id, nowSeconds.toULong()) }

    override fun addScanned(code: ScannedHandle, nowSeconds: Long): String =
        CoreErrors.call { vault().addScanned(coreCode(code), nowSeconds.toULong()) }

    override fun importScanned(codes: List<ScannedHandle>, nowSeconds: Long): ImportSummary =
        summaryOf(CoreErrors.call { vault().importScanned(codes.map(::coreCode), nowSeconds.toULong()) })

    override fun importFile(bytes: ByteArray, password: ByteArray?, nowSeconds: Long): ImportSummary =
        summaryOf(CoreErrors.call { vault().import(bytes, password, nowSeconds.toULong()) })

    override fun export(password: ByteArray): BackupFile {
        val export = CoreErrors.call { vault().exportBackup(password, now()) }
        return BackupFile(export.data, export.leftOut.map(::describe))
    }

    override fun changePassword(newPassword: ByteArray) = CoreErrors.call { vault().changePassword(newPassword, now()) }

    override fun details(id: String): EntryDetails = entry(id).let { EntryDetails(it.issuer, it.name, it.note, it.favourite) }

    override fun edit(id: String, details: EntryDetails, nowSeconds: Long) {
        val edit = EntryEdit(details.issuer, details.account, details.note, details.favourite, entry(id).icon)
        CoreErrors.call { vault().update(id, edit, nowSeconds.toULong()) }
    }

    override fun exportGoogleQr(): GoogleQrCodes {
        val export = CoreErrors.call { vault().exportGoogleQr(now()) }
        return GoogleQrCodes(export.codes.map { QrModules(it.size.toInt(), it.modules) }, export.leftOut.map(::describe))
    }

    private fun now(): ULong = nowSeconds().toULong()

    /** The vault file's path (the key of what the app remembers about this vault). */
    val path: String get() = file.path

    /** Runs [call] on the open vault, errors mapped (the backup and integrity calls in [CoreBackups]). */
    fun <T> withVault(call: (Vault) -> T): T = CoreErrors.call { call(vault()) }

    /**
     * Creates the vault file (there must be none) from the backup [backup],
     * opened with its [password], and keeps it open and unlocked (`Vault.restoreBytes`).
     */
    @Synchronized
    fun restore(backup: ByteArray, password: ByteArray) {
        file.parentFile?.mkdirs()
        opened?.close()
        opened = null
        opened = CoreErrors.call { Vault.restoreBytes(backup, file.path, password) }
    }

    /** The core's code behind [handle] (made by [CoreQrReader]). */
    private fun coreCode(handle: ScannedHandle) = (handle as? CoreScannedHandle)?.code
        ?: throw WardProblem(WardProblem.Kind.INTERNAL) // Not made by CoreQrReader: a bug, worded as such.

    /** The decrypted entry [id], for the fields an edit keeps. */
    private fun entry(id: String) =
        CoreErrors.call { vault().list("") }.firstNotNullOfOrNull { (it as? ListedEntry.Entry)?.entry?.takeIf { e -> e.id == id } }
            ?: throw WardProblem(WardProblem.Kind.NOT_FOUND)

    /** What an import did, for the report: added, each skipped item with the core's reason, duplicates, items without OTP. */
    private fun summaryOf(report: ImportReport): ImportSummary =
        ImportSummary(report.added.size, report.skipped.map(::describe), report.duplicates.map { it.label }, report.withoutOtp.toInt())

    /** "entry 3, GitHub: alice: why" without empty parts. */
    private fun describe(item: SkippedItem): String =
        listOf(item.position, item.label, item.reason).filter { it.isNotBlank() }.joinToString(": ")

    private companion object {
        /** The list row for one of the core's codes. */
        fun rowOf(entry: EntryCode): CodeRow = when (val state = entry.state) {
            is CodeState.Timed -> CodeRow(
                id = entry.id,
                issuer = entry.issuer,
                account = entry.name,
                type = if (state.kind == OtpKind.STEAM) OtpType.STEAM else OtpType.TOTP,
                code = state.code.code,
                nextCode = state.code.nextCode,
                secondsRemaining = state.code.secondsRemaining.toLong(),
                period = state.code.period.toLong(),
            )
            is CodeState.Hotp -> CodeRow(entry.id, entry.issuer, entry.name, OtpType.HOTP, "", "", 0, 0)
            CodeState.Damaged -> CodeRow.damaged(entry.id)
        }
    }
}
