import Foundation

/// What a failed Face ID / Touch ID unlock through the Secure Enclave key
/// means, decided from the error the system returned and from whether the
/// biometric enrolment changed since the key was made.
///
/// Why the enrolment is compared and not guessed from the error: a Secure
/// Enclave key made with `.biometryCurrentSet` answers a face that does not
/// match and an enrolment that changed with the same kind of "authentication
/// failed" error. Taking every such error for an invalidation turned Face ID
/// off whenever a mask or bad light made one match fail. So the app records
/// `LAContext.evaluatedPolicyDomainState` when it enrols, and a failure is
/// an invalidation only when
/// - the recorded enrolment differs from the current one (a face or finger
///   was added or removed),
/// - the passcode was removed (the system deleted the key with it), or
/// - the key is missing (never made, deleted, or the app was restored from a
///   backup onto a device whose Secure Enclave never had it).
///
/// Plain Foundation: error domains and codes are compared as the numbers
/// Apple documents, so this compiles and is tested without
/// LocalAuthentication or Security.
public enum DeviceKeyFailure: Equatable, Sendable {
    /// The user, the app or the system cancelled the prompt.
    case cancelled
    /// The user tapped "Use Password".
    case fallback
    /// Biometry is locked after too many failed matches; the passcode
    /// unlocks it again.
    case lockedOut
    /// The face or finger did not match. Trying again may work.
    case notRecognised
    /// Faces or fingers were added or removed since the key was made: the
    /// key will never open again.
    case enrolmentChanged
    /// The device passcode was removed: the system deleted the key.
    case passcodeRemoved
    /// There is no key (never made, deleted, or restored onto another
    /// device).
    case keyMissing
    /// Biometry cannot be used now (not enrolled, turned off for Ward, the
    /// device is locked).
    case unavailable
    /// Anything else, with the error's domain and code for support.
    case failed(domain: String, code: Int)

    /// `LAErrorDomain`.
    public static let localAuthenticationDomain = "com.apple.LocalAuthentication"
    /// `NSOSStatusErrorDomain`: `OSStatus` values from Keychain calls.
    public static let osStatusDomain = "NSOSStatusErrorDomain"
    /// `TKErrorDomain` (CryptoTokenKit, which runs Secure Enclave keys).
    public static let cryptoTokenDomain = "CryptoTokenKit"

    /// `LAError.Code` raw values.
    public enum LAErrorCode {
        public static let authenticationFailed = -1
        public static let userCancel = -2
        public static let userFallback = -3
        public static let systemCancel = -4
        public static let passcodeNotSet = -5
        public static let biometryNotAvailable = -6
        public static let biometryNotEnrolled = -7
        public static let biometryLockout = -8
        public static let appCancel = -9
        public static let invalidContext = -10
        public static let notInteractive = -1004
    }

    /// `OSStatus` values from `SecBase.h`.
    public enum OSStatusCode {
        public static let userCanceled = -128
        public static let authFailed = -25293
        public static let itemNotFound = -25300
        public static let interactionNotAllowed = -25308
    }

    /// `TKError.Code` raw values.
    public enum TokenErrorCode {
        public static let canceledByUser = -4
        public static let authenticationFailed = -5
        public static let objectNotFound = -6
    }

    /// Classifies an error from `SecItemCopyMatching` (an `OSStatus`, domain
    /// `osStatusDomain`) or from `SecKeyCreateDecryptedData` (a `CFError`
    /// in any of the three domains).
    ///
    /// `enrolmentChanged` is the comparison of the recorded and the current
    /// `evaluatedPolicyDomainState` (`DeviceUnlockSetting.enrolmentChanged`),
    /// nil when unknown; only `true` turns a failed match into an
    /// invalidation.
    public static func classify(domain: String, code: Int, enrolmentChanged: Bool?) -> DeviceKeyFailure {
        let changed = enrolmentChanged == true
        switch (domain, code) {
        case (localAuthenticationDomain, LAErrorCode.userCancel),
             (localAuthenticationDomain, LAErrorCode.systemCancel),
             (localAuthenticationDomain, LAErrorCode.appCancel),
             (osStatusDomain, OSStatusCode.userCanceled),
             (cryptoTokenDomain, TokenErrorCode.canceledByUser):
            return .cancelled
        case (localAuthenticationDomain, LAErrorCode.userFallback):
            return .fallback
        case (localAuthenticationDomain, LAErrorCode.biometryLockout):
            return .lockedOut
        case (localAuthenticationDomain, LAErrorCode.authenticationFailed),
             (osStatusDomain, OSStatusCode.authFailed),
             (cryptoTokenDomain, TokenErrorCode.authenticationFailed):
            return changed ? .enrolmentChanged : .notRecognised
        case (localAuthenticationDomain, LAErrorCode.passcodeNotSet):
            return .passcodeRemoved
        case (osStatusDomain, OSStatusCode.itemNotFound),
             (cryptoTokenDomain, TokenErrorCode.objectNotFound):
            return .keyMissing
        case (localAuthenticationDomain, LAErrorCode.biometryNotEnrolled):
            // Removing every face or finger is an enrolment change too; with
            // the enrolment unknown or unchanged, biometry is merely off.
            return changed ? .enrolmentChanged : .unavailable
        case (localAuthenticationDomain, LAErrorCode.biometryNotAvailable),
             (localAuthenticationDomain, LAErrorCode.notInteractive),
             (localAuthenticationDomain, LAErrorCode.invalidContext),
             (osStatusDomain, OSStatusCode.interactionNotAllowed):
            return .unavailable
        default:
            return changed ? .enrolmentChanged : .failed(domain: domain, code: code)
        }
    }

    /// True when the key will never open the vault again: the vault's
    /// platform slot is dead and must be removed.
    public var invalidatesKey: Bool {
        switch self {
        case .enrolmentChanged, .passcodeRemoved, .keyMissing:
            return true
        default:
            return false
        }
    }

    /// What the core's `KeyStore` contract calls it: the app throws
    /// `WardError.Cancelled`, `.KeyInvalidated` or `.KeyStore(reason:)`
    /// accordingly.
    public var verdict: KeyStoreVerdict {
        switch self {
        case .cancelled, .fallback:
            return .cancelled
        case .enrolmentChanged, .passcodeRemoved, .keyMissing:
            return .invalidated
        case .lockedOut:
            return .failed(reason: "biometric unlock is locked after too many attempts: unlock with the password")
        case .notRecognised:
            return .failed(reason: "your face or finger was not recognised: try again, or unlock with the password")
        case .unavailable:
            return .failed(reason: "biometric unlock is not available right now: unlock with the password")
        case let .failed(domain, code):
            return .failed(reason: "the Secure Enclave refused the key (\(domain) \(code)): unlock with the password")
        }
    }

    /// What the unlock screen shows.
    public var unlockFailure: UnlockMachine.Failure {
        switch self {
        case .cancelled, .fallback:
            return .cancelled
        case .enrolmentChanged, .passcodeRemoved, .keyMissing:
            return .biometricsChanged
        case .lockedOut:
            return .biometricsLockedOut
        case .notRecognised:
            return .biometricsNotRecognised
        case .unavailable:
            return .biometricsUnavailable
        case .failed:
            return .biometricsUnavailable
        }
    }
}

/// The three answers the core's `KeyStore` contract knows.
public enum KeyStoreVerdict: Equatable, Sendable {
    /// `WardError.Cancelled`: the core stops (never tries another slot).
    case cancelled
    /// `WardError.KeyInvalidated`: the slot is dead.
    case invalidated
    /// `WardError.KeyStore(reason:)`, with a sentence for the user.
    case failed(reason: String)
}
