package app.ward.ui

import android.content.Context
import android.graphics.Typeface
import android.view.View
import android.widget.Button
import android.widget.LinearLayout
import android.widget.ProgressBar
import android.widget.TextView
import app.ward.logic.CodeGrouping
import app.ward.logic.CodeRow
import app.ward.logic.OtpType

/**
 * One entry in the codes list: issuer and account, the code grouped for
 * reading ("123 456"), the next code, and a countdown bar for time-based codes
 * or a "Next code" button for HOTP. A damaged entry says so instead.
 */
class CodeRowView(context: Context, private val onHotpNext: (String) -> Unit) : LinearLayout(context) {
    private val title = TextView(context).apply { textSize = 15f; setTypeface(typeface, Typeface.BOLD) }
    private val subtitle = TextView(context).apply { textSize = 13f }
    private val code = TextView(context).apply { textSize = 30f; typeface = Typeface.MONOSPACE }
    private val next = TextView(context).apply { textSize = 13f; typeface = Typeface.MONOSPACE }
    private val seconds = TextView(context).apply { textSize = 13f }
    private val countdown = ProgressBar(context, null, android.R.attr.progressBarStyleHorizontal)
    private val hotpNext = Button(context).apply { text = "Next code" }
    private var rowId: String? = null

    init {
        orientation = VERTICAL
        setPadding(context.dp(16), context.dp(10), context.dp(16), context.dp(10))
        addView(title, matchWidth())
        addView(subtitle, matchWidth())
        addView(code, matchWidth())
        addView(
            context.row {
                addView(next, weighted())
                addView(seconds)
                addView(hotpNext)
            },
            matchWidth(),
        )
        addView(countdown, matchWidth())
        hotpNext.setOnClickListener { rowId?.let(onHotpNext) }
        // The list handles taps (copy) and long presses (actions); the button must not swallow them for the row.
        hotpNext.isFocusable = false
    }

    /** Shows [row]. */
    fun bind(row: CodeRow) {
        rowId = row.id
        if (row.damaged) {
            title.text = "Damaged entry"
            subtitle.text = "This entry can't be read. It is kept as it is: restore it from an export, or delete it."
            code.text = "— — —"
            listOf(next, seconds, countdown, hotpNext).forEach { it.visibility = View.GONE }
            return
        }
        title.text = row.title
        subtitle.text = row.subtitle
        subtitle.visibility = if (row.subtitle.isEmpty()) View.GONE else View.VISIBLE
        val hidden = row.code.isEmpty()
        code.text = if (hidden) "Tap “Next code”" else CodeGrouping.group(row.code)
        next.visibility = if (row.nextCode.isEmpty()) View.GONE else View.VISIBLE
        next.text = "next " + CodeGrouping.group(row.nextCode)
        val timed = row.type != OtpType.HOTP && row.period > 0
        seconds.visibility = if (timed) View.VISIBLE else View.GONE
        countdown.visibility = if (timed) View.VISIBLE else View.GONE
        hotpNext.visibility = if (timed) View.GONE else View.VISIBLE
        if (timed) {
            seconds.text = "${row.secondsRemaining} s"
            countdown.max = row.period.toInt()
            countdown.progress = row.secondsRemaining.toInt()
        }
    }
}
