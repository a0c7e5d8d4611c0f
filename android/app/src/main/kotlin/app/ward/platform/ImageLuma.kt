package app.ward.platform

import android.content.ContentResolver
import android.graphics.Bitmap
import android.graphics.ImageDecoder
import android.net.Uri
import app.ward.logic.Luma

/**
 * Decodes a picked image or screenshot to the greyscale frame the core's QR
 * decoder reads. Large photos are scaled so the long side is at most
 * [MAX_SIDE] pixels, plenty for a QR code and light on memory.
 */
object ImageLuma {
    /** The longest side kept after decoding. */
    const val MAX_SIDE: Int = 2048

    /**
     * Reads [uri] through [resolver] and converts it to luma.
     *
     * @throws java.io.IOException when the document cannot be read or is not an image.
     */
    fun decode(resolver: ContentResolver, uri: Uri): Luma {
        val source = ImageDecoder.createSource(resolver, uri)
        val bitmap = ImageDecoder.decodeBitmap(source) { decoder, info, _ ->
            decoder.allocator = ImageDecoder.ALLOCATOR_SOFTWARE
            val width = info.size.width
            val height = info.size.height
            val longest = maxOf(width, height)
            if (longest > MAX_SIDE) {
                decoder.setTargetSize(width * MAX_SIDE / longest, height * MAX_SIDE / longest)
            }
        }
        return try {
            fromBitmap(bitmap)
        } finally {
            bitmap.recycle()
        }
    }

    /** The luma of [bitmap], read row by row as ARGB. */
    fun fromBitmap(bitmap: Bitmap): Luma {
        val pixels = IntArray(bitmap.width * bitmap.height)
        bitmap.getPixels(pixels, 0, bitmap.width, 0, 0, bitmap.width, bitmap.height)
        return Luma.fromArgb(pixels, bitmap.width, bitmap.height)
    }
}
