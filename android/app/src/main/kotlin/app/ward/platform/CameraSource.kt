package app.ward.platform

import android.graphics.SurfaceTexture
import android.util.Size

/**
 * A camera streaming to a preview and to a [FramePipeline]: [QrCamera] on a
 * phone; a fake in the UI tests, which feeds rendered QR codes into the pipeline.
 */
interface CameraSource {
    /** True when the camera has a flash usable as a torch. */
    val hasTorch: Boolean

    /** The buffer size streamed to the preview, or null when there is no usable camera. */
    fun frameSize(): Size?

    /** Degrees the camera's image must turn clockwise to be upright on the device in its natural orientation. */
    val sensorOrientation: Int

    /** Starts streaming to [texture] (sized to [frameSize] by the caller) and to the pipeline. */
    fun open(texture: SurfaceTexture)

    /** Turns the torch on or off. */
    fun setTorch(on: Boolean)

    /** Stops the camera; nothing reaches the pipeline afterwards. */
    fun close()
}
