import Foundation

/// Shows a Google Authenticator export one QR code at a time.
///
/// The codes hold every secret unencrypted, so the screen shows one at a
/// time, says which of how many it is, and forgets them all when it closes
/// or the app goes to the background (`clear`).
public struct ExportPager: Equatable, Sendable {
    /// The `otpauth-migration://` URIs, in order.
    public private(set) var uris: [String]
    /// The code shown, from 0.
    public private(set) var index = 0

    public init(uris: [String]) {
        self.uris = uris
    }

    /// The URI to draw as a QR code now, nil when there is none.
    public var current: String? {
        uris.indices.contains(index) ? uris[index] : nil
    }

    /// "QR code 2 of 3".
    public var position: String {
        guard !uris.isEmpty else {
            return "No QR codes"
        }
        return "QR code \(index + 1) of \(uris.count)"
    }

    public var canGoBack: Bool {
        index > 0
    }

    public var isLast: Bool {
        index >= uris.count - 1
    }

    public mutating func next() {
        if !isLast {
            index += 1
        }
    }

    public mutating func previous() {
        if canGoBack {
            index -= 1
        }
    }

    /// Drops every URI (the screen closed or the app left the foreground).
    public mutating func clear() {
        uris = []
        index = 0
    }
}

/// When codes are hidden on screen: while the screen is captured
/// (recording, AirPlay or cable mirroring: `UIScreen.isCaptured`), and while
/// the app is not active (the app switcher's snapshot). Android's
/// `FLAG_SECURE` covers both there.
public enum CodeVisibility {
    /// Whether codes (and export QR codes) may be drawn.
    public static func codesVisible(screenCaptured: Bool, sceneActive: Bool) -> Bool {
        !screenCaptured && sceneActive
    }

    /// What replaces a code while the screen is captured.
    public static let hiddenPlaceholder = "••• •••"

    /// The banner shown while the screen is captured.
    public static let capturedNotice =
        "Codes are hidden while the screen is recorded or mirrored. Stop the recording to see them."
}
