import Foundation

/// An account offered from outside the vault, waiting for the user to
/// confirm it: an `otpauth://` link opened on the phone (the app registers
/// the `otpauth` URL scheme), or a URI pasted from the clipboard. Both go
/// through the same confirmation screen; nothing is added without it, since
/// any web page can open an `otpauth://` link.
public struct AccountOffer: Equatable, Sendable, Identifiable {
    /// Where the URI came from.
    public enum Source: Equatable, Sendable {
        case link
        case paste
    }

    /// A fresh id per offer, so that a second link replaces the first on
    /// screen.
    public let id: UUID
    /// The `otpauth://` URI (it holds the secret: never logged, dropped as
    /// soon as the user answers).
    public let uri: String
    public let source: Source

    /// Why a text or link is not offered.
    public enum Refusal: Error, Equatable, Sendable {
        /// Empty clipboard, or not an `otpauth://` URI.
        case notAnAccount
        /// Longer than any account URI (4 KB): refused before parsing.
        case tooLong
    }

    /// The longest URI accepted. An account URI with a 512-bit secret and
    /// long names is well under 1 KB.
    public static let maximumLength = 4096

    /// An offer for `text`, trimmed. Only `otpauth://totp/` and
    /// `otpauth://hotp/` (any letter case) are offered; the core checks the
    /// rest when it parses and adds the URI.
    public static func make(from text: String, source: Source) -> Result<AccountOffer, Refusal> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= maximumLength else {
            return .failure(.tooLong)
        }
        let lowered = trimmed.lowercased()
        guard lowered.hasPrefix("otpauth://totp/") || lowered.hasPrefix("otpauth://hotp/") else {
            return .failure(.notAnAccount)
        }
        return .success(AccountOffer(id: UUID(), uri: trimmed, source: source))
    }

    /// The sentence to show when nothing is offered.
    public static func message(for refusal: Refusal, source: Source) -> String {
        switch (refusal, source) {
        case (.tooLong, _):
            return "This is too long to be an authenticator account."
        case (.notAnAccount, .paste):
            return "The clipboard holds no otpauth:// account. Copy the link the site shows "
                + "under \"Can't scan the QR code?\", or scan the code instead."
        case (.notAnAccount, .link):
            return "This link is not an authenticator account."
        }
    }
}

/// Holds an offer until it can be shown: a link opened while the vault is
/// locked waits for the unlock; one opened while unlocked is shown at once.
/// The vault going to the background drops it (the user re-opens the link).
public struct OfferInbox: Equatable, Sendable {
    /// The offer waiting or shown.
    public private(set) var offer: AccountOffer?

    public init() {}

    /// Takes a new offer; it replaces any earlier one.
    public mutating func receive(_ offer: AccountOffer) {
        self.offer = offer
    }

    /// The offer to show now, if the vault is unlocked.
    public func offerToShow(unlocked: Bool) -> AccountOffer? {
        unlocked ? offer : nil
    }

    /// The user added or declined it.
    public mutating func answered() {
        offer = nil
    }

    /// The app went to the background.
    public mutating func enteredBackground() {
        offer = nil
    }
}
