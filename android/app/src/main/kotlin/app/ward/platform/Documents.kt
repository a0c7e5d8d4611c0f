package app.ward.platform

import android.content.ContentResolver
import android.net.Uri
import java.io.IOException

/** Reads and writes documents chosen in the system picker (Storage Access Framework). */
object Documents {
    /** Backups larger than this are refused: no authenticator export comes near it. */
    const val MAX_BYTES: Int = 16 * 1024 * 1024

    /** The bytes of [uri]. @throws IOException when it cannot be read or is too large. */
    fun read(resolver: ContentResolver, uri: Uri): ByteArray {
        val input = resolver.openInputStream(uri) ?: throw IOException("The file could not be opened.")
        // InputStream.readNBytes is API 33+; read in chunks for API 28.
        return input.use { stream ->
            val out = java.io.ByteArrayOutputStream()
            val chunk = ByteArray(64 * 1024)
            while (true) {
                val n = stream.read(chunk)
                if (n < 0) break
                out.write(chunk, 0, n)
                if (out.size() > MAX_BYTES) {
                    throw IOException("The file is larger than 16 MB; this is not a backup Ward can read.")
                }
            }
            out.toByteArray()
        }
    }

    /** Replaces the content of [uri] with [bytes]. @throws IOException when it cannot be written. */
    fun write(resolver: ContentResolver, uri: Uri, bytes: ByteArray) {
        val output = resolver.openOutputStream(uri, "wt") ?: throw IOException("The file could not be created.")
        output.use { it.write(bytes) }
    }
}
