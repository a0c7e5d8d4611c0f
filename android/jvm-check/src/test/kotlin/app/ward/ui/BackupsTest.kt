package app.ward.ui

import android.app.Activity
import android.content.Intent
import android.net.Uri
import app.ward.DirectoryBackupFolder
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
        tap("Settings")
        tap("Automatic backups and Android backup")
        assertTrue(activity.currentScreen is BackupsScreen)
        waitFor("the status") { showing("Automatic backups are off.") }
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
        tap("Choose a backup folder")
        pickFolder()
        waitFor("the first backup") { folder.backups().size == 1 && showing("Last backup: just now") }
        assertTrue(
            "a persistable permission is kept",
            app.contentResolver.persistedUriPermissions.any { it.uri == tree && it.isWritePermission },
        )
        assertTrue(showing("Folder: Ward"))
        assertEquals(listOf("Amazon Web Services"), restoredLabels(File(folder.dir, folder.backups().single())))

        // Two hours later the status says so.
        clock.advance(2 * 3600 * 1000L)
        activity.showCodes()
        tap("Settings")
        tap("Automatic backups and Android backup")
        waitFor("the status two hours on") { showing("Last backup: 2 hours ago") }
        tap("Back up now")
        waitFor("a second backup") { folder.backups().size == 2 && showing("Last backup: just now") }
    }

    @Test
    fun `every change backs up off the main thread, keeping the newest N`() {
        openBackups()
        tap("Choose a backup folder")
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
            tap("Add account")
            waitFor("backup after add $it") { folder.backups().size == minOf(2 + it, 3) && activity.currentScreen is CodesScreen }
        }
        waitFor("pruned to 3") { folder.backups().size == 3 }
        val newest = File(folder.dir, folder.backups().last())
        waitFor("the newest has every account") { restoredLabels(newest).size == 4 }
        assertFalse("the reminder is hidden while backups work", showing("Backups are off"))
    }

    @Test
    fun `a failed automatic backup is shown, not thrown, and Backups shows the failure`() {
        openBackups()
        tap("Choose a backup folder")
        pickFolder()
        waitFor("the first backup") { folder.backups().size == 1 }
        activity.showCodes()
        folder.failWrites = true
        clock.advance(60_000)
        typeAccount("GitHub", "alice", "JBSWY3DPEHPK3PXP")
        tap("Add account")
        waitFor("the failure message") { ShadowToast.getTextOfLatestToast()?.contains("Automatic backup failed: The backup folder is full.") == true }
        assertTrue("the change itself is kept", app.vault.rows(T0_SECONDS).any { it.issuer == "GitHub" })
        tap("Settings")
        tap("Automatic backups and Android backup")
        waitFor("the failure in the status") { showing("Last failure: just now: The backup folder is full.") }
    }

    @Test
    fun `the codes screen reminds when backups are off, and Back up now picks a folder then backs up`() {
        launch()
        app.backupRunner.folderAt = { folder }
        createVault()
        waitFor("the reminder") { showing("Backups are off") }
        tap("Back up now")
        pickFolder()
        waitFor("the backup") { folder.backups().size == 1 }
        activity.showCodes()
        waitFor("no reminder") { !showing("Backups are off") }
    }

    @Test
    fun `Android backup is off by default, and the agent hands over only the staged vault when opted in`() {
        openBackups()
        assertTrue(showing("Android backup of the vault: off"))
        assertEquals(emptyList<File>(), WardBackupAgent.filesToBackUp(app))
        tap("Android backup of the vault: off")
        waitFor("opted in") { showing("Android backup of the vault: on") }
        val staged = WardBackupAgent.filesToBackUp(app).single()
        assertEquals(File(app.filesDir, "android-backup/ward.vault"), staged)
        assertEquals(listOf("Amazon Web Services"), restoredLabels(staged))
        tap("Android backup of the vault: on")
        waitFor("opted out") { showing("Android backup of the vault: off") }
        assertEquals(emptyList<File>(), WardBackupAgent.filesToBackUp(app))
        assertFalse("the staged copy is deleted", staged.exists())
    }
}
