package app.ward.ui

import app.ward.WardApplication
import app.ward.logic.BackupState
import app.ward.logic.ImportSummary
import app.ward.logic.IntegrityWarning
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

/** The texts built from several resources (ui/Reports.kt), in English: counts pick the plural form. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class ReportsTest {
    private val context = RuntimeEnvironment.getApplication()
    private val on = BackupState(enabled = true, location = "content://tree/x", keep = 10, lastSuccess = null, lastFailure = null, lastError = null)
    private val now = 1_795_000_000L
    private val day = 86_400L

    @Test
    fun `import reports list what was skipped`() {
        assertEquals("1 account imported.", context.describe(ImportSummary(1, emptyList())))
        assertEquals(
            "2 accounts imported.\n\n1 skipped:\n• Bank: unsupported type",
            context.describe(ImportSummary(2, listOf("Bank: unsupported type"))),
        )
    }

    @Test
    fun `the status line says how long ago`() {
        assertEquals("Last backup: never", context.lastBackupLine(on, now))
        assertEquals("Last backup: 2 hours ago", context.lastBackupLine(on.copy(lastSuccess = now - 7300), now))
        assertEquals("Last backup: 1 day ago", context.lastBackupLine(on.copy(lastSuccess = now - day - 5), now))
        assertEquals("Last backup: 1 minute ago", context.lastBackupLine(on.copy(lastSuccess = now - 65), now))
        assertEquals("Last backup: just now", context.lastBackupLine(on.copy(lastSuccess = now - 5), now))
    }

    @Test
    fun `the rollback warning says what happened and what to do`() {
        val older = context.describe(IntegrityWarning(generation = 3, highestSeen = 7, rolledBack = true, problems = emptyList()))
        assertTrue(older, older.startsWith("This vault is older than the one Ward last opened on this phone (version 3, Ward saw version 7)."))
        assertTrue(older, older.endsWith("\n\nIf you restored this copy yourself, keep it. Otherwise restore a recent backup."))
        val changed = context.describe(IntegrityWarning(generation = 7, highestSeen = 7, rolledBack = false, problems = listOf("entry 2 was changed")))
        assertEquals(
            "The vault file was changed outside Ward:\n• entry 2 was changed\n\n" +
                "If you restored this copy yourself, keep it. Otherwise restore a recent backup.",
            changed,
        )
    }
}
