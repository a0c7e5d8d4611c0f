import SwiftUI
import WardAppLogic
import WardCore

/// "Add this account?": shown for an `otpauth://` link opened on the phone
/// and for a URI pasted from the clipboard, so that no web page and no
/// stray clipboard text can add an account without the user seeing what it
/// is. Shows what the core parsed (issuer, account, type, digits, period),
/// never the secret.
struct AccountConfirmationView: View {
    @EnvironmentObject private var add: AddAccountModel
    @Environment(\.dismiss) private var dismiss
    let offer: AccountOffer
    @State private var error: String?

    init(offer: AccountOffer) {
        self.offer = offer
    }

    var body: some View {
        NavigationStack {
            Form {
                switch add.describe(offer) {
                case .success(let account):
                    Section {
                        LabeledContent("Issuer", value: account.issuer.isEmpty ? "—" : account.issuer)
                        LabeledContent("Account", value: account.name.isEmpty ? "—" : account.name)
                        LabeledContent("Type", value: Self.kind(account))
                        LabeledContent("Digits", value: String(account.digits))
                        if let period = account.period {
                            LabeledContent("Period", value: "\(period) s")
                        }
                    } header: {
                        Text(offer.source == .link ? "A link wants to add this account" : "From the clipboard")
                    } footer: {
                        if account.shortSecret {
                            Text("This account's secret is shorter than the standard recommends; it still works.")
                        }
                    }
                    if let error {
                        Section {
                            Text(error)
                                .foregroundStyle(.red)
                        }
                    }
                case .failure(let problem):
                    Section {
                        Text(Notices.message(for: problem))
                            .foregroundStyle(.red)
                    } header: {
                        Text("This account cannot be added")
                    }
                }
            }
            .navigationTitle("Add account?")
            .navigationBarTitleDisplayMode(.inline)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") {
                        add.decline()
                        dismiss()
                    }
                }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Add") {
                        error = add.confirm(offer)
                        if error == nil {
                            dismiss()
                        }
                    }
                    .disabled((try? add.describe(offer).get()) == nil)
                }
            }
        }
    }

    private static func kind(_ account: AccountRecord) -> String {
        switch account.kind {
        case .totp:
            return "Time-based, " + String(describing: account.algorithm).uppercased()
        case .hotp:
            return "Counter-based, counter \(account.counter ?? 0)"
        case .steam:
            return "Steam Guard"
        }
    }
}
