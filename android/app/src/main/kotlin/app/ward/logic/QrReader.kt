package app.ward.logic

/** Finds an authenticator QR code in a greyscale frame; implemented by the core's decoder. */
fun interface QrReader {
    /**
     * The authenticator code in [frame], or null when none is seen (keep
     * scanning).
     *
     * @throws WardProblem with kind INVALID_INPUT when the code found is not an
     *   authenticator code or is malformed; its message says what it holds.
     */
    fun read(frame: Luma): Scanned?
}
