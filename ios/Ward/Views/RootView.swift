import SwiftUI

/// Shows the screen for the lock state: first run, unlock, or the codes.
struct RootView: View {
    @EnvironmentObject private var session: VaultSession

    var body: some View {
        content
            .privacyCovered()
            .onAppear {
                session.start()
            }
    }

    @ViewBuilder
    private var content: some View {
        switch session.machine.state {
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
