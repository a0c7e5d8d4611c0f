import SwiftUI
import WardAppLogic

/// Renames an account (issuer and account name). The secret and code
/// parameters are not editable: to change them, add the account again.
struct EditEntryView: View {
    @EnvironmentObject private var model: AppModel
    @Environment(\.dismiss) private var dismiss
    let row: CodeRow<EntryID>
    @State private var issuer: String
    @State private var account: String
    @State private var error: String?

    init(row: CodeRow<EntryID>) {
        self.row = row
        _issuer = State(initialValue: row.issuer)
        _account = State(initialValue: row.account)
    }

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    TextField("Issuer (e.g. Amazon Web Services)", text: $issuer)
                        .textInputAutocapitalization(.words)
                    TextField("Account (e.g. alice@example.com)", text: $account)
                        .textInputAutocapitalization(.never)
                        .autocorrectionDisabled()
                }
                if let error {
                    Section {
                        Text(error)
                            .foregroundStyle(.red)
                    }
                }
            }
            .navigationTitle("Edit account")
            .navigationBarTitleDisplayMode(.inline)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") { dismiss() }
                }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Save") {
                        error = model.rename(row.id, issuer: issuer, account: account)
                        if error == nil {
                            dismiss()
                        }
                    }
                }
            }
        }
    }
}
