import SwiftUI

/// Puts the `PrivacyCover` over a view whenever the scene is not active.
/// Applied to the root view and to the root of every sheet, since a sheet
/// is presented above the root view and would otherwise show in the app
/// switcher.
struct PrivacyCovered: ViewModifier {
    @Environment(\.scenePhase) private var scenePhase

    func body(content: Content) -> some View {
        content.overlay {
            if scenePhase != .active {
                PrivacyCover()
            }
        }
    }
}

extension View {
    func privacyCovered() -> some View {
        modifier(PrivacyCovered())
    }
}
