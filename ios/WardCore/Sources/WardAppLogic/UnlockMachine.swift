import Foundation

/// The lock state of the app, as a small state machine with no UI and no
/// platform calls, so that every transition is testable.
///
/// The app feeds it events (a vault was found, a password was accepted, the
/// app went to the background, ...) and shows the screen for its `state`.
/// The vault itself is locked and unlocked by the core; this type decides
/// what the user sees and when the app must lock.
public struct UnlockMachine: Equatable, Sendable {
    /// What the app is showing.
    public enum State: Equatable, Sendable {
        /// Launching: the app has not yet looked for a vault file.
        case starting
        /// No vault yet: the first-run screen.
        case needsSetup
        /// A vault exists and is locked: the unlock screen, with a message
        /// when the last attempt failed.
        case locked(LockedMessage?)
        /// An unlock attempt is running (key derivation or Face ID).
        case unlocking(Method)
        /// The vault is open: the codes list.
        case unlocked
    }

    /// How the user is unlocking.
    public enum Method: Equatable, Sendable {
        case password
        case biometrics
    }

    /// Why the unlock screen shows a message.
    public enum LockedMessage: Equatable, Sendable {
        /// The password did not open the vault.
        case wrongPassword
        /// Face ID / Touch ID enrolment changed since biometric unlock was
        /// turned on, so the Secure Enclave key no longer opens: the
        /// password still does, and nothing was deleted.
        case biometricsChanged
        /// Biometric unlock is not available (no enrolment, or turned off
        /// in Settings); use the password.
        case biometricsUnavailable
        /// The face or finger did not match (a mask, bad light): Face ID
        /// stays on; try again or use the password.
        case biometricsNotRecognised
        /// Too many failed matches: the system locked biometry until the
        /// passcode is entered; use the password.
        case biometricsLockedOut
        /// Any other failure, with the core's message (already readable).
        case failed(String)
    }

    /// Why an unlock attempt failed.
    public enum Failure: Equatable, Sendable {
        case wrongPassword
        /// The user cancelled the Face ID / Touch ID prompt: no message.
        case cancelled
        case biometricsChanged
        case biometricsUnavailable
        case biometricsNotRecognised
        case biometricsLockedOut
        case other(String)
    }

    /// Things that happen to the app.
    public enum Event: Equatable, Sendable {
        /// The app looked for the vault file.
        case vaultChecked(exists: Bool)
        /// The first-run screen created the vault (it is open).
        case created
        /// The user started an unlock.
        case unlockStarted(Method)
        case unlockSucceeded
        case unlockFailed(Failure)
        /// The user pressed "Lock".
        case lockRequested
        /// The scene entered the background: lock at once.
        case enteredBackground
    }

    /// The current state.
    public private(set) var state: State = .starting
    /// Whether Face ID may be offered by itself when the unlock screen
    /// appears. True after launch and after each background; false once a
    /// biometric attempt failed or was cancelled, so the prompt does not
    /// loop.
    public private(set) var offersBiometricsAutomatically = true
    /// Failed password attempts since the last successful unlock.
    public private(set) var failedPasswordAttempts = 0

    public init() {}

    /// Whether the vault must be locked in the core now: true in every state
    /// except `unlocked` and `unlocking`.
    public var vaultMustBeLocked: Bool {
        switch state {
        case .unlocked, .unlocking:
            return false
        case .starting, .needsSetup, .locked:
            return true
        }
    }

    /// Applies an event. Events that make no sense in the current state (a
    /// second unlock while one runs, an unlock result with none running)
    /// are ignored, so a late callback can never open the app.
    public mutating func handle(_ event: Event) {
        switch (state, event) {
        case (.starting, .vaultChecked(let exists)):
            state = exists ? .locked(nil) : .needsSetup
        case (.needsSetup, .created):
            state = .unlocked
            failedPasswordAttempts = 0
        case (.locked, .unlockStarted(let method)):
            state = .unlocking(method)
        case (.unlocking, .unlockSucceeded):
            state = .unlocked
            failedPasswordAttempts = 0
            offersBiometricsAutomatically = true
        case (.unlocking(let method), .unlockFailed(let failure)):
            if method == .biometrics {
                offersBiometricsAutomatically = false
            }
            state = .locked(Self.message(for: failure))
            if failure == .wrongPassword {
                failedPasswordAttempts += 1
            }
        case (.unlocked, .lockRequested):
            state = .locked(nil)
        case (.unlocked, .enteredBackground), (.unlocking, .enteredBackground):
            state = .locked(nil)
            offersBiometricsAutomatically = true
        case (.locked, .enteredBackground):
            offersBiometricsAutomatically = true
        default:
            break
        }
    }

    private static func message(for failure: Failure) -> LockedMessage? {
        switch failure {
        case .wrongPassword:
            return .wrongPassword
        case .cancelled:
            return nil
        case .biometricsChanged:
            return .biometricsChanged
        case .biometricsUnavailable:
            return .biometricsUnavailable
        case .biometricsNotRecognised:
            return .biometricsNotRecognised
        case .biometricsLockedOut:
            return .biometricsLockedOut
        case .other(let text):
            return .failed(text)
        }
    }
}
