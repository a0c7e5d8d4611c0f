package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ClipboardScheduleTest {
    private val clock = ManualClock(1_000_000)
    private val schedule = ClipboardSchedule(clock, holdMillis = 30_000)

    @Test
    fun `clears a copy when its time is up, once`() {
        val token = schedule.onCopied()
        assertEquals(30_000, schedule.millisUntilClear())
        clock.advance(29_999)
        assertFalse(schedule.shouldClear(token))
        clock.advance(1)
        assertTrue(schedule.shouldClear(token))
        assertFalse(schedule.shouldClear(token))
        assertNull(schedule.millisUntilClear())
    }

    @Test
    fun `a newer copy replaces the older deadline`() {
        val first = schedule.onCopied()
        clock.advance(20_000)
        val second = schedule.onCopied()
        clock.advance(10_000)
        assertFalse(schedule.shouldClear(first), "the first timer must not wipe the second code early")
        clock.advance(20_000)
        assertTrue(schedule.shouldClear(second))
    }

    @Test
    fun `never wipes what someone else copied`() {
        val token = schedule.onCopied()
        schedule.onForeignClip()
        clock.advance(60_000)
        assertFalse(schedule.shouldClear(token))
    }
}
