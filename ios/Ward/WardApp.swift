import SwiftUI

/// Ward for iPhone: a SwiftUI shell over the Rust core (WardCore). The core
/// computes and stores; this app owns the camera, the screen, the Keychain /
/// Secure Enclave and Face ID / Touch ID.
///
/// One small model per flow (see `Model/`): `VaultSession` (first run,
/// unlock, lock, Face ID, password), `CodesModel` (the list),
/// `AddAccountModel` (scan, photos, links, paste), `TransferModel` (import
/// and export), `BackupModel` (automatic backups). Their decisions live in
/// WardAppLogic, where tests reach them.
@main
struct WardApp: App {
    @StateObject private var models = AppModels()
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView()
                .environmentObject(models.notices)
                .environmentObject(models.session)
                .environmentObject(models.codes)
                .environmentObject(models.add)
                .environmentObject(models.transfer)
                .environmentObject(models.backups)
                .environmentObject(models.screen)
                // otpauth:// links (the scheme is registered in
                // project.yml): offered behind the confirmation screen.
                .onOpenURL { url in
                    models.add.open(link: url)
                }
        }
        .onChange(of: scenePhase) { phase in
            models.session.sceneChanged(to: phase)
        }
    }
}

/// Makes the flow models and wires them together: the session tells the
/// others when the vault opened, changed or locked.
@MainActor
final class AppModels: ObservableObject {
    let notices: Notices
    let session: VaultSession
    let codes: CodesModel
    let add: AddAccountModel
    let transfer: TransferModel
    let backups: BackupModel
    let screen: ScreenCapture

    init() {
        let notices = Notices()
        let session = VaultSession(notices: notices)
        let codes = CodesModel(session: session)
        let add = AddAccountModel(session: session)
        let transfer = TransferModel(session: session)
        let backups = BackupModel(session: session)
        self.notices = notices
        self.session = session
        self.codes = codes
        self.add = add
        self.transfer = transfer
        self.backups = backups
        screen = ScreenCapture()
        session.onVaultChanged = [
            { [weak codes] change in
                if change == .opened {
                    codes?.opened()
                } else {
                    codes?.refresh()
                }
            },
            { [weak backups] change in backups?.vaultChanged(change) },
        ]
        session.onLocked = [
            { [weak codes] in codes?.locked() },
            { [weak add] in add?.locked() },
            { [weak transfer] in transfer?.locked() },
        ]
    }
}
