import Foundation

/// How fresh a proof of the owner must be for a sensitive action: an
/// export that holds secrets, a change of password, turning Face ID on.
///
/// The core enforces this itself (`WardError.ReauthRequired` outside its
/// window, `reauthWindowSeconds()`: 60 s); the app keeps the same record so
/// that it can ask for the password or Face ID *before* starting an action
/// rather than after the core refused it, and so that an app built against
/// a core without the check still asks.
public struct ProofWindow: Equatable, Sendable {
    /// How long a proof stays fresh, in seconds.
    public let length: UInt64
    /// When the owner last proved it is them (an unlock or a
    /// re-authentication), Unix seconds.
    public private(set) var lastProof: UInt64?

    public init(length: UInt64 = 60) {
        self.length = length
    }

    /// An unlock or a re-authentication succeeded at `now`.
    public mutating func proved(at now: UInt64) {
        lastProof = now
    }

    /// The vault locked: no proof survives it.
    public mutating func locked() {
        lastProof = nil
    }

    /// Whether a proof lies in `[now - length, now]`. A proof from the
    /// future (the clock went back) does not count.
    public func isFresh(at now: UInt64) -> Bool {
        guard let lastProof, lastProof <= now else {
            return false
        }
        return now - lastProof <= length
    }
}
