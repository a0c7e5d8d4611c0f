package app.ward.ui

import android.content.Intent
import android.net.Uri
import android.view.View
import android.widget.TextView
import app.ward.R
import app.ward.platform.ImageLuma

/** The ways to add accounts: scan, pick an image, type it in, or import a backup file. */
class AddScreen(private val activity: MainActivity) : Screen {
    override val title: String = activity.getString(R.string.add_title)

    private val app = activity.app
    private lateinit var status: TextView
    private lateinit var link: android.widget.EditText
    private val outcome = ScanOutcome(activity) { status.text = it }

    override val view: View = activity.scrolling(
        activity.column {
            label(R.string.add_intro, 15f)
            button(R.string.add_scan) { activity.show(ScanScreen(activity)) }
            button(R.string.add_pick_image) { pickImage() }
            button(R.string.add_type_key) { activity.show(ManualEntryScreen(activity)) }
            link = field(R.string.add_link_hint).apply {
                importantForAutofill = View.IMPORTANT_FOR_AUTOFILL_NO
            }
            button(R.string.add_from_link) { confirmLink() }
            label(R.string.add_moving_title, 15f, bold = true)
            label(R.string.add_google_steps, 14f)
            button(R.string.add_import_file) { BackupFlow(activity).importFile() }
            status = label("", 14f)
        },
    )

    private fun confirmLink() {
        val text = link.text.toString().trim()
        if (text.isEmpty()) {
            status.setText(R.string.add_paste_first)
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
        status.setText(R.string.add_reading_image)
        app.background.run({ app.qrReader.readPicture(ImageLuma.decode(activity.contentResolver, uri)) }) { result ->
            result.onSuccess { scanned ->
                if (scanned == null) {
                    status.setText(R.string.add_no_code_in_image)
                } else {
                    outcome.handle(scanned)
                }
            }.onFailure { status.text = activity.problemText(it, R.string.add_image_unreadable) }
        }
    }
}
