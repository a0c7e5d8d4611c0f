import SwiftUI

/// Covers the screen whenever the app is not active, so the app switcher's
/// snapshot (taken as the app resigns active) shows no codes.
struct PrivacyCover: View {
    var body: some View {
        ZStack {
            Rectangle()
                .fill(.background)
                .ignoresSafeArea()
            VStack(spacing: 12) {
                Image(systemName: "lock.shield")
                    .font(.system(size: 56, weight: .regular))
                    .foregroundStyle(.secondary)
                Text("Ward")
                    .font(.title2.weight(.semibold))
            }
        }
        .accessibilityElement(children: .combine)
        .accessibilityLabel("Ward is hidden")
    }
}
