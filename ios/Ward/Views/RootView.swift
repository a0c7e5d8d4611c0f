import SwiftUI

/// Shows the screen for the lock state: first run, unlock, or the codes.
struct RootView: View {
    @EnvironmentObject private var model: AppModel

    var body: some View {
        content
            .privacyCovered()
            .onAppear {
                model.start()
            }
    }

    @ViewBuilder
    private var content: some View {
        switch model.machine.state {
        case .starting:
            ProgressView()
        case .needsSetup:
            SetupView()
        case .locked, .unlocking:
            UnlockView()
        case .unlocked:
            CodesView()
        }
    }
}
