package app.ward.ui

import android.os.Bundle
import android.text.InputType
import android.view.View
import android.widget.ArrayAdapter
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.Spinner
import android.widget.TextView
import android.widget.Toast
import app.ward.R
import app.ward.logic.ManualEntry
import app.ward.logic.OtpType

/**
 * Typing an account in: issuer, account and the setup key, with the advanced
 * settings (type, algorithm, digits, period or counter) folded away. The core
 * validates everything and says what is wrong.
 */
class ManualEntryScreen(private val activity: MainActivity, saved: Bundle? = null) : Screen {
    override val title: String = activity.getString(R.string.manual_title)

    private lateinit var issuer: EditText
    private lateinit var account: EditText
    private lateinit var secret: EditText
    private lateinit var advanced: LinearLayout
    private lateinit var type: Spinner
    private lateinit var algorithm: Spinner
    private lateinit var digits: EditText
    private lateinit var period: EditText
    private lateinit var counter: EditText
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            issuer = field(R.string.manual_issuer_hint)
            account = field(R.string.manual_account_hint)
            secret = field(
                R.string.manual_secret_hint,
                inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS or
                    InputType.TYPE_TEXT_VARIATION_VISIBLE_PASSWORD,
            ).apply { importantForAutofill = View.IMPORTANT_FOR_AUTOFILL_NO }
            button(R.string.manual_advanced) { advanced.visibility = if (advanced.visibility == View.GONE) View.VISIBLE else View.GONE }
            advanced = context.column(paddingDp = 0) {
                label(R.string.manual_type, 14f)
                type = spinner(context.resources.getStringArray(R.array.manual_types).toList())
                label(R.string.manual_algorithm, 14f)
                algorithm = spinner(ALGORITHMS)
                digits = field(R.string.manual_digits_hint, "6", InputType.TYPE_CLASS_NUMBER)
                period = field(R.string.manual_period_hint, "30", InputType.TYPE_CLASS_NUMBER)
                counter = field(R.string.manual_counter_hint, "0", InputType.TYPE_CLASS_NUMBER)
            }.apply { visibility = View.GONE }
            addView(advanced, matchWidth())
            status = label("", 14f)
            button(R.string.add_account) { save() }
        },
    )

    init {
        if (saved != null) restore(saved)
    }

    /**
     * Keeps the non-secret fields in [out]. The setup key is a secret: it stays
     * in this process's memory only ([app.ward.WardApplication.retainedSecret]),
     * so a rotation keeps it and a killed process forgets it.
     */
    override fun save(out: Bundle) {
        out.putString(ISSUER, issuer.text.toString())
        out.putString(ACCOUNT, account.text.toString())
        out.putInt(TYPE, type.selectedItemPosition)
        out.putInt(ALGORITHM, algorithm.selectedItemPosition)
        out.putString(DIGITS, digits.text.toString())
        out.putString(PERIOD, period.text.toString())
        out.putString(COUNTER, counter.text.toString())
        out.putBoolean(ADVANCED, advanced.visibility == View.VISIBLE)
        activity.app.retainedSecret = secret.text.toString()
    }

    private fun restore(saved: Bundle) {
        issuer.setText(saved.getString(ISSUER, ""))
        account.setText(saved.getString(ACCOUNT, ""))
        type.setSelection(saved.getInt(TYPE, 0))
        algorithm.setSelection(saved.getInt(ALGORITHM, 0))
        digits.setText(saved.getString(DIGITS, "6"))
        period.setText(saved.getString(PERIOD, "30"))
        counter.setText(saved.getString(COUNTER, "0"))
        advanced.visibility = if (saved.getBoolean(ADVANCED)) View.VISIBLE else View.GONE
        activity.app.retainedSecret?.let { secret.setText(it) }
        activity.app.retainedSecret = null
    }

    private fun LinearLayout.spinner(choices: List<String>): Spinner =
        Spinner(context).apply {
            adapter = ArrayAdapter(context, android.R.layout.simple_spinner_dropdown_item, choices)
        }.also { addView(it, matchWidth()) }

    private fun save() {
        val entry = ManualEntry(
            issuer = issuer.text.toString(),
            account = account.text.toString(),
            secret = secret.text.toString(),
            type = OtpType.entries[type.selectedItemPosition],
            algorithm = ALGORITHMS[algorithm.selectedItemPosition],
            digits = digits.text.toString().toIntOrNull() ?: -1,
            period = period.text.toString().toLongOrNull() ?: -1,
            counter = counter.text.toString().toLongOrNull() ?: -1,
        )
        if (entry.secret.isBlank()) {
            status.setText(R.string.manual_secret_missing)
            return
        }
        val app = activity.app
        app.background.run({ app.vault.addUri(entry.toUri(), app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess {
                secret.text.clear()
                val live = activity.live()
                Toast.makeText(live, R.string.account_added, Toast.LENGTH_SHORT).show()
                live.showCodes()
            }.onFailure { status.text = activity.problemText(it, R.string.account_not_added) }
        }
    }

    private companion object {
        val ALGORITHMS = listOf("SHA1", "SHA256", "SHA512")
        const val ISSUER = "issuer"
        const val ACCOUNT = "account"
        const val TYPE = "type"
        const val ALGORITHM = "algorithm"
        const val DIGITS = "digits"
        const val PERIOD = "period"
        const val COUNTER = "counter"
        const val ADVANCED = "advanced"
    }
}
