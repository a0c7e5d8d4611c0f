import Foundation
import WardAppLogic
import WardCore

/// Import and export: another app's file or a Ward backup picked in Files,
/// a Ward backup exported to Files, and an export to Google Authenticator
/// shown as QR codes one by one.
///
/// Everything here runs off the main thread: an encrypted import derives
/// its key with scrypt or Argon2id, a backup export with Argon2id.
/// Exports hold secrets, so the core asks for a fresh proof
/// (`ReauthRequired`): the app then asks for the password or Face ID
/// (`reauthentication`) and runs the export again.
@MainActor
final class TransferModel: ObservableObject {
    /// An encrypted file waiting for its password.
    struct PendingImport: Equatable {
        let data: Data
        let format: String
    }

    /// A sensitive export waiting for the user to prove it is them.
    enum SensitiveExport: Equatable, Identifiable {
        case google
        case backup

        var id: Self { self }

        var purpose: String {
            switch self {
            case .google:
                return "Exporting to Google Authenticator shows every secret as a QR code."
            case .backup:
                return "A backup file holds every account."
            }
        }
    }

    /// Set when the picked file is encrypted: the view asks for its password.
    @Published var pendingImport: PendingImport?
    /// A slow import or export is running: the screen shows progress.
    @Published private(set) var working = false
    /// The export waiting for re-authentication (a sheet asks).
    @Published var reauthentication: SensitiveExport?
    /// The Google Authenticator export being shown, one QR code at a time.
    @Published var googleExport: ExportPager?
    /// Accounts Google Authenticator cannot take, said on the export
    /// screen (an alert would appear behind it).
    @Published private(set) var googleExportNote: String?
    /// The Ward backup to save in Files.
    @Published var exportDocument: BackupDocument?

    private let session: VaultSession
    private var notices: Notices { session.notices }
    /// The password of the backup export waiting for re-authentication.
    private var pendingBackupPassword: SecretBytes?

    init(session: VaultSession) {
        self.session = session
    }

    /// The app went to the background: every secret on screen is dropped.
    func locked() {
        googleExport?.clear()
        googleExport = nil
        exportDocument = nil
        pendingImport = nil
        reauthentication = nil
        pendingBackupPassword?.wipe()
        pendingBackupPassword = nil
    }

    // MARK: - Import

    /// Imports a backup or another app's export picked in Files (the core
    /// detects the format).
    func importFile(from url: URL) async {
        let scoped = url.startAccessingSecurityScopedResource()
        defer {
            if scoped {
                url.stopAccessingSecurityScopedResource()
            }
        }
        do {
            let values = try url.resourceValues(forKeys: [.fileSizeKey])
            if let size = values.fileSize, size > 20 * 1024 * 1024 {
                notices.show(title: "Import failed", message: "This file is larger than 20 MB: it is not an authenticator backup.")
                return
            }
            let data = try Data(contentsOf: url)
            await importData(data, password: nil)
        } catch {
            notices.show(title: "Import failed", message: error.localizedDescription)
        }
    }

    /// Imports the pending encrypted file with the password it was
    /// exported with.
    func importPending(_ pending: PendingImport, password: String) async {
        pendingImport = nil
        await importData(pending.data, password: password)
    }

    private func importData(_ data: Data, password: String?) async {
        guard let vault = session.vault else {
            return
        }
        let bytes = password.map(SecretBytes.init)
        defer { bytes?.wipe() }
        let now = unixSeconds(Date())
        working = true
        defer { working = false }
        do {
            let report = try await offMain {
                try vault.`import`(data: data, password: bytes?.data, now: now)
            }
            if !report.added.isEmpty {
                session.vaultDidChange()
            }
            notices.show(title: "Import finished", message: Self.summary(of: report))
        } catch let error as WardError {
            if case .PasswordNeeded(let format) = error {
                pendingImport = PendingImport(data: data, format: format)
            } else {
                notices.show(title: "Import failed", message: Notices.message(for: error))
            }
        } catch {
            notices.show(title: "Import failed", message: Notices.message(for: error))
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

    // MARK: - Export

    /// A Ward backup of every entry, encrypted by the core with `password`,
    /// for the Files app (`exportDocument`).
    func saveBackupFile(password: String) async {
        pendingBackupPassword?.wipe()
        pendingBackupPassword = SecretBytes(password)
        await runBackupExport()
    }

    private func runBackupExport() async {
        guard let vault = session.vault, let bytes = pendingBackupPassword else {
            return
        }
        guard session.hasFreshProof else {
            reauthentication = .backup
            return
        }
        let now = unixSeconds(Date())
        working = true
        defer { working = false }
        do {
            let export = try await offMain { try vault.exportBackupFile(password: bytes.data, at: now) }
            bytes.wipe()
            pendingBackupPassword = nil
            if !export.leftOut.isEmpty {
                notices.show(
                    title: "Some entries were left out",
                    message: export.leftOut.map { "\($0.label): \($0.reason)" }.joined(separator: "\n")
                )
            }
            exportDocument = BackupDocument(data: export.data)
        } catch let error where Vault.isReauthRequired(error) {
            reauthentication = .backup
        } catch {
            bytes.wipe()
            pendingBackupPassword = nil
            notices.show(title: "Export failed", message: Notices.message(for: error))
        }
    }

    /// Every account as Google Authenticator export QR codes, shown one by
    /// one (`googleExport`).
    func exportToGoogle() async {
        guard let vault = session.vault else {
            return
        }
        guard session.hasFreshProof else {
            reauthentication = .google
            return
        }
        let now = unixSeconds(Date())
        working = true
        defer { working = false }
        do {
            let export = try await offMain { try vault.exportGoogleCodes(at: now) }
            googleExportNote = export.leftOut.isEmpty
                ? nil
                : "Not in these codes: " + export.leftOut.map { "\($0.label) (\($0.reason))" }.joined(separator: "; ")
            if !export.uris.isEmpty {
                googleExport = ExportPager(uris: export.uris)
            }
        } catch let error where Vault.isReauthRequired(error) {
            reauthentication = .google
        } catch {
            notices.show(title: "Export failed", message: Notices.message(for: error))
        }
    }

    /// The user proved it is them: run the waiting export again.
    func reauthenticated(for export: SensitiveExport) async {
        reauthentication = nil
        switch export {
        case .google:
            await exportToGoogle()
        case .backup:
            await runBackupExport()
        }
    }

    /// The user cancelled the re-authentication.
    func reauthenticationCancelled() {
        reauthentication = nil
        pendingBackupPassword?.wipe()
        pendingBackupPassword = nil
    }

    /// The export screen closed.
    func googleExportClosed() {
        googleExportNote = nil
        googleExport?.clear()
        googleExport = nil
    }
}
