import Foundation
import SwiftUI
import WardAppLogic
import WardCore

/// The core's entry id: 32 hex digits.
typealias EntryID = String

/// The vault's lifecycle: first run (create or restore), unlock with the
/// password or Face ID / Touch ID, lock, and the device-unlock slot.
///
/// Every other flow (codes, adding, import/export, backups, settings) reads
/// the open vault from here and calls `vaultDidChange()` after a change it
/// committed, so that the list refreshes and an automatic backup runs.
///
/// Slow core calls (Argon2id at unlock and create; the biometric prompt)
/// run off the main thread through `offMain`.
@MainActor
final class VaultSession: ObservableObject {
    @Published private(set) var machine = UnlockMachine()
    @Published private(set) var setupError: String?
    /// Face ID / Touch ID unlock, and what to clean up (see
    /// `DeviceUnlockSetting`).
    @Published private(set) var deviceUnlock: DeviceUnlockSetting
    /// The biometry the device offers now, nil when none.
    @Published private(set) var biometrics: Biometrics.Kind?
    /// Set after a password unlock when Face ID stopped working because
    /// the enrolment changed: the codes screen offers to turn it on again.
    @Published var offerReenrol = false
    /// What the last unlock found about the vault file (`IntegrityCheck`):
    /// changed outside Ward, or older than this device has seen. The codes
    /// screen shows it until the owner keeps the vault as it is.
    @Published private(set) var integrity: IntegrityCheck.Verdict = .intact

    /// The vault file, opened (locked or unlocked); nil before `start` or
    /// when it could not be opened.
    private(set) var vault: Vault?
    let notices: Notices
    /// Called after every committed change to the vault and after each
    /// unlock (set by `WardApp`: refresh the list, run a backup).
    var onVaultChanged: [@MainActor (VaultChange) -> Void] = []
    /// Called when the vault locks (drop every code the app holds).
    var onLocked: [@MainActor () -> Void] = []

    /// When the owner last proved it is them (unlock, re-authentication).
    private var proof = ProofWindow()
    private let defaults = UserDefaults.standard
    private static let settingKey = "deviceUnlock"
    private static let legacyKey = "deviceUnlockEnabled"

    /// What happened to the vault.
    enum VaultChange {
        /// Unlocked (or created): read everything.
        case opened
        /// A change was committed: read again and back up.
        case changed
    }

    init(notices: Notices) {
        self.notices = notices
        deviceUnlock = DeviceUnlockSetting.decoded(
            from: UserDefaults.standard.data(forKey: Self.settingKey),
            legacyEnabled: UserDefaults.standard.bool(forKey: Self.legacyKey)
        )
    }

    var isUnlocked: Bool {
        machine.state == .unlocked
    }

    /// Whether a sensitive action may run now without asking the user to
    /// prove it is them again.
    var hasFreshProof: Bool {
        isUnlocked && proof.isFresh(at: unixSeconds(Date()))
    }

    /// Tells every flow that the vault changed.
    func vaultDidChange() {
        rememberGeneration()
        for listener in onVaultChanged {
            listener(.changed)
        }
    }

    // MARK: - Lifecycle

    /// Looks for the vault once, at launch.
    func start() {
        guard machine.state == .starting else {
            return
        }
        initLogging()
        biometrics = Biometrics.available()
        var exists = false
        if VaultFiles.vaultExists(), let url = try? VaultFiles.vaultURL() {
            do {
                vault = try Vault.open(path: url.path)
                exists = true
                VaultFiles.protectAll()
            } catch {
                // The file is there but cannot be opened (damaged, newer
                // schema): show the unlock screen with the reason; never
                // offer to create a vault over it. Unlocking tries again.
                machine.handle(.vaultChecked(exists: true))
                machine.handle(.unlockStarted(.password))
                machine.handle(.unlockFailed(.other(Notices.message(for: error))))
                return
            }
        }
        if exists {
            // Restored from a device backup onto this phone: the vault and
            // the settings came back, the device-only key did not.
            updateDeviceUnlock { $0.launched(keyExists: SecureEnclaveKey.exists()) }
        } else {
            updateDeviceUnlock { $0.turnedOff() }
        }
        machine.handle(.vaultChecked(exists: exists))
    }

