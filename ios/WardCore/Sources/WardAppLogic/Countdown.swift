import Foundation

/// Where a time-based code stands in its period: how long it stays valid and
/// how much of its life is left.
///
/// TOTP counts steps from the Unix epoch (RFC 6238 §4.2, T0 = 0), so a code
/// for period `p` is valid from `floor(t / p) * p` until the next multiple of
/// `p`. This type does only that arithmetic; the codes come from the core.
public struct Countdown: Equatable, Sendable {
    /// The period in seconds (at least 1).
    public let period: UInt64
    /// Whole seconds until the code changes, 1...period.
    public let secondsRemaining: UInt64
    /// Exact time until the code changes, in (0, period].
    public let timeRemaining: TimeInterval
    /// The fraction of the period still to run, in (0, 1]: drives the ring.
    public let fractionRemaining: Double

    /// The countdown at `now` for a code of the given period. A period of 0
    /// is treated as 1 so that the arithmetic never divides by zero.
    public init(now: Date, period: UInt64) {
        let period = max(period, 1)
        let seconds = max(now.timeIntervalSince1970, 0)
        let elapsed = seconds.truncatingRemainder(dividingBy: Double(period))
        let remaining = Double(period) - elapsed
        self.period = period
        self.secondsRemaining = UInt64(remaining.rounded(.up))
        self.timeRemaining = remaining
        self.fractionRemaining = remaining / Double(period)
    }

    /// True in the last five seconds, when the app shows the next code and
    /// colours the countdown as a warning.
    public var isEndingSoon: Bool {
        secondsRemaining <= 5
    }

    /// The moment the current code stops being valid.
    public func expiry(from now: Date) -> Date {
        now.addingTimeInterval(timeRemaining)
    }
}

/// Whole Unix seconds for a date, the time argument every core call takes.
/// Dates before 1970 give 0.
public func unixSeconds(_ date: Date) -> UInt64 {
    let seconds = date.timeIntervalSince1970
    return seconds <= 0 ? 0 : UInt64(seconds.rounded(.down))
}
