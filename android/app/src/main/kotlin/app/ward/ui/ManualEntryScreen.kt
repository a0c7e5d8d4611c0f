package app.ward.ui

import android.text.InputType
import android.view.View
import android.widget.ArrayAdapter
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.Spinner
import android.widget.TextView
import android.widget.Toast
import app.ward.logic.Clock
import app.ward.logic.ManualEntry
import app.ward.logic.OtpType

/**
 * Typing an account in: issuer, account and the setup key, with the advanced
 * settings (type, algorithm, digits, period or counter) folded away. The core
 * validates everything and says what is wrong.
 */
class ManualEntryScreen(private val activity: MainActivity) : Screen {
    override val title: String = "Type in the setup key"

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
            issuer = field("Issuer (e.g. Amazon Web Services)")
            account = field("Account (e.g. alice@example.com)")
            secret = field(
                "Setup key (letters and digits)",
                inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS or
                    InputType.TYPE_TEXT_VARIATION_VISIBLE_PASSWORD,
            ).apply { importantForAutofill = View.IMPORTANT_FOR_AUTOFILL_NO }
            button("Advanced settings") { advanced.visibility = if (advanced.visibility == View.GONE) View.VISIBLE else View.GONE }
            advanced = context.column(paddingDp = 0) {
                label("Type", 14f)
                type = spinner(listOf("Time-based (TOTP)", "Counter-based (HOTP)", "Steam"))
                label("Algorithm", 14f)
                algorithm = spinner(ALGORITHMS)
                digits = field("Digits (6 to 10)", "6", InputType.TYPE_CLASS_NUMBER)
                period = field("Seconds per code", "30", InputType.TYPE_CLASS_NUMBER)
                counter = field("Counter (HOTP)", "0", InputType.TYPE_CLASS_NUMBER)
            }.apply { visibility = View.GONE }
            addView(advanced, matchWidth())
            status = label("", 14f)
            button("Add account") { save() }
        },
    )

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
            status.text = "Type the setup key the website shows next to its QR code."
            return
        }
        val app = activity.app
        app.background.run({ app.vault.addUri(entry.toUri(), Clock.SYSTEM.nowMillis() / 1000) }) { result ->
            result.onSuccess {
                secret.text.clear()
                Toast.makeText(activity, "Account added.", Toast.LENGTH_SHORT).show()
                activity.showCodes()
            }.onFailure { status.text = it.message ?: "The account could not be added." }
        }
    }

    private companion object {
        val ALGORITHMS = listOf("SHA1", "SHA256", "SHA512")
    }
}