    /// Scene phase changes: lock in the background; refresh what the
    /// device offers when back.
    func sceneChanged(to phase: ScenePhase) {
        switch phase {
        case .background:
            machine.handle(.enteredBackground)
            closeSession()
        case .active:
            biometrics = Biometrics.available()
        default:
            break
        }
    }

    // MARK: - First run

    /// Creates the vault with `password` and, if asked, turns on biometric
    /// unlock (which needs no prompt: wrapping uses the public key).
    func create(password: String, enableBiometrics: Bool) async {
        setupError = nil
        do {
            let url = try VaultFiles.vaultURL()
            let bytes = SecretBytes(password)
            defer { bytes.wipe() }
            let path = url.path
            let created = try await offMain {
                try Vault.create(path: path, password: bytes.data)
            }
            VaultFiles.protectAll()
            vault = created
            acceptGeneration(of: created)
            machine.handle(.created)
            opened()
            if enableBiometrics {
                // Creating is no proof for the core: prove with the password
                // just typed, then enrol (no prompt: wrapping uses the
                // public key).
                await proveAfterSetup(created, password: bytes)
                await setBiometrics(true)
            }
        } catch {
            setupError = Notices.message(for: error)
        }
    }

    /// First run: a new vault from a backup file the user picked (a Ward
    /// backup snapshot), opened with that backup's password. Platform
    /// slots are not carried over: Face ID is set up again here when the
    /// user chose it.
    func restoreVault(from backup: URL, password: String, enableBiometrics: Bool) async {
        setupError = nil
        let scoped = backup.startAccessingSecurityScopedResource()
        defer {
            if scoped {
                backup.stopAccessingSecurityScopedResource()
            }
        }
        do {
            let data = try await offMain { try BackupFolder.readBackup(at: backup) }
            let url = try VaultFiles.vaultURL()
            let bytes = SecretBytes(password)
            defer { bytes.wipe() }
            let path = url.path
            let restored = try await offMain {
                try Vault.restored(from: data, to: path, password: bytes.data)
            }
            VaultFiles.protectAll()
            vault = restored
            // Restored on purpose: this older file is the one to compare
            // with from now on.
            acceptGeneration(of: restored)
            updateDeviceUnlock { $0.turnedOff() }
            machine.handle(.created)
            opened()
            if enableBiometrics {
                // The backup's slots were not carried over: set Face ID up
                // again now, with the password just typed as the proof.
                await proveAfterSetup(restored, password: bytes)
                await setBiometrics(true)
            }
        } catch let error as WardError where error == .WrongPassword {
            setupError = "This password does not open the backup. Enter the password the vault had when the backup was made."
        } catch {
            setupError = Notices.message(for: error)
        }
    }

    /// Records a fresh proof with the password the user just typed at
    /// first run (create or restore), so that Face ID can be enrolled
    /// without asking for the password again.
    private func proveAfterSetup(_ vault: Vault, password: SecretBytes) async {
        let now = unixSeconds(Date())
        do {
            try await offMain { try vault.proveOwner(password: password.data, at: now) }
            proof.proved(at: now)
        } catch {
            // Enrolling then asks for the password (ReauthRequired).
        }
    }

    // MARK: - Unlock and lock

    /// Unlocks with the password (off the main thread: Argon2id).
    func unlock(password: String) async {
        guard let vault = openedVault() else {
            return
        }
        machine.handle(.unlockStarted(.password))
        let bytes = SecretBytes(password)
        defer { bytes.wipe() }
        let now = unixSeconds(Date())
        do {
            try await offMain { try vault.unlock(password: bytes.data, proofAt: now) }
            proof.proved(at: now)
            unlocked()
            await afterPasswordUnlock()
        } catch let error as WardError where error == .WrongPassword {
            machine.handle(.unlockFailed(.wrongPassword))
        } catch {
            machine.handle(.unlockFailed(.other(Notices.message(for: error))))
        }
    }

