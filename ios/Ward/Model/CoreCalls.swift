import Foundation
import WardAppLogic
import WardCore

/// The core calls whose API changed in this session's contract (issues 12
/// and 13), in one place: every flow calls these.
///
/// - unlock and re-authentication record a fresh proof in the core; the
///   sensitive calls (exports, change of password, enabling device
///   unlock) take `now` and fail with `ReauthRequired` without one; the
///   app's `ProofWindow` asks before calling, the core's answer is final;
/// - `enableKeyStore` replaces any platform slot in one transaction, and
///   an unlock stops at the first `Cancelled`;
/// - automatic backups and restore are the core's (`backupToDir` makes a
///   consistent, verified snapshot and prunes to `keep`).
extension Vault {
    /// Whether `enableKeyStore` replaces an existing platform slot by
    /// itself (`DeviceUnlockSetting.stepsToEnable`).
    static var replacesPlatformSlots: Bool {
        true
    }

    /// `unlock(password:now:)`: a success is a fresh proof at `now`.
    func unlock(password: Data, proofAt now: UInt64) throws {
        try unlock(password: password, now: now)
    }

    /// `unlockWithKeyStore(keyStore:now:)`: one prompt at most.
    func unlock(keyStore: KeyStore, proofAt now: UInt64) throws {
        try unlockWithKeyStore(keyStore: keyStore, now: now)
    }

    /// Turns device unlock on with exactly one platform slot.
    func enrol(keyStore: KeyStore, proofAt now: UInt64) throws {
        for step in DeviceUnlockSetting.stepsToEnable(coreReplacesSlots: Self.replacesPlatformSlots) {
            switch step {
            case .removeOldSlots:
                try disableKeyStore()
            case .enrol:
                try enableKeyStore(keyStore: keyStore, now: now)
            }
        }
    }

    /// Checks the password (Argon2id) and records a fresh proof.
    func proveOwner(password: Data, at now: UInt64) throws {
        try reauthenticate(password: password, now: now)
    }

    /// One Face ID / Touch ID prompt, then a fresh proof.
    func proveOwner(keyStore: KeyStore, at now: UInt64) throws {
        try reauthenticateWithKeyStore(keyStore: keyStore, now: now)
    }

    /// Google Authenticator export URIs (hold secrets; needs a proof).
    func exportGoogleCodes(at now: UInt64) throws -> GoogleExport {
        try exportGoogle(now: now)
    }

    /// A Ward backup file encrypted with `password` (needs a proof).
    func exportBackupFile(password: Data, at now: UInt64) throws -> BackupExport {
        try exportBackup(password: password, now: now)
    }

    /// Re-keys the vault with a new password (needs a proof; drops the
    /// platform slots).
    func rekey(newPassword: Data, at now: UInt64) throws {
        try changePassword(newPassword: newPassword, now: now)
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
        if let wardError = error as? WardError, wardError == .ReauthRequired {
            return true
        }
        return error is SensitiveCallError
    }
}

/// A sensitive call refused because no fresh proof exists.
enum SensitiveCallError: Error {
    case reauthRequired
}
