package app.ward.core

import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir

/** Automatic backups and restore (issue 13) through the generated Kotlin. */
class BackupTest {
    @TempDir
    lateinit var dir: Path

    private val password = "correct horse battery staple".toByteArray()
    private val totp = "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP"
    private val hotp = "otpauth://hotp/Example:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0"
    private val now = 1_800_000_000uL

    private fun path(name: String = "ward.vault") = dir.resolve(name).toString()

    private fun backupNames(folder: Path) =
        Files.list(folder).use { files -> files.map { it.fileName.toString() }.toList() }.sorted()

    @Test
    fun backupToDirKeepsNAndRecordsTheStatus() {
        val folder = Files.createDirectory(dir.resolve("backups"))
        Vault.create(path(), password.copyOf()).use { vault ->
            val never = vault.backupStatus()
            assertFalse(never.enabled)
            assertEquals(10u, never.keep)
            assertNull(never.lastSuccess)

            vault.setBackupSettings(folder.toString(), 2u)
            val names = (0 until 4).map { i ->
                vault.addUri("otpauth://totp/I:n$i?secret=JBSWY3DPEHPK3PXP", now)
                val outcome = vault.backupToDir(folder.toString(), 2u, now + i.toULong())
                assertTrue(outcome.bytes > 0uL)
                outcome.fileName
            }
            assertEquals(names.takeLast(2), backupNames(folder))

            val status = vault.backupStatus()
            assertTrue(status.enabled)
            assertEquals(folder.toString(), status.location)
            assertEquals(2u, status.keep)
            assertEquals(now + 3uL, status.lastSuccess)

            assertThrows<WardException.InvalidInput> { vault.setBackupSettings(null, 0u) }
            vault.setBackupSettings(null, 2u)
            assertFalse(vault.backupStatus().enabled)
        }
    }

    @Test
    fun aFailedBackupIsAStorageErrorAndIsRecorded() {
        Vault.create(path(), password.copyOf()).use { vault ->
            val error = assertThrows<WardException.Storage> {
                vault.backupToDir(dir.resolve("missing").toString(), 10u, now)
            }
            val status = vault.backupStatus()
            assertEquals(now, status.lastFailure)
            assertTrue(status.lastError!!.contains("does not exist"), status.lastError)
            assertTrue(error.toString().contains("does not exist"), error.toString())
        }
    }

    @Test
    fun bytesRestoreRoundTripWithTheBackupsPassword() {
        val (backup, original) = Vault.create(path(), password.copyOf()).use { vault ->
            val a = vault.addUri(totp, now)
            val b = vault.addUri(hotp, now)
            vault.hotpNext(b, now)
            vault.update(a, EntryEdit("ACME", "alice", "note", true, null), now)
            vault.reorder(listOf(b, a))
            // Creating is no proof: device unlock needs a fresh one.
            vault.reauthenticate(password.copyOf(), now)
            vault.enableKeyStore(MemoryKeyStore(), now)
            val bytes = vault.backupBytes(now)
            // The app writes the bytes to its document, then reports.
            vault.recordBackupResult(now, null)
            vault.recordBackupResult(now + 5uL, "the folder permission was revoked")
            val status = vault.backupStatus()
            assertEquals(now, status.lastSuccess)
            assertEquals(now + 5uL, status.lastFailure)
            assertEquals("the folder permission was revoked", status.lastError)
            Pair(bytes, vault.list("").map { (it as ListedEntry.Entry).entry })
        }
        assertThrows<WardException.WrongPassword> {
            Vault.restoreBytes(backup, path("restored.vault"), "wrong".toByteArray())
        }
        assertFalse(Files.exists(dir.resolve("restored.vault")))
        assertThrows<WardException.InvalidInput> {
            Vault.restoreBytes(backup, path(), password.copyOf())
        }
        Vault.restoreBytes(backup, path("restored.vault"), password.copyOf()).use { restored ->
            assertTrue(restored.isUnlocked())
            val copy = restored.list("").map { (it as ListedEntry.Entry).entry }
            assertEquals(original, copy)
            assertEquals(CodeState.Hotp(counter = 1uL), restored.codes(now)[0].state)
            // Device unlock is not carried over; backups start off.
            assertFalse(restored.backupStatus().enabled)
        }
        Vault.open(path("restored.vault")).use { reopened ->
            assertThrows<WardException> { reopened.unlockWithKeyStore(MemoryKeyStore(), now) }
            reopened.unlock(password.copyOf(), now)
        }
    }

    @Test
    fun restoreFromAFileInTheFolder() {
        val folder = Files.createDirectory(dir.resolve("b"))
        val name = Vault.create(path(), password.copyOf()).use { vault ->
            vault.addUri(totp, now)
            vault.backupToDir(folder.toString(), 10u, now).fileName
        }
        Vault.restore(folder.resolve(name).toString(), path("new.vault"), password.copyOf()).use { restored ->
            assertEquals(1, restored.list("").size)
        }
        assertThrows<WardException.Storage> {
            Vault.restore(folder.resolve("nope.ward").toString(), path("other.vault"), password.copyOf())
        }
    }
}