    /// Unlocks through the Secure Enclave key: shows the Face ID / Touch ID
    /// prompt. Only a real invalidation (enrolment changed, passcode
    /// removed, key missing) turns biometric unlock off; a face that did not
    /// match, a cancel or a lockout never does (`DeviceKeyFailure`).
    func unlockWithBiometrics() async {
        guard deviceUnlock.enabled, let vault = openedVault() else {
            return
        }
        machine.handle(.unlockStarted(.biometrics))
        let keyStore = SecureEnclaveKeyStore(setting: deviceUnlock)
        let now = unixSeconds(Date())
        do {
            try await offMain { try vault.unlock(keyStore: keyStore, proofAt: now) }
            proof.proved(at: now)
            unlocked()
        } catch let error as WardError {
            let failure = keyStore.lastFailure ?? Self.failure(from: error)
            if let failure {
                updateDeviceUnlock { _ = $0.unlockFailed(failure) }
                machine.handle(.unlockFailed(failure.unlockFailure))
            } else {
                machine.handle(.unlockFailed(.other(Notices.message(for: error))))
            }
        } catch {
            machine.handle(.unlockFailed(.other(Notices.message(for: error))))
        }
    }

    /// The failure when the key store did not record one (the core refused
    /// before asking it).
    private static func failure(from error: WardError) -> DeviceKeyFailure? {
        switch error {
        case .Cancelled:
            return .cancelled
        case .KeyInvalidated:
            return .keyMissing
        default:
            return nil
        }
    }

    /// The vault file, opened (locked) if it was not yet: opening failed at
    /// launch when the file was damaged or from a newer Ward. Shows why when
    /// it still cannot be opened.
    private func openedVault() -> Vault? {
        if let vault {
            return vault
        }
        do {
            let opened = try Vault.open(path: try VaultFiles.vaultURL().path)
            vault = opened
            return opened
        } catch {
            machine.handle(.unlockStarted(.password))
            machine.handle(.unlockFailed(.other(Notices.message(for: error))))
            return nil
        }
    }

    /// "Lock now".
    func lock() {
        machine.handle(.lockRequested)
        closeSession()
    }

    private func unlocked() {
        machine.handle(.unlockSucceeded)
        guard machine.state == .unlocked else {
            // The app went to the background while unlocking: lock again.
            vault?.lock()
            return
        }
        // SQLite made its -wal and -shm files by now: protect them too.
        VaultFiles.protectAll()
        checkIntegrity()
        opened()
    }

    private func opened() {
        for listener in onVaultChanged {
            listener(.opened)
        }
    }

    /// Locks the vault in the core (keys wiped) and tells every flow to
    /// drop what it holds.
    private func closeSession() {
        vault?.lock()
        proof.locked()
        for listener in onLocked {
            listener()
        }
    }

    // MARK: - Integrity and rollback

    /// Compares the unlocked vault with its manifest (the core) and with
    /// the highest generation this device has seen (the Keychain).
    private func checkIntegrity() {
        guard let vault else {
            return
        }
        do {
            let report = try vault.integrity()
            let seen = GenerationStore.load()
            integrity = IntegrityCheck.verdict(
                generation: report.generation,
                intact: report.intact,
                problems: report.problems.map(\.description),
                highestSeen: seen
            )
            GenerationStore.save(IntegrityCheck.generationToKeep(current: report.generation, highestSeen: seen))
        } catch {
            notices.show(error: Notices.message(for: error))
        }
    }

    /// After a committed change: the generation grew; keep the highest.
    private func rememberGeneration() {
        guard let vault, let generation = try? vault.generation() else {
            return
        }
        GenerationStore.save(IntegrityCheck.generationToKeep(current: generation, highestSeen: GenerationStore.load()))
    }

    /// A vault created or restored on purpose here: its generation is the
    /// one to compare with, even when lower than an older vault's.
    private func acceptGeneration(of vault: Vault) {
        if let generation = try? vault.generation() {
            GenerationStore.save(IntegrityCheck.accepted(current: generation))
        }
        integrity = .intact
    }

    /// "Keep this vault": the owner accepts the file as it is. Needs a
    /// fresh proof (the core refuses with `ReauthRequired` otherwise): the
    /// manifest is sealed again over the current rows, rolled-back HOTP
    /// entries move to their first unused counter, and the warning goes.
    func keepVaultAsItIs() async throws {
        guard let vault else {
            throw WardError.Locked
        }
        let now = unixSeconds(Date())
        try await offMain { try vault.acceptIntegrityState(now: now) }
        acceptGeneration(of: vault)
        vaultDidChange()
    }

    // MARK: - Face ID / Touch ID

