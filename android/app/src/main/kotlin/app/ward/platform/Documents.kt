package app.ward.platform

import android.content.ContentResolver
import android.net.Uri
import android.provider.DocumentsContract
import app.ward.logic.AppProblem
import app.ward.logic.AppProblem.DocumentNotWritten
import app.ward.logic.AppProblem.DocumentUnreadable
import app.ward.logic.BackupFolder
import java.io.IOException

/** Reads and writes documents chosen in the system picker (Storage Access Framework). */
object Documents {
    /** Backups larger than this are refused: no authenticator export comes near it. */
    const val MAX_BYTES: Int = 16 * 1024 * 1024

    /**
     * The bytes of [uri].
     * @throws AppProblem.DocumentUnreadable when it cannot be opened or read,
     *   [AppProblem.DocumentTooLarge] when it is larger than [MAX_BYTES].
     */
    fun read(resolver: ContentResolver, uri: Uri): ByteArray {
        val input = typed(::DocumentUnreadable) { resolver.openInputStream(uri) } ?: throw DocumentUnreadable()
        // InputStream.readNBytes is API 33+; read in chunks for API 28.
        return input.use { stream ->
            val out = java.io.ByteArrayOutputStream()
            val chunk = ByteArray(64 * 1024)
            while (true) {
                val n = typed(::DocumentUnreadable) { stream.read(chunk) }
                if (n < 0) break
                out.write(chunk, 0, n)
                if (out.size() > MAX_BYTES) throw AppProblem.DocumentTooLarge(MAX_BYTES / (1024 * 1024))
            }
            out.toByteArray()
        }
    }

    /** Replaces the content of [uri] with [bytes]. @throws AppProblem.DocumentNotWritten when it cannot be written. */
    fun write(resolver: ContentResolver, uri: Uri, bytes: ByteArray) {
        typed(::DocumentNotWritten) {
            val output = resolver.openOutputStream(uri, "wt") ?: throw DocumentNotWritten()
            output.use { it.write(bytes) }
        }
    }

    /** [call], with the provider's own failures (I/O, a lost permission) turned into the [AppProblem] [problem]. */
    private inline fun <T> typed(problem: (Throwable) -> AppProblem, call: () -> T): T = providerCall(problem, problem, call)
}

/**
 * [call] to a document provider, with its I/O failures turned into [ioProblem]
 * and a lost permission (SecurityException) or a vanished document
 * (IllegalArgumentException) into [lostProblem]; an [AppProblem] passes as it is.
 */
private inline fun <T> providerCall(ioProblem: (Throwable) -> AppProblem, lostProblem: (Throwable) -> AppProblem, call: () -> T): T = try {
    call()
} catch (error: AppProblem) {
    throw error
} catch (error: IOException) {
    throw ioProblem(error)
} catch (error: SecurityException) {
    throw lostProblem(error)
} catch (error: IllegalArgumentException) {
    throw lostProblem(error)
}

/**
 * The backup folder the person picked with ACTION_OPEN_DOCUMENT_TREE, as a
 * [BackupFolder]: documents are listed, created, read and deleted through
 * [DocumentsContract] under the tree [tree] (Ward keeps a persistable
 * permission on it). Every failure, a lost permission included, is an
 * [AppProblem] that the screens word.
 */
class SafBackupFolder(private val resolver: ContentResolver, private val tree: Uri) : BackupFolder {
    private val treeId: String = DocumentsContract.getTreeDocumentId(tree)
    private val written = mutableMapOf<String, Uri>()

    override fun names(): List<String> = children().keys.toList()

    override fun write(name: String, bytes: ByteArray) = guarded(AppProblem::FolderNotWritable) {
        val folder = DocumentsContract.buildDocumentUriUsingTree(tree, treeId)
        val document = DocumentsContract.createDocument(resolver, folder, BACKUP_MIME, name)
            ?: throw AppProblem.FolderNotWritable()
        try {
            Documents.write(resolver, document, bytes)
        } catch (error: IOException) {
            runCatching { DocumentsContract.deleteDocument(resolver, document) }
            throw AppProblem.FolderNotWritable(error)
        }
        written[name] = document
    }

    override fun read(name: String): ByteArray = guarded(::DocumentUnreadable) { Documents.read(resolver, uriOf(name)) }

    override fun delete(name: String) = guarded(AppProblem::OldBackupNotDeleted) {
        if (!DocumentsContract.deleteDocument(resolver, uriOf(name))) throw AppProblem.OldBackupNotDeleted()
        written.remove(name)
        Unit
    }

    /** The folder's documents by display name. */
    private fun children(): Map<String, Uri> = guarded(AppProblem::FolderNotReadable) {
        val children = DocumentsContract.buildChildDocumentsUriUsingTree(tree, treeId)
        val columns = arrayOf(DocumentsContract.Document.COLUMN_DOCUMENT_ID, DocumentsContract.Document.COLUMN_DISPLAY_NAME)
        val found = mutableMapOf<String, Uri>()
        val cursor = resolver.query(children, columns, null, null, null) ?: throw AppProblem.FolderNotReadable()
        cursor.use {
            while (it.moveToNext()) found[it.getString(1)] = DocumentsContract.buildDocumentUriUsingTree(tree, it.getString(0))
        }
        found
    }

    private fun uriOf(name: String): Uri = written[name] ?: children()[name] ?: throw AppProblem.BackupMissing()

    /**
     * [call], with a lost permission (SecurityException) or a vanished provider
     * turned into [AppProblem.FolderAccessLost], and the provider's other I/O
     * failures into [problem]; an [AppProblem] passes as it is.
     */
    private inline fun <T> guarded(problem: (Throwable) -> AppProblem, call: () -> T): T =
        providerCall(problem, AppProblem::FolderAccessLost, call)

    companion object {
        private const val BACKUP_MIME = "application/octet-stream"

        /** The name to show for the folder at [location] (a tree URI): its path inside the storage, else the URI. */
        fun displayName(location: String): String = try {
            val id = DocumentsContract.getTreeDocumentId(Uri.parse(location))
            id.substringAfter(':').ifBlank { id }
        } catch (_: IllegalArgumentException) {
            location
        }
    }
}
