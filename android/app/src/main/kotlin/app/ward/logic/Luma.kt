package app.ward.logic

/**
 * An 8-bit greyscale image as the core's QR decoder takes it: [height] rows of
 * [width] pixels, each row starting [rowStride] bytes after the previous one.
 */
class Luma(val pixels: ByteArray, val width: Int, val height: Int, val rowStride: Int = width) {
    init {
        require(width > 0 && height > 0) { "an image needs pixels" }
        require(rowStride >= width) { "row stride is shorter than a row" }
        require(pixels.size.toLong() >= rowStride.toLong() * (height - 1) + width) { "pixel buffer too small" }
    }

    companion object {
        /**
         * Converts packed ARGB pixels (as android.graphics.Bitmap.getPixels gives
         * them, row by row) to luma with the BT.601 weights; transparent pixels
         * count as white, the background of a screenshot.
         */
        fun fromArgb(argb: IntArray, width: Int, height: Int): Luma {
            require(argb.size >= width * height) { "pixel array too small" }
            val out = ByteArray(width * height)
            for (i in 0 until width * height) {
                val p = argb[i]
                val alpha = p ushr 24
                val r = blend((p shr 16) and 0xFF, alpha)
                val g = blend((p shr 8) and 0xFF, alpha)
                val b = blend(p and 0xFF, alpha)
                out[i] = ((299 * r + 587 * g + 114 * b + 500) / 1000).toByte()
            }
            return Luma(out, width, height)
        }

        /** [channel] composited over white with opacity [alpha] (0..255). */
        private fun blend(channel: Int, alpha: Int): Int = (channel * alpha + 255 * (255 - alpha) + 127) / 255
    }
}
