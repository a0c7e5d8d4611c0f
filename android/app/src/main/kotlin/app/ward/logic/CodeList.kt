package app.ward.logic

/**
 * The codes list screen's model: the rows in the user's order, the search
 * filter, and reordering. Views read [visible]; moves produce the new order to
 * store with [VaultSession.reorder].
 */
class CodeList {
    /** Every row, in the user's order. */
    var rows: List<CodeRow> = emptyList()
        private set

    /** The search text; blank shows everything. */
    var query: String = ""

    /** Replaces the rows (after a refresh from the vault). */
    fun update(newRows: List<CodeRow>) {
        rows = newRows
    }

    /**
     * The rows matching [query]: every word must appear in the issuer or the
     * account, ignoring case. Damaged rows show only when there is no query.
     */
    val visible: List<CodeRow>
        get() {
            val words = query.trim().lowercase().split(Regex("\\s+")).filter { it.isNotEmpty() }
            if (words.isEmpty()) return rows
            return rows.filter { row ->
                !row.damaged && words.all { word -> row.issuer.lowercase().contains(word) || row.account.lowercase().contains(word) }
            }
        }

    /**
     * The order after moving [id] one place up ([by] = -1) or down (+1), or
     * null when it cannot move that way. The rows are not changed until the
     * vault has stored the order and [update] is called.
     */
    fun moved(id: String, by: Int): List<String>? {
        val ids = rows.map { it.id }.toMutableList()
        val from = ids.indexOf(id)
        val to = from + by
        if (from < 0 || to < 0 || to >= ids.size) return null
        ids.add(to, ids.removeAt(from))
        return ids
    }

    /** The soonest moment, in seconds from now, at which some TOTP code changes; null without TOTP rows. */
    fun secondsToNextChange(): Long? =
        rows.filter { !it.damaged && it.type != OtpType.HOTP && it.secondsRemaining > 0 }.minOfOrNull { it.secondsRemaining }
}
