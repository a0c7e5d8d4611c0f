package app.ward

import app.ward.core.ScannedQr
import app.ward.core.decodeQrLuma
import app.ward.core.decodeQrPicture
import app.ward.logic.Luma
import app.ward.logic.QrReader
import app.ward.logic.Scanned

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
        is ScannedQr.Account -> Scanned.Account(found.uri)
        is ScannedQr.GoogleExport -> Scanned.ExportPart(found.uri)
    }
}
