package app.ward.ui

import app.ward.R
import app.ward.logic.IntegrityWarning

/**
 * After every unlock: the rollback memory and the integrity check
 * ([app.ward.logic.RollbackGuard]) on the vault thread, then, when the vault is
 * older than the one Ward last saw or was changed outside Ward, a warning
 * (never a block). "Keep this vault" re-authenticates if needed, seals the
 * manifest again (`acceptIntegrityState`) and remembers the new generation.
 */
object RollbackWarning {
    /** Runs the check for [activity]'s unlocked vault and warns when needed. */
    fun check(activity: MainActivity) {
        val app = activity.app
        app.background.run({ app.backupRunner.rollback.check() }) { result ->
            result.getOrNull()?.let { warn(activity, it) }
        }
    }

    private fun warn(activity: MainActivity, warning: IntegrityWarning) {
        SecureDialog.show(activity) {
            setTitle(R.string.rollback_title)
                .setMessage(activity.describe(warning))
                .setPositiveButton(R.string.rollback_keep) { _, _ -> keep(activity) }
                .setNegativeButton(R.string.rollback_later, null)
        }
    }

    private fun keep(activity: MainActivity) {
        Reauth.run(activity, { activity.app.backupRunner.rollback.accept() }) { result ->
            SecureDialog.message(
                activity,
                activity.getString(R.string.rollback_title),
                result.fold({ activity.getString(R.string.rollback_kept) }) { activity.getString(R.string.rollback_not_kept, activity.problemText(it, R.string.problem_unknown)) },
            )
        }
    }
}
