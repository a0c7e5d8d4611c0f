package app.ward.ui

import android.widget.EditText
import app.ward.logic.CodeList
import app.ward.logic.CodeRow

/** The long-press menu of an entry: edit its names, move it, delete it (after confirming). */
class EntryActions(
    private val activity: MainActivity,
    private val model: CodeList,
    private val row: CodeRow,
    private val onChanged: () -> Unit,
) {
    private val app = activity.app

    /** Shows the menu. */
    fun show() {
        val actions = buildList {
            if (!row.damaged) add("Edit" to ::edit)
            add("Move up" to { move(-1) })
            add("Move down" to { move(+1) })
            add("Delete" to ::confirmDelete)
        }
        SecureDialog.show(activity) {
            setTitle(if (row.damaged) "Damaged entry" else row.title)
                .setItems(actions.map { it.first }.toTypedArray()) { _, which -> actions[which].second() }
        }
    }

    /** Edits the issuer and account names. */
    fun edit() {
        SecureDialog.show(activity) { host ->
            lateinit var issuer: EditText
            lateinit var account: EditText
            val form = host.column {
                issuer = field("Issuer (e.g. Amazon Web Services)", row.issuer)
                account = field("Account (e.g. alice@example.com)", row.account)
            }
            setTitle("Edit")
                .setView(form)
                .setPositiveButton("Save") { _, _ ->
                    val newIssuer = issuer.text.toString().trim()
                    val newAccount = account.text.toString().trim()
                    change { app.vault.rename(row.id, newIssuer, newAccount, app.clock.nowMillis() / 1000) }
                }
                .setNegativeButton("Cancel", null)
        }
    }

    /** Moves the entry [by] places (-1 up, +1 down). */
    fun move(by: Int) {
        val order = model.moved(row.id, by) ?: return
        change { app.vault.reorder(order) }
    }

    /** Asks before deleting the entry. */
    fun confirmDelete() {
        val what = if (row.damaged) "this damaged entry" else "“${row.title}”"
        SecureDialog.confirm(
            activity,
            "Delete $what?",
            "You will no longer get its codes. Before deleting, turn off two-step verification for this account " +
                "at the service (or add another authenticator), or you may be locked out.",
            "Delete",
        ) { change { app.vault.delete(row.id) } }
    }

    /** Runs the accessibility action [action] (TalkBack's actions menu). */
    fun perform(action: RowAction) = when (action) {
        RowAction.EDIT -> edit()
        RowAction.MOVE_UP -> move(-1)
        RowAction.MOVE_DOWN -> move(+1)
        RowAction.DELETE -> confirmDelete()
    }

    private fun change(work: () -> Unit) {
        app.background.run(work) { result ->
            result.onFailure { SecureDialog.message(activity, "Not saved", it.message ?: "The change could not be saved.") }
            onChanged()
        }
    }
}

/** The per-entry actions offered to accessibility services (and in the long-press menu). */
enum class RowAction(val label: String) {
    EDIT("Edit"),
    MOVE_UP("Move up"),
    MOVE_DOWN("Move down"),
    DELETE("Delete"),
}
