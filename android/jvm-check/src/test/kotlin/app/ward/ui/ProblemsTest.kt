package app.ward.ui

import app.ward.WardApplication
import app.ward.logic.AppProblem
import app.ward.logic.BackupFailure
import app.ward.logic.CodeRow
import app.ward.logic.ImportSummary
import app.ward.logic.OtpType
import app.ward.logic.WardProblem
import org.junit.Assert.assertEquals
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import java.io.IOException

/**
 * Each typed problem that platform and logic code throw is worded by the UI
 * (ui/Problems.kt) from the string resources: in English here, in German in
 * [ProblemsGermanTest] (`@Config(qualifiers = "de")`). The texts are asserted
 * literally, so a missing or wrong translation fails.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
open class ProblemsTest {
    protected val context get() = RuntimeEnvironment.getApplication()

    /** The expected wording of each case, by name. */
    protected open val words: Map<String, String> = mapOf(
        "DocumentUnreadable" to "The file could not be opened. Pick it again, or pick another file.",
        "DocumentTooLarge" to "The file is larger than 16 MB; this is not a backup Ward can read.",
        "DocumentNotWritten" to "The file could not be saved. Pick another place and try again.",
        "FolderNotWritable" to "Ward could not create a file in the backup folder. Check the folder, or pick another one.",
        "FolderNotReadable" to "Ward could not read the backup folder. Check the folder, or pick another one.",
        "BackupMissing" to "A backup file in the backup folder is gone. Back up again.",
        "OldBackupNotDeleted" to "Ward could not delete an old backup in the backup folder. Delete old backups there yourself, or pick another folder.",
        "FolderAccessLost" to "Ward can no longer use the backup folder. Pick it again in Settings → Backups.",
        "SettingsNotSaved" to "Ward could not save its settings. Free some storage and try again.",
        "AndroidCopyNotSaved" to "Ward could not update its copy for Android backup. Free some storage; the next change tries again.",
        "EntryGone" to "That entry is gone. Refresh the list.",
        "Unknown" to "Something went wrong in Ward.",
        "KeyStore" to "The phone's key store failed (KeyStoreException).",
        "NotVerified" to "The backup could not be read back from the folder. Check the folder, or pick another one.",
        "NotWritten" to "The backup could not be written.",
        "Import" to "1 account imported.\n\n4 skipped:\n• entry 2: Bank: unsupported type\n• GitHub: already in Ward\n• An account: already in Ward\n• 1 item without a one-time password",
        "ImportMany" to "0 accounts imported.\n\n3 skipped:\n• 3 items without a one-time password",
        "NoName" to "(no name)",
    )

    private fun assertWorded(case: String, shown: String) = assertEquals(case, words.getValue(case), shown)

    private fun worded(problem: AppProblem) = context.problemText(problem, android.R.string.unknownName)

    @Test
    fun `every AppProblem has a test here`() {
        val tested = setOf(
            "DocumentUnreadable", "DocumentTooLarge", "DocumentNotWritten", "FolderNotWritable", "FolderNotReadable",
            "BackupMissing", "OldBackupNotDeleted", "FolderAccessLost", "SettingsNotSaved", "AndroidCopyNotSaved",
        )
        assertEquals(tested, AppProblem::class.java.declaredClasses.map { it.simpleName }.toSet())
    }

    @Test
    fun `a picked document that cannot be read`() = assertWorded("DocumentUnreadable", worded(AppProblem.DocumentUnreadable(IOException("provider gone"))))

    @Test
    fun `a picked document that is too large`() = assertWorded("DocumentTooLarge", worded(AppProblem.DocumentTooLarge(16)))

    @Test
    fun `a document that cannot be saved`() = assertWorded("DocumentNotWritten", worded(AppProblem.DocumentNotWritten()))

    @Test
    fun `a backup folder that takes no new file`() = assertWorded("FolderNotWritable", worded(AppProblem.FolderNotWritable()))

    @Test
    fun `a backup folder that cannot be listed`() = assertWorded("FolderNotReadable", worded(AppProblem.FolderNotReadable()))

    @Test
    fun `a backup file that vanished`() = assertWorded("BackupMissing", worded(AppProblem.BackupMissing()))

    @Test
    fun `an old backup that cannot be deleted`() = assertWorded("OldBackupNotDeleted", worded(AppProblem.OldBackupNotDeleted()))

    @Test
    fun `a backup folder Ward lost access to`() = assertWorded("FolderAccessLost", worded(AppProblem.FolderAccessLost(SecurityException("revoked"))))

    @Test
    fun `this phone's settings not saved`() = assertWorded("SettingsNotSaved", worded(AppProblem.SettingsNotSaved()))

    @Test
    fun `the Android backup copy not saved`() = assertWorded("AndroidCopyNotSaved", worded(AppProblem.AndroidCopyNotSaved()))

    @Test
    fun `an entry gone, found by Ward (no sentence from the core)`() =
        assertWorded("EntryGone", context.problemText(WardProblem(WardProblem.Kind.NOT_FOUND), android.R.string.unknownName))

    @Test
    fun `a problem the core gave no sentence for`() =
        assertWorded("Unknown", context.problemText(WardProblem(WardProblem.Kind.INTERNAL), android.R.string.unknownName))

    @Test
    fun `a key store failure, with its reason code`() =
        assertWorded("KeyStore", context.problemText(WardProblem(WardProblem.Kind.KEY_STORE, detail = "KeyStoreException"), android.R.string.unknownName))

    @Test
    fun `the core's own sentence is shown as it is, and a system exception gets the screen's sentence`() {
        assertEquals("Wrong password: check it and try again.", context.problemText(WardProblem(WardProblem.Kind.WRONG_PASSWORD, "Wrong password: check it and try again."), android.R.string.unknownName))
        assertWorded("NotWritten", context.problemText(IOException("ENOSPC (No space left on device)"), app.ward.R.string.backup_not_written))
    }

    @Test
    fun `a backup that did not read back, and one that failed`() {
        assertWorded("NotVerified", context.failureText(BackupFailure.NotVerified))
        assertWorded("FolderAccessLost", context.failureText(BackupFailure.Error(AppProblem.FolderAccessLost())))
        assertWorded("NotWritten", context.failureText(BackupFailure.Error(IllegalStateException("something internal"))))
    }

    @Test
    fun `an import's duplicates and items without a one-time password`() {
        val summary = ImportSummary(1, listOf("entry 2: Bank: unsupported type"), duplicates = listOf("GitHub", ""), withoutOtp = 1)
        assertWorded("Import", context.describe(summary))
        assertWorded("ImportMany", context.describe(ImportSummary(0, emptyList(), withoutOtp = 3)))
    }

    @Test
    fun `an entry with neither issuer nor account name`() {
        val row = CodeRow("id", "", "", OtpType.TOTP, "123456", "654321", 30, 30)
        assertWorded("NoName", context.titleOf(row))
        assertEquals("alice", context.titleOf(row.copy(account = "alice")))
    }
}

