package app.ward.platform

import android.content.ContentResolver
import android.net.Uri
import android.provider.DocumentsContract
import app.ward.logic.BackupFolder
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

/**
 * The backup folder the person picked with ACTION_OPEN_DOCUMENT_TREE, as a
 * [BackupFolder]: documents are listed, created, read and deleted through
 * [DocumentsContract] under the tree [tree] (Ward keeps a persistable
 * permission on it). Every failure, a lost permission included, is an
 * [IOException] with a sentence to show.
 */
class SafBackupFolder(private val resolver: ContentResolver, private val tree: Uri) : BackupFolder {
    private val treeId: String = DocumentsContract.getTreeDocumentId(tree)
    private val written = mutableMapOf<String, Uri>()

    override fun names(): List<String> = children().keys.toList()

    override fun write(name: String, bytes: ByteArray) = guarded {
        val folder = DocumentsContract.buildDocumentUriUsingTree(tree, treeId)
        val document = DocumentsContract.createDocument(resolver, folder, BACKUP_MIME, name)
            ?: throw IOException(CANNOT_CREATE)
        try {
            Documents.write(resolver, document, bytes)
        } catch (error: IOException) {
            runCatching { DocumentsContract.deleteDocument(resolver, document) }
            throw error
        }
        written[name] = document
    }

    override fun read(name: String): ByteArray = guarded { Documents.read(resolver, uriOf(name)) }

    override fun delete(name: String) = guarded {
        if (!DocumentsContract.deleteDocument(resolver, uriOf(name))) throw IOException(CANNOT_DELETE)
        written.remove(name)
        Unit
    }

    /** The folder's documents by display name. */
    private fun children(): Map<String, Uri> = guarded {
        val children = DocumentsContract.buildChildDocumentsUriUsingTree(tree, treeId)
        val columns = arrayOf(DocumentsContract.Document.COLUMN_DOCUMENT_ID, DocumentsContract.Document.COLUMN_DISPLAY_NAME)
        val found = mutableMapOf<String, Uri>()
        val cursor = resolver.query(children, columns, null, null, null) ?: throw IOException(CANNOT_LIST)
        cursor.use {
            while (it.moveToNext()) found[it.getString(1)] = DocumentsContract.buildDocumentUriUsingTree(tree, it.getString(0))
        }
        found
    }

    private fun uriOf(name: String): Uri = written[name] ?: children()[name] ?: throw IOException(CANNOT_FIND)

    /** [call], with a lost permission (SecurityException) or a vanished provider turned into an [IOException]. */
    private fun <T> guarded(call: () -> T): T = try {
        call()
    } catch (error: SecurityException) {
        throw IOException(NO_ACCESS, error)
    } catch (error: IllegalArgumentException) {
        throw IOException(NO_ACCESS, error)
    }

    companion object {
        private const val BACKUP_MIME = "application/octet-stream"
        private const val CANNOT_CREATE = "Ward could not create a file in the backup folder. Check the folder, or pick another one."
        private const val CANNOT_LIST = "Ward could not read the backup folder. Check the folder, or pick another one."
        private const val CANNOT_FIND = "A backup file in the backup folder is gone."
        private const val CANNOT_DELETE = "Ward could not delete an old backup in the backup folder."
        private const val NO_ACCESS = "Ward can no longer use the backup folder. Pick it again in Settings → Backups."

        /** The name to show for the folder at [location] (a tree URI): its path inside the storage, else the URI. */
        fun displayName(location: String): String = try {
            val id = DocumentsContract.getTreeDocumentId(Uri.parse(location))
            id.substringAfter(':').ifBlank { id }
        } catch (_: IllegalArgumentException) {
            location
        }
    }
}
