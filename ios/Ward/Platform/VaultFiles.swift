import Foundation

/// Where the vault lives on the phone, and how its files are protected.
///
/// The vault is the core's encrypted SQLite database (plus its `-wal` and
/// `-shm` files) in `Application Support/Vault/`:
/// - file protection `complete`: the files are unreadable while the phone is
///   locked (the app locks the vault in the background anyway); the
///   entitlement `com.apple.developer.default-data-protection` sets the same
///   class for every file the app creates, and this type sets it again
///   explicitly on the folder and the files;
/// - excluded from iCloud and computer backups (`isExcludedFromBackup`): a
///   backup would carry the vault to another device; the user exports a
///   backup on purpose instead.
enum VaultFiles {
    /// The folder holding the vault, created and protected on first use.
    static func directory() throws -> URL {
        let support = try FileManager.default.url(
            for: .applicationSupportDirectory,
            in: .userDomainMask,
            appropriateFor: nil,
            create: true
        )
        let folder = support.appendingPathComponent("Vault", isDirectory: true)
        try FileManager.default.createDirectory(
            at: folder,
            withIntermediateDirectories: true,
            attributes: [.protectionKey: FileProtectionType.complete]
        )
        try protect(folder)
        return folder
    }

    /// The vault database file.
    static func vaultURL() throws -> URL {
        try directory().appendingPathComponent("ward.vault", isDirectory: false)
    }

    /// Whether a vault has been created.
    static func vaultExists() -> Bool {
        guard let url = try? vaultURL() else {
            return false
        }
        return FileManager.default.fileExists(atPath: url.path)
    }

    /// Applies protection and backup exclusion to every file in the vault
    /// folder (the core creates `-wal` and `-shm` beside the database).
    /// Call after the vault is created or opened.
    static func protectAll() {
        guard let folder = try? directory(),
              let files = try? FileManager.default.contentsOfDirectory(
                  at: folder,
                  includingPropertiesForKeys: nil
              )
        else {
            return
        }
        for file in files {
            try? protect(file)
        }
    }

    private static func protect(_ url: URL) throws {
        try FileManager.default.setAttributes(
            [.protectionKey: FileProtectionType.complete],
            ofItemAtPath: url.path
        )
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        var target = url
        try target.setResourceValues(values)
    }
}
