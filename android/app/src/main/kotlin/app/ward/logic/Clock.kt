package app.ward.logic

/** The time, given to every piece of logic so tests can set it. */
fun interface Clock {
    /** Milliseconds since the Unix epoch. */
    fun nowMillis(): Long

    companion object {
        /** The device's wall clock. */
        val SYSTEM: Clock = Clock { System.currentTimeMillis() }
    }
}

/**
 * A clock that only moves when told: a test double, also useful for previews.
 *
 * @property millis the current time in Unix milliseconds.
 */
class ManualClock(var millis: Long) : Clock {
    override fun nowMillis(): Long = millis

    /** Moves the clock forward by [deltaMillis]. */
    fun advance(deltaMillis: Long) {
        millis += deltaMillis
    }
}
