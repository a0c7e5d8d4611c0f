package app.ward

import app.ward.logic.BackupState
import app.ward.logic.VaultBackups

/**
 * [VaultBackups] over the core's generated `Vault`: the backup calls of
 * issue 13 (`backupBytes`, `recordBackupResult`, `backupStatus`,
 * `setBackupSettings`, `Vault.restoreBytes`) and the integrity calls of issue
 * 12 (`generation`, `integrity`, `acceptIntegrityState`), each a short
 * adapter with errors mapped by [CoreErrors].
 *
 * @property session the app's vault session (the same open vault).
 * @property nowSeconds the app's wall clock in Unix seconds.
 */
class CoreBackups(
    private val session: CoreVaultSession,
    private val nowSeconds: () -> Long = { System.currentTimeMillis() / 1000 },
) : VaultBackups {
    override val vaultKey: String get() = session.path

    override fun status(): BackupState = session.withVault { vault ->
        val status = vault.backupStatus()
        BackupState(
            enabled = status.enabled,
            location = status.location,
            keep = status.keep.toInt(),
            lastSuccess = status.lastSuccess?.toLong(),
            lastFailure = status.lastFailure?.toLong(),
            lastError = status.lastError,
        )
    }

    override fun setSettings(location: String?, keep: Int) =
        session.withVault { it.setBackupSettings(location, keep.coerceAtLeast(1).toUInt()) }

    override fun snapshot(nowSeconds: Long): ByteArray = session.withVault { it.backupBytes(nowSeconds.toULong()) }

    override fun recordResult(nowSeconds: Long, error: String?) =
        session.withVault { it.recordBackupResult(nowSeconds.toULong(), error) }

    override fun generation(): Long = session.withVault { it.generation().toLong() }

    override fun integrityProblems(): List<String> = session.withVault { vault ->
        val report = vault.integrity()
        if (report.intact) emptyList() else report.problems.map { it.description }
    }

    override fun acceptIntegrityState() = session.withVault { it.acceptIntegrityState(nowSeconds().toULong()) }

    override fun restore(backup: ByteArray, password: ByteArray) = session.restore(backup, password)
}
