package app.ward.ui

import android.graphics.Bitmap
import android.graphics.Color
import android.graphics.drawable.BitmapDrawable
import android.view.View
import android.view.WindowManager
import android.widget.Button
import android.widget.ImageView
import android.widget.TextView
import app.ward.logic.GoogleQrCodes
import app.ward.logic.QrModules

// User-visible strings of the Google Authenticator export (to move to strings.xml).
private const val TITLE = "Export to Google Authenticator"
private const val WARNING =
    "These codes hold your accounts' secrets unencrypted. Anyone who scans or photographs them can make your codes. " +
        "Show them only to your own phone, and leave this screen when you are done."
private const val HOW_TO = "In Google Authenticator: Transfer accounts › Import accounts, then scan each code."
private const val COUNTER = "Code %1\$d of %2\$d"
private const val PREVIOUS = "Previous"
private const val NEXT = "Next"
private const val DONE = "Done"
private const val LEFT_OUT_ONE = "1 entry is not in these codes (Google Authenticator cannot hold it):"
private const val LEFT_OUT_MANY = "%1\$d entries are not in these codes (Google Authenticator cannot hold them):"
private const val NOTHING = "There is nothing Google Authenticator can hold: no code to show."
private const val CODE_DESCRIPTION = "QR code %1\$d of %2\$d for Google Authenticator"
private const val EXPORT_FAILED = "The export could not be made."

/**
 * The Google Authenticator export: its QR codes one by one ("Code 1 of 3",
 * Previous and Next), each drawn crisply (whole pixels per module, nearest
 * neighbour, a white quiet zone, on white even in the dark theme), the warning
 * that they hold the secrets unencrypted, and the entries left out by name.
 * The window is FLAG_SECURE (no screenshots, blank in recent apps). The codes
 * are wiped when the screen is left; a recreation goes back to the list
 * (the saved state never holds them).
 */
class ExportScreen(private val activity: MainActivity, private val export: GoogleQrCodes) : Screen {
    override val title: String = TITLE

    private var index = 0
    private lateinit var counter: TextView
    private lateinit var image: ImageView
    private lateinit var previous: Button
    private lateinit var next: Button

    /** The picture of the code on screen, for tests (null when there is no code). */
    var shownBitmap: Bitmap? = null
        private set

    override val view: View = activity.scrolling(
        activity.column {
            label(WARNING, 15f, bold = true)
            if (export.codes.isEmpty()) {
                label(NOTHING, 15f)
            } else {
                label(HOW_TO, 14f)
                counter = label("", 16f, bold = true).apply { textAlignment = View.TEXT_ALIGNMENT_CENTER }
                image = ImageView(context).apply {
                    // White behind the code whatever the theme: scanners need dark modules on light.
                    setBackgroundColor(Color.WHITE)
                    adjustViewBounds = true
                    scaleType = ImageView.ScaleType.FIT_CENTER
                }
                addView(image, matchWidth())
                addView(
                    context.row {
                        previous = Button(context).apply {
                            text = PREVIOUS
                            minimumHeight = context.dp(MIN_TOUCH_DP)
                            setOnClickListener { showCode(index - 1) }
                        }
                        next = Button(context).apply {
                            text = NEXT
                            minimumHeight = context.dp(MIN_TOUCH_DP)
                            setOnClickListener { showCode(index + 1) }
                        }
                        addView(previous, weighted())
                        addView(next, weighted())
                    },
                    matchWidth(),
                )
            }
            if (export.leftOut.isNotEmpty()) {
                val count = export.leftOut.size
                label(if (count == 1) LEFT_OUT_ONE else LEFT_OUT_MANY.format(count), 15f, bold = true)
                export.leftOut.forEach { label("• $it", 14f) }
            }
            button(DONE) { activity.showCodes() }
        },
    )

    init {
        if (export.codes.isNotEmpty()) showCode(0)
    }

    override fun onShow() {
        // The whole window is already secure; this screen must never be captured, whatever changes elsewhere.
        activity.window.addFlags(WindowManager.LayoutParams.FLAG_SECURE)
    }

    override fun onHide() {
        if (export.codes.isNotEmpty()) image.setImageDrawable(null)
        shownBitmap?.let { it.eraseColor(Color.WHITE); it.recycle() }
        shownBitmap = null
        export.wipe()
    }

    /** Shows code [position] (0-based), if there is one. */
    fun showCode(position: Int) {
        val codes = export.codes
        if (position !in codes.indices) return
        index = position
        counter.text = COUNTER.format(position + 1, codes.size)
        previous.isEnabled = position > 0
        next.isEnabled = position < codes.size - 1
        val old = shownBitmap
        val bitmap = draw(codes[position])
        shownBitmap = bitmap
        image.setImageDrawable(
            BitmapDrawable(activity.resources, bitmap).apply {
                // Nearest neighbour if the view scales it: module edges stay sharp.
                isFilterBitmap = false
                setAntiAlias(false)
            },
        )
        image.contentDescription = CODE_DESCRIPTION.format(position + 1, codes.size)
        old?.let { it.eraseColor(Color.WHITE); it.recycle() }
    }

    /** [code] at the largest whole number of pixels per module that fits the screen's width. */
    private fun draw(code: QrModules): Bitmap {
        val width = activity.resources.displayMetrics.widthPixels - activity.dp(32)
        val (pixels, side) = code.pixels(code.scaleFor(width))
        val bitmap = Bitmap.createBitmap(side, side, Bitmap.Config.ARGB_8888)
        bitmap.setPixels(pixels, 0, side, 0, 0, side, side)
        pixels.fill(0)
        return bitmap
    }

    companion object {
        /** Makes the export (after re-authentication when the core asks) and shows it. */
        fun open(activity: MainActivity) {
            Reauth.run(activity, { activity.app.vault.exportGoogleQr() }) { result ->
                result.onSuccess { activity.live().show(ExportScreen(activity.live(), it)) }
                    .onFailure { SecureDialog.message(activity, TITLE, it.message ?: EXPORT_FAILED) }
            }
        }
    }
}

