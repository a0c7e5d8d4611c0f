import PhotosUI
import SwiftUI
import UniformTypeIdentifiers
import WardAppLogic

/// The codes list: search, tap to copy, HOTP next, reorder, edit, delete,
/// and the menus to add, import, export and lock.
struct CodesView: View {
    @EnvironmentObject private var model: AppModel
    @State private var query = ""
    @State private var pendingDeletion: [EntryID] = []
    @State private var editing: CodeRow<EntryID>?
    @State private var showingScanner = false
    @State private var showingManualEntry = false
    @State private var showingPhotos = false
    @State private var photoItems: [PhotosPickerItem] = []
    @State private var showingImporter = false
    @State private var showingExporter = false
    @State private var exportDocument: BackupDocument?
    @State private var importPassword = ""
    @State private var showingExportPassword = false
    @State private var exportPassword = ""
    @State private var exportConfirmation = ""

    private var rows: [CodeRow<EntryID>] {
        model.list.filtered(by: query)
    }

    var body: some View {
        NavigationStack {
            List {
                ForEach(rows) { row in
                    CodeRowView(
                        row: row,
                        now: model.now,
                        onCopy: { code in model.copy(code, of: row) },
                        onNextHOTP: { model.nextHOTP(row.id) }
                    )
                    .swipeActions(edge: .trailing, allowsFullSwipe: false) {
                        Button(role: .destructive) {
                            pendingDeletion = [row.id]
                        } label: {
                            Label("Delete", systemImage: "trash")
                        }
                        if !row.isDamaged {
                            Button {
                                editing = row
                            } label: {
                                Label("Edit", systemImage: "pencil")
                            }
                            .tint(.blue)
                        }
                    }
                }
                .onDelete { offsets in
                    let visible = rows
                    pendingDeletion = offsets.filter { $0 < visible.count }.map { visible[$0].id }
                }
                .onMove(perform: model.list.canReorder(query: query) ? move : nil)
            }
            .listStyle(.plain)
            .overlay {
                if model.list.rows.isEmpty {
                    emptyState
                }
            }
            .overlay(alignment: .bottom) {
                if let toast = model.toast {
                    Text(toast)
                        .font(.callout)
                        .padding(.horizontal, 16)
                        .padding(.vertical, 10)
                        .background(.thinMaterial, in: Capsule())
                        .padding(.bottom, 16)
                        .transition(.opacity)
                        .accessibilityAddTraits(.isStaticText)
                }
            }
            .animation(.easeInOut(duration: 0.2), value: model.toast)
            .searchable(text: $query, prompt: "Search accounts")
            .navigationTitle("Ward")
            .toolbar { toolbar }
            .confirmationDialog(
                pendingDeletion.count == 1 ? "Delete this account?" : "Delete \(pendingDeletion.count) accounts?",
                isPresented: deletionConfirmationShown,
                titleVisibility: .visible
            ) {
                Button("Delete", role: .destructive) {
                    model.delete(pendingDeletion)
                    pendingDeletion = []
                }
            } message: {
                Text(
                    "Its codes will be gone from Ward. Turn off two-factor sign-in at the site first, "
                        + "or keep another way in, so you are not locked out."
                )
            }
            .sheet(item: $editing) { row in
                EditEntryView(row: row)
                    .privacyCovered()
                    .environmentObject(model)
            }
            .sheet(isPresented: $showingScanner) {
                ScanView()
                    .privacyCovered()
                    .environmentObject(model)
            }
            .sheet(isPresented: $showingManualEntry) {
                ManualEntryView()
                    .privacyCovered()
                    .environmentObject(model)
            }
            .photosPicker(
                isPresented: $showingPhotos,
                selection: $photoItems,
                maxSelectionCount: 10,
                matching: .images
            )
            .onChange(of: photoItems) { items in
                guard !items.isEmpty else {
                    return
                }
                photoItems = []
                Task { @MainActor in await model.addFromPhotos(items) }
            }
            .fileImporter(
                isPresented: $showingImporter,
                allowedContentTypes: [.json, .plainText, .data]
            ) { result in
                switch result {
                case .success(let url):
                    model.importBackup(from: url)
                case .failure(let error):
                    model.show(error: error.localizedDescription)
                }
            }
            .fileExporter(
                isPresented: $showingExporter,
                document: exportDocument,
                contentType: BackupDocument.contentType,
                defaultFilename: BackupDocument.defaultFilename
            ) { result in
                exportDocument = nil
                if case .failure(let error) = result {
                    model.show(error: error.localizedDescription)
                }
            }
            .alert("Export backup", isPresented: $showingExportPassword) {
                SecureField("Backup password", text: $exportPassword)
                SecureField("Repeat password", text: $exportConfirmation)
                Button("Export", action: export)
                Button("Cancel", role: .cancel) {
                    exportPassword = ""
                    exportConfirmation = ""
                }
            } message: {
                Text("The backup is encrypted with this password (at least 8 characters). You need it to import the backup.")
            }
            .alert(
                "Password needed",
                isPresented: importPasswordShown,
                presenting: model.pendingImport
            ) { pending in
                SecureField("Password", text: $importPassword)
                Button("Import") {
                    let password = importPassword
                    importPassword = ""
                    model.importPending(pending, password: password)
                }
                Button("Cancel", role: .cancel) {
                    importPassword = ""
                }
            } message: { pending in
                Text("This \(pending.format) is encrypted. Enter the password it was exported with.")
            }
        }
        .alert(
            model.notice?.title ?? "",
            isPresented: noticeShown,
            presenting: model.notice
        ) { _ in
            Button("OK", role: .cancel) {}
        } message: { notice in
            Text(notice.message)
        }
    }

