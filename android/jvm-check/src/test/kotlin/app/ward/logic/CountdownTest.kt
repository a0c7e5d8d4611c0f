package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class CountdownTest {
    @Test
    fun `a period starts full and ends at one second`() {
        val start = Countdown(30, 59_000_010_000L / 1000 * 1000 - 59_000_010_000L % 30_000)
        assertEquals(30, start.remainingSeconds)
        assertEquals(1.0f, start.fractionLeft)
        val last = Countdown(30, 1_111_111_109_999L - 1_111_111_109_999L % 30_000 + 29_500)
        assertEquals(1, last.remainingSeconds)
        assertTrue(last.isEnding())
    }

    @Test
    fun `period boundaries follow RFC 6238 with T0 = 0`() {
        // 59 s into the epoch: counter 1 of a 30 s period, 1 s left.
        val countdown = Countdown(30, 59_000)
        assertEquals(30, countdown.periodStartSeconds)
        assertEquals(60, countdown.nextPeriodStartSeconds)
        assertEquals(1_000, countdown.remainingMillis)
        assertEquals(1, countdown.remainingSeconds)
    }

    @Test
    fun `partial seconds round up for display`() {
        val countdown = Countdown(30, 10_400)
        assertEquals(19_600, countdown.remainingMillis)
        assertEquals(20, countdown.remainingSeconds)
        assertFalse(countdown.isEnding())
        assertEquals(600, Countdown.millisToNextSecond(10_400))
    }

    @Test
    fun `other periods work the same way`() {
        val countdown = Countdown(60, 125_000)
        assertEquals(120, countdown.periodStartSeconds)
        assertEquals(55, countdown.remainingSeconds)
    }

    @Test
    fun `rejects a zero period`() {
        assertThrows<IllegalArgumentException> { Countdown(0, 1) }
    }
}
