package app.ward.ui

import android.graphics.Bitmap
import android.graphics.Color
import android.graphics.drawable.BitmapDrawable
import android.view.View
import android.view.WindowManager
import android.widget.Button
import android.widget.ImageView
import android.widget.TextView
import app.ward.R
import app.ward.logic.GoogleQrCodes
import app.ward.logic.QrModules

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
    override val title: String = activity.getString(R.string.export_to_google)

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
            label(R.string.google_export_warning, 15f, bold = true)
            if (export.codes.isEmpty()) {
                label(R.string.google_export_nothing, 15f)
            } else {
                label(R.string.google_export_how_to, 14f)
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
                            setText(R.string.google_export_previous)
                            minimumHeight = context.dp(MIN_TOUCH_DP)
                            setOnClickListener { showCode(index - 1) }
                        }
                        next = Button(context).apply {
                            setText(R.string.google_export_next)
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
                label(context.resources.getQuantityString(R.plurals.google_export_left_out, count, count), 15f, bold = true)
                export.leftOut.forEach { label("• $it", 14f) }
            }
            button(R.string.google_export_done) { activity.showCodes() }
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
        counter.text = activity.getString(R.string.google_export_counter, position + 1, codes.size)
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
        image.contentDescription = activity.getString(R.string.google_export_code_description, position + 1, codes.size)
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
                    .onFailure { SecureDialog.message(
                        activity,
                        activity.getString(R.string.export_to_google),
                        activity.problemText(it, R.string.google_export_failed),
                    ) }
            }
        }
    }
}

