package app.ward.platform

import app.ward.logic.Clock
import app.ward.logic.FrameThrottle
import app.ward.logic.Luma
import java.nio.ByteBuffer
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.RejectedExecutionException

/**
 * The path every camera frame takes to the QR decoder: a few frames a second
 * ([FrameThrottle]) have their Y plane (luma, with its row stride, exactly as
 * `ImageReader` hands a YUV_420_888 plane over) copied, then decoded by
 * [onFrame] on a background thread. [QrCamera] feeds it from the camera; the
 * UI tests feed it rendered QR codes through the same [offer].
 *
 * Each pipeline (one per camera session) decodes on a thread of its own, in
 * frame order: [app.ward.CoreQrReader] keeps the core's scan session (what
 * read the previous frame) per decoding thread, so a new camera session
 * starts afresh and frames of one session are never decoded out of order.
 */
class FramePipeline(clock: Clock, private val onFrame: (Luma) -> Unit) {
    private val throttle = FrameThrottle(clock)
    private val decoder: ExecutorService = Executors.newSingleThreadExecutor { Thread(it, "ward-qr-decode") }

    /**
     * One frame's Y plane: [plane] from its position, [height] rows of [width]
     * pixels, [rowStride] bytes apart. Copied before returning (the camera
     * reuses its buffers); skipped when the decoder is busy or it is too soon.
     */
    fun offer(plane: ByteBuffer, width: Int, height: Int, rowStride: Int) {
        if (decoder.isShutdown || !throttle.tryAcquire()) return
        val bytes = ByteArray(plane.remaining())
        plane.get(bytes)
        val luma = try {
            Luma(bytes, width, height, rowStride)
        } catch (_: IllegalArgumentException) {
            throttle.done()
            return
        }
        try {
            decoder.execute {
                try {
                    onFrame(luma)
                } finally {
                    throttle.done()
                }
            }
        } catch (_: RejectedExecutionException) {
            throttle.done() // Closed while this frame was being copied.
        }
    }

    /** Stops decoding: frames offered later are dropped; one already decoding finishes. */
    fun close() {
        decoder.shutdown()
    }
}
