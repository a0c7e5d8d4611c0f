package app.ward.core

import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir

/** Importing other apps' exports and exporting backups, through the vault. */
class ImportTest {
    @TempDir
    lateinit var dir: Path

    private val password = "vault password".toByteArray()
    private val now = 1_700_000_000uL
    private val fixtures: Path =
        Path.of(System.getProperty("ward.repo.root", "../.."), "tests", "fixtures", "import")

    private fun fixture(name: String): ByteArray = Files.readAllBytes(fixtures.resolve(name))

    private fun newVault(name: String = "ward.vault") = Vault.create(dir.resolve(name).toString(), password.copyOf())

    @Test
    fun googleExportUris() {
        newVault().use { vault ->
            // Three QR codes of one Google Authenticator export, one URI per line.
            val report = vault.import(fixture("google_batches.txt"), null, now)
            assertEquals("Google Authenticator export", report.format)
            assertEquals(4, report.added.size)
            assertEquals(1, report.skipped.size, "an account Ward cannot use is reported, not dropped")
            assertTrue(report.skipped[0].reason.isNotBlank())
            assertEquals(listOf(GoogleBatches(3u, listOf(0u, 1u, 2u), listOf())), report.googleBatches)
            assertEquals(report.added, vault.codes(now).map { it.id })

            // The same export again: everything is a duplicate.
            val again = vault.import(fixture("google_batches.txt"), null, now)
            assertEquals(0, again.added.size)
            assertEquals(4, again.duplicates.size)
        }
    }

    @Test
    fun googleExportWithMissingCodesSaysWhichToScan() {
        newVault().use { vault ->
            val report = vault.import(fixture("google_missing.txt"), null, now)
            assertEquals(1, report.added.size)
            assertEquals(listOf(GoogleBatches(3u, listOf(1u), listOf(0u, 2u))), report.googleBatches)
        }
    }

    @Test
    fun encryptedBackupAsksForItsPassword() {
        newVault().use { vault ->
            val backup = fixture("ward_backup.json")
            val needed = assertThrows<WardException.PasswordNeeded> { vault.import(backup, null, now) }
            assertEquals("Ward backup", needed.format)
            assertThrows<WardException.WrongPassword> { vault.import(backup, "nope".toByteArray(), now) }
            val report = vault.import(backup, "correct horse battery staple".toByteArray(), now)
            assertTrue(report.encrypted)
            assertEquals(5, report.added.size)
        }
    }

    @Test
    fun unknownFilesAreInvalidInput() {
        newVault().use { vault ->
            val error = assertThrows<WardException.InvalidInput> {
                vault.import("hello world".toByteArray(), null, now)
            }
            assertTrue(error.reason.contains("Aegis"), error.reason)
            vault.lock()
            assertThrows<WardException.Locked> { vault.import(fixture("google_batches.txt"), null, now) }
        }
    }

    @Test
    fun backupAndGoogleExportsRoundTrip() {
        val exported = newVault("a.vault").use { vault ->
            vault.import(fixture("google_batches.txt"), null, now)
            vault.reauthenticate(password.copyOf(), now)
            val backup = vault.exportBackup("backup password".toByteArray(), now)
            assertEquals(listOf<SkippedItem>(), backup.leftOut)
            val google = vault.exportGoogle(now)
            assertTrue(google.uris.all { it.startsWith("otpauth-migration://offline?data=") })
            Triple(backup.data, google, vault.codes(now).map { it.state })
        }
        newVault("b.vault").use { vault ->
            val report = vault.import(exported.first, "backup password".toByteArray(), now)
            assertEquals(4, report.added.size)
            assertEquals(exported.third, vault.codes(now).map { it.state })
        }
        newVault("c.vault").use { vault ->
            val text = exported.second.uris.joinToString("\n").toByteArray()
            val report = vault.import(text, null, now)
            assertEquals(4 - exported.second.leftOut.size, report.added.size)
        }
    }
}
