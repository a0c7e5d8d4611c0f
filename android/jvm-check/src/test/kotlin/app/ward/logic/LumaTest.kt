package app.ward.logic

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class LumaTest {
    @Test
    fun `converts ARGB with BT 601 weights`() {
        val black = 0xFF000000.toInt()
        val white = 0xFFFFFFFF.toInt()
        val red = 0xFFFF0000.toInt()
        val transparent = 0x00000000
        val luma = Luma.fromArgb(intArrayOf(black, white, red, transparent), 2, 2)
        assertArrayEquals(byteArrayOf(0, 255.toByte(), 76, 255.toByte()), luma.pixels)
    }

    @Test
    fun `accepts a padded row stride whose last row is short`() {
        // Camera Y planes often end right after the last row's pixels.
        Luma(ByteArray(16 * 2 + 10), width = 10, height = 3, rowStride = 16)
    }

    @Test
    fun `rejects a buffer too small for its rows`() {
        assertThrows<IllegalArgumentException> { Luma(ByteArray(20), width = 10, height = 3, rowStride = 10) }
    }
}
