package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Favourites first, tap-to-reveal and dragging in [CodeList]. */
class CodeListOrganiseTest {
    private fun row(id: String, favourite: Boolean = false, type: OtpType = OtpType.TOTP) =
        CodeRow(id, id.uppercase(), "me", type, if (type == OtpType.HOTP) "" else "123456", "", 10, if (type == OtpType.HOTP) 0 else 30, favourite = favourite)

    private val vaultRows = listOf(row("a"), row("f1", favourite = true), row("b"), row("h", type = OtpType.HOTP), row("f2", favourite = true))

    @Test
    fun `favourites come first, each group keeping the vault's order`() {
        val list = CodeList().apply { update(vaultRows, 100) }
        assertEquals(listOf("f1", "f2", "a", "b", "h"), list.rows.map { it.id })
    }

    @Test
    fun `moves stay inside their group`() {
        val list = CodeList().apply { update(vaultRows, 100) }
        assertNull(list.moved("a", -1), "the first non-favourite cannot go above the favourites")
        assertNull(list.moved("f2", +1), "the last favourite cannot go below the others")
        assertEquals(listOf("f2", "f1", "a", "b", "h"), list.moved("f2", -1))
        assertEquals(listOf("f1", "f2", "b", "a", "h"), list.moved("a", +1))
    }

    @Test
    fun `a drag shows the new order at once, clamped to the row's group, until it ends`() {
        val list = CodeList().apply { update(vaultRows, 100) }
        assertEquals(listOf("f1", "f2", "b", "h", "a"), list.dragTo("a", 4))
        assertEquals(listOf("f1", "f2", "b", "h", "a"), list.rows.map { it.id })
        // A refresh meanwhile keeps the dragged order.
        list.update(vaultRows, 101)
        assertEquals(listOf("f1", "f2", "b", "h", "a"), list.rows.map { it.id })
        assertNull(list.dragTo("f1", 0), "already there")
        assertEquals(listOf("f2", "f1", "b", "h", "a"), list.dragTo("f1", 4), "a favourite stops at the last favourite")
        list.endDrag()
        list.update(vaultRows, 102)
        assertEquals(listOf("f1", "f2", "a", "b", "h"), list.rows.map { it.id })
    }

    @Test
    fun `tap-to-reveal hides time-based codes until tapped, for one period`() {
        val list = CodeList().apply { hideCodes = true; update(vaultRows, 100) }
        assertTrue(list.rows.single { it.id == "a" }.concealed)
        assertFalse(list.rows.single { it.id == "h" }.concealed, "HOTP codes already show only when asked for")
        list.revealFor("a", 100)
        assertFalse(list.rows.single { it.id == "a" }.concealed)
        assertTrue(list.rows.single { it.id == "b" }.concealed)
        list.update(vaultRows, 129)
        assertFalse(list.rows.single { it.id == "a" }.concealed)
        list.update(vaultRows, 130)
        assertTrue(list.rows.single { it.id == "a" }.concealed, "hidden again after its 30-second period")
        list.revealFor("a", 131)
        list.hideAll()
        assertTrue(list.rows.single { it.id == "a" }.concealed, "hidden when the list is left")
    }

    @Test
    fun `with tap-to-reveal off nothing is concealed`() {
        val list = CodeList().apply { update(vaultRows, 100) }
        assertTrue(list.rows.none { it.concealed })
    }
}