    /// After a password unlock: removes a dead platform slot, then enrols
    /// again (restored app) or offers to (changed enrolment).
    private func afterPasswordUnlock() async {
        guard let vault, isUnlocked else {
            return
        }
        for step in deviceUnlock.afterPasswordUnlock(biometryAvailable: biometrics != nil) {
            switch step {
            case .removeDeadSlot:
                do {
                    try await offMain { try vault.disableKeyStore() }
                    SecureEnclaveKey.delete()
                    updateDeviceUnlock { $0.deadSlotRemoved() }
                } catch {
                    // Tried again after the next password unlock.
                    return
                }
            case .reenrol:
                await setBiometrics(true)
                if !deviceUnlock.enabled {
                    updateDeviceUnlock { $0.reenrolDeclined() }
                }
            case .offerReenrol:
                offerReenrol = true
            }
        }
    }

    /// Turns biometric unlock on (exactly one platform slot, wrapped by a
    /// new Secure Enclave key: `Vault.enrol` replaces any old slot) or
    /// off (removes the platform slot, then deletes the key; the password
    /// is untouched). Turning it on needs a fresh proof: the unlock just
    /// made, or a re-authentication.
    func setBiometrics(_ on: Bool) async {
        guard let vault else {
            return
        }
        offerReenrol = false
        let name = biometrics?.name ?? "Biometric unlock"
        let now = unixSeconds(Date())
        if on {
            do {
                let keyStore = SecureEnclaveKeyStore(setting: deviceUnlock)
                try await offMain { try vault.enrol(keyStore: keyStore, proofAt: now) }
                let enrolment = SecureEnclaveKey.enrolment()
                updateDeviceUnlock { $0.enrolled(domainState: enrolment.domainState) }
            } catch let error where Vault.isReauthRequired(error) {
                notices.show(
                    title: "\(name) was not turned on",
                    message: "Lock Ward and unlock it with your password, then turn \(name) on."
                )
            } catch {
                notices.show(title: "\(name) could not be turned on", message: Notices.message(for: error))
            }
        } else {
            do {
                try await offMain { try vault.disableKeyStore() }
            } catch {
                notices.show(title: "\(name) could not be turned off", message: Notices.message(for: error))
                return
            }
            SecureEnclaveKey.delete()
            updateDeviceUnlock { $0.turnedOff() }
        }
    }

    private func updateDeviceUnlock(_ change: (inout DeviceUnlockSetting) -> Void) {
        var setting = deviceUnlock
        change(&setting)
        deviceUnlock = setting
        defaults.set(setting.encoded(), forKey: Self.settingKey)
        defaults.removeObject(forKey: Self.legacyKey)
    }

    // MARK: - Re-authentication and password

    /// Proves it is the owner before a sensitive action (export to Google
    /// Authenticator, change of password): the password, checked by the
    /// core, which records a fresh proof for the next minute.
    func confirmOwner(password: String) async throws {
        guard let vault else {
            throw WardError.Locked
        }
        let bytes = SecretBytes(password)
        defer { bytes.wipe() }
        let now = unixSeconds(Date())
        try await offMain { try vault.proveOwner(password: bytes.data, at: now) }
        proof.proved(at: now)
    }

    /// The same with Face ID / Touch ID (one prompt).
    func reauthenticateWithBiometrics() async throws {
        guard let vault, deviceUnlock.enabled else {
            throw WardError.Locked
        }
        let keyStore = SecureEnclaveKeyStore(setting: deviceUnlock)
        let now = unixSeconds(Date())
        try await offMain { try vault.proveOwner(keyStore: keyStore, at: now) }
        proof.proved(at: now)
    }

    /// Changes the vault password (off the main thread: Argon2id). The core
    /// drops the platform slots when it re-keys; Face ID is enrolled again
    /// at once (no prompt: wrapping uses the public key). Returns the error
    /// to show, nil on success.
    func replacePassword(current: String, new: String) async -> String? {
        guard let vault else {
            return "The vault is locked."
        }
        do {
            try await confirmOwner(password: current)
        } catch let error as WardError where error == .WrongPassword {
            return "The current password is wrong."
        } catch {
            return Notices.message(for: error)
        }
        let bytes = SecretBytes(new)
        defer { bytes.wipe() }
        let now = unixSeconds(Date())
        do {
            try await offMain { try vault.rekey(newPassword: bytes.data, at: now) }
        } catch {
            return Notices.message(for: error)
        }
        vaultDidChange()
        if deviceUnlock.enabled {
            SecureEnclaveKey.delete()
            await setBiometrics(true)
        }
        return nil
    }
}
