package app.ward.core

import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir

/** The encrypted vault through the generated Kotlin: the app's main flows. */
class VaultTest {
    @TempDir
    lateinit var dir: Path

    private val password = "correct horse battery staple".toByteArray()
    private val rfcTotp = "otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8"
    private val rfcHotp = "otpauth://hotp/Example:hotp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0"
    private val now = 1_700_000_000uL

    private fun path() = dir.resolve("ward.vault").toString()

    @Test
    fun createUnlockWrongPasswordLock() {
        Vault.create(path(), password.copyOf()).use { vault ->
            assertTrue(vault.isUnlocked())
            vault.lock()
            assertFalse(vault.isUnlocked())
            assertThrows<WardException.Locked> { vault.codes(now) }
            assertThrows<WardException.Locked> { vault.addUri(rfcTotp, now) }
            assertThrows<WardException.WrongPassword> { vault.unlock("wrong".toByteArray(), now) }
            assertFalse(vault.isUnlocked())
            vault.unlock(password.copyOf(), now)
            assertTrue(vault.isUnlocked())
        }
    }

    @Test
    fun addCodesHotpNextDelete() {
        Vault.create(path(), password.copyOf()).use { vault ->
            val totp = vault.addUri(rfcTotp, now)
            val hotp = vault.addUri(rfcHotp, now)
            assertEquals(32, totp.length)

            val codes = vault.codes(59uL)
            assertEquals(listOf(totp, hotp), codes.map { it.id })
            val timed = codes[0].state as CodeState.Timed
            assertEquals("94287082", timed.code.code)
            assertEquals(1uL, timed.code.secondsRemaining)
            assertEquals(30uL, timed.code.period)
            assertEquals(OtpKind.TOTP, timed.kind)
            assertEquals("RFC", codes[0].issuer)
            assertEquals(CodeState.Hotp(counter = 0uL), codes[1].state)

            // RFC 4226 Appendix D: each call gives the next code, once.
            assertEquals("755224", vault.hotpNext(hotp, now))
            assertEquals("287082", vault.hotpNext(hotp, now))
            assertEquals(CodeState.Hotp(counter = 2uL), vault.codes(now)[1].state)
            assertThrows<WardException.InvalidInput> { vault.hotpNext(totp, now) }

            val duplicate = assertThrows<WardException.Duplicate> { vault.addUri(rfcTotp, now) }
            assertEquals(totp, duplicate.id)

            vault.delete(totp)
            assertEquals(listOf(hotp), vault.list("").map { (it as ListedEntry.Entry).entry.id })
            assertThrows<WardException.NotFound> { vault.delete(totp) }
            assertThrows<WardException.InvalidInput> { vault.delete("not-an-id") }
        }
    }

    @Test
    fun updateReorderAndFilter() {
        Vault.create(path(), password.copyOf()).use { vault ->
            val a = vault.addUri(rfcTotp, now)
            val b = vault.addUri(rfcHotp, now)
            vault.update(a, EntryEdit("Amazon Web Services", "alice", "root account", true, null), now + 5uL)
            vault.reorder(listOf(b, a))

            val listed = vault.list("").map { (it as ListedEntry.Entry).entry }
            assertEquals(listOf(b, a), listed.map { it.id })
            val edited = listed[1]
            assertEquals("Amazon Web Services", edited.issuer)
            assertEquals("alice", edited.name)
            assertEquals("root account", edited.note)
            assertTrue(edited.favourite)
            assertEquals(now, edited.createdAt)
            assertEquals(now + 5uL, edited.updatedAt)

            assertEquals(listOf(a), vault.list("amazon").map { (it as ListedEntry.Entry).entry.id })
            assertThrows<WardException.InvalidInput> { vault.reorder(listOf(a)) }
        }
    }

    @Test
    fun reopenKeepsEntriesAndChangePassword() {
        val id = Vault.create(path(), password.copyOf()).use { it.addUri(rfcTotp, now) }
        Vault.open(path()).use { vault ->
            assertFalse(vault.isUnlocked())
            vault.unlock(password.copyOf(), now)
            assertEquals(listOf(id), vault.codes(now).map { it.id })
            vault.changePassword("a new passphrase".toByteArray(), now)
        }
        Vault.open(path()).use { vault ->
            assertThrows<WardException.WrongPassword> { vault.unlock(password.copyOf(), now) }
            vault.unlock("a new passphrase".toByteArray(), now)
            assertEquals(1, vault.codes(now).size)
        }
    }

