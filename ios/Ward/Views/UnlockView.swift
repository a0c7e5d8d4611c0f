import SwiftUI
import WardAppLogic

/// The lock screen: password, or Face ID / Touch ID when it is on.
struct UnlockView: View {
    @EnvironmentObject private var model: VaultSession
    @Environment(\.scenePhase) private var scenePhase
    @State private var password = ""
    @FocusState private var passwordFocused: Bool

    private var unlocking: Bool {
        if case .unlocking = model.machine.state {
            return true
        }
        return false
    }

    private var message: String? {
        guard case .locked(let message?) = model.machine.state else {
            return nil
        }
        let biometricName = model.biometrics?.name ?? "Face ID"
        switch message {
        case .wrongPassword:
            return "Wrong password. Check it and try again."
        case .biometricsChanged:
            return "\(biometricName) no longer opens Ward: the enrolled faces or fingers changed, "
                + "the passcode was removed, or Ward was restored onto this iPhone. "
                + "Unlock with your password; Ward then offers to set \(biometricName) up again. Nothing was deleted."
        case .biometricsUnavailable:
            return "\(biometricName) is not available right now. Unlock with your password."
        case .biometricsNotRecognised:
            return "\(biometricName) did not recognise you. Try again, or unlock with your password."
        case .biometricsLockedOut:
            return "\(biometricName) is locked after too many attempts. Unlock with your password; "
                + "unlocking the iPhone with its passcode turns \(biometricName) back on."
        case .failed(let text):
            return text
        }
    }

    var body: some View {
        VStack(spacing: 24) {
            Spacer()
            Image(systemName: "lock.shield")
                .font(.system(size: 64))
                .foregroundStyle(.tint)
            Text("Ward is locked")
                .font(.title2.weight(.semibold))
            SecureField("Password", text: $password)
                .textContentType(.password)
                .textFieldStyle(.roundedBorder)
                .focused($passwordFocused)
                .submitLabel(.go)
                .onSubmit(unlockWithPassword)
                .disabled(unlocking)
            Button(action: unlockWithPassword) {
                if unlocking {
                    ProgressView()
                        .frame(maxWidth: .infinity)
                } else {
                    Text("Unlock")
                        .frame(maxWidth: .infinity)
                }
            }
            .buttonStyle(.borderedProminent)
            .disabled(password.isEmpty || unlocking)
            if let kind = model.biometrics, model.deviceUnlock.enabled {
                Button {
                    Task { @MainActor in await model.unlockWithBiometrics() }
                } label: {
                    Label("Unlock with \(kind.name)", systemImage: kind.symbol)
                }
                .disabled(unlocking)
            }
            if let message {
                Text(message)
                    .font(.callout)
                    .foregroundStyle(.red)
                    .multilineTextAlignment(.center)
            }
            Spacer()
        }
        .padding()
        .onAppear(perform: offerBiometrics)
        .onChange(of: scenePhase) { phase in
            // The screen may appear while the app is still in the background
            // (it locks there); offer Face ID once the user is looking.
            if phase == .active {
                offerBiometrics()
            }
        }
    }

    private func unlockWithPassword() {
        guard !password.isEmpty, !unlocking else {
            return
        }
        let entered = password
        password = ""
        Task { @MainActor in await model.unlock(password: entered) }
    }

    private func offerBiometrics() {
        guard scenePhase == .active, !unlocking else {
            return
        }
        if model.deviceUnlock.enabled, model.biometrics != nil, model.machine.offersBiometricsAutomatically {
            Task { @MainActor in await model.unlockWithBiometrics() }
        } else {
            passwordFocused = true
        }
    }
}
