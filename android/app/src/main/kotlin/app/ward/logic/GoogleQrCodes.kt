package app.ward.logic

/**
 * One QR code's modules, as the core encoded it: [size] × [size] bytes,
 * row-major, 1 = dark, without the quiet zone. It encodes secrets: [wipe] it
 * when it leaves the screen.
 */
class QrModules(val size: Int, private val modules: ByteArray) {
    init {
        require(size > 0 && modules.size == size * size) { "a QR matrix needs size × size modules" }
    }

    /** True when the module at column [x], row [y] is dark (false outside the code). */
    fun dark(x: Int, y: Int): Boolean = x in 0 until size && y in 0 until size && modules[y * size + x] == 1.toByte()

    /**
     * The code as ARGB pixels, [scale] pixels per module (nearest neighbour:
     * every module a sharp square), with a light margin of [QUIET_ZONE]
     * modules on each side (ISO/IEC 18004 section 6.3.8). Returns the pixels
     * and the side length.
     */
    fun pixels(scale: Int, dark: Int = BLACK, light: Int = WHITE): Pair<IntArray, Int> {
        val step = scale.coerceAtLeast(1)
        val side = (size + 2 * QUIET_ZONE) * step
        val out = IntArray(side * side) { light }
        for (y in 0 until side) {
            val my = y / step - QUIET_ZONE
            for (x in 0 until side) {
                if (dark(x / step - QUIET_ZONE, my)) out[y * side + x] = dark
            }
        }
        return out to side
    }

    /** The largest whole number of pixels per module that fits the code and its margin in [widthPx]. */
    fun scaleFor(widthPx: Int): Int = (widthPx / (size + 2 * QUIET_ZONE)).coerceAtLeast(1)

    /** Overwrites the modules. */
    fun wipe() = modules.fill(0)

    companion object {
        /** Light modules around the code, as the standard asks. */
        const val QUIET_ZONE = 4
        const val BLACK: Int = 0xFF000000.toInt()
        const val WHITE: Int = 0xFFFFFFFF.toInt()
    }
}

/**
 * A Google Authenticator export: the QR codes to show one by one, and the
 * entries Google Authenticator cannot hold, one line each with the reason.
 */
class GoogleQrCodes(val codes: List<QrModules>, val leftOut: List<String>) {
    /** Overwrites every code's modules. */
    fun wipe() = codes.forEach { it.wipe() }
}
