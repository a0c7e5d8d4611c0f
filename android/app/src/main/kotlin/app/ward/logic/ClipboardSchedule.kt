package app.ward.logic

/**
 * Decides when a copied code must be wiped from the clipboard.
 *
 * Each copy gets a token and a deadline [holdMillis] later. The clipboard is
 * cleared at the deadline only if the latest thing on it is still our copy:
 * a newer copy of ours replaces the deadline, and anything the user copies
 * elsewhere ([onForeignClip]) cancels it, so Ward never wipes what is not its own.
 *
 * @property holdMillis how long a code stays on the clipboard (default 30 s).
 */
class ClipboardSchedule(private val clock: Clock, val holdMillis: Long = DEFAULT_HOLD_MILLIS) {
    init {
        require(holdMillis > 0) { "hold time must be positive" }
    }

    private var token = 0L
    private var deadline: Long? = null

    /** Records a copy now; returns the token to pass to [shouldClear] when the timer fires. */
    fun onCopied(): Long {
        token += 1
        deadline = clock.nowMillis() + holdMillis
        return token
    }

    /** Someone else put something on the clipboard: ours is gone, nothing to clear. */
    fun onForeignClip() {
        deadline = null
    }

    /** Milliseconds until the pending clear, or null when nothing is pending. */
    fun millisUntilClear(): Long? = deadline?.let { (it - clock.nowMillis()).coerceAtLeast(0) }

    /**
     * True when the timer for copy [copyToken] fires and the clipboard must be
     * cleared now; marks the clear as done.
     */
    fun shouldClear(copyToken: Long): Boolean {
        val due = deadline ?: return false
        if (copyToken != token || clock.nowMillis() < due) return false
        deadline = null
        return true
    }

    companion object {
        /** Thirty seconds: time to paste into a login form, short enough not to linger. */
        const val DEFAULT_HOLD_MILLIS: Long = 30_000
    }
}
