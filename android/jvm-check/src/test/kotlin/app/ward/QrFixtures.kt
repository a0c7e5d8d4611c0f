package app.ward

import app.ward.logic.Luma
import java.io.File
import javax.imageio.ImageIO

/**
 * A picture from tests/fixtures/qr as the app reads a picked image or a camera
 * frame: ARGB pixels (Bitmap.getPixels on Android, BufferedImage.getRGB here)
 * → [Luma.fromArgb].
 */
internal fun qrFixtureLuma(name: String): Luma {
    val image = ImageIO.read(File("../../tests/fixtures/qr/$name"))
    val argb = image.getRGB(0, 0, image.width, image.height, null, 0, image.width)
    return Luma.fromArgb(argb, image.width, image.height)
}
