package app.ward

import app.ward.logic.CodeList
import app.ward.logic.ImportSummary
import app.ward.logic.Luma
import app.ward.logic.ScanSession
import app.ward.logic.ScanStep
import app.ward.logic.Scanned
import app.ward.logic.OtpType
import app.ward.logic.WardProblem
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The app's vault adapter against the real core (host libward_ffi through JNA). */
class CoreVaultSessionTest {
    private val file = TestVaults.newFile()
    private val session = CoreVaultSession(file).apply { create(TestVaults.password()) }

    @Test
    fun `creates an unlocked vault in a new folder`() {
        assertTrue(file.exists())
        assertTrue(session.isUnlocked)
        assertEquals(emptyList<Any>(), session.rows(59))
    }

    @Test
    fun `codes follow RFC 6238 with the next code and the countdown`() {
        session.addUri(TestVaults.AWS, 1000)
        val row = session.rows(59).single()
        assertEquals("Amazon Web Services", row.issuer)
        assertEquals("alice@123456789012", row.account)
        assertEquals(OtpType.TOTP, row.type)
        assertEquals("287082", row.code)
        assertEquals(1, row.secondsRemaining)
        assertEquals(30, row.period)
        assertEquals(session.rows(60).single().code, row.nextCode)
    }

    @Test
    fun `HOTP codes show only when asked for, and each is new`() {
        val id = session.addUri(TestVaults.HOTP, 1000)
        val list = CodeList()
        list.update(session.rows(1000))
        assertEquals("", list.rows.single().code)
        list.reveal(id, session.hotpNext(id, 1001))
        assertEquals("755224", list.rows.single().code)
        assertEquals("287082", session.hotpNext(id, 1002))
    }

    @Test
    fun `rename, reorder and delete are stored`() {
        val aws = session.addUri(TestVaults.AWS, 1000)
        val github = session.addUri(TestVaults.GITHUB, 1000)
        session.rename(aws, "AWS", "root", 1001)
        val list = CodeList().apply { update(session.rows(1001)) }
        session.reorder(list.moved(github, -1)!!)
        assertEquals(listOf(github, aws), session.rows(1001).map { it.id })
        assertEquals("AWS", session.rows(1001).last().issuer)
        session.delete(github)
        assertEquals(listOf(aws), session.rows(1001).map { it.id })
    }

    @Test
    fun `a duplicate and a bad URI are reported with what to do`() {
        session.addUri(TestVaults.AWS, 1000)
        assertEquals(WardProblem.Kind.DUPLICATE, assertThrows<WardProblem> { session.addUri(TestVaults.AWS, 1001) }.kind)
        val bad = assertThrows<WardProblem> { session.addUri("otpauth://totp/x?secret=0000", 1001) }
        assertEquals(WardProblem.Kind.INVALID_INPUT, bad.kind)
        assertTrue(bad.message!!.first().isUpperCase())
    }

    @Test
    fun `a scanned account is added through its handle`() {
        val (luma, width, height) = app.ward.ui.CodesFlowTest.renderQr(TestVaults.AWS, stride = 640)
        val scanned = CoreQrReader().read(Luma(luma, width, height, 640)) as Scanned.Account
        assertEquals("Amazon Web Services: alice@123456789012", scanned.label)
        val id = session.addScanned(scanned.handle, 1000)
        assertEquals(listOf(id), session.rows(59).map { it.id })
    }

    @Test
    fun `lock, wrong password, right password`() {
        session.addUri(TestVaults.AWS, 1000)
        session.lock()
        assertEquals(WardProblem.Kind.LOCKED, assertThrows<WardProblem> { session.rows(59) }.kind)
        val reopened = CoreVaultSession(file)
        assertEquals(WardProblem.Kind.WRONG_PASSWORD, assertThrows<WardProblem> { reopened.unlockWithPassword(TestVaults.password("nope")) }.kind)
        reopened.unlockWithPassword(TestVaults.password())
        assertEquals(1, reopened.rows(59).size)
    }
}

/** Sensitive calls need a fresh proof: an unlock, the new vault's password, or a re-authentication within a minute. */
class FreshProofTest {
    private var now = 1_800_000_000L
    private val file = TestVaults.newFile()
    private val session = CoreVaultSession(file) { now }.apply { create(TestVaults.password()) }

    @Test
    fun `creating the vault counts as a proof, for a minute`() {
        session.export(TestVaults.password("backup password"))
        now += 61
        val late = assertThrows<WardProblem> { session.export(TestVaults.password("backup password")) }
        assertEquals(WardProblem.Kind.REAUTH_REQUIRED, late.kind)
        assertTrue(late.message!!.first().isUpperCase())
    }

