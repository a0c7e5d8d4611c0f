package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class AutoLockTest {
    private val clock = ManualClock(5_000)

    @Test
    fun `locks after the configured delay in the background`() {
        val autoLock = AutoLock(clock, AutoLockDelay.SECONDS_30)
        autoLock.onBackground()
        clock.advance(29_000)
        assertEquals(1_000, autoLock.millisUntilLock())
        assertFalse(autoLock.isDueNow())
        clock.advance(1_000)
        assertTrue(autoLock.isDueNow())
        assertTrue(autoLock.onForeground())
        assertNull(autoLock.millisUntilLock())
    }

    @Test
    fun `a short trip away keeps the vault open`() {
        val autoLock = AutoLock(clock, AutoLockDelay.MINUTE_1)
        autoLock.onBackground()
        clock.advance(10_000)
        assertFalse(autoLock.onForeground())
    }

    @Test
    fun `immediately means any trip away`() {
        val autoLock = AutoLock(clock, AutoLockDelay.IMMEDIATELY)
        autoLock.onBackground()
        assertTrue(autoLock.onForeground())
    }

    @Test
    fun `never means never`() {
        val autoLock = AutoLock(clock, AutoLockDelay.NEVER)
        autoLock.onBackground()
        clock.advance(86_400_000)
        assertFalse(autoLock.isDueNow())
        assertNull(autoLock.millisUntilLock())
        assertFalse(autoLock.onForeground())
    }

    @Test
    fun `a second background report keeps the first time`() {
        val autoLock = AutoLock(clock, AutoLockDelay.SECONDS_30)
        autoLock.onBackground()
        clock.advance(20_000)
        autoLock.onBackground()
        clock.advance(10_000)
        assertTrue(autoLock.isDueNow())
    }

    @Test
    fun `stored names round-trip and unknown names fall back to the default`() {
        AutoLockDelay.entries.forEach { assertEquals(it, AutoLockDelay.fromName(it.name)) }
        assertEquals(AutoLockDelay.DEFAULT, AutoLockDelay.fromName("FOREVER"))
        assertEquals(AutoLockDelay.DEFAULT, AutoLockDelay.fromName(null))
    }
}

class AutoLockGraceTest {
    @Test
    fun `leaving for the picker gets a grace period, never an exemption`() {
        val clock = ManualClock(0)
        val lock = AutoLock(clock, AutoLockDelay.SECONDS_30)
        lock.onBackground(minimumMillis = AutoLock.EXTERNAL_GRACE_MILLIS)
        clock.advance(60_000)
        org.junit.jupiter.api.Assertions.assertFalse(lock.isDueNow())
        clock.advance(AutoLock.EXTERNAL_GRACE_MILLIS)
        org.junit.jupiter.api.Assertions.assertTrue(lock.isDueNow())
    }

    @Test
    fun `a grace period never shortens a longer delay`() {
        val clock = ManualClock(0)
        val lock = AutoLock(clock, AutoLockDelay.MINUTES_5)
        lock.onBackground(minimumMillis = AutoLock.EXTERNAL_GRACE_MILLIS)
        org.junit.jupiter.api.Assertions.assertEquals(300_000L, lock.millisUntilLock())
    }
}
