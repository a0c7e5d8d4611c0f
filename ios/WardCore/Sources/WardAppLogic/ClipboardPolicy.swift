import Foundation

/// How long a copied code stays on the pasteboard.
///
/// A code is useless once it has expired, and a one-time code left on the
/// pasteboard is readable by every app the user opens next. So a copied code
/// expires with the code itself, but never sooner than `minimumLife` (a code
/// copied in its last second must still be pastable; servers accept the
/// previous step, RFC 6238 §5.2) and never later than `maximumLife` (HOTP
/// codes have no period).
public struct ClipboardPolicy: Equatable, Sendable {
    /// The shortest time a copied code stays on the pasteboard.
    public var minimumLife: TimeInterval
    /// The longest time a copied code stays on the pasteboard.
    public var maximumLife: TimeInterval

    /// The defaults: at least 15 s, at most 60 s.
    public init(minimumLife: TimeInterval = 15, maximumLife: TimeInterval = 60) {
        self.minimumLife = minimumLife
        self.maximumLife = max(maximumLife, minimumLife)
    }

    /// When the pasteboard should drop a code copied at `now`.
    /// `validFor` is how long the code stays valid (nil for HOTP).
    public func expiry(now: Date, validFor: TimeInterval?) -> Date {
        let life = validFor.map { min(max($0, minimumLife), maximumLife) } ?? maximumLife
        return now.addingTimeInterval(life)
    }
}