    @Test
    fun `a re-authentication with the right password allows the call again`() {
        now += 120
        assertThrows<WardProblem> { session.changePassword(TestVaults.password("a new password")) }
        assertEquals(
            WardProblem.Kind.WRONG_PASSWORD,
            assertThrows<WardProblem> { session.reauthenticate(TestVaults.password("guess")) }.kind,
        )
        session.reauthenticate(TestVaults.password())
        session.changePassword(TestVaults.password("a new password"))
        session.lock()
        session.unlockWithPassword(TestVaults.password("a new password"))
    }

    @Test
    fun `an unlock is a proof too`() {
        session.lock()
        now += 600
        session.unlockWithPassword(TestVaults.password())
        now += 30
        session.export(TestVaults.password("backup password"))
    }
}

/** Import and export through the adapter, against the real core. */
class CoreBackupTest {
    private val sourceFile = TestVaults.newFile()
    private val session = CoreVaultSession(sourceFile).apply { create(TestVaults.password()) }
    private val other = CoreVaultSession(TestVaults.newFile()).apply { create(TestVaults.password()) }

    @Test
    fun `an encrypted backup exports and imports into another vault, asking for its password`() {
        session.addUri(TestVaults.AWS, 1000)
        session.addUri(TestVaults.HOTP, 1000)
        val backup = session.export(TestVaults.password("backup password"))
        assertEquals(emptyList<String>(), backup.leftOut)
        assertEquals(WardProblem.Kind.PASSWORD_NEEDED, assertThrows<WardProblem> { other.importFile(backup.bytes, null, 1001) }.kind)
        assertEquals(
            WardProblem.Kind.WRONG_PASSWORD,
            assertThrows<WardProblem> { other.importFile(backup.bytes, TestVaults.password("guess"), 1001) }.kind,
        )
        val summary = other.importFile(backup.bytes, TestVaults.password("backup password"), 1001)
        assertEquals(ImportSummary(2, emptyList()), summary)
        assertEquals(setOf("Amazon Web Services", "Bank"), other.rows(1001).map { it.issuer }.toSet())
        val again = other.importFile(backup.bytes, TestVaults.password("backup password"), 1002)
        assertEquals(0, again.imported)
        // Both are duplicates now: counted as such (the screen words them), not as the core's skipped items.
        assertEquals(2, again.duplicates.size)
        assertEquals(emptyList<String>(), again.skipped)
    }

    @Test
    fun `a multi-code Google export scanned out of order is collected until complete`() {
        val base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        repeat(23) { n ->
            val secret = "JBSWY3DPEHPK3PXP" + base32[n % 32] + base32[n / 32] + "AAAAAA"
            session.addUri("otpauth://totp/Site$n:user$n?secret=$secret&issuer=Site$n", 1000)
        }
        // What Google Authenticator would show: the core's own export, read through a second handle.
        val now = System.currentTimeMillis() / 1000
        val uris = app.ward.core.Vault.open(sourceFile.path).use { source ->
            source.unlock(TestVaults.password(), now.toULong())
            source.exportGoogle(now.toULong()).uris
        }
        val total = uris.size
        assertTrue(total >= 3, "23 accounts need several codes (at most 10 accounts per code), got $total")
        // Each code as the camera sees it, read by the core: the app gets handles, never the URIs.
        val reader = CoreQrReader()
        val codes = uris.map { uri ->
            val (luma, width, height) = app.ward.ui.CodesFlowTest.renderQr(uri, stride = 640)
            reader.read(Luma(luma, width, height, 640)) as Scanned.ExportPart
        }
        assertEquals((0 until total).toList(), codes.map { it.batchIndex })
        val scan = ScanSession()
        // The last code first, the first one twice, then the rest.
        val order = listOf(codes.last(), codes.first(), codes.first()) + codes.subList(1, total - 1)
        val steps = order.map(scan::accept)
        assertEquals(ScanStep.Collecting(1, total, (1 until total).toList()), steps[0])
        assertEquals(ScanStep.Collecting(2, total, (2 until total).toList()), steps[1])
        assertEquals(ScanStep.Ignore, steps[2], "the repeated code is collected once")
        val complete = steps.last() as ScanStep.ImportExport
        assertEquals(total, complete.parts.size)
        assertEquals(ImportSummary(23, emptyList()), other.importScanned(complete.parts, 1001))
        scan.onImported()
        assertEquals(23, other.rows(1001).size)
    }
}
