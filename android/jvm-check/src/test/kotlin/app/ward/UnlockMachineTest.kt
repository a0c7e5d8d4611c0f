package app.ward

import app.ward.logic.GcmKeyWrap
import app.ward.logic.UnlockMachine
import app.ward.logic.UnlockNotice
import app.ward.logic.UnlockState
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The unlock state machine driving the real core, with a software stand-in for the Keystore key. */
class UnlockMachineTest {
    private val file = TestVaults.newFile()
    private val keystore = SoftwareKeystoreKey()

    /** What the app remembers: biometric unlock was turned on. */
    private var biometricOn = false
    private fun machine(session: CoreVaultSession = CoreVaultSession(file)) = UnlockMachine(session) { biometricOn }

    /** Creates a vault with one account and biometric unlock on; returns the IV the app would keep. */
    private fun vaultWithBiometrics(): ByteArray {
        val setup = machine()
        assertEquals(UnlockState.NoVault, setup.state)
        val password = TestVaults.password()
        assertEquals(UnlockState.Unlocked, setup.create(password))
        assertTrue(password.all { it == 0.toByte() }, "the machine wipes the password it was given")
        val session = CoreVaultSession(file)
        session.unlockWithPassword(TestVaults.password())
        session.addUri(TestVaults.AWS, 1000)
        val cipher = keystore.encrypting()
        val iv = cipher.iv
        session.enablePlatformKey(GcmKeyWrap(cipher))
        biometricOn = true
        session.lock()
        return iv
    }

    @Test
    fun `a wrong password keeps it locked with a notice, the right one opens it`() {
        vaultWithBiometrics()
        val machine = machine()
        assertEquals(UnlockState.Locked(offerBiometric = true), machine.state)
        val wrong = machine.submitPassword(TestVaults.password("wrong"))
        assertTrue(wrong is UnlockState.Locked && wrong.notice == UnlockNotice.WrongPassword)
        assertEquals(UnlockState.Unlocked, machine.submitPassword(TestVaults.password()))
        assertEquals(UnlockState.Locked(offerBiometric = true), machine.lock())
    }

    @Test
    fun `the biometric-released key unlocks the vault`() {
        val iv = vaultWithBiometrics()
        val session = CoreVaultSession(file)
        val machine = machine(session)
        assertEquals(UnlockState.Unlocked, machine.submitPlatformKey(GcmKeyWrap(keystore.decrypting(iv))))
        assertEquals("Amazon Web Services", session.rows(59).single().issuer)
    }

    @Test
    fun `an invalidated key falls back to the password and deletes nothing`() {
        val iv = vaultWithBiometrics()
        keystore.invalidate()
        val session = CoreVaultSession(file)
        val machine = machine(session)
        val state = machine.submitPlatformKey(GcmKeyWrap(keystore.decrypting(iv)))
        assertTrue(state is UnlockState.Locked, "$state")
        state as UnlockState.Locked
        assertFalse(state.offerBiometric, "a key that failed is not offered again")
        assertEquals(UnlockNotice.BiometricKeyChanged, state.notice)
        assertEquals(UnlockState.Unlocked, machine.submitPassword(TestVaults.password()))
        assertEquals(1, session.rows(59).size)
        assertTrue(machine.biometricNeedsReenrolment)
    }

    @Test
    fun `turning biometrics on again replaces the slot`() {
        vaultWithBiometrics()
        keystore.invalidate()
        val session = CoreVaultSession(file)
        val machine = machine(session)
        machine.onPlatformKeyInvalidated()
        machine.submitPassword(TestVaults.password())
        val cipher = keystore.encrypting()
        val iv = cipher.iv
        session.enablePlatformKey(GcmKeyWrap(cipher))
        machine.onPlatformKeyEnabled()
        assertEquals(UnlockState.Locked(offerBiometric = true), machine.lock())
        assertEquals(UnlockState.Unlocked, machine.submitPlatformKey(GcmKeyWrap(keystore.decrypting(iv))))
    }

    @Test
    fun `a cancelled prompt stays locked without a notice`() {
        vaultWithBiometrics()
        val machine = machine()
        assertEquals(UnlockState.Locked(offerBiometric = true), machine.onBiometricCancelled())
        val failed = machine.onBiometricFailed("Too many attempts.")
        // After a failure only the password is offered until the next unlock (no prompt loop).
        assertEquals(UnlockState.Locked(false, UnlockNotice.UsePassword("Too many attempts.")), failed)
    }

    @Test
    fun `a failing key store gives a typed notice with its reason code, and the password still works`() {
        vaultWithBiometrics()
        val machine = machine()
        val failing = object : app.ward.logic.PlatformKey {
            override fun wrap(key: ByteArray): ByteArray = throw java.security.KeyStoreException("Keystore operation failed")
            override fun unwrap(wrapped: ByteArray): ByteArray = throw java.security.KeyStoreException("Keystore operation failed")
        }
        assertEquals(UnlockState.Locked(offerBiometric = false, notice = UnlockNotice.KeyStoreFailed("KeyStoreException")), machine.submitPlatformKey(failing))
        assertEquals(UnlockState.Unlocked, machine.submitPassword(TestVaults.password()))
    }

    @Test
    fun `the key store adapter hands the core exactly the wrapped bytes`() {
        val cipher = keystore.encrypting()
        val adapter = PlatformKeyStore(GcmKeyWrap(cipher))
        val master = ByteArray(32) { (it * 7).toByte() }
        val blob = adapter.wrap(master)
        assertArrayEquals(master, PlatformKeyStore(GcmKeyWrap(keystore.decrypting(GcmKeyWrap.ivOf(blob)))).unwrap(blob))
    }

    @Test
    fun `the prompt opens by itself once per lock, and a failure offers only the password until an unlock`() {
        vaultWithBiometrics()
        val machine = machine()
        assertTrue(machine.takeAutoPrompt())
        assertFalse(machine.takeAutoPrompt(), "a second screen (rotation, failure re-render) must not prompt again")
        val failed = machine.onBiometricFailed("Too many attempts.")
        assertEquals(UnlockState.Locked(offerBiometric = false, notice = UnlockNotice.UsePassword("Too many attempts.")), failed)
        assertFalse(machine.takeAutoPrompt())
        assertEquals(UnlockState.Unlocked, machine.submitPassword(TestVaults.password()))
        assertEquals(UnlockState.Locked(offerBiometric = true), machine.lock())
        assertTrue(machine.takeAutoPrompt(), "after the next lock the prompt opens by itself again")
    }
}
