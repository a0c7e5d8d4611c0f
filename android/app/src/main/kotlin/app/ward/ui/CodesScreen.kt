package app.ward.ui

import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.text.Editable
import android.text.TextWatcher
import android.view.View
import android.widget.EditText
import android.widget.TextView
import android.widget.Toast
import app.ward.R
import app.ward.logic.CodeList
import app.ward.logic.CodeRow
import app.ward.logic.Countdown
import app.ward.logic.WardProblem

/**
 * The codes: search, the list refreshed on every second, tap to copy, the HOTP
 * button, long press for edit, move and delete, and the way to add accounts,
 * settings and locking.
 */
class CodesScreen(private val activity: MainActivity, saved: Bundle? = null) : Screen {
    override val title: String = activity.getString(R.string.app_name)

    private val app = activity.app
    private val model = CodeList()
    private val adapter = CodesAdapter(model, { id -> hotpNext(id) }) { row, action ->
        EntryActions(activity, model, row) { refresh() }.perform(action)
    }
    private val ticker = Handler(Looper.getMainLooper())
    private val tick = Runnable { refresh() }
    private var showing = false
    private var held: CodeRow? = null
    private lateinit var search: EditText
    private lateinit var empty: TextView
    private val backupReminder = BackupReminderBar(activity)

    override val view: View = activity.column(paddingDp = 0) {
        search = field(R.string.codes_search).apply {
            addTextChangedListener(object : TextWatcher {
                override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) {}
                override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) {}
                override fun afterTextChanged(s: Editable?) {
                    model.query = s?.toString().orEmpty()
                    adapter.refresh()
                }
            })
        }
        addView(backupReminder.view, matchWidth())
        empty = label(R.string.codes_empty, 15f).apply { visibility = View.GONE }
        val list = ReorderListView(context).apply {
            adapter = this@CodesScreen.adapter
            setOnItemClickListener { _, _, position, _ -> tapped(this@CodesScreen.adapter.getItem(position)) }
            setOnItemLongClickListener { _, _, position, _ ->
                held = this@CodesScreen.adapter.getItem(position)
                // Long press picks the row up to drag it (not while searching); released in place, it opens the menu.
                if (model.query.isBlank()) startDrag(position) else showActions()
                true
            }
            onDragOver = { _, to -> held?.let { model.dragTo(it.id, to) }?.also { this@CodesScreen.adapter.refresh() } != null }
            onDrop = { moved, lifted -> dropped(moved, lifted) }
        }
        addView(list, android.widget.LinearLayout.LayoutParams(matchWidth()).apply { height = 0; weight = 1f })
        addView(
            context.row {
                addView(android.widget.Button(context).apply { setText(R.string.codes_add); setOnClickListener { activity.show(AddScreen(activity)) } }, weighted())
                addView(android.widget.Button(context).apply { setText(R.string.codes_settings); setOnClickListener { activity.show(SettingsScreen(activity)) } }, weighted())
                addView(android.widget.Button(context).apply { setText(R.string.codes_lock); setOnClickListener { app.lockNow() } }, weighted())
            },
            matchWidth(),
        )
    }

    init {
        saved?.getString(QUERY)?.let { search.setText(it) }
    }

    override fun save(out: Bundle) {
        out.putString(QUERY, search.text.toString())
    }

    override fun onShow() {
        showing = true
        model.hideCodes = app.preferences.tapToReveal
        backupReminder.refresh()
        refresh()
    }

    override fun onHide() {
        showing = false
        ticker.removeCallbacks(tick)
        // Leaving the list hides every code tapped open.
        model.hideAll()
        adapter.refresh()
    }

    /** Reads the rows at the current second and schedules the next refresh at the next second. */
    private fun refresh() {
        ticker.removeCallbacks(tick)
        if (!showing) return
        val now = app.clock.nowMillis()
        app.background.run({ app.vault.rows(now / 1000) }) { result ->
            result.onSuccess { rows -> show(rows) }.onFailure { failed(it) }
            if (showing) ticker.postDelayed(tick, Countdown.millisToNextSecond(app.clock.nowMillis()))
        }
    }

    private fun show(rows: List<CodeRow>) {
        model.update(rows, app.clock.nowMillis() / 1000)
        adapter.refresh()
        empty.visibility = if (rows.isEmpty()) View.VISIBLE else View.GONE
    }

    private fun failed(error: Throwable) {
        if (error is WardProblem && error.kind == WardProblem.Kind.LOCKED) {
            showing = false
            activity.render()
        } else {
            empty.visibility = View.VISIBLE
            empty.text = activity.problemText(error, R.string.codes_not_read)
        }
    }

    /** A tap shows a code hidden by tap-to-reveal, and copies a code that shows. */
    private fun tapped(row: CodeRow) {
        if (!row.concealed) return copy(row)
        model.revealFor(row.id, app.clock.nowMillis() / 1000)
        adapter.refresh()
    }

    private fun showActions() {
        val row = held ?: return
        EntryActions(activity, model, row) { refresh() }.show()
    }

    /** The dragged row was let go: stores the new order, or opens the menu after a long press that did not move. */
    private fun dropped(moved: Boolean, lifted: Boolean) {
        if (!moved) {
            model.endDrag()
            if (lifted) showActions()
            return
        }
        val order = model.rows.map { it.id }
        app.background.run({ app.vault.reorder(order) }) { result ->
            model.endDrag()
            result.onFailure { SecureDialog.message(activity, activity.getString(R.string.not_saved), activity.problemText(it, R.string.codes_order_not_saved)) }
            refresh()
        }
    }

    private fun copy(row: CodeRow) {
        if (row.damaged || row.code.isEmpty()) return
        app.clipboard.copy(row.code)
        Toast.makeText(activity, R.string.codes_copied, Toast.LENGTH_SHORT).show()
    }

    private fun hotpNext(id: String) {
        app.background.run({ app.vault.hotpNext(id, app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess { code ->
                model.reveal(id, code)
                adapter.refresh()
            }.onFailure { SecureDialog.message(activity, activity.getString(R.string.codes_next_code), activity.problemText(it, R.string.codes_counter_not_advanced)) }
        }
    }

    private companion object {
        const val QUERY = "query"
    }
}
