import PhotosUI
import SwiftUI
import UniformTypeIdentifiers
import WardAppLogic

/// The codes list: search, tap to copy, HOTP next, reorder, edit, delete,
/// and the menus to add, import, export, back up, and lock. Codes are
/// hidden while the screen is recorded or mirrored.
struct CodesView: View {
    @EnvironmentObject private var session: VaultSession
    @EnvironmentObject private var codes: CodesModel
    @EnvironmentObject private var add: AddAccountModel
    @EnvironmentObject private var transfer: TransferModel
    @EnvironmentObject private var backups: BackupModel
    @EnvironmentObject private var notices: Notices
    @EnvironmentObject private var screen: ScreenCapture
    @State private var query = ""
    @State private var pendingDeletion: [EntryID] = []
    @State private var editing: CodeRow<EntryID>?
    @State private var showingScanner = false
    @State private var showingManualEntry = false
    @State private var showingPhotos = false
    @State private var photoItems: [PhotosPickerItem] = []
    @State private var showingImporter = false
    @State private var showingExporter = false
    @State private var showingGoogleExport = false
    @State private var showingChangePassword = false
    @State private var showingBackups = false
    @State private var showingIntegrity = false
    @State private var showingIntegrityReauth = false
    @State private var showingBiometricsReauth = false
    @State private var importPassword = ""
    @State private var showingExportPassword = false
    @State private var exportPassword = ""
    @State private var exportConfirmation = ""

    private var rows: [CodeRow<EntryID>] {
        codes.list.filtered(by: query)
    }

    private var codesHidden: Bool {
        screen.isCaptured
    }

