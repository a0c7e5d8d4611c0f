package app.ward.ui

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.SurfaceTexture
import android.net.Uri
import android.provider.Settings
import android.view.Surface
import android.view.TextureView
import android.view.View
import android.widget.Button
import android.widget.LinearLayout
import android.widget.TextView
import app.ward.platform.QrCamera

/**
 * The camera scanner: asks for the camera permission, streams the back camera
 * to a preview and to the core's QR decoder a few times a second, offers the
 * torch, and collects multi-part Google Authenticator exports until complete.
 */
class ScanScreen(private val activity: MainActivity) : Screen {
    override val title: String = "Scan a QR code"

    private val app = activity.app
    private val preview = TextureView(activity)
    private lateinit var status: TextView
    private lateinit var torch: Button
    private lateinit var permission: Button
    private var askedPermission = false
    private val outcome = ScanOutcome(activity) { status.text = it }
    private var camera: QrCamera? = null
    private var torchOn = false

    override val view: View = activity.column(paddingDp = 8) {
        addView(preview, LinearLayout.LayoutParams(matchWidth()).apply { height = 0; weight = 1f })
        status = label("Point the camera at the QR code.", 15f)
        torch = button("Torch on") { toggleTorch() }.apply { visibility = View.GONE }
        permission = button("Allow the camera") { askPermission() }.apply { visibility = View.GONE }
    }

    override fun onShow() {
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
            if (granted) {
                permission.visibility = View.GONE
                startWhenReady()
            } else {
                explainDenied()
            }
        }
    }

    override fun onHide() {
        camera?.close()
        camera = null
    }

    override fun onBack(): Boolean {
        app.scanSession.reset()
        return false
    }

    private fun startWhenReady() {
        if (preview.isAvailable) {
            preview.surfaceTexture?.let(::start)
            return
        }
        preview.surfaceTextureListener = object : TextureView.SurfaceTextureListener {
            override fun onSurfaceTextureAvailable(surface: SurfaceTexture, width: Int, height: Int) = start(surface)
            override fun onSurfaceTextureSizeChanged(surface: SurfaceTexture, width: Int, height: Int) {}
            override fun onSurfaceTextureDestroyed(surface: SurfaceTexture): Boolean = true
            override fun onSurfaceTextureUpdated(surface: SurfaceTexture) {}
        }
    }

    private fun start(texture: SurfaceTexture) {
        if (camera != null) return
        val qr = QrCamera(
            activity,
            onFrame = { frame ->
                // Runs on the decoder thread; the session and the screen are touched on the main thread.
                val read = runCatching { app.qrReader.read(frame) }
                read.onSuccess { scanned -> if (scanned != null) activity.runOnUiThread { outcome.handle(scanned) } }
                    .onFailure { error -> activity.runOnUiThread { status.text = error.message } }
            },
            onError = { message -> activity.runOnUiThread { status.text = message } },
        )
        camera = qr
        qr.frameSize()?.let { texture.setDefaultBufferSize(it.width, it.height) }
        qr.open(Surface(texture))
        torch.visibility = if (qr.hasTorch) View.VISIBLE else View.GONE
    }

    private fun toggleTorch() {
        torchOn = !torchOn
        camera?.setTorch(torchOn)
        torch.text = if (torchOn) "Torch off" else "Torch on"
    }

    private fun explainDenied() {
        status.text = "Ward needs the camera to scan QR codes. It only looks for codes and keeps no pictures. " +
            "You can also pick a screenshot or type the key in."
        permission.visibility = View.VISIBLE
        if (activity.shouldShowRequestPermissionRationale(Manifest.permission.CAMERA)) {
            permission.text = "Allow the camera"
            permission.setOnClickListener { askPermission() }
        } else {
            // "Don't ask again" (or a policy): only the system settings can grant it now.
            permission.text = "Open app settings"
            permission.setOnClickListener {
                app.expectExternalActivity()
                activity.startActivity(
                    Intent(Settings.ACTION_APPLICATION_DETAILS_SETTINGS, Uri.fromParts("package", activity.packageName, null)),
                )
            }
        }
    }
}
