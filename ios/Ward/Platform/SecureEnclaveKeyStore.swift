import Foundation
import WardAppLogic
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
/// Errors follow the trait's contract, decided by `DeviceKeyFailure`
/// (WardAppLogic, one test per case): `Cancelled` when the user cancels or
/// taps "Use Password", `KeyInvalidated` only when the enrolment changed,
/// the passcode was removed or the key is missing, `KeyStore(reason:)`
/// otherwise (a face that did not match, a lockout). The failure is also
/// kept in `lastFailure`, so the app can say precisely what happened. The
/// key bytes are never logged.
final class SecureEnclaveKeyStore: KeyStore, @unchecked Sendable {
    /// The sentence under the Face ID / Touch ID prompt.
    private let reason: String
    /// The enrolment recorded when the key was made, to tell a changed
    /// enrolment from a failed match.
    private let setting: DeviceUnlockSetting
    private let lock = NSLock()
    private var failure: DeviceKeyFailure?

    init(setting: DeviceUnlockSetting, reason: String = "Unlock your Ward accounts") {
        self.setting = setting
        self.reason = reason
    }

    /// The last failure `wrap` or `unwrap` reported, nil after a success.
    var lastFailure: DeviceKeyFailure? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Makes a new Secure Enclave key (replacing any older one, which an
    /// enrolment change may have invalidated) and encrypts `key` to it.
    func wrap(key: Data) throws -> Data {
        do {
            let publicKey = try SecureEnclaveKey.create()
            let sealed = try SecureEnclaveKey.wrap(key, with: publicKey)
            record(nil)
            return sealed
        } catch let error as SecureEnclaveError {
            // A new key: the enrolment cannot have changed since.
            throw wardError(DeviceKeyFailure.classify(domain: error.domain, code: error.code, enrolmentChanged: false))
        }
    }

    /// Decrypts `wrapped` in the Secure Enclave after a biometric match.
    func unwrap(wrapped: Data) throws -> Data {
        do {
            let key = try SecureEnclaveKey.unwrap(wrapped, reason: reason)
            record(nil)
            return key
        } catch let error as SecureEnclaveError {
            let enrolment = SecureEnclaveKey.enrolment()
            let changed = setting.enrolmentChanged(
                currentDomainState: enrolment.domainState,
                evaluationErrorCode: enrolment.errorCode
            )
            throw wardError(DeviceKeyFailure.classify(domain: error.domain, code: error.code, enrolmentChanged: changed))
        }
    }

    private func record(_ value: DeviceKeyFailure?) {
        lock.lock()
        failure = value
        lock.unlock()
    }

    private func wardError(_ classified: DeviceKeyFailure) -> WardError {
        record(classified)
        switch classified.verdict {
        case .cancelled:
            return .Cancelled
        case .invalidated:
            return .KeyInvalidated
        case .failed(let reason):
            return .KeyStore(reason: reason)
        }
    }
}
