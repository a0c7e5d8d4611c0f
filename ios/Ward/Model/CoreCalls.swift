import Foundation
import WardAppLogic
import WardCore

/// The core calls whose API changes in this session's contract
/// (docs: /work/contract.md, issues 12 and 13), in one place: every flow
/// calls these, so that moving to the new API edits this file only.
///
/// Unlock, device unlock and the sensitive exports still use the API of
/// `main` (until branch `vault-api` is merged):
/// - they have no `now` yet, and the core keeps no proof window: the app's
///   `ProofWindow` asks for the password or Face ID before a sensitive
///   export instead;
/// - `enableKeyStore` adds a slot: the old one is removed first
///   (`disableKeyStore`), so the vault never holds two;
/// - re-authentication opens a second handle on the vault file and unlocks
///   it (the core checks the password with Argon2id), then locks it.
///
/// Automatic backups and restore are the core's (branch `backup`):
/// `backupToDir` writes a consistent, verified snapshot and prunes to
/// `keep`; `restoreBytes` makes a new vault from one.
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

    /// Automatic backups: the status in the vault's encrypted settings.
    func backupState() throws -> BackupState {
        let status = try backupStatus()
        return BackupState(
            enabled: status.enabled,
            keep: status.keep,
            lastSuccess: status.lastSuccess,
            lastFailure: status.lastFailure,
            lastError: status.lastError
        )
    }

    /// Writes a verified backup into `folder`, keeping the newest `keep`;
    /// the core records the result in the vault's settings.
    func backUp(into folder: String, keep: UInt32, at now: UInt64) throws {
        _ = try backupToDir(dir: folder, keep: keep, now: now)
    }

    /// Records a backup the app could not even start (folder unreachable).
    func recordBackup(at now: UInt64, error: String?) throws {
        try recordBackupResult(now: now, error: error)
    }

    /// Where backups go (nil: off) and how many are kept.
    func configureBackups(location: String?, keep: UInt32) throws {
        try setBackupSettings(location: location, keep: keep)
    }

    /// A new vault at `path` from a backup snapshot, unlocked (platform
    /// slots are not carried over).
    static func restored(from backup: Data, to path: String, password: Data) throws -> Vault {
        try Vault.restoreBytes(backup: backup, vaultPath: path, password: password)
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
