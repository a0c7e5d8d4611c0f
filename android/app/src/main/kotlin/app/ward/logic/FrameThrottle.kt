package app.ward.logic

/**
 * Lets through at most one camera frame per [intervalMillis] and never a new
 * one while the previous is still being decoded, so QR decoding runs a few
 * times a second on a background thread without queueing frames.
 */
class FrameThrottle(private val clock: Clock, val intervalMillis: Long = DEFAULT_INTERVAL_MILLIS) {
    private var lastAccepted: Long? = null
    private var busy = false

    /** True when this frame should be decoded; the caller must then call [done]. */
    @Synchronized
    fun tryAcquire(): Boolean {
        val now = clock.nowMillis()
        val last = lastAccepted
        if (busy || (last != null && now - last < intervalMillis)) return false
        busy = true
        lastAccepted = now
        return true
    }

    /** The frame taken by [tryAcquire] has been decoded. */
    @Synchronized
    fun done() {
        busy = false
    }

    companion object {
        /** Four frames a second: quick to catch a code, easy on the battery. */
        const val DEFAULT_INTERVAL_MILLIS: Long = 250
    }
}
