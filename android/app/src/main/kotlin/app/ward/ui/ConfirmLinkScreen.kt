package app.ward.ui

import android.view.View
import android.widget.TextView
import android.widget.Toast
import app.ward.logic.LinkPreview

/**
 * Asks before adding the account of an otpauth:// link, tapped elsewhere on
 * the phone or pasted on the Add screen: a link can come from anywhere, so
 * nothing is added until the person has seen what it is and confirmed.
 */
class ConfirmLinkScreen(private val activity: MainActivity, private val link: String) : Screen {
    override val title: String = "Add this account?"

    private val app = activity.app
    private val preview = LinkPreview.of(link)
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            if (preview == null) {
                label("This link is not an authenticator account (it should start with otpauth://).", 16f)
                button("Back") { activity.showCodes() }
            } else {
                label("A link asks Ward to add this account. Add it only if you are setting up two-step verification now.", 15f)
                label(preview.issuer.ifBlank { "(no issuer)" }, 22f, bold = true)
                label(preview.account.ifBlank { "(no account name)" }, 16f)
                label("${preview.kind} codes", 14f)
                status = label("", 14f)
                button("Add account") { add() }
                button("Cancel") { activity.showCodes() }
            }
        },
    )

    private fun add() {
        status.text = "Adding…"
        app.background.run({ app.vault.addUri(link, app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess {
                val live = activity.live()
                Toast.makeText(live, "Account added.", Toast.LENGTH_SHORT).show()
                live.showCodes()
            }.onFailure { status.text = it.message ?: "The account could not be added." }
        }
    }
}
