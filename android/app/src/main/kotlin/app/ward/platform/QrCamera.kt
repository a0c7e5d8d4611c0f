package app.ward.platform

import android.content.Context
import android.graphics.ImageFormat
import android.graphics.SurfaceTexture
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.hardware.camera2.CaptureRequest
import android.hardware.camera2.params.OutputConfiguration
import android.hardware.camera2.params.SessionConfiguration
import android.media.ImageReader
import android.os.Handler
import android.os.HandlerThread
import android.util.Size
import android.view.Surface
import app.ward.R

/**
 * The back camera streaming to a preview surface and to an [ImageReader] in
 * YUV_420_888, whose Y plane (luma, with its row stride) goes to the
 * [FramePipeline] (throttled, decoded on a background thread).
 *
 * Needs the CAMERA permission granted before [open]. Call [close] when the
 * screen goes away.
 */
class QrCamera(
    private val context: Context,
    private val pipeline: FramePipeline,
    private val onError: (String) -> Unit,
) : CameraSource {
    private val cameraManager: CameraManager = checkNotNull(context.getSystemService(CameraManager::class.java)) {
        "this system has no camera service"
    }
    private val cameraThread = HandlerThread("ward-camera").apply { start() }
    private val cameraHandler = Handler(cameraThread.looper)

    private var device: CameraDevice? = null
    private var session: CameraCaptureSession? = null
    private var reader: ImageReader? = null
    private var preview: Surface? = null
    private var torchOn = false
    @Volatile private var closed = false

    /** The back camera's id, or null when the device has none. */
    private val cameraId: String? by lazy {
        cameraManager.cameraIdList.firstOrNull {
            cameraManager.getCameraCharacteristics(it).get(CameraCharacteristics.LENS_FACING) ==
                CameraCharacteristics.LENS_FACING_BACK
        } ?: cameraManager.cameraIdList.firstOrNull()
    }

    /** True when the chosen camera has a flash that can be used as a torch. */
    override val hasTorch: Boolean
        get() = cameraId?.let {
            cameraManager.getCameraCharacteristics(it).get(CameraCharacteristics.FLASH_INFO_AVAILABLE)
        } == true

    override val sensorOrientation: Int
        get() = cameraId?.let { cameraManager.getCameraCharacteristics(it).get(CameraCharacteristics.SENSOR_ORIENTATION) } ?: 90

    /** True when the camera can refocus by itself (fixed-focus cameras cannot). */
    private val supportsContinuousFocus: Boolean by lazy {
        val id = cameraId ?: return@lazy false
        val modes = cameraManager.getCameraCharacteristics(id).get(CameraCharacteristics.CONTROL_AF_AVAILABLE_MODES)
        modes?.contains(CameraCharacteristics.CONTROL_AF_MODE_CONTINUOUS_PICTURE) == true
    }

    /** The frame size that will be streamed: the supported YUV size closest to 1280×720. */
    override fun frameSize(): Size? {
        val id = cameraId ?: return null
        val map = cameraManager.getCameraCharacteristics(id)
            .get(CameraCharacteristics.SCALER_STREAM_CONFIGURATION_MAP) ?: return null
        val sizes = map.getOutputSizes(ImageFormat.YUV_420_888) ?: return null
        return sizes.minByOrNull { kotlin.math.abs(it.width * it.height - TARGET_PIXELS) }
    }

    /**
     * Opens the camera and starts streaming to [texture] (sized to
     * [frameSize]) and to the decoder. The camera's Surface over [texture] is
     * released in [close].
     */
    @android.annotation.SuppressLint("MissingPermission") // The screen asks for CAMERA before calling this.
    override fun open(texture: SurfaceTexture) {
        val id = cameraId ?: return onError(context.getString(R.string.camera_none))
        val size = frameSize() ?: return onError(context.getString(R.string.camera_no_size))
        val previewSurface = Surface(texture)
        preview = previewSurface
        val imageReader = ImageReader.newInstance(size.width, size.height, ImageFormat.YUV_420_888, 2)
        imageReader.setOnImageAvailableListener({ onImage(it) }, cameraHandler)
        reader = imageReader
        try {
            cameraManager.openCamera(id, cameraHandler.asExecutor(), object : CameraDevice.StateCallback() {
                override fun onOpened(camera: CameraDevice) {
                    if (closed) return camera.close()
                    device = camera
                    startSession(camera, previewSurface, imageReader)
                }

                override fun onDisconnected(camera: CameraDevice) {
                    camera.close()
                    device = null
                }

                override fun onError(camera: CameraDevice, error: Int) {
                    camera.close()
                    device = null
                    onError(context.getString(R.string.camera_stopped, error))
                }
            })
        } catch (e: android.hardware.camera2.CameraAccessException) {
            onError(context.getString(R.string.camera_busy, e.message.orEmpty()))
        } catch (e: SecurityException) {
            onError(context.getString(R.string.camera_not_allowed))
        }
    }

    /** Turns the flash on as a torch (or off) for dark rooms. */
    override fun setTorch(on: Boolean) {
        torchOn = on
        val camera = device ?: return
        val surface = preview ?: return
        val imageReader = reader ?: return
        cameraHandler.post { repeat(camera, surface, imageReader) }
    }

    /** Stops the camera and the background threads. */
    override fun close() {
        closed = true
        pipeline.close()
        cameraHandler.post {
            session?.close()
            session = null
            device?.close()
            device = null
            reader?.close()
            reader = null
            preview?.release()
            preview = null
            cameraThread.quitSafely()
        }
    }

    private fun startSession(camera: CameraDevice, previewSurface: Surface, imageReader: ImageReader) {
        val outputs = listOf(OutputConfiguration(previewSurface), OutputConfiguration(imageReader.surface))
        val config = SessionConfiguration(
            SessionConfiguration.SESSION_REGULAR,
            outputs,
            cameraHandler.asExecutor(),
            object : CameraCaptureSession.StateCallback() {
                override fun onConfigured(configured: CameraCaptureSession) {
                    if (closed) return configured.close()
                    session = configured
                    repeat(camera, previewSurface, imageReader)
                }

                override fun onConfigureFailed(failed: CameraCaptureSession) {
                    onError(context.getString(R.string.camera_not_started))
                }
            },
        )
        camera.createCaptureSession(config)
    }

    /** (Re)starts the repeating request with continuous autofocus and the torch setting. */
    private fun repeat(camera: CameraDevice, previewSurface: Surface, imageReader: ImageReader) {
        val current = session ?: return
        val request = camera.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW).apply {
            addTarget(previewSurface)
            addTarget(imageReader.surface)
            if (supportsContinuousFocus) {
                set(CaptureRequest.CONTROL_AF_MODE, CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE)
            }
            set(CaptureRequest.FLASH_MODE, if (torchOn) CaptureRequest.FLASH_MODE_TORCH else CaptureRequest.FLASH_MODE_OFF)
        }.build()
        try {
            current.setRepeatingRequest(request, null, cameraHandler)
        } catch (e: android.hardware.camera2.CameraAccessException) {
            onError(context.getString(R.string.camera_unavailable, e.message.orEmpty()))
        } catch (_: IllegalStateException) {
            // The session closed while the request was built; nothing to do.
        }
    }

    /** Hands the newest frame's Y plane to the pipeline (which copies it and decodes it off this thread). */
    private fun onImage(imageReader: ImageReader) {
        val image = imageReader.acquireLatestImage() ?: return
        image.use {
            if (closed) return
            val plane = it.planes[0]
            pipeline.offer(plane.buffer, it.width, it.height, plane.rowStride)
        }
    }

    private fun Handler.asExecutor(): java.util.concurrent.Executor = java.util.concurrent.Executor { post(it) }

    private companion object {
        const val TARGET_PIXELS = 1280 * 720
    }
}
