package app.ward.logic

/** Finds an authenticator QR code in a greyscale frame; implemented by the core's decoder. */
interface QrReader {
    /**
     * The authenticator code in a camera [frame], or null when none is seen
     * (keep scanning). Fast: called a few times a second.
     *
     * @throws WardProblem with kind INVALID_INPUT when the code found is not an
     *   authenticator code or is malformed; its message says what it holds.
     */
    fun read(frame: Luma): Scanned?

    /** Like [read] for a still picture the person picked (screenshot, photo): tries harder, takes longer. */
    fun readPicture(picture: Luma): Scanned?
}
