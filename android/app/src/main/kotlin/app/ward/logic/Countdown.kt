package app.ward.logic

/**
 * Where a time-based code stands within its period (RFC 6238 §4: the counter
 * is floor(unix time / period), T0 = 0), at millisecond resolution for a smooth
 * progress ring.
 *
 * @property periodSeconds the TOTP time step X, at least 1.
 * @property nowMillis the Unix time in milliseconds.
 */
data class Countdown(val periodSeconds: Long, val nowMillis: Long) {
    init {
        require(periodSeconds >= 1) { "period must be at least 1 second" }
        require(nowMillis >= 0) { "time must not be before 1970" }
    }

    private val periodMillis: Long get() = periodSeconds * 1000

    /** Milliseconds until the current code expires, in 1..period·1000. */
    val remainingMillis: Long get() = periodMillis - nowMillis % periodMillis

    /** Whole seconds left as people count them: 30 at the start of a 30 s period, 1 in its last second. */
    val remainingSeconds: Long get() = (remainingMillis + 999) / 1000

    /** The fraction of the period still left, in (0, 1]. */
    val fractionLeft: Float get() = remainingMillis.toFloat() / periodMillis

    /** The Unix time in seconds at which the current code was issued. */
    val periodStartSeconds: Long get() = nowMillis / 1000 / periodSeconds * periodSeconds

    /** The Unix time in seconds at which the next code starts. */
    val nextPeriodStartSeconds: Long get() = periodStartSeconds + periodSeconds

    /** True in the last [seconds] of the period, when the UI warns the code is about to change. */
    fun isEnding(seconds: Long = 5): Boolean = remainingSeconds <= seconds

    companion object {
        /** Milliseconds from [nowMillis] to the next whole second: when a seconds display must redraw. */
        fun millisToNextSecond(nowMillis: Long): Long = 1000 - nowMillis % 1000
    }
}
