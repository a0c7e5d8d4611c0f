import SwiftUI

/// Ward for iPhone: a SwiftUI shell over the Rust core (WardCore). The core
/// computes and stores; this app owns the camera, the screen, the Keychain /
/// Secure Enclave and Face ID / Touch ID.
@main
struct WardApp: App {
    @StateObject private var model = AppModel()
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView()
                .environmentObject(model)
        }
        .onChange(of: scenePhase) { phase in
            model.sceneChanged(to: phase)
        }
    }
}
