import Foundation
import LocalAuthentication
import Security

/// The Secure Enclave key that wraps the vault's master key for Face ID /
/// Touch ID unlock.
///
/// A P-256 private key is created inside the Secure Enclave (it never leaves
/// it) with the access control `[.privateKeyUsage, .biometryCurrentSet]` and
/// the protection class `kSecAttrAccessibleWhenPasscodeSetThisDeviceOnly`:
/// - wrapping uses only the public key (ECIES, X9.63 KDF with SHA-256 and
///   AES-GCM), so turning Face ID on needs no prompt;
/// - unwrapping runs in the Secure Enclave and needs a biometric match from
///   the set enrolled when the key was made. If the user adds a face or a
///   finger, or removes the passcode, the key stops working for good: the
///   password still opens the vault (the core keeps the password-wrapped
///   copy), nothing is deleted, and the app offers to turn Face ID on again.
///
/// Not available in the Simulator (no Secure Enclave): `create` throws and
/// the app says biometric unlock is unavailable.
enum SecureEnclaveKey {
    /// The keychain tag of the private key.
    static let tag = Data("app.ward.vault-key.secure-enclave".utf8)
    /// ECIES with the cofactor variant and a variable IV, as recommended for
    /// Secure Enclave P-256 keys.
    static let algorithm: SecKeyAlgorithm = .eciesEncryptionCofactorVariableIVX963SHA256AESGCM

    /// Why the key could not be used.
    enum Failure: Error, Equatable {
        /// There is no key (biometric unlock was never turned on, or the
        /// key was removed).
        case missing
        /// The user cancelled the prompt.
        case cancelled
        /// The key exists but cannot be used: enrolment changed, or the
        /// passcode was removed.
        case invalidated
        /// Biometrics are not enrolled or are locked out.
        case unavailable
        /// Anything else, with the OSStatus or CFError code.
        case failed(Int)
    }

    /// Makes a new key, replacing any old one, and returns its public key.
    static func create() throws -> SecKey {
        delete()
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            kCFAllocatorDefault,
            kSecAttrAccessibleWhenPasscodeSetThisDeviceOnly,
            [.privateKeyUsage, .biometryCurrentSet],
            &error
        ) else {
            throw failure(from: error)
        }
        let attributes: [String: Any] = [
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecAttrKeySizeInBits as String: 256,
            kSecAttrTokenID as String: kSecAttrTokenIDSecureEnclave,
            kSecPrivateKeyAttrs as String: [
                kSecAttrIsPermanent as String: true,
                kSecAttrApplicationTag as String: tag,
                kSecAttrAccessControl as String: access,
            ] as [String: Any],
        ]
        guard let privateKey = SecKeyCreateRandomKey(attributes as CFDictionary, &error) else {
            throw failure(from: error)
        }
        guard let publicKey = SecKeyCopyPublicKey(privateKey) else {
            throw Failure.failed(Int(errSecParam))
        }
        return publicKey
    }

    /// Removes the key. Removing a key that does not exist is not an error.
    static func delete() {
        let query: [String: Any] = [
            kSecClass as String: kSecClassKey,
            kSecAttrApplicationTag as String: tag,
            kSecAttrTokenID as String: kSecAttrTokenIDSecureEnclave,
        ]
        SecItemDelete(query as CFDictionary)
    }

    /// Whether a key exists, without prompting.
    static func exists() -> Bool {
        let context = LAContext()
        context.interactionNotAllowed = true
        let query: [String: Any] = [
            kSecClass as String: kSecClassKey,
            kSecAttrApplicationTag as String: tag,
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecReturnRef as String: true,
            kSecUseAuthenticationContext as String: context,
        ]
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        // interactionNotAllowed makes a protected item answer
        // errSecInteractionNotAllowed: it exists.
        return status == errSecSuccess || status == errSecInteractionNotAllowed
    }

    /// Encrypts `plaintext` (the 32-byte master key) to the key's public
    /// half. No prompt.
    static func wrap(_ plaintext: Data, with publicKey: SecKey) throws -> Data {
        guard SecKeyIsAlgorithmSupported(publicKey, .encrypt, algorithm) else {
            throw Failure.failed(Int(errSecParam))
        }
        var error: Unmanaged<CFError>?
        guard let sealed = SecKeyCreateEncryptedData(publicKey, algorithm, plaintext as CFData, &error) else {
            throw failure(from: error)
        }
        return sealed as Data
    }

    /// The public key of the stored private key, for wrapping. No prompt:
    /// using the private key's reference to copy the public key does not
    /// need authentication.
    static func publicKey() throws -> SecKey {
        let privateKey = try privateKey(context: nonInteractiveContext())
        guard let publicKey = SecKeyCopyPublicKey(privateKey) else {
            throw Failure.failed(Int(errSecParam))
        }
        return publicKey
    }

    /// Decrypts a wrapped master key inside the Secure Enclave. Shows the
    /// Face ID / Touch ID prompt with `reason`; blocks the calling thread
    /// until the user answers, so never call it on the main thread.
    static func unwrap(_ sealed: Data, reason: String) throws -> Data {
        let context = LAContext()
        context.localizedReason = reason
        context.localizedFallbackTitle = "Use Password"
        let privateKey = try privateKey(context: context)
        var error: Unmanaged<CFError>?
        guard let plaintext = SecKeyCreateDecryptedData(privateKey, algorithm, sealed as CFData, &error) else {
            throw failure(from: error)
        }
        return plaintext as Data
    }

    private static func nonInteractiveContext() -> LAContext {
        let context = LAContext()
        context.interactionNotAllowed = true
        return context
    }

    private static func privateKey(context: LAContext) throws -> SecKey {
        let query: [String: Any] = [
            kSecClass as String: kSecClassKey,
            kSecAttrApplicationTag as String: tag,
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecReturnRef as String: true,
            kSecUseAuthenticationContext as String: context,
        ]
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        guard status == errSecSuccess, let item = item else {
            throw failure(status: status)
        }
        // SecItemCopyMatching with kSecReturnRef for kSecClassKey returns a
        // SecKey; CF types cannot be checked with `as?`, hence the force.
        return item as! SecKey  // swiftlint:disable:this force_cast
    }

    private static func failure(status: OSStatus) -> Failure {
        switch status {
        case errSecItemNotFound:
            return .missing
        case errSecUserCanceled:
            return .cancelled
        case errSecAuthFailed:
            return .invalidated
        default:
            return .failed(Int(status))
        }
    }

    private static func failure(from error: Unmanaged<CFError>?) -> Failure {
        guard let error = error?.takeRetainedValue() else {
            return .failed(Int(errSecParam))
        }
        let nsError = error as Error as NSError
        if nsError.domain == LAErrorDomain, let code = LAError.Code(rawValue: nsError.code) {
            switch code {
            case .userCancel, .appCancel, .systemCancel, .userFallback:
                return .cancelled
            case .biometryNotEnrolled, .biometryLockout, .biometryNotAvailable, .passcodeNotSet:
                return .unavailable
            case .authenticationFailed:
                return .invalidated
            default:
                return .failed(nsError.code)
            }
        }
        return failure(status: OSStatus(truncatingIfNeeded: nsError.code))
    }
}
