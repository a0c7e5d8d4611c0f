package app.ward.ui

import android.content.Intent
import android.net.Uri
import android.view.View
import android.widget.TextView
import app.ward.platform.ImageLuma

/** The ways to add accounts: scan, pick an image, type it in, or import a backup file. */
class AddScreen(private val activity: MainActivity) : Screen {
    override val title: String = "Add accounts"

    private val app = activity.app
    private lateinit var status: TextView
    private lateinit var link: android.widget.EditText
    private val outcome = ScanOutcome(activity) { status.text = it }

    override val view: View = activity.scrolling(
        activity.column {
            label("On the website, turn on two-step verification with an authenticator app; it shows a QR code.", 15f)
            button("Scan a QR code") { activity.show(ScanScreen(activity)) }
            button("Pick an image or screenshot") { pickImage() }
            button("Type in the setup key") { activity.show(ManualEntryScreen(activity)) }
            link = field("Or paste an otpauth:// link").apply {
                importantForAutofill = View.IMPORTANT_FOR_AUTOFILL_NO
            }
            button("Add from the link") { confirmLink() }
            label("Moving from another app?", 15f, bold = true)
            label("In Google Authenticator: Transfer accounts → Export, then scan every code it shows.", 14f)
            button("Import a backup file") { BackupFlow(activity).importFile() }
            status = label("", 14f)
        },
    )

    private fun confirmLink() {
        val text = link.text.toString().trim()
        if (text.isEmpty()) {
            status.text = "Paste the link first (it starts with otpauth://)."
            return
        }
        link.text.clear()
        activity.show(ConfirmLinkScreen(activity, text))
    }

    private fun pickImage() {
        val intent = Intent(Intent.ACTION_OPEN_DOCUMENT).apply {
            addCategory(Intent.CATEGORY_OPENABLE)
            type = "image/*"
        }
        activity.startDocumentPicker(intent, DocumentPurpose.PICK_IMAGE)
    }

    /** Reads the QR code in the picked image [uri] and adds or imports what it holds. */
    fun readImage(uri: Uri) {
        status.text = "Reading the image…"
        app.background.run({ app.qrReader.readPicture(ImageLuma.decode(activity.contentResolver, uri)) }) { result ->
            result.onSuccess { scanned ->
                if (scanned == null) {
                    status.text = "No QR code found in that image. Crop it closer to the code, or scan it with the camera."
                } else {
                    outcome.handle(scanned)
                }
            }.onFailure { status.text = it.message ?: "That image could not be read." }
        }
    }
}
