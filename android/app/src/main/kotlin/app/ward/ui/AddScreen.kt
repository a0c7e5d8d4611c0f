package app.ward.ui

import android.content.Intent
import android.view.View
import android.widget.TextView
import app.ward.platform.ImageLuma

/** The ways to add accounts: scan, pick an image, type it in, or import a backup file. */
class AddScreen(private val activity: MainActivity) : Screen {
    override val title: String = "Add accounts"

    private val app = activity.app
    private lateinit var status: TextView
    private val outcome = ScanOutcome(activity) { status.text = it }

    override val view: View = activity.scrolling(
        activity.column {
            label("On the website, turn on two-step verification with an authenticator app; it shows a QR code.", 15f)
            button("Scan a QR code") { activity.show(ScanScreen(activity)) }
            button("Pick an image or screenshot") { pickImage() }
            button("Type in the setup key") { activity.show(ManualEntryScreen(activity)) }
            label("Moving from another app?", 15f, bold = true)
            label("In Google Authenticator: Transfer accounts → Export, then scan every code it shows.", 14f)
            button("Import a backup file") { BackupFlow(activity).importFile() }
            status = label("", 14f)
        },
    )

    private fun pickImage() {
        val intent = Intent(Intent.ACTION_OPEN_DOCUMENT).apply {
            addCategory(Intent.CATEGORY_OPENABLE)
            type = "image/*"
        }
        activity.startDocumentPicker(intent) { uri ->
            if (uri == null) return@startDocumentPicker
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
}
