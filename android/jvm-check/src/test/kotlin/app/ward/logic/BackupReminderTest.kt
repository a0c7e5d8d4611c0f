package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class BackupReminderTest {
    private val day = 86_400L
    private val now = 1_795_000_000L
    private val on = BackupState(true, "content://tree/backups", 10, lastSuccess = null, lastFailure = null, lastError = null)

    @Test
    fun `backups off, or no folder, always remind`() {
        assertEquals(BackupReminder.Off, BackupReminder.of(on.copy(enabled = false), now))
        assertEquals(BackupReminder.Off, BackupReminder.of(on.copy(location = null), now))
    }

    @Test
    fun `no reminder while backups succeed or only just started failing`() {
        assertEquals(BackupReminder.None, BackupReminder.of(on, now))
        assertEquals(BackupReminder.None, BackupReminder.of(on.copy(lastSuccess = now - 2 * day, lastFailure = now - 3 * day), now))
        assertEquals(BackupReminder.None, BackupReminder.of(on.copy(lastSuccess = now - 6 * day, lastFailure = now - day), now))
    }

    @Test
    fun `a failure with no good backup for 7 days reminds, with the error`() {
        val failing = on.copy(lastSuccess = now - 8 * day, lastFailure = now - day, lastError = "The folder is gone.")
        assertEquals(BackupReminder.Failing("The folder is gone."), BackupReminder.of(failing, now))
        val neverWorked = on.copy(lastFailure = now - 7 * day, lastError = "No permission.")
        assertEquals(BackupReminder.Failing("No permission."), BackupReminder.of(neverWorked, now))
        assertEquals(BackupReminder.None, BackupReminder.of(neverWorked, now - 1))
    }
}
