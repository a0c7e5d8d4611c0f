import Combine
import Foundation
import PhotosUI
import SwiftUI
import UIKit
import WardAppLogic
import WardCore

/// The core's entry id: 32 hex digits.
typealias EntryID = String

/// The app's state and every call into the core. Views read its published
/// properties and call its methods; nothing else touches the vault.
///
/// Slow core calls (unlocking runs Argon2id, about half a second; biometric
/// unlock waits for Face ID) run off the main thread through `offMain`.
/// Quick ones (codes, add, delete: one SQLite transaction) run inline.
@MainActor
final class AppModel: ObservableObject {
    /// A message in an alert: a title and what to do.
    struct Notice: Identifiable, Equatable {
        let id = UUID()
        let title: String
        let message: String
    }

    @Published private(set) var machine = UnlockMachine()
    @Published private(set) var list = CodeList<EntryID>()
    @Published private(set) var now = Date()
    @Published var notice: Notice?
    /// A short confirmation at the bottom of the list ("Copied").
    @Published private(set) var toast: String?
    @Published private(set) var setupError: String?
    /// Face ID / Touch ID is on for this vault.
    @Published private(set) var biometricsEnabled: Bool
    /// The biometry the device offers now, nil when none.
    @Published private(set) var biometrics: Biometrics.Kind?

    private var vault: Vault?
    private var revealedHOTP: [EntryID: String] = [:]
    private var ticker: AnyCancellable?
    private var toastTask: Task<Void, Never>?
    private let clipboardPolicy = ClipboardPolicy()
    private let defaults = UserDefaults.standard
    private static let biometricsKey = "deviceUnlockEnabled"

