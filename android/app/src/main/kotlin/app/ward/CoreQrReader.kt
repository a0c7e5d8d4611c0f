package app.ward

import app.ward.core.ScannedQr
import app.ward.core.decodeQrLuma
import app.ward.logic.Luma
import app.ward.logic.QrReader
import app.ward.logic.Scanned

/** [QrReader] over the core's QR decoder: the luma plane goes in with its row stride. */
class CoreQrReader : QrReader {
    override fun read(frame: Luma): Scanned? {
        val found = CoreErrors.call {
            decodeQrLuma(frame.pixels, frame.width.toUInt(), frame.height.toUInt(), frame.rowStride.toUInt())
        }
        return when (found) {
            null -> null
            is ScannedQr.Account -> Scanned.Account(found.uri)
            is ScannedQr.GoogleExport -> Scanned.ExportPart(found.uri)
        }
    }
}
