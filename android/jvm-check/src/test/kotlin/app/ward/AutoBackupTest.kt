package app.ward

import app.ward.core.ListedEntry
import app.ward.core.Vault
import app.ward.logic.AndroidBackupCopy
import app.ward.logic.AutoBackup
import app.ward.logic.BackupFailure
import app.ward.logic.BackupOutcome
import app.ward.logic.BackupReminder
import app.ward.logic.ChangeWatchingSession
import app.ward.logic.WardProblem
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.nio.file.Files

/** Automatic backups through the app's own session code, against the real core, into a real folder. */
class AutoBackupTest {
    private var now = 1_795_000_000L
    private val file = TestVaults.newFile()
    private val core = CoreVaultSession(file) { now }.apply { create(TestVaults.password()) }
    private val backups = CoreBackups(core) { now }
    private val folder = DirectoryBackupFolder(Files.createTempDirectory("ward-backups").toFile())
    private val androidCopy = object : AndroidBackupCopy {
        var written: ByteArray? = null
        override var optedIn = false
        override fun write(bytes: ByteArray) {
            written = bytes
        }
    }
    private val auto = AutoBackup(backups, { folder }, androidCopy, ::describe) { now }

    /** The test's wording of a failure: its type's name (the app words it from resources, tested in ProblemsTest). */
    private fun describe(failure: BackupFailure): String = when (failure) {
        BackupFailure.NotVerified -> "not verified"
        is BackupFailure.Error -> failure.error.javaClass.simpleName
    }

    /** The entries' labels of the vault restored from [backup] with [password]. */
    private fun restoredLabels(backup: ByteArray, password: String = "correct horse battery staple"): List<String> {
        val target = TestVaults.newFile().apply { parentFile.mkdirs() }
        val restored = Vault.restoreBytes(backup, target.path, password.toByteArray())
        return restored.list("").mapNotNull { (it as? ListedEntry.Entry)?.entry?.let { e -> "${e.issuer}:${e.name}" } }
    }

    @Test
    fun `backups are off until a folder is set, and nothing is written`() {
        assertEquals(BackupOutcome.Off, auto.run())
        assertEquals(emptyList<String>(), folder.names())
        assertEquals(BackupReminder.Off, BackupReminder.of(backups.status(), now))
    }

    @Test
    fun `a backup is a real vault snapshot that restores, and its success is recorded`() {
        core.addUri(TestVaults.AWS, now)
        core.addUri(TestVaults.HOTP, now)
        backups.setSettings("content://tree/primary%3AWard", 10)
        val outcome = auto.run() as BackupOutcome.Written
        assertEquals("ward-backup-20261118-110640.ward", outcome.name)
        val bytes = folder.read(outcome.name)
        assertEquals(listOf("Amazon Web Services:alice@123456789012", "Bank:token"), restoredLabels(bytes))
        val status = backups.status()
        assertEquals(now, status.lastSuccess)
        assertNull(status.lastFailure)
        assertEquals(now, status.lastSuccess)
    }

    @Test
    fun `keep N prunes the oldest Ward backups only after the new one is written, and never other files`() {
        backups.setSettings("content://tree/x", 2)
        File(folder.dir, "holiday.jpg").writeText("not ours")
        File(folder.dir, "ward-backup-notes.txt").writeText("not ours either")
        val names = (1..4).map {
            core.addUri(TestVaults.GITHUB.replace("alice", "alice$it"), now)
            now += 1
            (auto.run() as BackupOutcome.Written).name
        }
        assertEquals(names.takeLast(2), folder.backups().filter(AutoBackup::isWardBackup))
        assertTrue(File(folder.dir, "holiday.jpg").exists())
        assertTrue(File(folder.dir, "ward-backup-notes.txt").exists())
        // The newest holds all four accounts.
        assertEquals(4, restoredLabels(folder.read(names.last())).size)
    }

    @Test
    fun `two backups in the same second get distinct names`() {
        backups.setSettings("content://tree/x", 10)
        val first = (auto.run() as BackupOutcome.Written).name
        val second = (auto.run() as BackupOutcome.Written).name
        assertEquals(first.removeSuffix(".ward") + "_001.ward", second)
    }

    @Test
    fun `a failed write is recorded and returned, never thrown, and keeps the older backups`() {
        backups.setSettings("content://tree/x", 1)
        val kept = (auto.run() as BackupOutcome.Written).name
        now += 60
        folder.failWrites = true
        val outcome = auto.run()
        assertEquals(BackupOutcome.Failed("FolderNotWritable"), outcome)
        assertEquals(listOf(kept), folder.backups())
        val status = backups.status()
        assertEquals(now, status.lastFailure)
        assertEquals("FolderNotWritable", status.lastError)
        // Eight days on without a success: the reminder says so.
        assertEquals(BackupReminder.Failing("FolderNotWritable"), BackupReminder.of(status, now + 8 * 86_400))
    }

    @Test
    fun `a vault locked since the change writes nothing and reports nothing`() {
        backups.setSettings("content://tree/x", 1)
        core.lock()
        assertEquals(BackupOutcome.Off, auto.run())
        assertEquals(emptyList<String>(), folder.names())
    }

    @Test
    fun `the Android backup copy is written only when opted in`() {
        core.addUri(TestVaults.AWS, now)
        auto.run()
        assertNull(androidCopy.written)
        androidCopy.optedIn = true
        assertEquals(BackupOutcome.Off, auto.run()) // no folder: the Android copy alone
        assertEquals(listOf("Amazon Web Services:alice@123456789012"), restoredLabels(androidCopy.written!!))
        assertEquals(emptyList<String>(), folder.names())
    }

    @Test
    fun `every change, and only a change, is followed by the hook`() {
        var changes = 0
        val session = ChangeWatchingSession(core) { changes += 1 }
        val id = session.addUri(TestVaults.HOTP, now)
        session.hotpNext(id, now)
        session.rename(id, "Bank", "me", now)
        session.reorder(listOf(id))
        session.rows(now)
        session.importFile(File(System.getProperty("ward.repo.root"), "tests/fixtures/import/aegis_plain.json").readBytes(), null, now)
        session.changePassword(TestVaults.password("a new password here"))
        session.delete(id)
        assertEquals(7, changes)
        assertThrows<WardProblem> { session.delete(id) }
        assertEquals(7, changes)
        assertFalse(session.rows(now).any { it.id == id })
    }
}
