package app.ward.ui

import android.content.Context
import app.ward.R
import app.ward.logic.AppProblem
import app.ward.logic.BackupFailure
import app.ward.logic.CodeRow
import app.ward.logic.WardProblem

// Failures in words, from res/values/strings.xml: platform and logic code throw
// typed problems (AppProblem, WardProblem) and hold no sentences of their own.

/**
 * The sentence to show for [error]:
 * - an [AppProblem]: its text from the resources;
 * - a [WardProblem]: the core's sentence, or, when the core gave none (a key-store
 *   failure, an entry Ward found gone), its kind worded here;
 * - anything else (the system's own exceptions, whose messages are not meant
 *   for people): [fallback], the screen's "could not …" sentence.
 */
fun Context.problemText(error: Throwable?, fallback: Int): String = when (error) {
    is AppProblem -> problemText(error)
    is WardProblem -> error.message ?: kindText(error)
    else -> getString(fallback)
}

/** A [WardProblem] the core gave no sentence for, worded by its kind. */
private fun Context.kindText(problem: WardProblem): String = when (problem.kind) {
    WardProblem.Kind.NOT_FOUND -> getString(R.string.problem_entry_gone)
    WardProblem.Kind.KEY_STORE -> getString(R.string.problem_key_store, problem.detail.orEmpty())
    else -> getString(R.string.problem_unknown)
}

/** [problem] in words. */
fun Context.problemText(problem: AppProblem): String = when (problem) {
    is AppProblem.DocumentUnreadable -> getString(R.string.problem_document_unreadable)
    is AppProblem.DocumentTooLarge -> getString(R.string.problem_document_too_large, problem.maxMegabytes)
    is AppProblem.DocumentNotWritten -> getString(R.string.problem_document_not_written)
    is AppProblem.FolderNotWritable -> getString(R.string.problem_folder_not_writable)
    is AppProblem.FolderNotReadable -> getString(R.string.problem_folder_not_readable)
    is AppProblem.BackupMissing -> getString(R.string.problem_backup_missing)
    is AppProblem.OldBackupNotDeleted -> getString(R.string.problem_old_backup_not_deleted)
    is AppProblem.FolderAccessLost -> getString(R.string.problem_folder_access_lost)
    is AppProblem.SettingsNotSaved -> getString(R.string.problem_settings_not_saved)
    is AppProblem.AndroidCopyNotSaved -> getString(R.string.problem_android_copy_not_saved)
}

/** Why a backup failed, in words (what the vault records and the Backups screen shows). */
fun Context.failureText(failure: BackupFailure): String = when (failure) {
    BackupFailure.NotVerified -> getString(R.string.backups_not_verified)
    is BackupFailure.Error -> problemText(failure.error, R.string.backup_not_written)
}

/** The title of [row] in the list, menus and TalkBack: its issuer or account, or "(no name)". */
fun Context.titleOf(row: CodeRow): String = if (row.unnamed) getString(R.string.row_no_name) else row.title
