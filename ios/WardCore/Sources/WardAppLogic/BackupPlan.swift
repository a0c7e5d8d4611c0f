import Foundation

/// The state of automatic backups as the core reports it
/// (`Vault.backupStatus()`), in plain Swift so that the rules below are
/// tested without the core. Times are Unix seconds.
public struct BackupState: Equatable, Sendable {
    /// Automatic backups are on (a folder was picked).
    public var enabled: Bool
    /// How many backups the folder keeps.
    public var keep: UInt32
    /// The last backup that was written and verified.
    public var lastSuccess: UInt64?
    /// The last backup that failed.
    public var lastFailure: UInt64?
    /// Why it failed, as the core or the app said it.
    public var lastError: String?

    public init(
        enabled: Bool,
        keep: UInt32 = BackupPlan.defaultKeep,
        lastSuccess: UInt64? = nil,
        lastFailure: UInt64? = nil,
        lastError: String? = nil
    ) {
        self.enabled = enabled
        self.keep = keep
        self.lastSuccess = lastSuccess
        self.lastFailure = lastFailure
        self.lastError = lastError
    }

    /// True when the most recent attempt failed.
    public var lastAttemptFailed: Bool {
        guard let lastFailure else {
            return false
        }
        return lastSuccess.map { lastFailure > $0 } ?? true
    }
}

/// The reminder on the codes screen, and the status line in Settings →
/// Backups. The same rules as the Android app:
/// - a reminder when automatic backups are off;
/// - a reminder when backups are on but have been failing for more than
///   `failureGrace` (7 days): the last attempt failed, and no backup
///   succeeded in that time (a phone that was offline or a folder that was
///   briefly unavailable is not worth a warning; a week is);
/// - a backup that never succeeded and has failed is reminded at once (there
///   is no backup at all);
/// - otherwise none.
public enum BackupPlan {
    /// How many backups a folder keeps unless the user says otherwise.
    public static let defaultKeep: UInt32 = 10
    /// The choices offered for "keep".
    public static let keepChoices: [UInt32] = [3, 5, 10, 20, 50]
    /// How long failing backups go unmentioned.
    public static let failureGrace: UInt64 = 7 * 24 * 60 * 60

    /// The reminder the codes screen shows.
    public enum Reminder: Equatable, Sendable {
        /// Nothing to say.
        case none
        /// Automatic backups are off: "Turn on backups so a lost phone loses
        /// nothing."
        case backupsOff
        /// Backups keep failing; the last error, if known.
        case failing(since: UInt64?, error: String?)
    }

    /// The reminder at `now` (Unix seconds).
    public static func reminder(for state: BackupState, now: UInt64) -> Reminder {
        guard state.enabled else {
            return .backupsOff
        }
        guard state.lastAttemptFailed else {
            return .none
        }
        guard let success = state.lastSuccess else {
            return .failing(since: nil, error: state.lastError)
        }
        // Failing since the first failure after `success`; only the last
        // one is known, so the failing period is measured from the last
        // success: no good backup for more than the grace period.
        if now >= success, now - success > failureGrace {
            return .failing(since: success, error: state.lastError)
        }
        return .none
    }

    /// The reminder's text.
    public static func message(for reminder: Reminder, now: UInt64) -> String? {
        switch reminder {
        case .none:
            return nil
        case .backupsOff:
            return "Backups are off. Turn them on so that a lost phone loses no account."
        case let .failing(since, error):
            var text: String
            if let since {
                text = "No backup has succeeded since \(ago(since, now: now))."
            } else {
                text = "No backup has succeeded yet."
            }
            if let error, !error.isEmpty {
                text += " " + sentence(error)
            }
            return text + " Open Backups to fix it or pick another folder."
        }
    }

    /// The status line in Settings → Backups.
    public static func status(of state: BackupState, now: UInt64) -> String {
        guard state.enabled else {
            return "Automatic backups are off."
        }
        var lines: [String] = []
        if let success = state.lastSuccess {
            lines.append("Last backup: \(ago(success, now: now)).")
        } else {
            lines.append("No backup yet.")
        }
        if state.lastAttemptFailed, let failure = state.lastFailure {
            var line = "Last attempt failed \(ago(failure, now: now))."
            if let error = state.lastError, !error.isEmpty {
                line += " " + sentence(error)
            }
            lines.append(line)
        }
        lines.append("Keeps the newest \(state.keep).")
        return lines.joined(separator: "\n")
    }

    /// "just now", "5 minutes ago", "2 hours ago", "3 days ago".
    public static func ago(_ time: UInt64, now: UInt64) -> String {
        guard now > time else {
            return "just now"
        }
        let seconds = now - time
        switch seconds {
        case ..<60:
            return "just now"
        case ..<3600:
            return plural(seconds / 60, "minute") + " ago"
        case ..<86_400:
            return plural(seconds / 3600, "hour") + " ago"
        default:
            return plural(seconds / 86_400, "day") + " ago"
        }
    }

    private static func plural(_ count: UInt64, _ unit: String) -> String {
        "\(count) \(unit)\(count == 1 ? "" : "s")"
    }

    private static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.first else {
            return ""
        }
        let capitalised = first.uppercased() + trimmed.dropFirst()
        return capitalised.hasSuffix(".") ? capitalised : capitalised + "."
    }
}

/// Runs automatic backups after changes, one at a time: a change while a
/// backup runs is not lost (one more backup follows, seeing every change),
/// and a burst of changes makes at most one extra backup.
public struct BackupScheduler: Equatable, Sendable {
    private var running = false
    private var pending = false

    public init() {}

    /// The vault changed. True when a backup must start now; false when
    /// backups are off or one is running (it is followed by another).
    public mutating func vaultChanged(backupsEnabled: Bool) -> Bool {
        guard backupsEnabled else {
            return false
        }
        if running {
            pending = true
            return false
        }
        running = true
        return true
    }

    /// The running backup finished (well or not). True when another must
    /// start now because the vault changed meanwhile.
    public mutating func backupFinished() -> Bool {
        if pending {
            pending = false
            return true
        }
        running = false
        return false
    }

    /// Whether a backup is running.
    public var isRunning: Bool {
        running
    }
}
