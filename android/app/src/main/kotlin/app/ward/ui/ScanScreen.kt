package app.ward.ui

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.Matrix
import android.graphics.SurfaceTexture
import android.net.Uri
import android.provider.Settings
import android.view.TextureView
import android.view.View
import android.widget.Button
import android.widget.LinearLayout
import android.widget.TextView
import app.ward.R
import app.ward.logic.PreviewFit
import app.ward.platform.CameraSource
import app.ward.platform.FramePipeline

/**
 * The camera scanner: asks for the camera permission, streams the back camera
 * to a preview (upright and unstretched, [PreviewFit]) and to the core's QR
 * decoder a few times a second, offers the torch, and collects multi-part
 * Google Authenticator exports until complete.
 *
 * A decode still running when the person leaves the screen is dropped: its
 * result is acted on only while the screen is showing.
 */
class ScanScreen(private val activity: MainActivity) : Screen {
    override val title: String = activity.getString(R.string.scan_title)

    private val app = activity.app
    private val preview = TextureView(activity).apply {
        contentDescription = activity.getString(R.string.scan_preview_description)
    }
    private lateinit var status: TextView
    private lateinit var torch: Button
    private lateinit var permission: Button
    private var askedPermission = false
    private val outcome = ScanOutcome(activity) { status.text = it }
    private var camera: CameraSource? = null
    private var torchOn = false

    /** True while the screen shows; read by the decoder thread, written on the main thread. */
    @Volatile private var active = false

    override val view: View = activity.column(paddingDp = 8) {
        addView(preview, LinearLayout.LayoutParams(matchWidth()).apply { height = 0; weight = 1f })
        status = label(R.string.scan_point_camera, 15f).apply {
            accessibilityLiveRegion = View.ACCESSIBILITY_LIVE_REGION_POLITE
        }
        torch = button(R.string.scan_torch_on) { toggleTorch() }.apply { visibility = View.GONE }
        permission = button(R.string.scan_allow_camera) { askPermission() }.apply { visibility = View.GONE }
    }

    override fun onShow() {
        active = true
        // The permission dialog pauses and resumes the activity: ask once per visit, then explain.
        when {
            activity.checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED -> startWhenReady()
            !askedPermission -> askPermission()
            else -> explainDenied()
        }
    }

    private fun askPermission() {
        askedPermission = true
        activity.withPermission(Manifest.permission.CAMERA) { granted ->
            if (!active) return@withPermission
            if (granted) {
                permission.visibility = View.GONE
                startWhenReady()
            } else {
                explainDenied()
            }
        }
    }

    override fun onHide() {
        active = false
        camera?.close()
        camera = null
    }

    override fun onBack(): Boolean {
        app.scanSession.reset()
        return false
    }

    private fun startWhenReady() {
        preview.surfaceTextureListener = object : TextureView.SurfaceTextureListener {
            override fun onSurfaceTextureAvailable(surface: SurfaceTexture, width: Int, height: Int) = start(surface)
            override fun onSurfaceTextureSizeChanged(surface: SurfaceTexture, width: Int, height: Int) = fitPreview()
            override fun onSurfaceTextureDestroyed(surface: SurfaceTexture): Boolean = true
            override fun onSurfaceTextureUpdated(surface: SurfaceTexture) {}
        }
        if (preview.isAvailable) preview.surfaceTexture?.let(::start)
    }

    /** Opens the camera onto [texture] and the decoder; called when the preview's surface exists. */
    fun start(texture: SurfaceTexture) {
        if (camera != null || !active) return
        val pipeline = FramePipeline(app.lockClock) { frame -> decode(frame) }
        val source = app.camera(activity, pipeline) { message -> activity.runOnUiThread { if (active) status.text = message } }
        camera = source
        source.frameSize()?.let { texture.setDefaultBufferSize(it.width, it.height) }
        fitPreview()
        source.open(texture)
        torch.visibility = if (source.hasTorch) View.VISIBLE else View.GONE
    }

    /** Runs on the decoder thread; the session and the screen are touched on the main thread, and only while showing. */
    private fun decode(frame: app.ward.logic.Luma) {
        if (!active) return
        val read = runCatching { app.qrReader.read(frame) }
        activity.runOnUiThread {
            if (!active) return@runOnUiThread
            read.onSuccess { scanned -> if (scanned != null) outcome.handle(scanned) }
                .onFailure { error -> status.text = activity.problemText(error, R.string.scan_code_not_read) }
        }
    }

    /** Keeps the preview upright and unstretched for the view's size and the display's rotation. */
    private fun fitPreview() {
        val size = camera?.frameSize() ?: return
        if (preview.width == 0 || preview.height == 0) return
        // The display the preview is attached to (View.getDisplay); upright when it is not attached yet.
        val rotation = (preview.display?.rotation ?: 0) * 90
        val fit = PreviewFit.of(preview.width, preview.height, size.width, size.height, camera?.sensorOrientation ?: 90, rotation)
        val centreX = preview.width / 2f
        val centreY = preview.height / 2f
        preview.setTransform(
            Matrix().apply {
                postScale(fit.scaleX, fit.scaleY, centreX, centreY)
                postRotate(fit.rotationDegrees, centreX, centreY)
            },
        )
    }

    private fun toggleTorch() {
        torchOn = !torchOn
        camera?.setTorch(torchOn)
        torch.setText(if (torchOn) R.string.scan_torch_off else R.string.scan_torch_on)
    }

    private fun explainDenied() {
        status.setText(R.string.scan_camera_denied)
        permission.visibility = View.VISIBLE
        if (activity.shouldShowRequestPermissionRationale(Manifest.permission.CAMERA)) {
            permission.setText(R.string.scan_allow_camera)
            permission.setOnClickListener { askPermission() }
        } else {
            // "Don't ask again" (or a policy): only the system settings can grant it now.
            permission.setText(R.string.scan_open_settings)
            permission.setOnClickListener {
                app.expectExternalActivity()
                activity.startActivity(
                    Intent(Settings.ACTION_APPLICATION_DETAILS_SETTINGS, Uri.fromParts("package", activity.packageName, null)),
                )
            }
        }
    }
}
