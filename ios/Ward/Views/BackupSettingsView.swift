import SwiftUI
import UniformTypeIdentifiers
import WardAppLogic

/// Settings → Backups: pick a folder in Files (on the iPhone, iCloud Drive
/// or another provider); after every change Ward writes a verified,
/// encrypted copy of the vault there and keeps the newest N. Shows the last
/// backup and the last failure, and "Back up now".
///
/// The folder is picked with the system document picker in folder mode
/// (`fileImporter` with `.folder`, which presents
/// `UIDocumentPickerViewController`) and kept as a security-scoped bookmark
/// (`BackupFolder`).
struct BackupSettingsView: View {
    @EnvironmentObject private var backups: BackupModel
    @Environment(\.dismiss) private var dismiss
    @State private var choosingFolder = false
    @State private var keep = BackupPlan.defaultKeep

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    Text(backups.statusText(now: Date()))
                    if backups.state.enabled {
                        LabeledContent("Folder", value: backups.folderName ?? "—")
                        Button {
                            Task { @MainActor in await backups.backUpNow() }
                        } label: {
                            if backups.running {
                                ProgressView()
                            } else {
                                Text("Back up now")
                            }
                        }
                        .disabled(backups.running)
                    }
                } footer: {
                    Text(
                        "Each backup is a copy of the encrypted vault: your password opens it, on this iPhone "
                            + "or a new one. Face ID is set up again after a restore."
                    )
                }
                Section {
                    Picker("Keep", selection: $keep) {
                        ForEach(BackupPlan.keepChoices, id: \.self) { choice in
                            Text("Newest \(choice)").tag(choice)
                        }
                    }
                    .onChange(of: keep) { value in
                        if backups.state.enabled, value != backups.state.keep {
                            backups.setKeep(value)
                        }
                    }
                    Button(backups.state.enabled ? "Choose another folder…" : "Turn on: choose a folder…") {
                        choosingFolder = true
                    }
                    if backups.state.enabled {
                        Button("Turn off automatic backups", role: .destructive) {
                            backups.turnOff()
                        }
                    }
                } footer: {
                    Text(
                        "The vault file is also in your iPhone's iCloud or computer backup, encrypted with "
                            + "your password."
                    )
                }
            }
            .navigationTitle("Backups")
            .navigationBarTitleDisplayMode(.inline)
            .toolbar {
                ToolbarItem(placement: .confirmationAction) {
                    Button("Done") { dismiss() }
                }
            }
            .fileImporter(isPresented: $choosingFolder, allowedContentTypes: [.folder]) { result in
                if case .success(let folder) = result {
                    Task { @MainActor in await backups.choose(folder: folder, keep: keep) }
                }
            }
            .onAppear {
                backups.refresh()
                if backups.state.enabled {
                    keep = backups.state.keep
                }
            }
        }
    }
}
