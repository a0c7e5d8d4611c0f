package app.ward.logic

import kotlin.math.max

/**
 * How to draw a camera preview in a TextureView without stretching it, upright
 * whatever the display rotation: scale about the view's centre by
 * ([scaleX], [scaleY]), then rotate by [rotationDegrees] about the centre
 * (android.graphics.Matrix `postScale` then `postRotate`).
 *
 * A TextureView stretches the camera's buffer to its own bounds after the
 * buffer's own transform, which already turns the image upright for the
 * device's natural orientation. So the scene must be turned back by the
 * display rotation, and scaled so that it keeps its aspect ratio and covers
 * the view (centre crop: nothing stretched, no empty bands).
 */
data class PreviewFit(val scaleX: Float, val scaleY: Float, val rotationDegrees: Float) {
    companion object {
        /**
         * The fit for a [viewWidth]×[viewHeight] view showing a
         * [bufferWidth]×[bufferHeight] camera buffer from a sensor mounted at
         * [sensorDegrees] (CameraCharacteristics.SENSOR_ORIENTATION), on a
         * display turned [displayDegrees] (0, 90, 180, 270) from natural.
         */
        fun of(
            viewWidth: Int,
            viewHeight: Int,
            bufferWidth: Int,
            bufferHeight: Int,
            sensorDegrees: Int,
            displayDegrees: Int,
        ): PreviewFit {
            require(viewWidth > 0 && viewHeight > 0 && bufferWidth > 0 && bufferHeight > 0) { "sizes must be positive" }
            val sensorQuarter = Math.floorMod(sensorDegrees, 360) % 180 == 90
            val displayQuarter = Math.floorMod(displayDegrees, 360) % 180 == 90
            // The scene upright in the device's natural orientation...
            val naturalWidth = if (sensorQuarter) bufferHeight else bufferWidth
            val naturalHeight = if (sensorQuarter) bufferWidth else bufferHeight
            // ...and upright on the screen as it is turned now.
            val screenWidth = (if (displayQuarter) naturalHeight else naturalWidth).toFloat()
            val screenHeight = (if (displayQuarter) naturalWidth else naturalHeight).toFloat()
            val cover = max(viewWidth / screenWidth, viewHeight / screenHeight)
            // Extents before the rotation: a quarter turn swaps them.
            val extentX = (if (displayQuarter) screenHeight else screenWidth) * cover
            val extentY = (if (displayQuarter) screenWidth else screenHeight) * cover
            val turn = Math.floorMod(displayDegrees, 360)
            return PreviewFit(extentX / viewWidth, extentY / viewHeight, if (turn == 0) 0f else -turn.toFloat())
        }
    }
}
