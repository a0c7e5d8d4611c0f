import UIKit
import UniformTypeIdentifiers

/// Puts a code on the pasteboard for this device only (never to other
/// devices through Universal Clipboard / Handoff) and lets the system remove
/// it at `expiresAt` (see `ClipboardPolicy`).
enum Clipboard {
    static func copy(_ code: String, expiresAt: Date) {
        UIPasteboard.general.setItems(
            [[UTType.utf8PlainText.identifier: code]],
            options: [
                .localOnly: true,
                .expirationDate: expiresAt,
            ]
        )
    }
}
