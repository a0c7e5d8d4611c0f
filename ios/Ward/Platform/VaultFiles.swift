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
/// - included in the iPhone's iCloud and computer backups: the file is
///   sealed with the vault password (Argon2id, AES-256-GCM), so a device
///   backup carries the accounts to a new phone and nothing readable to
///   anyone else. The Secure Enclave key is device-only and is not in the
///   backup: after a restore the password opens the vault and Face ID is
///   set up again (`DeviceUnlockSetting`). Older versions excluded the
///   files from backups; `protect` clears that flag.
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

    /// Applies file protection, and inclusion in device backups, to every
    /// file in the vault folder (the core creates `-wal` and `-shm` beside the database).
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
        values.isExcludedFromBackup = false
        var target = url
        try target.setResourceValues(values)
    }
}
