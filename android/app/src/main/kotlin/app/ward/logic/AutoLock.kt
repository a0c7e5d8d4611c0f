package app.ward.logic

/**
 * When the vault locks itself after the app leaves the screen.
 *
 * The app reports [onBackground] when its last activity stops, always (also
 * when it leaves for a system screen of its own, such as the document picker)
 * and [onForeground] when one starts again; [onForeground] answers whether the
 * vault must be locked before anything is shown. A [delay] of zero locks at
 * once; [AutoLockDelay.NEVER] keeps the vault open until the process dies.
 *
 * [clock] must be monotonic (on Android `SystemClock.elapsedRealtime`, which
 * counts deep sleep): a wall clock moved back would postpone the lock forever.
 */
class AutoLock(private val clock: Clock, var delay: AutoLockDelay = AutoLockDelay.DEFAULT) {
    private var backgroundSince: Long? = null
    private var minimumMillis: Long? = null

    /**
     * The app went to the background now. [minimumMillis] lengthens this
     * absence's delay (a grace period for the document picker); it never
     * turns locking off.
     */
    fun onBackground(minimumMillis: Long? = null) {
        if (backgroundSince == null) {
            backgroundSince = clock.nowMillis()
            this.minimumMillis = minimumMillis
        }
    }

    /** The app came back; true when it was away long enough that the vault must lock. */
    fun onForeground(): Boolean {
        val since = backgroundSince ?: return false
        backgroundSince = null
        return isDue(since)
    }

    /** Milliseconds from now until a background lock is due, or null if none is pending. */
    fun millisUntilLock(): Long? {
        val since = backgroundSince ?: return null
        val millis = effectiveMillis() ?: return null
        return (since + millis - clock.nowMillis()).coerceAtLeast(0)
    }

    /** True when the app is in the background and its lock is due now (the background timer fired). */
    fun isDueNow(): Boolean = backgroundSince?.let(::isDue) ?: false

    private fun isDue(since: Long): Boolean {
        val millis = effectiveMillis() ?: return false
        return clock.nowMillis() - since >= millis
    }

    private fun effectiveMillis(): Long? {
        val millis = delay.millis ?: return null
        return maxOf(millis, minimumMillis ?: 0)
    }

    companion object {
        /** How long the vault stays open while the person is in a system screen Ward opened (document picker). */
        const val EXTERNAL_GRACE_MILLIS: Long = 120_000
    }
}

/**
 * The choices offered in Settings for [AutoLock].
 *
 * @property millis time in the background before locking; null never locks.
 * What Settings calls each choice is in res/values/strings.xml (`auto_lock_*`).
 */
enum class AutoLockDelay(val millis: Long?) {
    IMMEDIATELY(0),
    SECONDS_30(30_000),
    MINUTE_1(60_000),
    MINUTES_5(300_000),
    NEVER(null),
    ;

    companion object {
        /** What a new install uses. */
        val DEFAULT: AutoLockDelay = SECONDS_30

        /** The delay stored under [name], or [DEFAULT] for an unknown or missing name. */
        fun fromName(name: String?): AutoLockDelay = entries.firstOrNull { it.name == name } ?: DEFAULT
    }
}
