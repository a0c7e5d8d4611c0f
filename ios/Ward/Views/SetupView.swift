import SwiftUI

/// First run: create the vault with a password, and offer Face ID / Touch ID.
struct SetupView: View {
    @EnvironmentObject private var model: AppModel
    @State private var password = ""
    @State private var confirmation = ""
    @State private var useBiometrics = true
    @State private var working = false

    /// The shortest password accepted. The vault key is derived from it with
    /// a slow KDF, but a short password is still guessable offline from a
    /// copied vault file.
    private let minimumLength = 8

    private var problem: String? {
        if password.count < minimumLength {
            return "Use at least \(minimumLength) characters."
        }
        if password != confirmation {
            return "The two passwords differ."
        }
        return nil
    }

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    SecureField("Password", text: $password)
                        .textContentType(.newPassword)
                    SecureField("Repeat password", text: $confirmation)
                        .textContentType(.newPassword)
                } header: {
                    Text("Vault password")
                } footer: {
                    Text(
                        "Your accounts are encrypted with this password. Ward cannot recover it: "
                            + "if you forget it, only an export can bring your accounts back."
                    )
                }
                if let kind = model.biometrics {
                    Section {
                        Toggle("Unlock with \(kind.name)", isOn: $useBiometrics)
                    } footer: {
                        Text("The password always works too, also if \(kind.name) changes.")
                    }
                }
                Section {
                    Button {
                        create()
                    } label: {
                        if working {
                            ProgressView()
                        } else {
                            Text("Create vault")
                        }
                    }
                    .disabled(problem != nil || working)
                } footer: {
                    if let problem, !password.isEmpty {
                        Text(problem)
                    }
                }
                if let message = model.setupError {
                    Section {
                        Text(message)
                            .foregroundStyle(.red)
                    }
                }
            }
            .navigationTitle("Welcome to Ward")
        }
    }

    private func create() {
        working = true
        let chosen = password
        let biometrics = useBiometrics && model.biometrics != nil
        Task { @MainActor in
            await model.create(password: chosen, enableBiometrics: biometrics)
            password = ""
            confirmation = ""
            working = false
        }
    }
}
