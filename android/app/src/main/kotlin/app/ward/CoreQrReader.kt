package app.ward

import app.ward.logic.Luma
import app.ward.logic.QrReader
import app.ward.logic.Scanned
import app.ward.logic.WardProblem

/** [QrReader] over the core's QR decoder: the luma plane goes in with its row stride. */
class CoreQrReader : QrReader {
    override fun read(frame: Luma): Scanned? =
        throw WardProblem(WardProblem.Kind.INTERNAL, "QR decoding is not available in this build of Ward yet.")
}
