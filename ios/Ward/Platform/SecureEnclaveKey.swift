import Foundation
import LocalAuthentication
import Security
import WardAppLogic

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
/// - "ThisDeviceOnly": the key is never in a device backup, so an app
///   restored onto a new phone has the vault but not the key; the app then
///   re-enrols after the first password unlock (`DeviceUnlockSetting`).
///
/// Errors are thrown as `SecureEnclaveError` with the system's domain and
/// code; `DeviceKeyFailure` (WardAppLogic, tested) decides what they mean.
///
/// Not available in the Simulator (no Secure Enclave): `create` throws and
/// the app says biometric unlock is unavailable.
enum SecureEnclaveKey {
    /// The keychain tag of the private key.
    static let tag = Data("app.ward.vault-key.secure-enclave".utf8)

    /// ECIES with the cofactor variant and a variable IV, as recommended for
    /// Secure Enclave P-256 keys. Computed, not a stored static: a
    /// `SecKeyAlgorithm` is a `CFString`, which is not `Sendable`, and a
    /// stored global of it is an error under Swift 6 strict concurrency.
    static var algorithm: SecKeyAlgorithm {
        .eciesEncryptionCofactorVariableIVX963SHA256AESGCM
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
            throw SecureEnclaveError(error)
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
            throw SecureEnclaveError(error)
        }
        guard let publicKey = SecKeyCopyPublicKey(privateKey) else {
            throw SecureEnclaveError(status: errSecParam)
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

    /// The enrolled biometry as `LAContext` reports it, without prompting:
    /// its `evaluatedPolicyDomainState` (an opaque hash that changes when a
    /// face or finger is added or removed) and, when the policy cannot be
    /// evaluated, the `LAError` code.
    static func enrolment() -> (domainState: Data?, errorCode: Int?) {
        let context = LAContext()
        var error: NSError?
        guard context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &error) else {
            return (nil, error?.code ?? DeviceKeyFailure.LAErrorCode.biometryNotAvailable)
        }
        return (context.evaluatedPolicyDomainState, nil)
    }

    /// Encrypts `plaintext` (the 32-byte master key) to the key's public
    /// half. No prompt.
    static func wrap(_ plaintext: Data, with publicKey: SecKey) throws -> Data {
        guard SecKeyIsAlgorithmSupported(publicKey, .encrypt, algorithm) else {
            throw SecureEnclaveError(status: errSecParam)
        }
        var error: Unmanaged<CFError>?
        guard let sealed = SecKeyCreateEncryptedData(publicKey, algorithm, plaintext as CFData, &error) else {
            throw SecureEnclaveError(error)
        }
        return sealed as Data
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
            throw SecureEnclaveError(error)
        }
        return plaintext as Data
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
            throw SecureEnclaveError(status: status == errSecSuccess ? errSecItemNotFound : status)
        }
        // SecItemCopyMatching with kSecReturnRef for kSecClassKey returns a
        // SecKey; CF types cannot be checked with `as?`, hence the force.
        return item as! SecKey  // swiftlint:disable:this force_cast
    }
}

/// An error from the Security or LocalAuthentication framework, as its
/// domain and code (never a key or a secret).
struct SecureEnclaveError: Error, Equatable {
    let domain: String
    let code: Int

    init(status: OSStatus) {
        domain = DeviceKeyFailure.osStatusDomain
        code = Int(status)
    }

    init(_ error: Unmanaged<CFError>?) {
        guard let error = error?.takeRetainedValue() else {
            self.init(status: errSecParam)
            return
        }
        let nsError = error as Error as NSError
        domain = nsError.domain
        code = nsError.code
    }
}
