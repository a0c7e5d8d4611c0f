package app.ward.ui

import android.app.Activity
import android.content.Intent
import android.net.Uri
import app.ward.DirectoryBackupFolder
import app.ward.R
import app.ward.WardApplication
import app.ward.WardBackupAgent
import app.ward.core.ListedEntry
import app.ward.core.Vault
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowToast
import java.io.File
import java.nio.file.Files

/**
 * Settings → Backups, the reminder on the codes screen, and Android backup's
 * opt-in, driven through the real activity against the real core. The SAF
 * folder is replaced by a plain directory (the [BackupRunner.folderAt] seam),
 * so the backups are real files, restored afterwards with the core.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = WardApplication::class)
class BackupsTest : UiTest() {
    private val folder = DirectoryBackupFolder(Files.createTempDirectory("ward-saf").toFile())
    private val tree = Uri.parse("content://com.android.externalstorage.documents/tree/primary%3AWard")

    /** A new vault with the AWS account, the folder seam installed, on the Backups screen. */
    private fun openBackups() {
        launch()
        app.backupRunner.folderAt = { location ->
            assertEquals(tree.toString(), location)
            folder
        }
        createVault()
        addAwsManually()
        tap(R.string.codes_settings)
        tap(R.string.settings_automatic_backups)
        assertTrue(activity.currentScreen is BackupsScreen)
        waitFor("the status") { showing(string(R.string.backups_off)) }
    }

    /** Picks [tree] in the (fake) system folder picker, through the activity's result path. */
    private fun pickFolder() {
        val started = shadowOf(activity).nextStartedActivityForResult
        assertEquals(Intent.ACTION_OPEN_DOCUMENT_TREE, started.intent.action)
        val result = Intent().setData(tree).addFlags(
            Intent.FLAG_GRANT_READ_URI_PERMISSION or Intent.FLAG_GRANT_WRITE_URI_PERMISSION or Intent.FLAG_GRANT_PERSISTABLE_URI_PERMISSION,
        )
        shadowOf(activity).receiveResult(started.intent, Activity.RESULT_OK, result)
    }

    /** The labels of the vault the core restores from [backup] with the test password. */
    private fun restoredLabels(backup: File): List<String> {
        val target = Files.createTempDirectory("ward-restored").toFile().resolve("ward.vault")
        val vault = Vault.restoreBytes(backup.readBytes(), target.path, PASSWORD.toByteArray())
        return vault.list("").mapNotNull { (it as? ListedEntry.Entry)?.entry?.issuer }
    }

    @Test
    fun `picking a folder keeps access, backs up at once, and the backup restores with the core`() {
        openBackups()
        tap(R.string.backups_choose_folder)
        pickFolder()
        waitFor("the first backup") { folder.backups().size == 1 && showing(string(R.string.backups_last_backup, string(R.string.backups_just_now))) }
        assertTrue(
            "a persistable permission is kept",
            app.contentResolver.persistedUriPermissions.any { it.uri == tree && it.isWritePermission },
        )
        assertTrue(showing(string(R.string.backups_folder, "Ward")))
        assertEquals(listOf("Amazon Web Services"), restoredLabels(File(folder.dir, folder.backups().single())))

        // Two hours later the status says so.
        clock.advance(2 * 3600 * 1000L)
        activity.showCodes()
        tap(R.string.codes_settings)
        tap(R.string.settings_automatic_backups)
        waitFor("the status two hours on") { showing("Last backup: 2 hours ago") }
        tap(R.string.back_up_now)
        waitFor("a second backup") { folder.backups().size == 2 && showing(string(R.string.backups_last_backup, string(R.string.backups_just_now))) }
    }

    @Test
    fun `every change backs up off the main thread, keeping the newest N`() {
        openBackups()
        tap(R.string.backups_choose_folder)
        pickFolder()
        waitFor("the first backup") { folder.backups().size == 1 }
        tap("Keep the newest 10 backups")
        val dialog = org.robolectric.shadows.ShadowAlertDialog.getLatestAlertDialog()
        shadowOf(dialog).clickOnItem(0) // 3
        waitFor("keep 3") { showing("Keep the newest 3 backups") }
        activity.showCodes()
        repeat(3) {
            clock.advance(1000)
            typeAccount("GitHub", "alice$it", "JBSWY3DPEHPK3PXP")
            tap(R.string.add_account)
            waitFor("backup after add $it") { folder.backups().size == minOf(2 + it, 3) && activity.currentScreen is CodesScreen }
        }
        waitFor("pruned to 3") { folder.backups().size == 3 }
        val newest = File(folder.dir, folder.backups().last())
        waitFor("the newest has every account") { restoredLabels(newest).size == 4 }
        assertFalse("the reminder is hidden while backups work", showing(string(R.string.reminder_off)))
    }

    @Test
    fun `a failed automatic backup is shown, not thrown, and Backups shows the failure`() {
        openBackups()
        tap(R.string.backups_choose_folder)
        pickFolder()
        waitFor("the first backup") { folder.backups().size == 1 }
        activity.showCodes()
        folder.failWrites = true
        clock.advance(60_000)
        typeAccount("GitHub", "alice", "JBSWY3DPEHPK3PXP")
        tap(R.string.add_account)
        waitFor("the failure message") { ShadowToast.getTextOfLatestToast()?.contains(string(R.string.backups_automatic_failed, string(R.string.problem_folder_not_writable))) == true }
        assertTrue("the change itself is kept", app.vault.rows(T0_SECONDS).any { it.issuer == "GitHub" })
        tap(R.string.codes_settings)
        tap(R.string.settings_automatic_backups)
        waitFor("the failure in the status") { showing(string(R.string.backups_last_failure, string(R.string.backups_just_now), string(R.string.problem_folder_not_writable))) }
    }

    @Test
    fun `the codes screen reminds when backups are off, and Back up now picks a folder then backs up`() {
        launch()
        app.backupRunner.folderAt = { folder }
        createVault()
        waitFor("the reminder") { showing(string(R.string.reminder_off)) }
        tap(R.string.back_up_now)
        pickFolder()
        waitFor("the backup") { folder.backups().size == 1 }
        activity.showCodes()
        waitFor("no reminder") { !showing(string(R.string.reminder_off)) }
    }

    @Test
    fun `Android backup is off by default, and the agent hands over only the staged vault when opted in`() {
        openBackups()
        assertTrue(showing(string(R.string.backups_android_off)))
        assertEquals(emptyList<File>(), WardBackupAgent.filesToBackUp(app))
        tap(R.string.backups_android_off)
        waitFor("opted in") { showing(string(R.string.backups_android_on)) }
        val staged = WardBackupAgent.filesToBackUp(app).single()
        assertEquals(File(app.filesDir, "android-backup/ward.vault"), staged)
        assertEquals(listOf("Amazon Web Services"), restoredLabels(staged))
        tap(R.string.backups_android_on)
        waitFor("opted out") { showing(string(R.string.backups_android_off)) }
        assertEquals(emptyList<File>(), WardBackupAgent.filesToBackUp(app))
        assertFalse("the staged copy is deleted", staged.exists())
    }
}
