package app.ward.logic

/** Reads QR codes in a greyscale frame; implemented by the core's decoder. */
fun interface QrReader {
    /** The texts of the QR codes found in [frame] (none when there is no readable code). */
    fun read(frame: Luma): List<String>
}
