package app.ward

import app.ward.core.ScannedCode
import app.ward.core.ScannedQr
import app.ward.core.decodeQrLuma
import app.ward.core.decodeQrPicture
import app.ward.logic.Luma
import app.ward.logic.QrReader
import app.ward.logic.Scanned
import app.ward.logic.ScannedHandle

/** [QrReader] over the core's QR decoder: the luma plane goes in with its row stride. */
class CoreQrReader : QrReader {
    override fun read(frame: Luma): Scanned? = scannedOf(
        CoreErrors.call { decodeQrLuma(frame.pixels, frame.width.toUInt(), frame.height.toUInt(), frame.rowStride.toUInt()) },
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
