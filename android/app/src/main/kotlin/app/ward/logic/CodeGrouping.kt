package app.ward.logic

/**
 * Splits a one-time code into groups that are easy to read aloud and type:
 * "123456" → "123 456", "12345678" → "1234 5678", "1234567" → "123 4567",
 * "123456789" → "123 456 789". Codes shorter than six characters (Steam's five
 * letters) are left whole.
 */
object CodeGrouping {
    /** The character put between groups. */
    const val SEPARATOR: Char = ' '

    /** [code] split into groups of three (four when the length is 8), a trailing single character joining the last group. */
    fun group(code: String): String {
        if (code.length < 6) return code
        val size = if (code.length == 8) 4 else 3
        val groups = code.chunked(size).toMutableList()
        if (groups.size > 1 && groups.last().length == 1) {
            val tail = groups.removeAt(groups.lastIndex)
            groups[groups.lastIndex] = groups.last() + tail
        }
        return groups.joinToString(SEPARATOR.toString())
    }
}
