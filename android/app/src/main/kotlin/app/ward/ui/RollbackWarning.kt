package app.ward.ui

import app.ward.logic.IntegrityWarning

// User-visible strings of the warning (to move to res/values/strings.xml).
private const val TITLE = "This vault may have been replaced"
private const val KEEP = "Keep this vault"
private const val LATER = "Not now"
private const val KEPT = "Ward will treat this vault as the current one from now on."
private const val NOT_KEPT = "Nothing was changed: "

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
            setTitle(TITLE)
                .setMessage(warning.describe())
                .setPositiveButton(KEEP) { _, _ -> keep(activity) }
                .setNegativeButton(LATER, null)
        }
    }

    private fun keep(activity: MainActivity) {
        Reauth.run(activity, { activity.app.backupRunner.rollback.accept() }) { result ->
            SecureDialog.message(activity, TITLE, result.fold({ KEPT }) { NOT_KEPT + (it.message ?: "") })
        }
    }
}
