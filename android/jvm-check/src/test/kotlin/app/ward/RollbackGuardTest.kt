package app.ward

import app.ward.logic.GenerationMemory
import app.ward.logic.RollbackGuard
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/** Rollback memory with two copies of one vault file, through the app's session code and the real core. */
class RollbackGuardTest {
    private val memory = object : GenerationMemory {
        val stored = mutableMapOf<String, Long>()
        override fun highest(vaultKey: String): Long? = stored[vaultKey]
        override fun store(vaultKey: String, generation: Long) {
            stored[vaultKey] = generation
        }
    }
    private var now = 1_795_000_000L

    /** A session on [file] (unlocked with the test password) and its guard. */
    private fun open(file: File): Pair<CoreVaultSession, RollbackGuard> {
        val session = CoreVaultSession(file) { now }
        if (!file.exists()) session.create(TestVaults.password()) else session.unlockWithPassword(TestVaults.password())
        return session to RollbackGuard(CoreBackups(session) { now }, memory)
    }

    /** Copies the vault file (with its -wal, if any) to [to]; the vault is idle, so the copy is consistent. */
    private fun copyVault(from: File, to: File) {
        to.parentFile.mkdirs()
        for (suffix in listOf("", "-wal")) {
            val source = File(from.path + suffix)
            val target = File(to.path + suffix)
            target.delete()
            if (source.exists()) source.copyTo(target)
        }
        File(to.path + "-shm").delete()
    }

    @Test
    fun `an older copy of the vault file is reported after unlock, until the person keeps it`() {
        val file = TestVaults.newFile()
        val (session, guard) = open(file)
        guard.reset()
        session.addUri(TestVaults.AWS, now)
        guard.afterChange()
        val old = File(file.parentFile.parentFile, "old/ward.vault")
        copyVault(file, old)
        session.addUri(TestVaults.GITHUB, now)
        guard.afterChange()
        val highest = memory.stored.getValue(file.path)
        assertNull(guard.check(), "the vault Ward last saw is fine")
        session.lock()

        // The old copy is put back in place of the vault file.
        copyVault(old, file)
        val (rolledBack, guard2) = open(file)
        assertEquals(1, rolledBack.rows(now).size, "the entries still show")
        val warning = guard2.check()
        assertNotNull(warning)
        warning!!
        assertTrue(warning.rolledBack)
        assertEquals(highest, warning.highestSeen)
        assertTrue(warning.generation < highest)
        // Still warned next time: the lower generation was not remembered.
        assertEquals(highest, memory.stored.getValue(file.path))
        assertNotNull(guard2.check())

        // Keeping it (a fresh proof from the unlock) seals the vault again and remembers its generation.
        guard2.accept()
        assertNull(guard2.check())
        assertEquals(CoreBackups(rolledBack).generation(), memory.stored.getValue(file.path))
    }
}
