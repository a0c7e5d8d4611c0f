import Foundation
import WardAppLogic
import WardCore

/// The core calls whose API changes in this session's contract
/// (docs: /work/contract.md, issues 12 and 13), in one place: every flow
/// calls these, so that moving to the new API edits this file only.
///
/// This version runs against the core API on `main`:
/// - unlock, enable and the sensitive exports have no `now` yet, and the
///   core keeps no proof window: the app's `ProofWindow` asks for the
///   password or Face ID before a sensitive export instead;
/// - `enableKeyStore` adds a slot: the old one is removed first
///   (`disableKeyStore`), so the vault never holds two;
/// - re-authentication opens a second handle on the vault file and unlocks
///   it (the core checks the password with Argon2id), then locks it;
/// - automatic backups and restore do not exist yet: they report so.
extension Vault {
    /// Whether `enableKeyStore` replaces an existing platform slot by
    /// itself (`DeviceUnlockSetting.stepsToEnable`).
    static var replacesPlatformSlots: Bool {
        false
    }

    /// `unlock(password:)`; a success is a fresh proof at `now`.
    func unlock(password: Data, proofAt now: UInt64) throws {
        try unlock(password: password)
    }

    /// `unlockWithKeyStore(keyStore:)`; a success is a fresh proof at `now`.
    func unlock(keyStore: KeyStore, proofAt now: UInt64) throws {
        try unlockWithKeyStore(keyStore: keyStore)
    }

    /// Turns device unlock on with exactly one platform slot.
    func enrol(keyStore: KeyStore, proofAt now: UInt64) throws {
        for step in DeviceUnlockSetting.stepsToEnable(coreReplacesSlots: Self.replacesPlatformSlots) {
            switch step {
            case .removeOldSlots:
                try disableKeyStore()
            case .enrol:
                try enableKeyStore(keyStore: keyStore)
            }
        }
    }

    /// Checks the password: `WrongPassword` when it is not the vault's.
    func proveOwner(password: Data, at now: UInt64) throws {
        let probe = try Vault.open(path: VaultFiles.vaultURL().path)
        defer { probe.lock() }
        try probe.unlock(password: password)
    }

    /// One Face ID / Touch ID prompt through the platform slot.
    func proveOwner(keyStore: KeyStore, at now: UInt64) throws {
        let probe = try Vault.open(path: VaultFiles.vaultURL().path)
        defer { probe.lock() }
        try probe.unlockWithKeyStore(keyStore: keyStore)
    }

    /// Google Authenticator export URIs (hold secrets).
    func exportGoogleCodes(at now: UInt64) throws -> GoogleExport {
        try exportGoogle()
    }

    /// A Ward backup file encrypted with `password` (holds every account).
    func exportBackupFile(password: Data, at now: UInt64) throws -> BackupExport {
        try exportBackup(password: password)
    }

    /// Re-keys the vault with a new password.
    func rekey(newPassword: Data, at now: UInt64) throws {
        try changePassword(newPassword: newPassword)
    }

    /// Automatic backups: the status in the vault's settings.
    func backupState() throws -> BackupState {
        throw CoreFeature.missing("Automatic backups")
    }

    /// Writes a verified backup into `folder`, keeping the newest `keep`.
    func backUp(into folder: String, keep: UInt32, at now: UInt64) throws {
        throw CoreFeature.missing("Automatic backups")
    }

    /// Records a backup the app could not even start (folder unreachable).
    func recordBackup(at now: UInt64, error: String?) throws {
        throw CoreFeature.missing("Automatic backups")
    }

    /// Where backups go (nil: off) and how many are kept.
    func configureBackups(location: String?, keep: UInt32) throws {
        throw CoreFeature.missing("Automatic backups")
    }

    /// A new vault at `path` from a backup snapshot, unlocked.
    static func restored(from backup: Data, to path: String, password: Data) throws -> Vault {
        throw CoreFeature.missing("Restoring a backup")
    }

    /// Whether `error` is the core's "prove it is you first".
    static func isReauthRequired(_ error: Error) -> Bool {
        error is SensitiveCallError
    }
}

/// A sensitive call refused because no fresh proof exists.
enum SensitiveCallError: Error {
    case reauthRequired
}

/// A feature this build's core does not have yet.
enum CoreFeature: Error, LocalizedError {
    case missing(String)

    var errorDescription: String? {
        switch self {
        case .missing(let feature):
            return "\(feature) need a newer Ward core than this build has."
        }
    }
}
