import SwiftUI

/// "Confirm it's you" before a sensitive action (an export that holds
/// secrets): the password, or Face ID / Touch ID when it is on. The core
/// checks it and records a fresh proof for the next minute.
struct ReauthForm: View {
    @EnvironmentObject private var session: VaultSession
    let purpose: String
    let onSuccess: @MainActor () async -> Void
    @State private var password = ""
    @State private var working = false
    @State private var error: String?

    init(purpose: String, onSuccess: @escaping @MainActor () async -> Void) {
        self.purpose = purpose
        self.onSuccess = onSuccess
    }

    var body: some View {
        Form {
            Section {
                SecureField("Password", text: $password)
                    .textContentType(.password)
                    .submitLabel(.go)
                    .onSubmit(withPassword)
                Button("Confirm", action: withPassword)
                    .disabled(password.isEmpty || working)
                if let kind = session.biometrics, session.deviceUnlock.enabled {
                    Button {
                        withBiometrics()
                    } label: {
                        Label("Use \(kind.name)", systemImage: kind.symbol)
                    }
                    .disabled(working)
                }
            } header: {
                Text("Confirm it's you")
            } footer: {
                Text(purpose)
            }
            if let error {
                Section {
                    Text(error)
                        .foregroundStyle(.red)
                }
            }
        }
    }

    private func withPassword() {
        guard !password.isEmpty, !working else {
            return
        }
        let entered = password
        password = ""
        run { try await session.confirmOwner(password: entered) }
    }

    private func withBiometrics() {
        run { try await session.reauthenticateWithBiometrics() }
    }

    private func run(_ proof: @escaping @MainActor () async throws -> Void) {
        working = true
        error = nil
        Task { @MainActor in
            do {
                try await proof()
                await onSuccess()
            } catch {
                self.error = Notices.message(for: error)
            }
            working = false
        }
    }
}

/// `ReauthForm` as a sheet of its own.
struct ReauthView: View {
    @Environment(\.dismiss) private var dismiss
    let purpose: String
    let onSuccess: @MainActor () async -> Void
    let onCancel: @MainActor () -> Void

    init(
        purpose: String,
        onSuccess: @escaping @MainActor () async -> Void,
        onCancel: @escaping @MainActor () -> Void
    ) {
        self.purpose = purpose
        self.onSuccess = onSuccess
        self.onCancel = onCancel
    }

    var body: some View {
        NavigationStack {
            ReauthForm(purpose: purpose, onSuccess: onSuccess)
                .navigationTitle("Confirm")
                .navigationBarTitleDisplayMode(.inline)
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) {
                        Button("Cancel") {
                            onCancel()
                            dismiss()
                        }
                    }
                }
        }
    }
}
