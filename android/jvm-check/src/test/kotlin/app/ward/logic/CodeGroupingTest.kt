package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class CodeGroupingTest {
    @Test
    fun `groups codes of every supported length`() {
        assertEquals("123 456", CodeGrouping.group("123456"))
        assertEquals("123 4567", CodeGrouping.group("1234567"))
        assertEquals("1234 5678", CodeGrouping.group("12345678"))
        assertEquals("123 456 789", CodeGrouping.group("123456789"))
        assertEquals("123 456 7890", CodeGrouping.group("1234567890"))
    }

    @Test
    fun `leaves Steam codes whole`() {
        assertEquals("2BX7Q", CodeGrouping.group("2BX7Q"))
    }
}