/** [ProblemsTest] on a phone set to German: every typed problem in German. */
@Config(sdk = [35], application = WardApplication::class, qualifiers = "de")
class ProblemsGermanTest : ProblemsTest() {
    override val words: Map<String, String> = mapOf(
        "DocumentUnreadable" to "Die Datei konnte nicht geöffnet werden. Wähle sie erneut oder wähle eine andere Datei.",
        "DocumentTooLarge" to "Die Datei ist größer als 16 MB; das ist keine Sicherung, die Ward lesen kann.",
        "DocumentNotWritten" to "Die Datei konnte nicht gespeichert werden. Wähle einen anderen Ort und versuche es erneut.",
        "FolderNotWritable" to "Ward konnte im Sicherungsordner keine Datei anlegen. Prüfe den Ordner oder wähle einen anderen.",
        "FolderNotReadable" to "Ward konnte den Sicherungsordner nicht lesen. Prüfe den Ordner oder wähle einen anderen.",
        "BackupMissing" to "Eine Sicherungsdatei im Sicherungsordner ist verschwunden. Sichere erneut.",
        "OldBackupNotDeleted" to "Ward konnte eine alte Sicherung im Sicherungsordner nicht löschen. Lösche alte Sicherungen dort selbst oder wähle einen anderen Ordner.",
        "FolderAccessLost" to "Ward kann den Sicherungsordner nicht mehr verwenden. Wähle ihn unter Einstellungen → Sicherungen erneut aus.",
        "SettingsNotSaved" to "Ward konnte seine Einstellungen nicht speichern. Gib Speicherplatz frei und versuche es erneut.",
        "AndroidCopyNotSaved" to "Ward konnte seine Kopie für die Android-Sicherung nicht aktualisieren. Gib Speicherplatz frei; die nächste Änderung versucht es erneut.",
        "EntryGone" to "Dieser Eintrag ist nicht mehr da. Aktualisiere die Liste.",
        "Unknown" to "In Ward ist etwas schiefgegangen.",
        "KeyStore" to "Der Schlüsselspeicher des Telefons hat einen Fehler gemeldet (KeyStoreException).",
        "NotVerified" to "Die Sicherung konnte nicht aus dem Ordner zurückgelesen werden. Prüfe den Ordner oder wähle einen anderen.",
        "NotWritten" to "Die Sicherung konnte nicht geschrieben werden.",
        "Import" to "1 Konto importiert.\n\n4 übersprungen:\n• entry 2: Bank: unsupported type\n• GitHub: schon in Ward\n• Ein Konto: schon in Ward\n• 1 Eintrag ohne Einmalpasswort",
        "ImportMany" to "0 Konten importiert.\n\n3 übersprungen:\n• 3 Einträge ohne Einmalpasswort",
        "NoName" to "(ohne Namen)",
    )
}
