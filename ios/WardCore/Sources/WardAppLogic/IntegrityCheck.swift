import Foundation

/// What the app tells the owner about the vault file after an unlock.
///
/// Two checks, each catching what the other cannot:
/// - the core's integrity report (`Vault.integrity()`): rows or slots
///   changed, deleted, put back or reordered outside Ward, named;
/// - the generation this device has seen. The core's manifest cannot see a
///   rollback of the *whole* file (an old copy put back with its own old
///   manifest), so the app keeps the highest generation it has seen in the
///   Keychain (this device only) and compares.
///
/// Neither check deletes or blocks anything: every readable entry stays
/// usable, and the owner decides ("Keep this vault" after re-authenticating).
public enum IntegrityCheck {
    /// What was found.
    public enum Verdict: Equatable, Sendable {
        /// The file is what Ward last wrote, and not older than what this
        /// device has seen.
        case intact
        /// The whole file is older than one this device already opened: an
        /// old copy was put back (or restored by someone else).
        case rolledBack(seen: UInt64, found: UInt64)
        /// Rows or slots were changed outside Ward; one sentence each.
        case tampered(problems: [String])
    }

    /// The verdict for an unlocked vault whose report says `generation`,
    /// `intact` and `problems`, on a device that has seen at most
    /// `highestSeen` (nil: never opened here, e.g. after a restore to a new
    /// phone). A tampered file is reported first: its rows are named.
    public static func verdict(
        generation: UInt64,
        intact: Bool,
        problems: [String],
        highestSeen: UInt64?
    ) -> Verdict {
        if !intact {
            return .tampered(problems: problems.isEmpty ? [genericProblem] : problems)
        }
        if let highestSeen, generation < highestSeen {
            return .rolledBack(seen: highestSeen, found: generation)
        }
        return .intact
    }

    /// The generation to keep after an unlock or a change: never lower than
    /// what was seen (a rolled-back file must not erase the evidence), until
    /// the owner accepts the file as it is (`accepted`).
    public static func generationToKeep(current: UInt64, highestSeen: UInt64?) -> UInt64 {
        max(current, highestSeen ?? 0)
    }

    /// The generation to keep once the owner chose "Keep this vault" (or
    /// restored a backup on purpose): the file's own, even when lower.
    public static func accepted(current: UInt64) -> UInt64 {
        current
    }

    /// The alert's title and message for a verdict; nil when intact.
    public static func notice(for verdict: Verdict) -> (title: String, message: String)? {
        switch verdict {
        case .intact:
            return nil
        case .rolledBack(let seen, let found):
            return (
                "This vault is older than the one this iPhone last opened",
                "The vault file was replaced by an older copy (version \(found); this iPhone saw version \(seen)). "
                    + "Accounts added since may be missing, and HOTP codes may repeat. "
                    + "If you restored an old backup yourself, choose Keep this vault. Otherwise restore your newest backup."
            )
        case .tampered(let problems):
            let list = problems.prefix(5).joined(separator: "\n")
            let more = problems.count > 5 ? "\n…and \(problems.count - 5) more." : ""
            return (
                "The vault was changed outside Ward",
                list + more
                    + "\nEvery account that still opens is shown. If you did not expect this, restore your newest backup; "
                    + "otherwise choose Keep this vault."
            )
        }
    }

    private static let genericProblem = "The vault's integrity record does not match its contents."
}
