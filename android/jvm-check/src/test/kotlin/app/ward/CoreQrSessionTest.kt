package app.ward

import app.ward.logic.Clock
import app.ward.logic.Luma
import app.ward.logic.Scanned
import app.ward.platform.FramePipeline
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.ByteBuffer
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * Camera frames go through the core's scan session (one per decoding thread,
 * so one per [FramePipeline]): code-less frames give nothing, codes are read
 * frame after frame, and a new pipeline (a new camera session) reads too.
 */
class CoreQrSessionTest {
    private val reader = CoreQrReader()

    private fun luma(name: String): Luma = qrFixtureLuma(name)

    @Test
    fun `frames of a camera session are read one after another`() {
        val code = luma("aws-photo.jpg")
        val empty = luma("no-code.png")
        repeat(2) { assertTrue(reader.read(code) is Scanned.Account) }
        assertNull(reader.read(empty))
        assertTrue(reader.read(code) is Scanned.Account)
    }

    @Test
    fun `frames offered to successive pipelines are all read`() {
        val code = luma("aws-photo.jpg")
        val clock = Clock { System.nanoTime() / 1_000_000 }
        val results = mutableListOf<Pair<String, Scanned?>>()
        repeat(2) {
            val done = CountDownLatch(1)
            val pipeline = FramePipeline(clock) { frame ->
                synchronized(results) { results += Thread.currentThread().name to reader.read(frame) }
                done.countDown()
            }
            pipeline.offer(ByteBuffer.wrap(code.pixels), code.width, code.height, code.rowStride)
            assertTrue(done.await(60, TimeUnit.SECONDS), "the frame was decoded")
            pipeline.close()
        }
        assertEquals(2, results.size)
        assertTrue(results.all { it.second is Scanned.Account }, "$results")
    }
}
