package app.ward

import app.ward.logic.CodeList
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
