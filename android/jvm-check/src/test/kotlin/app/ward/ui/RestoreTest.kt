package app.ward.ui

import android.app.Activity
import android.content.DialogInterface
import android.content.Intent
import android.net.Uri
import app.ward.R
import app.ward.WardApplication
import app.ward.core.Vault
import app.ward.logic.UnlockState
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlertDialog
import java.io.File
import java.nio.file.Files

/**
 * First run's "Restore from a backup" with a real backup made by the core,
 * restored through the app's own session code; and the rollback warning
 * when the vault file is an older copy than the one Ward last saw.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = WardApplication::class)
class RestoreTest : UiTest() {
    /** A backup of a vault holding the AWS and GitHub accounts, made by the core. */
    private fun coreBackup(): ByteArray {
        val path = Files.createTempDirectory("ward-source").toFile().resolve("ward.vault").path
        Vault.create(path, PASSWORD.toByteArray()).use { vault ->
            vault.addUri(AWS_URI, T0_SECONDS.toULong())
            vault.addUri("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", T0_SECONDS.toULong())
            return vault.backupBytes(T0_SECONDS.toULong())
        }
    }

    private val vaultFile: File get() = File(File(app.filesDir, "vault"), "ward.vault")

    @Test
    fun `first run restores a backup picked in the document picker, after a wrong password`() {
        val backup = Files.createTempFile("ward-backup", ".ward").toFile().apply { writeBytes(coreBackup()) }
        val uri = Uri.parse("content://test.documents/document/ward-backup-20261118-205332.ward")
        shadowOf(app.contentResolver).registerInputStreamSupplier(uri) { backup.inputStream() }
        launch()
        assertTrue(activity.currentScreen is SetupScreen)
        tap(R.string.restore_from_backup)
        val started = shadowOf(activity).nextStartedActivityForResult
        assertEquals(Intent.ACTION_OPEN_DOCUMENT, started.intent.action)
        shadowOf(activity).receiveResult(started.intent, Activity.RESULT_OK, Intent().setData(uri))
        idle()
        assertTrue(activity.currentScreen is RestoreScreen)
        assertTrue(showing("ward-backup-20261118-205332.ward"))
        assertTrue("the password is masked", field(R.string.backup_password).isMasked)

        field(R.string.backup_password).setText("not the password")
        tap(R.string.restore_button)
        waitFor("the wrong-password message") { showing(string(R.string.restore_wrong_password)) }
        assertEquals(UnlockState.NoVault, app.unlock.state)

        field(R.string.backup_password).setText(PASSWORD)
        tap(R.string.restore_button)
        waitFor("the restored codes") { activity.currentScreen is CodesScreen && showing("Amazon Web Services") }
        assertEquals(listOf("Amazon Web Services", "GitHub"), app.vault.rows(T0_SECONDS).map { it.issuer })
        assertEquals(UnlockState.Unlocked, app.unlock.state)
        assertEquals(oathtool(AWS_SECRET, T0_SECONDS), shownCode())
        assertNull("biometric unlock is not carried over", app.preferences.biometricIv)
        assertTrue(vaultFile.exists())
    }

    @Test
    fun `first run offers the vault Android's backup brought back`() {
        File(app.filesDir, "android-backup").mkdirs()
        File(app.filesDir, "android-backup/ward.vault").writeBytes(coreBackup())
        launch()
        tap(R.string.setup_restore_android)
        field(R.string.backup_password).setText(PASSWORD)
        tap(R.string.restore_button)
        waitFor("the restored codes") { activity.currentScreen is CodesScreen && showing("Amazon Web Services") }
        assertEquals(listOf("Amazon Web Services", "GitHub"), app.vault.rows(T0_SECONDS).map { it.issuer })
    }

    @Test
    fun `an older copy of the vault file is reported after unlock, and can be kept`() {
        // Two copies of one vault file: the newer one Ward saw, then the older one put back in its place.
        vaultFile.parentFile!!.mkdirs()
        val old = File(Files.createTempDirectory("ward-old").toFile(), "ward.vault")
        val seen: Long
        Vault.create(vaultFile.path, PASSWORD.toByteArray()).use { vault ->
            vault.addUri(AWS_URI, T0_SECONDS.toULong())
        }
        listOf("", "-wal").forEach { suffix -> File(vaultFile.path + suffix).takeIf { it.exists() }?.copyTo(File(old.path + suffix)) }
        Vault.open(vaultFile.path).use { vault ->
            vault.unlock(PASSWORD.toByteArray(), T0_SECONDS.toULong())
            vault.addUri("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", T0_SECONDS.toULong())
            seen = vault.generation().toLong()
        }
        // What the app remembered when it last opened the newer copy.
        app.backupRunner.deviceState.store(vaultFile.path, seen)
        listOf("", "-wal", "-shm").forEach { File(vaultFile.path + it).delete() }
        listOf("", "-wal").forEach { suffix -> File(old.path + suffix).takeIf { it.exists() }?.copyTo(File(vaultFile.path + suffix)) }
        app.unlock.lock() // the app started before the file existed: it now finds a locked vault

        launch()
        field(R.string.password_hint).setText(PASSWORD)
        tap(R.string.unlock_button)
        waitFor("the rollback warning") { dialogShowing("older than the one Ward last opened") }
        assertTrue("the entries still show", showing("Amazon Web Services"))
        val dialog = ShadowAlertDialog.getLatestAlertDialog()
        dialog.getButton(DialogInterface.BUTTON_POSITIVE).performClick()
        waitFor("kept") { dialogShowing(string(R.string.rollback_kept)) }
        val kept = app.backupRunner.deviceState.highest(vaultFile.path)!!
        assertEquals(app.backupRunner.backups.generation(), kept)
    }
}
