package app.ward

import app.ward.core.WardException
import app.ward.logic.GcmKeyWrap
import app.ward.logic.WardProblem
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class CoreErrorsTest {
    @Test
    fun `the core's sentence becomes the message, capitalised`() {
        val wrong = CoreErrors.problemOf(WardException.WrongPassword())
        assertEquals(WardProblem.Kind.WRONG_PASSWORD, wrong.kind)
        assertEquals("Wrong password: check it and try again.", wrong.message)
    }

    @Test
    fun `invalid input shows only its reason`() {
        val invalid = CoreErrors.problemOf(WardException.InvalidInput("the URI has no secret"))
        assertEquals(WardProblem.Kind.INVALID_INPUT, invalid.kind)
        assertEquals("The URI has no secret.", invalid.message)
    }

    @Test
    fun `re-authentication and tampering have kinds of their own, with the core's sentence`() {
        val reauth = CoreErrors.problemOf(WardException.ReauthRequired())
        assertEquals(WardProblem.Kind.REAUTH_REQUIRED, reauth.kind)
        assertTrue(reauth.message!!.startsWith("Confirm it is you"), reauth.message)
        val tampered = CoreErrors.problemOf(WardException.Tampered("an entry was deleted outside Ward: restore a backup"))
        assertEquals(WardProblem.Kind.TAMPERED, tampered.kind)
        assertEquals("An entry was deleted outside Ward: restore a backup.", tampered.message)
    }

    @Test
    fun `a key store failure carries the app's reason code and no English sentence`() {
        val failed = CoreErrors.problemOf(WardException.KeyStore("KeyStoreException"))
        assertEquals(WardProblem.Kind.KEY_STORE, failed.kind)
        assertEquals(null, failed.message)
        assertEquals("KeyStoreException", failed.detail)
        val wrongSize = assertThrows<WardException.KeyStore> { PlatformKeyStore(GcmKeyWrap(SoftwareKeystoreKey().encrypting())).unwrap(ByteArray(5)) }
        assertEquals("wrapped-size", wrongSize.reason)
    }

    @Test
    fun `a core error without a sentence leaves the wording to the screen`() {
        assertEquals(null, CoreErrors.problemOf(WardException.InvalidInput("  ")).message)
    }

    @Test
    fun `key store outcomes keep their meaning`() {
        assertEquals(WardProblem.Kind.KEY_STORE_CANCELLED, CoreErrors.problemOf(WardException.Cancelled()).kind)
        assertEquals(WardProblem.Kind.KEY_INVALIDATED, CoreErrors.problemOf(WardException.KeyInvalidated()).kind)
    }

    @Test
    fun `a key that cannot open the blob is reported as invalidated, not as a crash`() {
        val keystore = SoftwareKeystoreKey()
        val blob = GcmKeyWrap(keystore.encrypting()).wrap(ByteArray(32))
        keystore.invalidate()
        val adapter = PlatformKeyStore(GcmKeyWrap(keystore.decrypting(GcmKeyWrap.ivOf(blob))))
        assertThrows<WardException.KeyInvalidated> { adapter.unwrap(blob) }
        val wrongSize = PlatformKeyStore(GcmKeyWrap(keystore.encrypting()))
        assertThrows<WardException.KeyStore> { wrongSize.unwrap(ByteArray(5)) }
    }
}
