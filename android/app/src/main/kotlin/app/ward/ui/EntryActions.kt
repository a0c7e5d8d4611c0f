package app.ward.ui

import android.text.InputType
import android.widget.CheckBox
import android.widget.EditText
import app.ward.logic.CodeList
import app.ward.logic.CodeRow
import app.ward.logic.EntryDetails

// User-visible strings of the Edit dialog (to move to strings.xml).
private const val EDIT = "Edit"
private const val NOTE_HINT = "Note (only in Ward)"
private const val FAVOURITE_LABEL = "Favourite (listed first)"

/** The long-press menu of an entry: edit its names, note and favourite flag, move it, delete it (after confirming). */
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

    /** Edits the names, the note and the favourite flag (read from the vault first: the list has no note). */
    fun edit() {
        app.background.run({ app.vault.details(row.id) }) { result ->
            result.onSuccess(::editForm).onFailure {
                SecureDialog.message(activity, EDIT, it.message ?: "The entry could not be read.")
            }
        }
    }

    private fun editForm(current: EntryDetails) {
        SecureDialog.show(activity) { host ->
            lateinit var issuer: EditText
            lateinit var account: EditText
            lateinit var note: EditText
            lateinit var favourite: CheckBox
            val form = host.column {
                issuer = field("Issuer (e.g. Amazon Web Services)", current.issuer)
                account = field("Account (e.g. alice@example.com)", current.account)
                note = field(NOTE_HINT, current.note).apply {
                    // Several lines: set after field(), which makes it single-line.
                    isSingleLine = false
                    inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_MULTI_LINE or InputType.TYPE_TEXT_FLAG_CAP_SENTENCES
                    maxLines = 4
                }
                favourite = CheckBox(context).apply {
                    text = FAVOURITE_LABEL
                    isChecked = current.favourite
                    minimumHeight = context.dp(MIN_TOUCH_DP)
                }.also { addView(it, matchWidth()) }
            }
            setTitle(EDIT)
                .setView(host.scrolling(form))
                .setPositiveButton("Save") { _, _ ->
                    val edited = EntryDetails(
                        issuer = issuer.text.toString().trim(),
                        account = account.text.toString().trim(),
                        note = note.text.toString().trim(),
                        favourite = favourite.isChecked,
                    )
                    change { app.vault.edit(row.id, edited, app.clock.nowMillis() / 1000) }
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
