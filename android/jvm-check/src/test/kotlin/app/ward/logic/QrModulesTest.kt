package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class QrModulesTest {
    /** A 21 × 21 matrix with only the top-left and bottom-right modules dark. */
    private fun corners(): QrModules {
        val modules = ByteArray(21 * 21)
        modules[0] = 1
        modules[21 * 21 - 1] = 1
        return QrModules(21, modules)
    }

    @Test
    fun `pixels are whole squares per module inside a white quiet zone of 4 modules`() {
        val (pixels, side) = corners().pixels(3)
        assertEquals((21 + 8) * 3, side)
        fun at(x: Int, y: Int) = pixels[y * side + x]
        // The quiet zone is white all round.
        assertTrue((0 until side).all { at(it, 0) == QrModules.WHITE && at(0, it) == QrModules.WHITE && at(side - 1, it) == QrModules.WHITE })
        // The first module is the 3 × 3 block starting 12 pixels in.
        for (y in 12 until 15) for (x in 12 until 15) assertEquals(QrModules.BLACK, at(x, y))
        assertEquals(QrModules.WHITE, at(15, 12))
        assertEquals(QrModules.WHITE, at(11, 12))
        assertEquals(QrModules.BLACK, at(side - 13, side - 13))
        assertEquals(2 * 9, pixels.count { it == QrModules.BLACK })
    }

    @Test
    fun `the scale is the largest whole number that fits`() {
        assertEquals(10, corners().scaleFor(290))
        assertEquals(10, corners().scaleFor(299))
        assertEquals(1, corners().scaleFor(10))
    }

    @Test
    fun `wiping clears the modules and a wrong size is refused`() {
        val code = corners()
        code.wipe()
        assertTrue(!code.dark(0, 0) && !code.dark(20, 20))
        assertThrows(IllegalArgumentException::class.java) { QrModules(21, ByteArray(20)) }
    }
}
