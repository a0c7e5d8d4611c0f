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
import app.ward.logic.ImportSummary
import app.ward.logic.OtpType
import app.ward.logic.PartReport
import app.ward.logic.PlatformKey
import app.ward.logic.VaultSession
import app.ward.logic.WardProblem
import java.io.File

/**
 * [VaultSession] over the core's generated `Vault` object: each method is a
 * short adapter that converts arguments, calls the core, and maps its error
 * with [CoreErrors]. Thread-safe (the core serialises calls on one vault);
 * the app still calls it from one background thread.
 *
 * @property file the vault file (files/vault/ward.vault on Android).
 */
class CoreVaultSession(private val file: File) : VaultSession {
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
        opened = CoreErrors.call { Vault.create(file.path, password) }
    }

    override fun unlockWithPassword(password: ByteArray) = CoreErrors.call { vault().unlock(password) }

    override fun unlockWithPlatformKey(key: PlatformKey) =
        CoreErrors.call { vault().unlockWithKeyStore(PlatformKeyStore(key)) }

    override fun enablePlatformKey(key: PlatformKey) = CoreErrors.call { vault().enableKeyStore(PlatformKeyStore(key)) }

    /** Removes the vault's platform slot; the caller then deletes the Keystore key. */
    override fun disablePlatformKey() = CoreErrors.call { vault().disableKeyStore() }

    override fun lock() {
        opened?.lock()
    }

    override fun rows(nowSeconds: Long): List<CodeRow> =
        CoreErrors.call { vault().codes(nowSeconds.toULong()) }.map(::rowOf)

    override fun addUri(uri: String, nowSeconds: Long): String = CoreErrors.call { vault().addUri(uri, nowSeconds.toULong()) }

    override fun rename(id: String, issuer: String, account: String, nowSeconds: Long) {
        val current = entry(id)
        val edit = EntryEdit(issuer, account, current.note, current.favourite, current.icon)
        CoreErrors.call { vault().update(id, edit, nowSeconds.toULong()) }
    }

    override fun delete(id: String) = CoreErrors.call { vault().delete(id) }

    override fun reorder(ids: List<String>) = CoreErrors.call { vault().reorder(ids) }

    override fun hotpNext(id: String, nowSeconds: Long): String = CoreErrors.call { vault().hotpNext(id, nowSeconds.toULong()) }

    override fun importExportPart(uri: String, nowSeconds: Long): PartReport {
        val report = CoreErrors.call { vault().import(uri.toByteArray(Charsets.UTF_8), null, nowSeconds.toULong()) }
        val batches = report.googleBatches.firstOrNull()
            ?: throw WardProblem(WardProblem.Kind.INVALID_INPUT, "That code is not part of a Google Authenticator export.")
        return PartReport(batches.batchSize.toInt(), batches.present.map { it.toInt() }, summaryOf(report))
    }

    override fun importFile(bytes: ByteArray, password: ByteArray?, nowSeconds: Long): ImportSummary =
        summaryOf(CoreErrors.call { vault().import(bytes, password, nowSeconds.toULong()) })

    override fun export(password: ByteArray): BackupFile {
        val export = CoreErrors.call { vault().exportBackup(password) }
        return BackupFile(export.data, export.leftOut.map(::describe))
    }

    override fun changePassword(newPassword: ByteArray) = CoreErrors.call { vault().changePassword(newPassword) }

    /** The decrypted entry [id], for the fields an edit keeps. */
    private fun entry(id: String) =
        CoreErrors.call { vault().list("") }.firstNotNullOfOrNull { (it as? ListedEntry.Entry)?.entry?.takeIf { e -> e.id == id } }
            ?: throw WardProblem(WardProblem.Kind.NOT_FOUND, "That entry is gone. Refresh the list.")

    /** What an import did, as the report shows it: added, and each skipped or duplicate item with why. */
    private fun summaryOf(report: ImportReport): ImportSummary {
        val skipped = report.skipped.map(::describe) +
            report.duplicates.map { "${it.label.ifBlank { "An account" }}: already in Ward" }
        val notOtp = if (report.withoutOtp > 0u) listOf("${report.withoutOtp} items without a one-time password") else emptyList()
        return ImportSummary(report.added.size, skipped + notOtp)
    }

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
