import SwiftUI
import UIKit
import WardAppLogic

/// Whether the screen is being captured: recorded (Control Centre, a
/// screen-recording app), mirrored over AirPlay or a cable. Codes are
/// hidden meanwhile (`CodeVisibility`), as Android's `FLAG_SECURE` does.
/// Screenshots cannot be prevented on iOS; a screenshot of a 30-second code
/// is worth little, a recording of every code is worth more.
@MainActor
final class ScreenCapture: ObservableObject {
    @Published private(set) var isCaptured = false
    /// The observation lasts as long as the app (one instance, made by
    /// `AppModels`); with a weak reference to self, a late call does
    /// nothing.
    private var observer: NSObjectProtocol?

    init() {
        refresh()
        observer = NotificationCenter.default.addObserver(
            forName: UIScreen.capturedDidChangeNotification,
            object: nil,
            queue: .main
        ) { [weak self] _ in
            // Delivered on the main queue; hop to the main actor so that
            // Swift 6 checks it.
            Task { @MainActor in self?.refresh() }
        }
    }

    /// Reads the capture state of every screen showing the app.
    func refresh() {
        isCaptured = UIApplication.shared.connectedScenes
            .compactMap { $0 as? UIWindowScene }
            .contains { $0.screen.isCaptured }
    }
}
