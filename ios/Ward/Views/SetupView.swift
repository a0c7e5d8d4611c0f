import SwiftUI
import UniformTypeIdentifiers
import WardAppLogic

/// First run: create the vault with a password (and offer Face ID / Touch
/// ID), or restore it from a backup (a file from the backup folder, with
/// the password the vault had then).
struct SetupView: View {
    @EnvironmentObject private var model: VaultSession
    @State private var password = ""
    @State private var confirmation = ""
    @State private var useBiometrics = true
    @State private var working = false
    @State private var choosingBackup = false
    @State private var backupFile: URL?
    @State private var backupPassword = ""

    private var problem: String? {
        NewPassword.problem(password, confirmation: confirmation)
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
                            + "if you forget it, no backup can be opened either."
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
                        if working && backupFile == nil {
                            ProgressView()
                        } else {
                            Text("Create vault")
                        }
                    }
                    .disabled(!NewPassword.isAcceptable(password, confirmation: confirmation) || working)
                } footer: {
                    if let problem {
                        Text(problem)
                    }
                }
                Section {
                    if let backupFile {
                        Text(backupFile.lastPathComponent)
                            .font(.callout.monospaced())
                        SecureField("The backup's password", text: $backupPassword)
                            .textContentType(.password)
                        Button {
                            restoreBackup(from: backupFile)
                        } label: {
                            if working {
                                ProgressView()
                            } else {
                                Text("Restore")
                            }
                        }
                        .disabled(backupPassword.isEmpty || working)
                    }
                    Button(backupFile == nil ? "Restore from a backup…" : "Choose another backup…") {
                        choosingBackup = true
                    }
                    .disabled(working)
                } header: {
                    Text("Already used Ward?")
                } footer: {
                    Text(
                        "Pick a backup from your backup folder. It opens with the password the vault had "
                            + "when the backup was made, which stays the vault's password."
                    )
                }
                if let message = model.setupError {
                    Section {
                        Text(message)
                            .foregroundStyle(.red)
                    }
                }
            }
            .navigationTitle("Welcome to Ward")
            .fileImporter(isPresented: $choosingBackup, allowedContentTypes: [.data]) { result in
                if case .success(let url) = result {
                    backupFile = url
                }
            }
        }
    }

    private func create() {
        working = true
        let chosen = password
        let biometrics = useBiometrics && model.biometrics != nil
        password = ""
        confirmation = ""
        Task { @MainActor in
            await model.create(password: chosen, enableBiometrics: biometrics)
            working = false
        }
    }

    private func restoreBackup(from file: URL) {
        working = true
        let entered = backupPassword
        let biometrics = useBiometrics && model.biometrics != nil
        backupPassword = ""
        Task { @MainActor in
            await model.restoreVault(from: file, password: entered, enableBiometrics: biometrics)
            working = false
        }
    }
}
