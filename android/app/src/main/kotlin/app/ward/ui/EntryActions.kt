package app.ward.ui

import android.text.InputType
import android.widget.CheckBox
import android.widget.EditText
import app.ward.R
import app.ward.logic.CodeList
import app.ward.logic.CodeRow
import app.ward.logic.EntryDetails

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
            if (!row.damaged) add(RowAction.EDIT)
            add(RowAction.MOVE_UP)
            add(RowAction.MOVE_DOWN)
            add(RowAction.DELETE)
        }
        SecureDialog.show(activity) {
            setTitle(if (row.damaged) activity.getString(R.string.row_damaged) else activity.titleOf(row))
                .setItems(actions.map { activity.getString(it.labelRes) }.toTypedArray()) { _, which -> perform(actions[which]) }
        }
    }

    /** Edits the names, the note and the favourite flag (read from the vault first: the list has no note). */
    fun edit() {
        app.background.run({ app.vault.details(row.id) }) { result ->
            result.onSuccess(::editForm).onFailure {
                SecureDialog.message(activity, activity.getString(R.string.entry_edit), activity.problemText(it, R.string.entry_not_read))
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
                issuer = field(context.getString(R.string.manual_issuer_hint), current.issuer)
                account = field(context.getString(R.string.manual_account_hint), current.account)
                note = field(context.getString(R.string.entry_note_hint), current.note).apply {
                    // Several lines: set after field(), which makes it single-line.
                    isSingleLine = false
                    inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_MULTI_LINE or InputType.TYPE_TEXT_FLAG_CAP_SENTENCES
                    maxLines = 4
                }
                favourite = CheckBox(context).apply {
                    setText(R.string.entry_favourite)
                    isChecked = current.favourite
                    minimumHeight = context.dp(MIN_TOUCH_DP)
                }.also { addView(it, matchWidth()) }
            }
            setTitle(R.string.entry_edit)
                .setView(host.scrolling(form))
                .setPositiveButton(R.string.entry_save) { _, _ ->
                    val edited = EntryDetails(
                        issuer = issuer.text.toString().trim(),
                        account = account.text.toString().trim(),
                        note = note.text.toString().trim(),
                        favourite = favourite.isChecked,
                    )
                    change { app.vault.edit(row.id, edited, app.clock.nowMillis() / 1000) }
                }
                .setNegativeButton(android.R.string.cancel, null)
        }
    }

    /** Moves the entry [by] places (-1 up, +1 down). */
    fun move(by: Int) {
        val order = model.moved(row.id, by) ?: return
        change { app.vault.reorder(order) }
    }

    /** Asks before deleting the entry. */
    fun confirmDelete() {
        SecureDialog.confirm(
            activity,
            if (row.damaged) activity.getString(R.string.entry_delete_damaged_title) else activity.getString(R.string.entry_delete_title, activity.titleOf(row)),
            activity.getString(R.string.entry_delete_message),
            activity.getString(R.string.entry_delete),
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
            result.onFailure { SecureDialog.message(activity, activity.getString(R.string.not_saved), activity.problemText(it, R.string.entry_not_saved)) }
            onChanged()
        }
    }
}

/** The per-entry actions offered to accessibility services (and in the long-press menu). */
enum class RowAction(val labelRes: Int) {
    EDIT(R.string.entry_edit),
    MOVE_UP(R.string.entry_move_up),
    MOVE_DOWN(R.string.entry_move_down),
    DELETE(R.string.entry_delete),
}
