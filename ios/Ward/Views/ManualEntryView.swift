import SwiftUI
import WardAppLogic

/// Type an account in: issuer, account, secret, and the rarely needed
/// parameters. The form becomes an otpauth URI and goes through the same
/// core call as a scanned code, so the core says what is wrong.
struct ManualEntryView: View {
    @EnvironmentObject private var model: AddAccountModel
    @Environment(\.dismiss) private var dismiss
    @State private var entry = ManualEntry()
    @State private var error: String?

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    TextField("Issuer (e.g. Amazon Web Services)", text: $entry.issuer)
                        .textInputAutocapitalization(.words)
                    TextField("Account (e.g. alice@example.com)", text: $entry.account)
                        .textInputAutocapitalization(.never)
                        .autocorrectionDisabled()
                    SecureField("Secret key (base32)", text: $entry.secret)
                        .textInputAutocapitalization(.characters)
                        .autocorrectionDisabled()
                } footer: {
                    Text("The secret is the text the site shows under \"Can't scan the QR code?\" or \"Show secret key\".")
                }
                Section("Type") {
                    Picker("Type", selection: $entry.kind) {
                        Text("Time-based (TOTP)").tag(ManualEntry.Kind.totp)
                        Text("Counter-based (HOTP)").tag(ManualEntry.Kind.hotp)
                        Text("Steam Guard").tag(ManualEntry.Kind.steam)
                    }
                    .pickerStyle(.inline)
                    .labelsHidden()
                }
                if entry.kind != .steam {
                    Section {
                        Picker("Algorithm", selection: $entry.algorithm) {
                            ForEach(ManualEntry.HashAlgorithm.allCases, id: \.self) { algorithm in
                                Text(algorithm.rawValue).tag(algorithm)
                            }
                        }
                        Stepper("Digits: \(entry.digits)", value: $entry.digits, in: 6...10)
                        if entry.kind == .totp {
                            Stepper("Period: \(entry.period) s", value: $entry.period, in: 10...300, step: 5)
                        } else {
                            Stepper("Counter: \(entry.counter)", value: $entry.counter, in: 0...1_000_000)
                        }
                    } header: {
                        Text("Advanced")
                    } footer: {
                        Text("Leave these unless the site says otherwise: most use SHA1, 6 digits, 30 seconds.")
                    }
                }
                if let error {
                    Section {
                        Text(error)
                            .foregroundStyle(.red)
                    }
                }
            }
            .navigationTitle("Enter account")
            .navigationBarTitleDisplayMode(.inline)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") { dismiss() }
                }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Add") {
                        error = model.add(uri: entry.uri)
                        if error == nil {
                            dismiss()
                        }
                    }
                    .disabled(!entry.canSubmit)
                }
            }
        }
    }
}