    private func export() {
        let password = exportPassword
        let confirmation = exportConfirmation
        exportPassword = ""
        exportConfirmation = ""
        guard password.count >= 8, password == confirmation else {
            model.show(
                title: "Nothing was exported",
                message: password == confirmation
                    ? "Use a backup password of at least 8 characters."
                    : "The two passwords differ."
            )
            return
        }
        exportDocument = model.makeExport(password: password)
        if exportDocument != nil {
            // Present the Files sheet once the alert has gone.
            DispatchQueue.main.asyncAfter(deadline: .now() + 0.4) {
                showingExporter = true
            }
        }
    }

    private var importPasswordShown: Binding<Bool> {
        Binding(
            get: { model.pendingImport != nil },
            set: { shown in
                if !shown {
                    model.pendingImport = nil
                }
            }
        )
    }

    private var noticeShown: Binding<Bool> {
        Binding(
            get: { model.notice != nil },
            set: { shown in
                if !shown {
                    model.notice = nil
                }
            }
        )
    }

    private var deletionConfirmationShown: Binding<Bool> {
        Binding(
            get: { !pendingDeletion.isEmpty },
            set: { shown in
                if !shown {
                    pendingDeletion = []
                }
            }
        )
    }

    private func move(offsets: IndexSet, destination: Int) {
        model.move(offsets: offsets, to: destination)
    }

    private var emptyState: some View {
        VStack(spacing: 12) {
            Image(systemName: "qrcode.viewfinder")
                .font(.system(size: 48))
                .foregroundStyle(.secondary)
            Text("No accounts yet")
                .font(.headline)
            Text("Turn on two-factor sign-in at a site (for AWS: \"Assign MFA device\"), then tap + to scan its QR code.")
                .font(.callout)
                .foregroundStyle(.secondary)
                .multilineTextAlignment(.center)
        }
        .padding()
    }

    @ToolbarContentBuilder
    private var toolbar: some ToolbarContent {
        ToolbarItem(placement: .navigationBarLeading) {
            EditButton()
        }
        ToolbarItemGroup(placement: .navigationBarTrailing) {
            Menu {
                Button {
                    showingScanner = true
                } label: {
                    Label("Scan QR code", systemImage: "qrcode.viewfinder")
                }
                Button {
                    showingPhotos = true
                } label: {
                    Label("Choose screenshot", systemImage: "photo")
                }
                Button {
                    showingManualEntry = true
                } label: {
                    Label("Enter manually", systemImage: "keyboard")
                }
            } label: {
                Label("Add account", systemImage: "plus")
            }
            Menu {
                Button {
                    showingImporter = true
                } label: {
                    Label("Import backup…", systemImage: "square.and.arrow.down")
                }
                Button {
                    showingExportPassword = true
                } label: {
                    Label("Export backup…", systemImage: "square.and.arrow.up")
                }
                if let kind = model.biometrics {
                    Toggle(isOn: biometricsToggle) {
                        Label("Unlock with \(kind.name)", systemImage: kind.symbol)
                    }
                }
                Button {
                    model.lock()
                } label: {
                    Label("Lock now", systemImage: "lock")
                }
            } label: {
                Label("More", systemImage: "ellipsis.circle")
            }
        }
    }

    private var biometricsToggle: Binding<Bool> {
        Binding(
            get: { model.biometricsEnabled },
            set: { on in
                Task { @MainActor in await model.setBiometrics(on) }
            }
        )
    }
}
