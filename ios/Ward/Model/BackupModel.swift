import Foundation
import WardAppLogic
import WardCore

/// Automatic backups to a folder the user picked: after every change to the
/// vault, the core writes a verified snapshot of the (encrypted) vault into
/// the folder and keeps the newest N (`Vault.backupToDir`). The status (last
/// backup, last failure) lives in the vault's encrypted settings; the
/// reminder rules are `BackupPlan`'s (WardAppLogic, shared with Android).
///
/// A backup is sealed like the vault (the vault's password opens it), so
/// it needs no re-authentication. Backups run off the main thread, one at a
/// time (`BackupScheduler`).
@MainActor
final class BackupModel: ObservableObject {
    /// The status, read from the vault after each backup and unlock.
    @Published private(set) var state = BackupState(enabled: false)
    /// The picked folder's name.
    @Published private(set) var folderName: String?
    @Published private(set) var running = false

    private let session: VaultSession
    private var notices: Notices { session.notices }
    private var scheduler = BackupScheduler()

    init(session: VaultSession) {
        self.session = session
    }

    /// The reminder on the codes screen, nil when there is none.
    func reminder(now: Date) -> String? {
        let seconds = unixSeconds(now)
        return BackupPlan.message(for: BackupPlan.reminder(for: state, now: seconds), now: seconds)
    }

    /// The status lines in Settings → Backups.
    func statusText(now: Date) -> String {
        BackupPlan.status(of: state, now: unixSeconds(now))
    }

    /// Reads the status from the vault.
    func refresh() {
        guard let vault = session.vault, session.isUnlocked else {
            return
        }
        do {
            state = try vault.backupState()
            folderName = state.enabled ? BackupFolder.displayName() : nil
        } catch {
            // The status is informative only; the next refresh tries again.
        }
    }

    /// The vault opened or changed.
    func vaultChanged(_ change: VaultSession.VaultChange) {
        switch change {
        case .opened:
            refresh()
        case .changed:
            if scheduler.vaultChanged(backupsEnabled: state.enabled) {
                Task { await runBackups() }
            }
        }
    }

    /// "Back up now".
    func backUpNow() async {
        guard state.enabled else {
            return
        }
        if scheduler.vaultChanged(backupsEnabled: true) {
            await runBackups()
        }
    }

    private func runBackups() async {
        running = true
        repeat {
            await backUpOnce()
        } while scheduler.backupFinished()
        running = false
        refresh()
    }

    private func backUpOnce() async {
        guard let vault = session.vault, session.isUnlocked else {
            return
        }
        let keep = state.keep
        let now = unixSeconds(Date())
        do {
            try await offMain {
                try BackupFolder.withAccess { folder in
                    try vault.backUp(into: folder.path, keep: keep, at: now)
                }
            }
        } catch let problem as BackupFolder.Problem {
            // The core never saw the folder: record the failure for it.
            try? vault.recordBackup(at: now, error: problem.message)
        } catch {
            // backupToDir recorded its own failure in the vault's settings;
            // a coordination error is recorded here.
            if !(error is WardError) {
                try? vault.recordBackup(at: now, error: error.localizedDescription)
            }
        }
    }

    /// The user picked a folder: backups go there from now on, keeping
    /// `keep`, starting with one now.
    func choose(folder url: URL, keep: UInt32) async {
        guard let vault = session.vault else {
            return
        }
        do {
            try BackupFolder.remember(url)
            try vault.configureBackups(location: url.lastPathComponent, keep: keep)
        } catch {
            notices.show(title: "Backups were not turned on", message: Notices.message(for: error))
            return
        }
        refresh()
        await backUpNow()
    }

    /// A new number of backups to keep.
    func setKeep(_ keep: UInt32) {
        guard let vault = session.vault, state.enabled else {
            return
        }
        do {
            try vault.configureBackups(location: folderName ?? "", keep: keep)
            refresh()
        } catch {
            notices.show(error: Notices.message(for: error))
        }
    }

    /// Turns automatic backups off (the backups already written stay).
    func turnOff() {
        guard let vault = session.vault else {
            return
        }
        do {
            try vault.configureBackups(location: nil, keep: state.keep)
            BackupFolder.forget()
            refresh()
        } catch {
            notices.show(error: Notices.message(for: error))
        }
    }
}