    @Test
    fun integrityReportGenerationAndRollback() {
        Vault.create(path(), password.copyOf()).use { vault ->
            val first = vault.generation()
            val id = vault.addUri(rfcHotp, now)
            assertTrue(vault.generation() > first)
            val report = vault.integrity()
            assertTrue(report.intact)
            assertEquals(emptyList<IntegrityProblem>(), report.problems)
            assertEquals(vault.generation(), report.generation)
            assertEquals("755224", vault.hotpNext(id, now))
            // Keeping the vault as it is is sensitive: a fresh proof first.
            assertThrows<WardException.ReauthRequired> { vault.acceptIntegrityState(now) }
            vault.reauthenticate(password.copyOf(), now)
            vault.acceptIntegrityState(now)
            assertTrue(vault.integrity().intact)
            vault.lock()
            assertThrows<WardException.Locked> { vault.integrity() }
        }
    }

    @Test
    fun missingAndForeignFiles() {
        assertThrows<WardException.NoVault> { Vault.open(path()) }
        val notAVault = dir.resolve("notes.txt")
        Files.writeString(notAVault, "shopping list\n".repeat(200))
        assertThrows<WardException.NotAVault> { Vault.open(notAVault.toString()) }
        Vault.create(path(), password.copyOf()).close()
        assertThrows<WardException.InvalidInput> { Vault.create(path(), password.copyOf()) }
        assertThrows<WardException.InvalidInput> { Vault.create(dir.resolve("b.vault").toString(), ByteArray(0)) }
    }

    @Test
    fun keyStoreUnlocksWithoutThePassword() {
        val keyStore = MemoryKeyStore()
        Vault.create(path(), password.copyOf()).use { vault ->
            vault.addUri(rfcTotp, now)
            vault.reauthenticate(password.copyOf(), now)
            vault.enableKeyStore(keyStore, now)
            assertEquals(1, keyStore.wraps)
        }
        Vault.open(path()).use { vault ->
            vault.unlockWithKeyStore(keyStore, now)
            assertTrue(vault.isUnlocked())
            assertEquals(1, keyStore.unwraps)
            assertEquals(1, vault.codes(now).size)
        }
    }

    @Test
    fun disablingTheKeyStoreLeavesOnlyThePassword() {
        val keyStore = MemoryKeyStore()
        Vault.create(path(), password.copyOf()).use { vault ->
            vault.addUri(rfcTotp, now)
            vault.reauthenticate(password.copyOf(), now)
            vault.enableKeyStore(keyStore, now)
            vault.disableKeyStore()
        }
        Vault.open(path()).use { vault ->
            assertThrows<WardException> { vault.unlockWithKeyStore(keyStore, now) }
            assertEquals(0, keyStore.unwraps)
            assertFalse(vault.isUnlocked())
            vault.unlock(password.copyOf(), now)
            assertEquals(1, vault.codes(now).size)
        }
    }

    @Test
    fun keyStoreFailuresMapToActionableErrors() {
        Vault.create(path(), password.copyOf()).use { vault ->
            vault.reauthenticate(password.copyOf(), now)
            vault.enableKeyStore(MemoryKeyStore(), now)
            assertThrows<WardException.Cancelled> { vault.enableKeyStore(CancellingKeyStore(), now) }
            vault.lock()
            // Another device's key store: its key does not open the slot.
            assertThrows<WardException.KeyInvalidated> { vault.unlockWithKeyStore(MemoryKeyStore(), now) }
            assertThrows<WardException.KeyInvalidated> { vault.unlockWithKeyStore(WrongKeyStore(), now) }
            assertThrows<WardException.Cancelled> { vault.unlockWithKeyStore(CancellingKeyStore(), now) }
            // An exception UniFFI does not know is a KeyStore error, not a crash.
            val broken = assertThrows<WardException.KeyStore> { vault.unlockWithKeyStore(BrokenKeyStore(), now) }
            assertTrue(broken.reason.contains("keystore bug"), broken.reason)
            assertFalse(vault.isUnlocked())
            vault.unlock(password.copyOf(), now)
        }
    }

    @Test
    fun closedObjectsRefuseCalls() {
        val vault = Vault.create(path(), password.copyOf())
        vault.use { it.addUri(rfcTotp, now) }
        assertThrows<IllegalStateException> { vault.codes(now) }
    }
}
