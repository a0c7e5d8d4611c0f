import Foundation
import WardCore

/// The core's platform key store (the `KeyStore` foreign trait), backed by
/// the Secure Enclave key (see `SecureEnclaveKey`).
///
/// The core calls `wrap` once, when device unlock is turned on
/// (`Vault.enableKeyStore`), and `unwrap` at each biometric unlock
/// (`Vault.unlockWithKeyStore`). Both run on the thread that called the
/// vault, which is never the main thread here: `unwrap` blocks while the
/// Face ID / Touch ID prompt is up.
///
/// Errors follow the trait's contract: `Cancelled` when the user cancels,
/// `KeyInvalidated` when the key is gone or no longer usable (biometric
/// enrolment changed), `KeyStore(reason:)` otherwise. The key bytes are
/// never logged.
final class SecureEnclaveKeyStore: KeyStore {
    /// The sentence under the Face ID / Touch ID prompt.
    private let reason: String

    init(reason: String = "Unlock your Ward accounts") {
        self.reason = reason
    }

    /// Makes a new Secure Enclave key (replacing any older one, which an
    /// enrolment change may have invalidated) and encrypts `key` to it.
    func wrap(key: Data) throws -> Data {
        do {
            let publicKey = try SecureEnclaveKey.create()
            return try SecureEnclaveKey.wrap(key, with: publicKey)
        } catch let failure as SecureEnclaveKey.Failure {
            throw Self.wardError(failure)
        }
    }

    /// Decrypts `wrapped` in the Secure Enclave after a biometric match.
    func unwrap(wrapped: Data) throws -> Data {
        do {
            return try SecureEnclaveKey.unwrap(wrapped, reason: reason)
        } catch let failure as SecureEnclaveKey.Failure {
            throw Self.wardError(failure)
        }
    }

    static func wardError(_ failure: SecureEnclaveKey.Failure) -> WardError {
        switch failure {
        case .cancelled:
            return .Cancelled
        case .missing, .invalidated:
            return .KeyInvalidated
        case .unavailable:
            return .KeyStore(reason: "Face ID or Touch ID is not available right now: unlock with the password")
        case .failed(let code):
            return .KeyStore(reason: "the Secure Enclave refused the key (error \(code)): unlock with the password")
        }
    }
}
