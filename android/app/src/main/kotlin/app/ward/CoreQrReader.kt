package app.ward

import app.ward.core.QrScanSession
import app.ward.core.ScannedCode
import app.ward.core.ScannedQr
import app.ward.core.decodeQrPicture
import app.ward.logic.Luma
import app.ward.logic.QrReader
import app.ward.logic.Scanned
import app.ward.logic.ScannedHandle

/**
 * [QrReader] over the core's QR decoder: the luma plane goes in with its row stride.
 *
 * Camera frames ([read]) go through a core [QrScanSession], which gives up on
 * frames without a code after a cheap search and tries first what read the
 * previous frame. There is one session per decoding thread: every
 * [app.ward.platform.FramePipeline] decodes on a thread of its own, made when
 * the scan screen opens the camera and ended when it closes, so each camera
 * session starts with a fresh session (and its memory goes with the thread).
 */
class CoreQrReader : QrReader {
    private val sessions = ThreadLocal.withInitial { QrScanSession() }

    override fun read(frame: Luma): Scanned? = scannedOf(
        CoreErrors.call {
            sessions.get().decodeLuma(frame.pixels, frame.width.toUInt(), frame.height.toUInt(), frame.rowStride.toUInt())
        },
    )

    override fun readPicture(picture: Luma): Scanned? = scannedOf(
        CoreErrors.call {
            decodeQrPicture(picture.pixels, picture.width.toUInt(), picture.height.toUInt(), picture.rowStride.toUInt())
        },
    )

    private fun scannedOf(found: ScannedQr?): Scanned? = when (found) {
        null -> null
        is ScannedQr.Account -> Scanned.Account(
            CoreScannedHandle(found.scanned),
            listOf(found.account.issuer, found.account.name).filter { it.isNotBlank() }.joinToString(": "),
        )
        is ScannedQr.GoogleExport ->
            Scanned.ExportPart(CoreScannedHandle(found.scanned), found.batchIndex.toInt(), found.batchSize.toInt())
    }
}

/** The core's [ScannedCode] (the URI stays in Rust) as the app's opaque [ScannedHandle]. */
class CoreScannedHandle(val code: ScannedCode) : ScannedHandle
