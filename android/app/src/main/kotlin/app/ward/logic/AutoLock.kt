package app.ward.logic

/**
 * When the vault locks itself after the app leaves the screen.
 *
 * The app reports [onBackground] when its last activity stops and
 * [onForeground] when one starts again; [onForeground] answers whether the
 * vault must be locked before anything is shown. A [delay] of zero locks at
 * once; [AutoLockDelay.NEVER] keeps the vault open until the process dies.
 */
class AutoLock(private val clock: Clock, var delay: AutoLockDelay = AutoLockDelay.DEFAULT) {
    private var backgroundSince: Long? = null

    /** The app went to the background now. */
    fun onBackground() {
        if (backgroundSince == null) backgroundSince = clock.nowMillis()
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
        val millis = delay.millis ?: return null
        return (since + millis - clock.nowMillis()).coerceAtLeast(0)
    }

    /** True when the app is in the background and its lock is due now (the background timer fired). */
    fun isDueNow(): Boolean = backgroundSince?.let(::isDue) ?: false

    private fun isDue(since: Long): Boolean {
        val millis = delay.millis ?: return false
        return clock.nowMillis() - since >= millis
    }
}

/**
 * The choices offered in Settings for [AutoLock].
 *
 * @property millis time in the background before locking; null never locks.
 * @property label what Settings shows.
 */
enum class AutoLockDelay(val millis: Long?, val label: String) {
    IMMEDIATELY(0, "Immediately"),
    SECONDS_30(30_000, "After 30 seconds"),
    MINUTE_1(60_000, "After 1 minute"),
    MINUTES_5(300_000, "After 5 minutes"),
    NEVER(null, "Only when I lock it"),
    ;

    companion object {
        /** What a new install uses. */
        val DEFAULT: AutoLockDelay = SECONDS_30

        /** The delay stored under [name], or [DEFAULT] for an unknown or missing name. */
        fun fromName(name: String?): AutoLockDelay = entries.firstOrNull { it.name == name } ?: DEFAULT
    }
}
