package app.ward.ui

import android.content.Context
import android.graphics.Typeface
import android.text.InputType
import android.text.method.PasswordTransformationMethod
import android.view.Gravity
import android.view.View
import android.view.ViewGroup
import android.widget.Button
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.TextView
import kotlin.math.roundToInt

// Small builders for views made in code (Ward has no XML layouts). Texts come from
// res/values/strings.xml: each builder takes a string resource id (R.string.*), or a
// String for text that is not the app's own (an issuer, the core's message).

/** [value] density-independent pixels in pixels. */
fun Context.dp(value: Int): Int = (value * resources.displayMetrics.density).roundToInt()

/** A vertical column with [paddingDp] padding, filled by [build]. */
fun Context.column(paddingDp: Int = 16, build: LinearLayout.() -> Unit = {}): LinearLayout =
    LinearLayout(this).apply {
        orientation = LinearLayout.VERTICAL
        setPadding(dp(paddingDp), dp(paddingDp), dp(paddingDp), dp(paddingDp))
        build()
    }

/** A horizontal row, filled by [build]. */
fun Context.row(build: LinearLayout.() -> Unit = {}): LinearLayout =
    LinearLayout(this).apply {
        orientation = LinearLayout.HORIZONTAL
        gravity = Gravity.CENTER_VERTICAL
        build()
    }

/** [content] in a vertical scroll view. */
fun Context.scrolling(content: View): ScrollView = ScrollView(this).apply {
    isFillViewport = true
    addView(content)
}

/** Adds a text line. */
fun LinearLayout.label(text: CharSequence, sizeSp: Float = 16f, bold: Boolean = false): TextView =
    TextView(context).apply {
        this.text = text
        textSize = sizeSp
        if (bold) setTypeface(typeface, Typeface.BOLD)
        setPadding(0, context.dp(4), 0, context.dp(4))
    }.also { addView(it, matchWidth()) }

/** Adds a text line from the string resource [textRes]. */
fun LinearLayout.label(textRes: Int, sizeSp: Float = 16f, bold: Boolean = false): TextView =
    label(context.getText(textRes), sizeSp, bold)

/** Adds a one-line text field whose hint is the string resource [hintRes]. */
fun LinearLayout.field(hintRes: Int, initial: String = "", inputType: Int = InputType.TYPE_CLASS_TEXT): EditText =
    field(context.getString(hintRes), initial, inputType)

/**
 * Adds a one-line text field with [hint].
 *
 * Single-line is set BEFORE the input type: `setSingleLine` installs
 * SingleLineTransformationMethod, which would replace a password mask set earlier.
 */
fun LinearLayout.field(hint: String, initial: String = "", inputType: Int = InputType.TYPE_CLASS_TEXT): EditText =
    EditText(context).apply {
        isSingleLine = true
        this.hint = hint
        setText(initial)
        this.inputType = inputType
        minimumHeight = context.dp(MIN_TOUCH_DP)
    }.also { addView(it, matchWidth()) }

/** Adds a password field with the hint [hintRes]: never suggested, never autofilled, always masked. */
fun LinearLayout.passwordField(hintRes: Int): EditText = passwordField(context.getString(hintRes))

/** Adds a password field: never suggested, never autofilled, always masked. */
fun LinearLayout.passwordField(hint: String): EditText =
    field(hint, inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_VARIATION_PASSWORD).apply {
        masked()
        // The password input type switches to a monospace font; keep the hint in the app's font.
        typeface = Typeface.DEFAULT
        importantForAutofill = View.IMPORTANT_FOR_AUTOFILL_NO
    }

/** Shows the field's text as dots, whatever set a transformation before. */
fun EditText.masked() {
    transformationMethod = PasswordTransformationMethod.getInstance()
}

/** True when the field shows its text as dots. */
val EditText.isMasked: Boolean get() = transformationMethod is PasswordTransformationMethod

/** Android's minimum touch target (48 dp). */
const val MIN_TOUCH_DP: Int = 48

/** Adds a full-width button labelled with the string resource [textRes]. */
fun LinearLayout.button(textRes: Int, onClick: () -> Unit): Button = button(context.getString(textRes), onClick)

/** Adds a full-width button. */
fun LinearLayout.button(text: String, onClick: () -> Unit): Button =
    Button(context).apply {
        this.text = text
        minimumHeight = context.dp(MIN_TOUCH_DP)
        setOnClickListener { onClick() }
    }.also { addView(it, matchWidth()) }

/** Layout parameters filling the width, wrapping the height. */
fun matchWidth(): LinearLayout.LayoutParams =
    LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT)

/** Layout parameters taking an equal share of a row's width. */
fun weighted(weight: Float = 1f): LinearLayout.LayoutParams =
    LinearLayout.LayoutParams(0, ViewGroup.LayoutParams.WRAP_CONTENT, weight)
