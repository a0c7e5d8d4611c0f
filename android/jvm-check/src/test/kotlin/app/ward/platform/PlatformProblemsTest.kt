package app.ward.platform

import android.net.Uri
import app.ward.WardApplication
import app.ward.logic.AppProblem
import org.junit.Assert.assertEquals
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File
import java.io.IOException
import java.io.InputStream

/**
 * Platform code throws typed problems, never sentences: what it throws for a
 * document too large or unreadable, and for this phone's files that cannot be
 * written (a directory where the temporary file goes).
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class PlatformProblemsTest {
    private val context = RuntimeEnvironment.getApplication()
    private val resolver = context.contentResolver

    @Test
    fun `a document over 16 MB is refused as too large`() {
        val uri = Uri.parse("content://documents/huge")
        shadowOf(resolver).registerInputStream(uri, object : InputStream() {
            override fun read(): Int = 0
            override fun read(b: ByteArray, off: Int, len: Int): Int = len.also { b.fill(0, off, off + len) }
        })
        val problem = assertThrows(AppProblem.DocumentTooLarge::class.java) { Documents.read(resolver, uri) }
        assertEquals(16, problem.maxMegabytes)
        assertEquals(null, problem.message)
    }

    @Test
    fun `a document whose provider fails is unreadable, with the provider's error as the cause`() {
        val uri = Uri.parse("content://documents/broken")
        val failure = IOException("EIO")
        shadowOf(resolver).registerInputStream(uri, object : InputStream() {
            override fun read(): Int = throw failure
            override fun read(b: ByteArray, off: Int, len: Int): Int = throw failure
        })
        val problem = assertThrows(AppProblem.DocumentUnreadable::class.java) { Documents.read(resolver, uri) }
        assertEquals(failure, problem.cause)
    }

    @Test
    fun `this phone's settings that cannot be replaced are a SettingsNotSaved`() {
        File(context.noBackupFilesDir, ".ward-device.properties.tmp").mkdirs() // the temporary file cannot be made
        File(context.noBackupFilesDir, ".ward-device.properties.tmp/in-the-way").writeText("x")
        assertThrows(AppProblem.SettingsNotSaved::class.java) { DeviceOnlyState(context).androidBackupOptIn = true }
    }

    @Test
    fun `an Android backup copy that cannot be replaced is an AndroidCopyNotSaved`() {
        val staging = AndroidBackupStaging(context, DeviceOnlyState(context))
        val temp = File(staging.file.parentFile, ".ward.vault.tmp").apply { mkdirs() } // the temporary file cannot be made
        File(temp, "in-the-way").writeText("x")
        val problem = assertThrows(AppProblem.AndroidCopyNotSaved::class.java) { staging.write(byteArrayOf(1, 2, 3)) }
        assertTrue(problem.cause is IOException)
        assertTrue(!staging.file.exists())
    }
}
