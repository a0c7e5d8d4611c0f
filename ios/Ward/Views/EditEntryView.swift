import SwiftUI
import WardAppLogic

/// Edits an account's names, note and favourite mark. The secret and the
/// code parameters are not editable (the core applies this as a metadata
/// edit): to change them, add the account again.
struct EditEntryView: View {
    @EnvironmentObject private var codes: CodesModel
    @Environment(\.dismiss) private var dismiss
    let row: CodeRow<EntryID>
    @State private var issuer: String
    @State private var account: String
    @State private var note = ""
    @State private var favourite = false
    @State private var loaded = false
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
                    Toggle("Favourite", isOn: $favourite)
                }
                Section {
                    TextField("Note", text: $note, axis: .vertical)
                        .lineLimit(3...8)
                } header: {
                    Text("Note")
                } footer: {
                    Text("Encrypted with the account. For example: which recovery codes go with it.")
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
                        error = codes.edit(row.id, issuer: issuer, account: account, note: note, favourite: favourite)
                        if error == nil {
                            dismiss()
                        }
                    }
                    .disabled(!loaded)
                }
            }
            .onAppear(perform: load)
        }
    }

    /// The note and favourite mark are not in the list: read them once.
    private func load() {
        guard !loaded else {
            return
        }
        guard let entry = codes.entry(row.id) else {
            error = "This account is no longer in the vault."
            return
        }
        issuer = entry.issuer
        account = entry.name
        note = entry.note
        favourite = entry.favourite
        loaded = true
    }
}
