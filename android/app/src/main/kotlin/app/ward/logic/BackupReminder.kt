package app.ward.logic

/**
 * The automatic-backup state as the core keeps it in the vault's encrypted
 * settings (the FFI's `BackupStatus`, issue 13). Times are Unix seconds.
 *
 * @property enabled true when automatic backups are on.
 * @property location where they go (a SAF tree URI on Android), opaque to the core.
 * @property keep how many backups are kept.
 * @property lastSuccess when the last verified backup was written, or null.
 * @property lastFailure when the last backup failed, or null.
 * @property lastError what went wrong then, one sentence, or null.
 */
data class BackupState(
    val enabled: Boolean,
    val location: String?,
    val keep: Int,
    val lastSuccess: Long?,
    val lastFailure: Long?,
    val lastError: String?,
)

/** What the codes screen says about backups: nothing, or a reminder with a reason. */
sealed interface BackupReminder {
    /** Backups are fine: no reminder. */
    data object None : BackupReminder

    /** Automatic backups are off: a lost phone would lose every account. */
    data object Off : BackupReminder

    /** Backups keep failing: the last good one is older than [BackupReminder.FAILING_DAYS] days (or there is none). */
    data class Failing(val error: String?) : BackupReminder

    companion object {
        /** How long backups may fail before the codes screen says so. */
        const val FAILING_DAYS: Long = 7

        /**
         * The reminder for [state] at [nowSeconds]: [Off] when backups are off;
         * [Failing] when the latest attempt failed and no backup succeeded in
         * the last [FAILING_DAYS] days; otherwise [None] (a single failure is
         * retried after the next change before anyone is bothered).
         */
        fun of(state: BackupState, nowSeconds: Long): BackupReminder {
            if (!state.enabled || state.location == null) return Off
            val failure = state.lastFailure ?: return None
            val success = state.lastSuccess
            if (success != null && success >= failure) return None
            val goodUntil = (success ?: failure) + FAILING_DAYS * DAY
            return if (nowSeconds >= goodUntil) Failing(state.lastError) else None
        }

        private const val DAY: Long = 86_400
    }
}
