package app.ward.ui

import android.view.View
import android.widget.TextView
import android.widget.Toast
import app.ward.R
import app.ward.logic.LinkPreview

/**
 * Asks before adding the account of an otpauth:// link, tapped elsewhere on
 * the phone or pasted on the Add screen: a link can come from anywhere, so
 * nothing is added until the person has seen what it is and confirmed.
 */
class ConfirmLinkScreen(private val activity: MainActivity, private val link: String) : Screen {
    override val title: String = activity.getString(R.string.link_title)

    private val app = activity.app
    private val preview = LinkPreview.of(link)
    private lateinit var status: TextView

    override val view: View = activity.scrolling(
        activity.column {
            if (preview == null) {
                label(R.string.link_not_otpauth, 16f)
                button(R.string.back) { activity.showCodes() }
            } else {
                label(R.string.link_warning, 15f)
                label(preview.issuer.ifBlank { context.getString(R.string.link_no_issuer) }, 22f, bold = true)
                label(preview.account.ifBlank { context.getString(R.string.link_no_account) }, 16f)
                label(context.getString(R.string.link_kind, preview.kind), 14f)
                status = label("", 14f)
                button(R.string.add_account) { add() }
                button(android.R.string.cancel) { activity.showCodes() }
            }
        },
    )

    private fun add() {
        status.setText(R.string.link_adding)
        app.background.run({ app.vault.addUri(link, app.clock.nowMillis() / 1000) }) { result ->
            result.onSuccess {
                val live = activity.live()
                Toast.makeText(live, R.string.account_added, Toast.LENGTH_SHORT).show()
                live.showCodes()
            }.onFailure { status.text = activity.problemText(it, R.string.account_not_added) }
        }
    }
}
