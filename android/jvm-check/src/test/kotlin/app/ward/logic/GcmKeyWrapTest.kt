package app.ward.logic

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

class GcmKeyWrapTest {
    private val key: SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    private val master = ByteArray(32) { it.toByte() }

    private fun encrypting() = Cipher.getInstance("AES/GCM/NoPadding").apply { init(Cipher.ENCRYPT_MODE, key) }
    private fun decrypting(iv: ByteArray) =
        Cipher.getInstance("AES/GCM/NoPadding").apply { init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(128, iv)) }

    @Test
    fun `wraps and unwraps the master key`() {
        val blob = GcmKeyWrap(encrypting()).wrap(master)
        assertEquals(GcmKeyWrap.WRAPPED_BYTES, blob.size)
        val unwrapped = GcmKeyWrap(decrypting(GcmKeyWrap.ivOf(blob))).unwrap(blob)
        assertArrayEquals(master, unwrapped)
    }

    @Test
    fun `refuses a blob made with another IV`() {
        val blob = GcmKeyWrap(encrypting()).wrap(master)
        val staleIv = GcmKeyWrap.ivOf(GcmKeyWrap(encrypting()).wrap(master))
        assertThrows<KeyWrapException> { GcmKeyWrap(decrypting(staleIv)).unwrap(blob) }
    }

    @Test
    fun `refuses a tampered blob`() {
        val blob = GcmKeyWrap(encrypting()).wrap(master)
        blob[20] = (blob[20].toInt() xor 1).toByte()
        assertThrows<KeyWrapException> { GcmKeyWrap(decrypting(GcmKeyWrap.ivOf(blob))).unwrap(blob) }
    }

    @Test
    fun `only wraps 32-byte keys`() {
        assertThrows<IllegalArgumentException> { GcmKeyWrap(encrypting()).wrap(ByteArray(16)) }
    }
}
