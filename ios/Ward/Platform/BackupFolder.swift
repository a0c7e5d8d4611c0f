import Foundation

/// The folder the user picked for automatic backups (Files: On My iPhone,
/// iCloud Drive, or another provider), kept as a bookmark so that it can be
/// reached again after the app restarts.
///
/// iOS hands out a folder picked with `UIDocumentPickerViewController`
/// (`forOpeningContentTypes: [.folder]`) as a security-scoped URL: the app
/// may use it only between `startAccessingSecurityScopedResource()` and
/// `stopAccessingSecurityScopedResource()`, and keeps access across
/// launches through bookmark data made while it had access. A stale
/// bookmark (the folder moved) is renewed on the next use.
///
/// The bookmark is stored in `UserDefaults`; it names a folder, it opens
/// nothing by itself. After a restore onto another phone it usually no
/// longer resolves: the app then says the folder must be picked again.
enum BackupFolder {
    private static let bookmarkKey = "backupFolderBookmark"

    /// Why the folder cannot be used.
    enum Problem: Error, Equatable {
        /// No folder was picked.
        case none
        /// The bookmark no longer resolves (folder deleted, provider gone,
        /// restored onto another phone).
        case unreachable
        /// iOS refused access to the folder.
        case accessDenied

        var message: String {
            switch self {
            case .none:
                return "No backup folder is chosen: pick one in Backups."
            case .unreachable:
                return "The backup folder cannot be found any more: pick it again in Backups."
            case .accessDenied:
                return "Ward may no longer write to the backup folder: pick it again in Backups."
            }
        }
    }

    /// Keeps the picked folder. Call with the URL the picker returned.
    static func remember(_ url: URL) throws {
        let scoped = url.startAccessingSecurityScopedResource()
        defer {
            if scoped {
                url.stopAccessingSecurityScopedResource()
            }
        }
        let bookmark = try url.bookmarkData(options: [], includingResourceValuesForKeys: nil, relativeTo: nil)
        UserDefaults.standard.set(bookmark, forKey: bookmarkKey)
    }

    static func forget() {
        UserDefaults.standard.removeObject(forKey: bookmarkKey)
    }

    /// The folder's name for Settings, nil when none is kept.
    static func displayName() -> String? {
        guard let url = try? resolve() else {
            return nil
        }
        return url.lastPathComponent
    }

    /// Runs `work` with the folder's path while access is granted, inside a
    /// file coordination (iCloud Drive and other providers see the writes).
    /// Blocking: call it off the main thread.
    static func withAccess<T>(_ work: (URL) throws -> T) throws -> T {
        let url = try resolve()
        guard url.startAccessingSecurityScopedResource() else {
            throw Problem.accessDenied
        }
        defer { url.stopAccessingSecurityScopedResource() }
        var coordinationError: NSError?
        var result: Result<T, Error>?
        NSFileCoordinator(filePresenter: nil).coordinate(
            writingItemAt: url,
            options: .forMerging,
            error: &coordinationError
        ) { coordinated in
            result = Result { try work(coordinated) }
        }
        if let coordinationError {
            throw coordinationError
        }
        guard let result else {
            throw Problem.accessDenied
        }
        return try result.get()
    }

    /// Reads a backup file the user picked (first run: restore), through a
    /// coordinated read so that an iCloud Drive file is downloaded first.
    /// The caller holds the security scope.
    static func readBackup(at url: URL) throws -> Data {
        var coordinationError: NSError?
        var result: Result<Data, Error>?
        NSFileCoordinator(filePresenter: nil).coordinate(
            readingItemAt: url,
            options: [],
            error: &coordinationError
        ) { coordinated in
            result = Result {
                let values = try coordinated.resourceValues(forKeys: [.fileSizeKey])
                if let size = values.fileSize, size > 64 * 1024 * 1024 {
                    throw CocoaError(.fileReadTooLarge)
                }
                return try Data(contentsOf: coordinated)
            }
        }
        if let coordinationError {
            throw coordinationError
        }
        guard let result else {
            throw CocoaError(.fileReadUnknown)
        }
        return try result.get()
    }

    private static func resolve() throws -> URL {
        guard let bookmark = UserDefaults.standard.data(forKey: bookmarkKey) else {
            throw Problem.none
        }
        var stale = false
        let url: URL
        do {
            url = try URL(resolvingBookmarkData: bookmark, options: [], relativeTo: nil, bookmarkDataIsStale: &stale)
        } catch {
            throw Problem.unreachable
        }
        if stale {
            try? remember(url)
        }
        return url
    }
}
