package app.ward.core

import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir

/**
 * Sensitive calls need a fresh proof (issue 12, point 7) and device unlock
 * keeps one platform slot that a cancelled prompt never gets past (point 5),
 * as the apps see them through the generated Kotlin.
 */
class ReauthTest {
    @TempDir
    lateinit var dir: Path

    private val password = "correct horse battery staple".toByteArray()
    private val rfcTotp = "otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8"
    private val now = 1_700_000_000uL

    private fun newVault(): Vault =
        Vault.create(dir.resolve("ward.vault").toString(), password.copyOf()).also { it.addUri(rfcTotp, now) }

    /** Every sensitive call at [at], each expected to need a fresh proof. */
    private fun assertAllNeedAProof(vault: Vault, at: ULong) {
        assertThrows<WardException.ReauthRequired> { vault.exportOtpauth(at) }
        assertThrows<WardException.ReauthRequired> { vault.exportGoogle(at) }
        assertThrows<WardException.ReauthRequired> { vault.exportBackup("backup pw".toByteArray(), at) }
        assertThrows<WardException.ReauthRequired> { vault.changePassword("new pw".toByteArray(), at) }
        assertThrows<WardException.ReauthRequired> { vault.enableKeyStore(MemoryKeyStore(), at) }
    }

    @Test
    fun sensitiveCallsNeedAFreshProof() {
        assertEquals(60uL, reauthWindowSeconds())
        newVault().use { vault ->
            // Created, not re-authenticated: no proof yet.
            assertAllNeedAProof(vault, now)
            assertThrows<WardException.WrongPassword> { vault.reauthenticate("wrong".toByteArray(), now) }
            vault.reauthenticate(password.copyOf(), now)
            val uris = vault.exportOtpauth(now + reauthWindowSeconds())
            assertEquals(1, uris.size)
            assertTrue(uris[0].startsWith("otpauth://totp/"))
            assertEquals(1, vault.exportGoogle(now + 1uL).uris.size)
            // Expired one second after the window.
            assertAllNeedAProof(vault, now + reauthWindowSeconds() + 1uL)
            // A clock set back before the proof does not make it fresh.
            assertAllNeedAProof(vault, now - 1uL)
        }
    }

    @Test
    fun anUnlockIsAProofAndLockingForgetsIt() {
        newVault().use { vault ->
            vault.lock()
            assertThrows<WardException.Locked> { vault.exportOtpauth(now) }
            vault.unlock(password.copyOf(), now + 100uL)
            assertFalse(vault.exportBackup("backup pw".toByteArray(), now + 130uL).data.isEmpty())
            vault.changePassword("a new passphrase".toByteArray(), now + 150uL)
            vault.lock()
            assertThrows<WardException.Locked> { vault.reauthenticate("a new passphrase".toByteArray(), now) }
        }
    }

    @Test
    fun enablingDeviceUnlockReplacesTheSlot() {
        val first = MemoryKeyStore()
        val second = MemoryKeyStore()
        newVault().use { vault ->
            vault.reauthenticate(password.copyOf(), now)
            vault.enableKeyStore(first, now)
            vault.enableKeyStore(second, now)
            vault.lock()
            // The first key's slot is gone ...
            assertThrows<WardException> { vault.unlockWithKeyStore(first, now) }
            assertFalse(vault.isUnlocked())
            // ... and the second opens with one prompt (no dead slot tried first).
            vault.unlockWithKeyStore(second, now)
            assertEquals(1, second.unwraps)
            assertTrue(vault.isUnlocked())
        }
    }

    @Test
    fun aCancelledPromptStopsTheUnlock() {
        newVault().use { vault ->
            vault.reauthenticate(password.copyOf(), now)
            vault.enableKeyStore(MemoryKeyStore(), now)
            vault.lock()
            val cancelling = CancellingKeyStore()
            assertThrows<WardException.Cancelled> { vault.unlockWithKeyStore(cancelling, now) }
            assertEquals(1, cancelling.prompts)
            assertFalse(vault.isUnlocked())
        }
    }

    @Test
    fun reauthenticatingWithTheKeyStoreIsOnePrompt() {
        val keyStore = MemoryKeyStore()
        newVault().use { vault ->
            vault.reauthenticate(password.copyOf(), now)
            vault.enableKeyStore(keyStore, now)
            assertThrows<WardException.ReauthRequired> { vault.exportOtpauth(now + 3600uL) }
            vault.reauthenticateWithKeyStore(keyStore, now + 3600uL)
            assertEquals(1, keyStore.unwraps)
            assertEquals(1, vault.exportOtpauth(now + 3600uL).size)
            val cancelling = CancellingKeyStore()
            assertThrows<WardException.Cancelled> { vault.reauthenticateWithKeyStore(cancelling, now + 3601uL) }
            assertEquals(1, cancelling.prompts)
            vault.disableKeyStore()
            assertThrows<WardException.InvalidInput> { vault.reauthenticateWithKeyStore(keyStore, now + 3602uL) }
        }
    }
}