    var body: some View {
        NavigationStack {
            List {
                banners
                ForEach(rows) { row in
                    CodeRowView(
                        row: row,
                        now: codes.now,
                        hidden: codesHidden,
                        onCopy: { code in codes.copy(code, of: row) },
                        onNextHOTP: { codes.nextHOTP(row.id) }
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
                .onMove(perform: codes.list.canReorder(query: query) ? move : nil)
            }
            .listStyle(.plain)
            .overlay {
                if codes.list.rows.isEmpty {
                    emptyState
                }
            }
            .overlay {
                if transfer.working {
                    ProgressView()
                        .padding(24)
                        .background(.regularMaterial, in: RoundedRectangle(cornerRadius: 12))
                }
            }
            .overlay(alignment: .bottom) {
                if let toast = notices.toast {
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
            .animation(.easeInOut(duration: 0.2), value: notices.toast)
            .searchable(text: $query, prompt: "Search accounts")
            .navigationTitle("Ward")
            .toolbar { toolbar }
            .confirmationDialog(
                pendingDeletion.count == 1 ? "Delete this account?" : "Delete \(pendingDeletion.count) accounts?",
                isPresented: deletionConfirmationShown,
                titleVisibility: .visible
            ) {
                Button("Delete", role: .destructive) {
                    codes.delete(pendingDeletion)
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
                    .environmentObject(codes)
            }
            .sheet(isPresented: $showingScanner) {
                ScanView()
                    .privacyCovered()
                    .environmentObject(add)
            }
            .sheet(isPresented: $showingManualEntry) {
                ManualEntryView()
                    .privacyCovered()
                    .environmentObject(add)
            }
            .sheet(item: offerShown) { offer in
                AccountConfirmationView(offer: offer)
                    .privacyCovered()
                    .environmentObject(add)
            }
            .sheet(isPresented: $showingGoogleExport) {
                GoogleExportView()
                    .privacyCovered()
                    .environmentObject(transfer)
                    .environmentObject(session)
                    .environmentObject(screen)
            }
            .sheet(item: backupReauthentication) { export in
                ReauthView(purpose: export.purpose) {
                    await transfer.reauthenticated(for: export)
                    if transfer.exportDocument != nil {
                        presentExporter()
                    }
                } onCancel: {
                    transfer.reauthenticationCancelled()
                }
                .privacyCovered()
                .environmentObject(session)
            }
            .sheet(isPresented: $showingChangePassword) {
                ChangePasswordView()
                    .privacyCovered()
                    .environmentObject(session)
            }
            .sheet(isPresented: $showingBiometricsReauth) {
                ReauthView(
                    purpose: "\(session.biometrics?.name ?? "Face ID") will open every account: confirm with your password first."
                ) {
                    showingBiometricsReauth = false
                    await session.setBiometrics(true)
                } onCancel: {}
                .privacyCovered()
                .environmentObject(session)
            }
            .sheet(isPresented: $showingIntegrityReauth) {
                ReauthView(
                    purpose: "Ward will keep the vault as it is now and stop warning about it."
                ) {
                    showingIntegrityReauth = false
                    do {
                        try await session.keepVaultAsItIs()
                        notices.showToast("Vault kept as it is.")
                    } catch {
                        notices.show(error: Notices.message(for: error))
                    }
                } onCancel: {}
                .privacyCovered()
                .environmentObject(session)
            }
            .sheet(isPresented: $showingBackups) {
                BackupSettingsView()
                    .privacyCovered()
                    .environmentObject(backups)
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
                Task { @MainActor in await add.addFromPhotos(items) }
            }
            .fileImporter(
                isPresented: $showingImporter,
                allowedContentTypes: [.json, .plainText, .data]
            ) { result in
                switch result {
                case .success(let url):
                    Task { @MainActor in await transfer.importFile(from: url) }
                case .failure(let error):
                    notices.show(error: error.localizedDescription)
                }
            }
            .fileExporter(
                isPresented: $showingExporter,
                document: transfer.exportDocument,
                contentType: BackupDocument.contentType,
                defaultFilename: BackupDocument.defaultFilename
            ) { result in
                transfer.exportDocument = nil
                if case .failure(let error) = result {
                    notices.show(error: error.localizedDescription)
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
                presenting: transfer.pendingImport
            ) { pending in
                SecureField("Password", text: $importPassword)
                Button("Import") {
                    let password = importPassword
                    importPassword = ""
                    Task { @MainActor in await transfer.importPending(pending, password: password) }
                }
                Button("Cancel", role: .cancel) {
                    importPassword = ""
                }
            } message: { pending in
                Text("This \(pending.format) is encrypted. Enter the password it was exported with.")
            }
            .alert(
                "Turn \(session.biometrics?.name ?? "Face ID") on again?",
                isPresented: $session.offerReenrol
            ) {
                Button("Turn On") {
                    Task { @MainActor in await session.setBiometrics(true) }
                }
                Button("Not Now", role: .cancel) {}
            } message: {
                Text("It no longer opened Ward, so it was turned off. Turning it on again uses the faces or fingers enrolled now.")
            }
        }
        .alert(
            notices.notice?.title ?? "",
            isPresented: noticeShown,
            presenting: notices.notice
        ) { _ in
            Button("OK", role: .cancel) {}
        } message: { notice in
            Text(notice.message)
        }
    }

    /// The integrity warning, the screen-capture notice and the backup
    /// reminder, above the rows.
    @ViewBuilder
    private var banners: some View {
        if let warning = IntegrityCheck.notice(for: session.integrity) {
            Button {
                showingIntegrity = true
            } label: {
                Label(warning.title, systemImage: "exclamationmark.shield")
                    .font(.callout)
            }
            .buttonStyle(.plain)
            .foregroundStyle(.red)
            .accessibilityHint("Shows what changed and how to keep or restore the vault.")
            .alert(warning.title, isPresented: $showingIntegrity) {
                Button("Keep this vault") {
                    showingIntegrityReauth = true
                }
                Button("Not now", role: .cancel) {}
            } message: {
                Text(warning.message)
            }
        }
        if codesHidden {
            Label(CodeVisibility.capturedNotice, systemImage: "record.circle")
                .font(.callout)
                .foregroundStyle(.red)
        }
        if let reminder = backups.reminder(now: codes.now) {
            Button {
                showingBackups = true
            } label: {
                Label(reminder, systemImage: "externaldrive.badge.exclamationmark")
                    .font(.callout)
            }
            .buttonStyle(.plain)
            .foregroundStyle(.orange)
        }
    }

    private func export() {
        let password = exportPassword
        let confirmation = exportConfirmation
        exportPassword = ""
        exportConfirmation = ""
        guard NewPassword.isAcceptable(password, confirmation: confirmation) else {
            notices.show(
                title: "Nothing was exported",
                message: NewPassword.problem(password, confirmation: confirmation) ?? "Enter the password twice."
            )
            return
        }
        Task { @MainActor in
            await transfer.saveBackupFile(password: password)
            if transfer.exportDocument != nil {
                presentExporter()
            }
        }
    }

    /// Presents the Files sheet once the alert or sheet before it has gone.
    private func presentExporter() {
        Task { @MainActor in
            try? await Task.sleep(nanoseconds: 500_000_000)
            showingExporter = true
        }
    }

    private var offerShown: Binding<AccountOffer?> {
        Binding(
            get: { add.offerToConfirm },
            set: { offer in
                if offer == nil {
                    add.decline()
                }
            }
        )
    }

    private var backupReauthentication: Binding<TransferModel.SensitiveExport?> {
        Binding(
            get: { transfer.reauthentication == .backup ? .backup : nil },
            set: { value in
                if value == nil, transfer.reauthentication == .backup {
                    transfer.reauthenticationCancelled()
                }
            }
        )
    }

    private var importPasswordShown: Binding<Bool> {
        Binding(
            get: { transfer.pendingImport != nil },
            set: { shown in
                if !shown {
                    transfer.pendingImport = nil
                }
            }
        )
    }

    private var noticeShown: Binding<Bool> {
        Binding(
            get: { notices.notice != nil },
            set: { shown in
                if !shown {
                    notices.notice = nil
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
        codes.move(offsets: offsets, to: destination)
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
                    add.paste()
                } label: {
                    Label("Paste account link", systemImage: "doc.on.clipboard")
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
                    showingBackups = true
                } label: {
                    Label("Backups…", systemImage: "externaldrive")
                }
                Button {
                    showingImporter = true
                } label: {
                    Label("Import…", systemImage: "square.and.arrow.down")
                }
                Button {
                    showingExportPassword = true
                } label: {
                    Label("Export backup file…", systemImage: "square.and.arrow.up")
                }
                Button {
                    showingGoogleExport = true
                } label: {
                    Label("Export to Google Authenticator…", systemImage: "qrcode")
                }
                Button {
                    showingChangePassword = true
                } label: {
                    Label("Change password…", systemImage: "key")
                }
                if let kind = session.biometrics {
                    Toggle(isOn: biometricsToggle) {
                        Label("Unlock with \(kind.name)", systemImage: kind.symbol)
                    }
                }
                Button {
                    session.lock()
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
            get: { session.deviceUnlock.enabled },
            set: { on in
                if on, !session.hasFreshProof {
                    showingBiometricsReauth = true
                } else {
                    Task { @MainActor in await session.setBiometrics(on) }
                }
            }
        )
    }
}
