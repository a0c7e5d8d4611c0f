package app.ward.ui

import android.content.Context
import android.graphics.Typeface
import android.view.View
import android.view.accessibility.AccessibilityNodeInfo
import android.widget.Button
import android.widget.LinearLayout
import android.widget.ProgressBar
import android.widget.TextView
import app.ward.R
import app.ward.logic.CodeGrouping
import app.ward.logic.CodeRow
import app.ward.logic.OtpType

/**
 * One entry in the codes list: issuer and account, the code grouped for
 * reading ("123 456"), the next code, and a countdown bar for time-based codes
 * or a "Next code" button for HOTP. A damaged entry says so instead.
 */
class CodeRowView(
    context: Context,
    private val onHotpNext: (String) -> Unit,
    private val onAction: (CodeRow, RowAction) -> Unit = { _, _ -> },
) : LinearLayout(context) {
    private val title = TextView(context).apply { textSize = 15f; setTypeface(typeface, Typeface.BOLD) }
    private val subtitle = TextView(context).apply { textSize = 13f }
    private val code = TextView(context).apply { textSize = 30f; typeface = Typeface.MONOSPACE }
    private val next = TextView(context).apply { textSize = 13f; typeface = Typeface.MONOSPACE }
    private val seconds = TextView(context).apply { textSize = 13f }
    private val countdown = ProgressBar(context, null, android.R.attr.progressBarStyleHorizontal)
    private val hotpNext = Button(context).apply { setText(R.string.codes_next_code) }

    private companion object {
        // Symbols, the same in every language (the words are in strings.xml).
        const val HIDDEN_DIGIT = '•'
        const val FAVOURITE_MARK = "★"

        /** A stable view-local id per custom action. */
        fun actionId(action: RowAction): Int = ACTION_BASE + action.ordinal
        const val ACTION_BASE = 0x7761_0000
    }
    private var rowId: String? = null
    private var bound: CodeRow? = null

    init {
        // The code and the name in the theme's primary text colour (the default is the dimmer secondary one).
        val primary = context.obtainStyledAttributes(intArrayOf(android.R.attr.textColorPrimary)).run {
            try {
                getColorStateList(0)
            } finally {
                recycle()
            }
        }
        if (primary != null) {
            title.setTextColor(primary)
            code.setTextColor(primary)
        }
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
        hotpNext.minimumHeight = context.dp(MIN_TOUCH_DP)
        // The seconds and the bar change every second: TalkBack reads the row's description instead, which
        // changes only with the code, so a focused row is not re-announced every second.
        seconds.importantForAccessibility = IMPORTANT_FOR_ACCESSIBILITY_NO
        countdown.importantForAccessibility = IMPORTANT_FOR_ACCESSIBILITY_NO
        next.importantForAccessibility = IMPORTANT_FOR_ACCESSIBILITY_NO
    }

    /**
     * The row's actions for accessibility services (copy or show, edit, move up/down, delete). Installed again
     * by every [bind]: a ListView clears the delegate of each row it puts in its recycle bin, so a reused row
     * would otherwise offer TalkBack none of them.
     */
    private val rowActions = object : AccessibilityDelegate() {
        override fun onInitializeAccessibilityNodeInfo(host: View, info: AccessibilityNodeInfo) {
            super.onInitializeAccessibilityNodeInfo(host, info)
            val row = bound
            val click = context.getString(if (row?.concealed == true) R.string.row_show_code else R.string.row_copy_code)
            info.addAction(AccessibilityNodeInfo.AccessibilityAction(AccessibilityNodeInfo.ACTION_CLICK, click))
            if (row == null) return
            RowAction.entries.filter { !row.damaged || it != RowAction.EDIT }.forEach {
                info.addAction(AccessibilityNodeInfo.AccessibilityAction(actionId(it), context.getString(it.labelRes)))
            }
        }

        override fun performAccessibilityAction(host: View, action: Int, args: android.os.Bundle?): Boolean {
            val row = bound
            val chosen = RowAction.entries.firstOrNull { actionId(it) == action }
            if (row == null || chosen == null) return super.performAccessibilityAction(host, action, args)
            onAction(row, chosen)
            return true
        }
    }

    /** The description TalkBack reads for the row: names and the code digit by digit, never the seconds. */
    fun spokenDescription(row: CodeRow): String {
        val what = when {
            row.damaged -> return context.getString(R.string.row_spoken_damaged)
            row.code.isEmpty() -> context.getString(R.string.row_spoken_no_code)
            row.concealed -> context.getString(R.string.row_spoken_hidden)
            else -> context.getString(R.string.row_spoken_code, row.code.toList().joinToString(" "))
        }
        val favourite = if (row.favourite) context.getString(R.string.row_spoken_favourite) else ""
        return listOf(context.titleOf(row), row.subtitle, favourite, what).filter { it.isNotBlank() }.joinToString(", ")
    }

    /** Shows [row]. */
    fun bind(row: CodeRow) {
        rowId = row.id
        bound = row
        if (accessibilityDelegate !== rowActions) accessibilityDelegate = rowActions
        val spoken = spokenDescription(row)
        if (contentDescription?.toString() != spoken) contentDescription = spoken
        if (row.damaged) {
            title.setText(R.string.row_damaged)
            subtitle.setText(R.string.row_damaged_explain)
            code.text = "— — —"
            listOf(next, seconds, countdown, hotpNext).forEach { it.visibility = View.GONE }
            return
        }
        title.text = if (row.favourite) "$FAVOURITE_MARK ${context.titleOf(row)}" else context.titleOf(row)
        subtitle.text = row.subtitle
        subtitle.visibility = if (row.subtitle.isEmpty()) View.GONE else View.VISIBLE
        val hidden = row.code.isEmpty()
        code.text = when {
            hidden -> context.getString(R.string.row_tap_next_code)
            row.concealed -> CodeGrouping.group(HIDDEN_DIGIT.toString().repeat(row.code.length))
            else -> CodeGrouping.group(row.code)
        }
        next.visibility = if (row.nextCode.isEmpty() || row.concealed) View.GONE else View.VISIBLE
        next.text = context.getString(R.string.row_next, CodeGrouping.group(row.nextCode))
        val timed = row.type != OtpType.HOTP && row.period > 0
        seconds.visibility = if (timed) View.VISIBLE else View.GONE
        countdown.visibility = if (timed) View.VISIBLE else View.GONE
        hotpNext.visibility = if (timed) View.GONE else View.VISIBLE
        if (timed) {
            seconds.text = context.getString(R.string.row_seconds, row.secondsRemaining.toInt())
            countdown.max = row.period.toInt()
            countdown.progress = row.secondsRemaining.toInt()
        }
    }
}
