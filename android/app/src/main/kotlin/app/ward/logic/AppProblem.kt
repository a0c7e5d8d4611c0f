package app.ward.logic

import java.io.IOException

/**
 * A failure that Ward itself describes (the core's failures are
 * [WardProblem]s, with the core's sentence). Platform and logic code have no
 * `Context` and hold no sentences: they throw one of these, and the screens
 * word it from the string resources (`problemText` in ui/Problems.kt), in the
 * phone's language.
 *
 * An [IOException], so code that handles I/O failures handles these too. The
 * exception message is null: there is nothing to show but the worded problem.
 */
sealed class AppProblem(cause: Throwable? = null) : IOException(null as String?, cause) {
    /** The document picked in the system picker could not be opened or read. */
    class DocumentUnreadable(cause: Throwable? = null) : AppProblem(cause)

    /** The document picked is larger than [maxMegabytes] MB: no backup Ward can read is that large. */
    class DocumentTooLarge(val maxMegabytes: Int) : AppProblem()

    /** The document chosen to save to could not be created or written. */
    class DocumentNotWritten(cause: Throwable? = null) : AppProblem(cause)

    /** No new file could be made in the backup folder: check the folder or pick another one. */
    class FolderNotWritable(cause: Throwable? = null) : AppProblem(cause)

    /** The backup folder's list of files could not be read: check the folder or pick another one. */
    class FolderNotReadable(cause: Throwable? = null) : AppProblem(cause)

    /** A backup file Ward just listed or wrote is no longer in the backup folder. */
    class BackupMissing : AppProblem()

    /** An old backup could not be deleted while pruning the folder to the number kept. */
    class OldBackupNotDeleted(cause: Throwable? = null) : AppProblem(cause)

    /** Ward lost its permission on the backup folder (or its provider is gone): pick the folder again. */
    class FolderAccessLost(cause: Throwable? = null) : AppProblem(cause)

    /** This phone's own settings file (rollback memory, Android backup opt-in) could not be saved. */
    class SettingsNotSaved(cause: Throwable? = null) : AppProblem(cause)

    /** The copy of the vault that Android's own backup takes could not be updated. */
    class AndroidCopyNotSaved(cause: Throwable? = null) : AppProblem(cause)
}
