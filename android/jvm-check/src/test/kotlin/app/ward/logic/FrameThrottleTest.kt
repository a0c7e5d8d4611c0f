package app.ward.logic

import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class FrameThrottleTest {
    private val clock = ManualClock(0)
    private val throttle = FrameThrottle(clock, intervalMillis = 250)

    @Test
    fun `lets a few frames a second through`() {
        assertTrue(throttle.tryAcquire())
        throttle.done()
        clock.advance(100)
        assertFalse(throttle.tryAcquire())
        clock.advance(150)
        assertTrue(throttle.tryAcquire())
        throttle.done()
    }

    @Test
    fun `never starts a frame while one is decoding`() {
        assertTrue(throttle.tryAcquire())
        clock.advance(1_000)
        assertFalse(throttle.tryAcquire())
        throttle.done()
        assertTrue(throttle.tryAcquire())
    }
}