    init() {
        biometricsEnabled = UserDefaults.standard.bool(forKey: Self.biometricsKey)
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
                machine.handle(.unlockFailed(.other(Self.message(for: error))))
                return
            }
        }
        if !exists {
            setBiometricsFlag(false)
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

    // MARK: - First run, unlock, lock

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
            machine.handle(.created)
            startTicking()
            if enableBiometrics {
                await setBiometrics(true)
            }
        } catch {
            setupError = Self.message(for: error)
        }
    }

    /// Unlocks with the password (off the main thread: Argon2id).
    func unlock(password: String) async {
        guard let vault = openedVault() else {
            return
        }
        machine.handle(.unlockStarted(.password))
        let bytes = SecretBytes(password)
        defer { bytes.wipe() }
        do {
            try await offMain { try vault.unlock(password: bytes.data) }
            unlocked()
        } catch let error as WardError where error == .WrongPassword {
            machine.handle(.unlockFailed(.wrongPassword))
        } catch {
            machine.handle(.unlockFailed(.other(Self.message(for: error))))
        }
    }

    /// Unlocks through the Secure Enclave key: shows the Face ID / Touch ID
    /// prompt. A changed enrolment turns biometric unlock off (the password
    /// still opens the vault; nothing is deleted).
    func unlockWithBiometrics() async {
        guard biometricsEnabled, let vault = openedVault() else {
            return
        }
        machine.handle(.unlockStarted(.biometrics))
        do {
            let keyStore = SecureEnclaveKeyStore()
            try await offMain { try vault.unlockWithKeyStore(keyStore: keyStore) }
            unlocked()
        } catch let error as WardError {
            switch error {
            case .Cancelled:
                machine.handle(.unlockFailed(.cancelled))
            case .KeyInvalidated:
                setBiometricsFlag(false)
                machine.handle(.unlockFailed(.biometricsChanged))
            case .KeyStore:
                machine.handle(.unlockFailed(.biometricsUnavailable))
            default:
                machine.handle(.unlockFailed(.other(Self.message(for: error))))
            }
        } catch {
            machine.handle(.unlockFailed(.other(Self.message(for: error))))
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
            machine.handle(.unlockFailed(.other(Self.message(for: error))))
            return nil
        }
    }

    /// "Lock now".
    func lock() {
        machine.handle(.lockRequested)
        closeSession()
    }

    /// Turns biometric unlock on (adds a key slot wrapped by a new Secure
    /// Enclave key) or off (removes the vault's device-unlock slot, then
    /// deletes the Secure Enclave key; the password is untouched).
    func setBiometrics(_ on: Bool) async {
        guard let vault else {
            return
        }
        if on {
            do {
                let keyStore = SecureEnclaveKeyStore()
                try await offMain { try vault.enableKeyStore(keyStore: keyStore) }
                setBiometricsFlag(true)
            } catch {
                setBiometricsFlag(false)
                show(
                    title: "\(biometrics?.name ?? "Biometric unlock") could not be turned on",
                    message: Self.message(for: error)
                )
            }
        } else {
            do {
                try await offMain { try vault.disableKeyStore() }
            } catch {
                show(
                    title: "\(biometrics?.name ?? "Biometric unlock") could not be turned off",
                    message: Self.message(for: error)
                )
                return
            }
            SecureEnclaveKey.delete()
            setBiometricsFlag(false)
        }
    }

    private func setBiometricsFlag(_ on: Bool) {
        biometricsEnabled = on
        defaults.set(on, forKey: Self.biometricsKey)
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
        startTicking()
    }

    /// Locks the vault in the core (keys wiped) and drops every code the
    /// app holds.
    private func closeSession() {
        ticker?.cancel()
        ticker = nil
        vault?.lock()
        list = CodeList()
        revealedHOTP = [:]
    }

    private func startTicking() {
        tick(now: Date())
        ticker = Timer.publish(every: 1, on: .main, in: .common)
            .autoconnect()
            .sink { [weak self] date in
                self?.tick(now: date)
            }
    }

    // MARK: - The list

    /// Reads every code at `now` from the core (one call, microseconds).
    func tick(now: Date) {
        self.now = now
        guard machine.state == .unlocked, let vault else {
            return
        }
        do {
            let codes = try vault.codes(unixTime: unixSeconds(now))
            list.rows = codes.map(row(for:))
        } catch {
            report(error)
        }
    }

    private func row(for entry: EntryCode) -> CodeRow<EntryID> {
        let content: RowContent
        switch entry.state {
        case .timed(let code, _):
            content = .timed(
                code: code.code,
                nextCode: code.nextCode,
                secondsRemaining: code.secondsRemaining,
                period: code.period
            )
        case .hotp(let counter):
            content = .hotp(counter: counter, revealed: revealedHOTP[entry.id])
        case .damaged:
            content = .damaged(
                reason: "This entry cannot be read. It was kept as it is: restore it from a backup, or delete it."
            )
        }
        return CodeRow(id: entry.id, issuer: entry.issuer, account: entry.name, content: content)
    }

    /// Copies a code for this device only, expiring with the code.
    func copy(_ code: String, of row: CodeRow<EntryID>) {
        let copiedAt = Date()
        var validFor: TimeInterval?
        if case let .timed(_, _, _, period) = row.content {
            validFor = Countdown(now: copiedAt, period: period).timeRemaining
        }
        let expiry = clipboardPolicy.expiry(now: copiedAt, validFor: validFor)
        Clipboard.copy(code, expiresAt: expiry)
        let seconds = Int(expiry.timeIntervalSince(copiedAt).rounded())
        showToast("Copied. It leaves the clipboard in \(seconds) s.")
    }

    /// Makes the next HOTP code (the core advances the counter first).
    func nextHOTP(_ id: EntryID) {
        guard let vault else {
            return
        }
        do {
            revealedHOTP[id] = try vault.hotpNext(id: id, now: unixSeconds(Date()))
            tick(now: Date())
        } catch {
            report(error)
        }
    }

    /// Deletes entries (after the view's confirmation).
    func delete(_ ids: [EntryID]) {
        guard let vault else {
            return
        }
        for id in ids {
            do {
                try vault.delete(id: id)
                revealedHOTP[id] = nil
            } catch {
                report(error)
                break
            }
        }
        tick(now: Date())
    }

    /// Renames an entry; returns the error to show, nil on success.
    func rename(_ id: EntryID, issuer: String, account: String) -> String? {
        guard let vault else {
            return "The vault is locked."
        }
        do {
            // Keep what the edit screen does not show (note, favourite,
            // icon) as it is.
            let listed = try vault.list(filter: "")
            var current: EntryRecord?
            for item in listed {
                if case .entry(let entry) = item, entry.id == id {
                    current = entry
                }
            }
            guard let current else {
                return "This account is no longer in the vault."
            }
            let edit = EntryEdit(
                issuer: issuer.trimmingCharacters(in: .whitespacesAndNewlines),
                name: account.trimmingCharacters(in: .whitespacesAndNewlines),
                note: current.note,
                favourite: current.favourite,
                icon: current.icon
            )
            try vault.update(id: id, edit: edit, now: unixSeconds(Date()))
            tick(now: Date())
            return nil
        } catch {
            return Self.message(for: error)
        }
    }

    /// Moves rows (SwiftUI `onMove`), and stores the new order.
    func move(offsets: IndexSet, to destination: Int) {
        guard let vault else {
            return
        }
        let ids = list.ids(movingRowsAt: offsets, to: destination)
        do {
            try vault.reorder(ids: ids)
            list.reorder(to: ids)
        } catch {
            report(error)
            tick(now: Date())
        }
    }

    // MARK: - Adding accounts

    /// What a scanned text is, for `ScanSession`. Google export codes are
    /// imported as they are scanned (the import skips what is already in
    /// the vault), and the import report says which part this was.
    func classify(_ text: String) -> ScannedCode {
        let lowered = text.lowercased()
        if lowered.hasPrefix("otpauth://") {
            return .account(uri: text)
        }
        if lowered.hasPrefix("otpauth-migration://") {
            return importExportPart(text) ?? .unrecognized
        }
        return .unrecognized
    }

    /// Adds one `otpauth://` account; returns the error to show, nil on
    /// success.
    func add(uri: String) -> String? {
        guard let vault else {
            return "The vault is locked."
        }
        do {
            _ = try vault.addUri(uri: uri, now: unixSeconds(Date()))
            tick(now: Date())
            showToast("Account added.")
            return nil
        } catch {
            return Self.message(for: error)
        }
    }

    /// Called when every QR code of a Google export was scanned (each was
    /// imported as it came): says so.
    func googleExportFinished(parts: Int) {
        tick(now: Date())
        show(
            title: "Google Authenticator export imported",
            message: "All \(parts) QR code\(parts == 1 ? "" : "s") of the export were read. "
                + "Accounts already in Ward were skipped."
        )
    }

    /// Imports one QR code of a Google export; returns which part it was.
    private func importExportPart(_ uri: String) -> ScannedCode? {
        guard let vault else {
            return nil
        }
        do {
            let report = try vault.`import`(
                data: Data(uri.utf8),
                password: nil,
                now: unixSeconds(Date())
            )
            guard let batch = report.googleBatches.first, let index = batch.present.first else {
                return nil
            }
            return .exportPart(
                ExportPart(uri: uri, batchId: 0, index: Int(index), count: Int(batch.batchSize))
            )
        } catch {
            report(error)
            return nil
        }
    }

    /// Screenshots from Photos: each is decoded by the core's QR decoder
    /// (the same one Android and the CLI use; its still-picture mode, which
    /// tries harder than for camera frames) and added like a scan.
    func addFromPhotos(_ items: [PhotosPickerItem]) async {
        var session = ScanSession()
        var added = 0
        var problems: [String] = []
        for item in items {
            guard let data = try? await item.loadTransferable(type: Data.self),
                  let image = UIImage(data: data)?.cgImage,
                  let luma = LumaImage(cgImage: image)
            else {
                problems.append("A picture could not be read.")
                continue
            }
            let scanned: ScannedQr?
            let bytes = luma.bytes
            let width = UInt32(luma.width)
            let height = UInt32(luma.height)
            let rowStride = UInt32(luma.rowStride)
            do {
                scanned = try await offMain {
                    try decodeQrPicture(luma: bytes, width: width, height: height, rowStride: rowStride)
                }
            } catch {
                problems.append(Self.message(for: error))
                continue
            }
            guard let scanned else {
                problems.append("No QR code was found in a picture.")
                continue
            }
            let text: String
            switch scanned {
            case .account(let uri, _):
                text = uri
            case .googleExport(let uri):
                text = uri
            }
            switch session.accept(classify(text)) {
            case .account(let uri):
                if let problem = add(uri: uri) {
                    problems.append(problem)
                } else {
                    added += 1
                }
                session = ScanSession()
            case .exportComplete(let uris):
                googleExportFinished(parts: uris.count)
                return
            case .unrecognized:
                problems.append("A picture's QR code is not an authenticator code.")
            case .exportProgress, .restartedWithAnotherExport, .nothingNew:
                break
            }
        }
        tick(now: Date())
        if !session.missingParts.isEmpty {
            let missing = session.missingParts.map(String.init).joined(separator: ", ")
            problems.append(
                "Part of a Google Authenticator export is missing (QR code \(missing)). "
                    + "Pick its screenshot too, or scan it with the camera."
            )
        }
        if !problems.isEmpty {
            show(title: added > 0 ? "Some pictures were not added" : "Nothing was added", message: problems.joined(separator: "\n"))
        } else if added > 0 {
            showToast(added == 1 ? "Account added." : "\(added) accounts added.")
        }
    }

    // MARK: - Import and export

    /// An encrypted file waiting for its password.
    struct PendingImport: Equatable {
        let data: Data
        let format: String
    }

    /// Set when the picked file is encrypted: the view asks for its password.
    @Published var pendingImport: PendingImport?

    /// Imports a backup or another app's export picked in Files (the core
    /// detects the format).
    func importBackup(from url: URL) {
        let scoped = url.startAccessingSecurityScopedResource()
        defer {
            if scoped {
                url.stopAccessingSecurityScopedResource()
            }
        }
        do {
            let values = try url.resourceValues(forKeys: [.fileSizeKey])
            if let size = values.fileSize, size > 20 * 1024 * 1024 {
                show(title: "Import failed", message: "This file is larger than 20 MB: it is not an authenticator backup.")
                return
            }
            importFile(try Data(contentsOf: url), password: nil)
        } catch {
            show(title: "Import failed", message: error.localizedDescription)
        }
    }

    /// Imports the pending encrypted file with the password it was
    /// exported with.
    func importPending(_ pending: PendingImport, password: String) {
        pendingImport = nil
        importFile(pending.data, password: password)
    }

    private func importFile(_ data: Data, password: String?) {
        guard let vault else {
            return
        }
        let bytes = password.map(SecretBytes.init)
        defer { bytes?.wipe() }
        do {
            let report = try vault.`import`(data: data, password: bytes?.data, now: unixSeconds(Date()))
            tick(now: Date())
            show(title: "Import finished", message: Self.summary(of: report))
        } catch let error as WardError {
            if case .PasswordNeeded(let format) = error {
                pendingImport = PendingImport(data: data, format: format)
            } else {
                show(title: "Import failed", message: Self.message(for: error))
            }
        } catch {
            show(title: "Import failed", message: Self.message(for: error))
        }
    }

    /// A Ward backup of every entry, encrypted by the core with `password`,
    /// for the Files app. Nil (with an alert) when it fails.
    func makeExport(password: String) -> BackupDocument? {
        guard let vault else {
            return nil
        }
        let bytes = SecretBytes(password)
        defer { bytes.wipe() }
        do {
            let export = try vault.exportBackup(password: bytes.data)
            if !export.leftOut.isEmpty {
                show(
                    title: "Some entries were left out",
                    message: export.leftOut.map { "\($0.label): \($0.reason)" }.joined(separator: "\n")
                )
            }
            return BackupDocument(data: export.data)
        } catch {
            show(title: "Export failed", message: Self.message(for: error))
            return nil
        }
    }

    static func summary(of report: ImportReport) -> String {
        var lines = ["\(report.format): \(report.added.count) account\(report.added.count == 1 ? "" : "s") added."]
        if !report.duplicates.isEmpty {
            lines.append("\(report.duplicates.count) already in Ward, skipped.")
        }
        for item in report.skipped {
            let label = item.label.isEmpty ? item.position : item.label
            lines.append("Not added: \(label): \(item.reason)")
        }
        for batch in report.googleBatches where !batch.missing.isEmpty {
            let missing = batch.missing.map { String($0 + 1) }.joined(separator: ", ")
            lines.append("QR code \(missing) of \(batch.batchSize) of the Google export is missing: import it too.")
        }
        if report.withoutOtp > 0 {
            lines.append("\(report.withoutOtp) item\(report.withoutOtp == 1 ? " has" : "s have") no one-time password.")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Messages

    func show(error message: String) {
        show(title: "Something went wrong", message: message)
    }

    func show(title: String, message: String) {
        notice = Notice(title: title, message: message)
    }

    private func report(_ error: Error) {
        if let wardError = error as? WardError, wardError == .Locked {
            // The core locked (or was never unlocked): back to the lock screen.
            lock()
            return
        }
        show(error: Self.message(for: error))
    }

    private func showToast(_ text: String) {
        toast = text
        toastTask?.cancel()
        toastTask = Task { [weak self] in
            try? await Task.sleep(nanoseconds: 2_500_000_000)
            if !Task.isCancelled {
                self?.toast = nil
            }
        }
    }

    /// The sentence to show for an error. `WardError.description` is the
    /// core's message (what is wrong, what to do); it never holds a secret.
    static func message(for error: Error) -> String {
        if let wardError = error as? WardError {
            let text = wardError.description
            return text.prefix(1).uppercased() + text.dropFirst()
        }
        return error.localizedDescription
    }
}

/// Password bytes for the core, wiped after use. Best effort: the core
/// zeroizes its own copy, and this wipes the app's; the `String` the user
/// typed cannot be wiped in Swift, so views drop it as soon as it is sent.
final class SecretBytes: @unchecked Sendable {
    private(set) var data: Data

    init(_ text: String) {
        data = Data(text.utf8)
    }

    /// Overwrites the bytes with zeros (in place: no other copy is alive
    /// once the core call returned).
    func wipe() {
        data.resetBytes(in: 0..<data.count)
    }
}

/// Runs `work` on a background queue and returns its result: for core calls
/// that take long (key derivation) or block (the biometric prompt).
private func offMain<T>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}
