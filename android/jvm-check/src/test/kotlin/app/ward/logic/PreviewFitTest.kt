package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class PreviewFitTest {
    /** The on-screen size of the scene after the fit, for a [view] of width × height. */
    private fun shown(fit: PreviewFit, viewWidth: Int, viewHeight: Int): Pair<Float, Float> {
        val x = fit.scaleX * viewWidth
        val y = fit.scaleY * viewHeight
        val quarter = Math.floorMod(fit.rotationDegrees.toInt(), 180) == 90
        return if (quarter) y to x else x to y
    }

    @Test
    fun `a portrait phone shows the 1280x720 stream upright, unstretched, covering the view`() {
        val fit = PreviewFit.of(1080, 1500, 1280, 720, sensorDegrees = 90, displayDegrees = 0)
        assertEquals(0f, fit.rotationDegrees)
        val (w, h) = shown(fit, 1080, 1500)
        assertEquals(720f / 1280f, w / h, 1e-4f) // the scene's portrait aspect, not the view's
        assertTrue(w >= 1080 - 0.5f && h >= 1500 - 0.5f)
        assertTrue(w <= 1080 + 0.5f || h <= 1500 + 0.5f) // one side fits exactly: centre crop
    }

    @Test
    fun `a phone turned to landscape rotates the preview back and keeps the landscape aspect`() {
        for (display in listOf(90, 270)) {
            val fit = PreviewFit.of(2000, 900, 1280, 720, sensorDegrees = 90, displayDegrees = display)
            assertEquals(-display.toFloat(), fit.rotationDegrees)
            val (w, h) = shown(fit, 2000, 900)
            assertEquals(1280f / 720f, w / h, 1e-4f)
            assertTrue(w >= 2000 - 0.5f && h >= 900 - 0.5f)
        }
    }

    @Test
    fun `upside down turns half way and a landscape-native sensor keeps its aspect`() {
        assertEquals(-180f, PreviewFit.of(1080, 1500, 1280, 720, 90, 180).rotationDegrees)
        val fit = PreviewFit.of(1500, 1080, 1280, 720, sensorDegrees = 0, displayDegrees = 0)
        val (w, h) = shown(fit, 1500, 1080)
        assertEquals(1280f / 720f, w / h, 1e-4f)
    }
}
