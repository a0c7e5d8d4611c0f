import LocalAuthentication

/// What the device offers for biometric unlock, for labels and for deciding
/// whether to offer it at all. Asking never prompts.
enum Biometrics {
    /// The kind of biometry the device has, nil when none is enrolled or the
    /// user turned it off for Ward.
    enum Kind: Equatable {
        case faceID
        case touchID
        case other

        /// The name shown on buttons and in Settings.
        var name: String {
            switch self {
            case .faceID:
                return "Face ID"
            case .touchID:
                return "Touch ID"
            case .other:
                return "Biometrics"
            }
        }

        /// The SF Symbol for buttons.
        var symbol: String {
            switch self {
            case .faceID:
                return "faceid"
            case .touchID:
                return "touchid"
            case .other:
                return "lock.shield"
            }
        }
    }

    /// The biometry that can be used now, or nil.
    static func available() -> Kind? {
        let context = LAContext()
        var error: NSError?
        guard context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &error) else {
            return nil
        }
        if context.biometryType == .faceID {
            return .faceID
        }
        if context.biometryType == .touchID {
            return .touchID
        }
        return .other
    }
}
