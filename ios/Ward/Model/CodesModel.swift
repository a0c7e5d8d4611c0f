import Foundation
import WardAppLogic
import WardCore

/// The codes list: reads every code once a second while the vault is open,
/// and the actions on a row (copy, next HOTP code, edit, delete, reorder).
@MainActor
final class CodesModel: ObservableObject {
    @Published private(set) var list = CodeList<EntryID>()
    @Published private(set) var now = Date()

    private let session: VaultSession
    private var notices: Notices { session.notices }
    private var revealedHOTP: [EntryID: String] = [:]
    private var ticker: Task<Void, Never>?
    private let clipboardPolicy = ClipboardPolicy()

    init(session: VaultSession) {
        self.session = session
    }

    /// The vault opened: start reading codes, at each whole second.
    func opened() {
        tick(now: Date())
        guard ticker == nil else {
            return
        }
        // A task on the main actor (it inherits this method's isolation),
        // not a Combine timer, so that Swift 6 sees every tick is on it.
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                let fraction = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
                try? await Task.sleep(nanoseconds: UInt64((1 - fraction) * 1_000_000_000))
                guard let self, !Task.isCancelled else {
                    return
                }
                self.tick(now: Date())
            }
        }
    }

    /// The vault locked: drop every code.
    func locked() {
        ticker?.cancel()
        ticker = nil
        list = CodeList()
        revealedHOTP = [:]
    }

    /// Reads every code at `now` from the core (one call, microseconds).
    func tick(now: Date) {
        self.now = now
        guard session.isUnlocked, let vault = session.vault else {
            return
        }
        do {
            let codes = try vault.codes(unixTime: unixSeconds(now))
            list.rows = codes.map(row(for:))
        } catch {
            report(error)
        }
    }

    func refresh() {
        tick(now: Date())
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
        notices.showToast("Copied. It leaves the clipboard in \(seconds) s.")
    }

    /// Makes the next HOTP code (the core advances the counter first).
    func nextHOTP(_ id: EntryID) {
        guard let vault = session.vault else {
            return
        }
        do {
            revealedHOTP[id] = try vault.hotpNext(id: id, now: unixSeconds(Date()))
            session.vaultDidChange()
        } catch {
            report(error)
        }
    }

    /// Deletes entries (after the view's confirmation).
    func delete(_ ids: [EntryID]) {
        guard let vault = session.vault else {
            return
        }
        var deleted = false
        for id in ids {
            do {
                try vault.delete(id: id)
                revealedHOTP[id] = nil
                deleted = true
            } catch {
                report(error)
                break
            }
        }
        if deleted {
            session.vaultDidChange()
        }
        refresh()
    }

    /// The stored entry behind a row (note, favourite and icon are not in
    /// the list), nil when it is gone.
    func entry(_ id: EntryID) -> EntryRecord? {
        guard let vault = session.vault, let listed = try? vault.list(filter: "") else {
            return nil
        }
        for item in listed {
            if case .entry(let entry) = item, entry.id == id {
                return entry
            }
        }
        return nil
    }

    /// Edits an entry's names, note and favourite; the secret and the code
    /// parameters never change (the core applies it as a metadata edit).
    /// Returns the error to show, nil on success.
    func edit(_ id: EntryID, issuer: String, account: String, note: String, favourite: Bool) -> String? {
        guard let vault = session.vault else {
            return "The vault is locked."
        }
        guard let current = entry(id) else {
            return "This account is no longer in the vault."
        }
        let trimmedNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let edit = EntryEdit(
            issuer: issuer.trimmingCharacters(in: .whitespacesAndNewlines),
            name: account.trimmingCharacters(in: .whitespacesAndNewlines),
            note: trimmedNote,
            favourite: favourite,
            icon: current.icon
        )
        do {
            try vault.update(id: id, edit: edit, now: unixSeconds(Date()))
            session.vaultDidChange()
            return nil
        } catch {
            return Notices.message(for: error)
        }
    }

    /// Moves rows (SwiftUI `onMove`), and stores the new order.
    func move(offsets: IndexSet, to destination: Int) {
        guard let vault = session.vault else {
            return
        }
        let ids = list.ids(movingRowsAt: offsets, to: destination)
        do {
            try vault.reorder(ids: ids)
            list.reorder(to: ids)
            session.vaultDidChange()
        } catch {
            report(error)
            refresh()
        }
    }

    private func report(_ error: Error) {
        if let wardError = error as? WardError, wardError == .Locked {
            // The core locked (or was never unlocked): back to the lock screen.
            session.lock()
            return
        }
        notices.show(error: Notices.message(for: error))
    }
}
