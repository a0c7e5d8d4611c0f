import SwiftUI
import WardAppLogic

/// Change password: the current one (the core checks it), and the new one
/// twice. The vault is re-keyed off the main thread; Face ID is set up
/// again at once when it was on (the core drops device slots on re-key).
/// Backups made before keep the password they had.
struct ChangePasswordView: View {
    @EnvironmentObject private var session: VaultSession
    @Environment(\.dismiss) private var dismiss
    @State private var current = ""
    @State private var new = ""
    @State private var confirmation = ""
    @State private var working = false
    @State private var error: String?

    var body: some View {
        NavigationStack {
            Form {
                Section("Current password") {
                    SecureField("Current password", text: $current)
                        .textContentType(.password)
                }
                Section {
                    SecureField("New password", text: $new)
                        .textContentType(.newPassword)
                    SecureField("Repeat new password", text: $confirmation)
                        .textContentType(.newPassword)
                } header: {
                    Text("New password")
                } footer: {
                    Text(
                        NewPassword.problem(new, confirmation: confirmation)
                            ?? "Backups made before this change still open with the old password."
                    )
                }
                if let error {
                    Section {
                        Text(error)
                            .foregroundStyle(.red)
                    }
                }
            }
            .navigationTitle("Change password")
            .navigationBarTitleDisplayMode(.inline)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") { dismiss() }
                }
                ToolbarItem(placement: .confirmationAction) {
                    if working {
                        ProgressView()
                    } else {
                        Button("Change", action: change)
                            .disabled(current.isEmpty || !NewPassword.isAcceptable(new, confirmation: confirmation))
                    }
                }
            }
        }
        .interactiveDismissDisabled(working)
    }

    private func change() {
        let old = current
        let chosen = new
        current = ""
        new = ""
        confirmation = ""
        working = true
        error = nil
        Task { @MainActor in
            error = await session.replacePassword(current: old, new: chosen)
            working = false
            if error == nil {
                session.notices.showToast("Password changed.")
                dismiss()
            }
        }
    }
}
