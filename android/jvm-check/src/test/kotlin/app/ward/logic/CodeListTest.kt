package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class CodeListTest {
    private fun row(id: String, issuer: String, account: String, seconds: Long = 10, type: OtpType = OtpType.TOTP) =
        CodeRow(id, issuer, account, type, "123456", "654321", seconds, if (type == OtpType.HOTP) 0 else 30)

    private val list = CodeList().apply {
        update(
            listOf(
                row("a", "Amazon Web Services", "alice@123456789012", seconds = 12),
                row("g", "GitHub", "alice", seconds = 7),
                CodeRow.damaged("d"),
                row("h", "", "bank-token", type = OtpType.HOTP, seconds = 0),
            ),
        )
    }

    @Test
    fun `an empty search shows everything, damaged entries included`() {
        assertEquals(listOf("a", "g", "d", "h"), list.visible.map { it.id })
    }

    @Test
    fun `search matches every word in issuer or account, ignoring case`() {
        list.query = "  ALICE  web "
        assertEquals(listOf("a"), list.visible.map { it.id })
        list.query = "alice"
        assertEquals(listOf("a", "g"), list.visible.map { it.id })
        list.query = "token"
        assertEquals(listOf("h"), list.visible.map { it.id })
    }

    @Test
    fun `moves produce the new order without changing the rows yet`() {
        assertEquals(listOf("g", "a", "d", "h"), list.moved("g", -1))
        assertEquals(listOf("a", "g", "h", "d"), list.moved("d", +1))
        assertNull(list.moved("a", -1))
        assertNull(list.moved("h", +1))
        assertNull(list.moved("missing", +1))
        assertEquals(listOf("a", "g", "d", "h"), list.rows.map { it.id })
    }

    @Test
    fun `titles fall back to the account, and the next refresh is the soonest TOTP change`() {
        assertEquals("bank-token", list.rows[3].title)
        assertEquals("", list.rows[3].subtitle)
        assertEquals(7, list.secondsToNextChange())
    }
}

class CodeListHotpTest {
    @Test
    fun `a revealed HOTP code stays through refreshes until its entry goes`() {
        val hotp = CodeRow("h", "Bank", "token", OtpType.HOTP, "", "", 0, 0)
        val list = CodeList()
        list.update(listOf(hotp))
        list.reveal("h", "755224")
        assertEquals("755224", list.rows.single().code)
        list.update(listOf(hotp))
        assertEquals("755224", list.rows.single().code)
        list.update(emptyList())
        list.update(listOf(hotp))
        assertEquals("", list.rows.single().code)
    }
}
