import Foundation

/// The app's record of Face ID / Touch ID unlock for the vault, and the
/// decisions that follow from it: which steps turn it on, what to do after
/// a failure, and what to do after the next password unlock.
///
/// Kept in `UserDefaults` as JSON. Nothing in it is secret:
/// `enrolledDomainState` is the system's opaque hash of the enrolled
/// faces or fingers (`LAContext.evaluatedPolicyDomainState`), recorded when
/// the key was made so that a later failure can tell a changed enrolment
/// from a face that did not match (see `DeviceKeyFailure`).
///
/// The vault holds a platform slot (the master key wrapped by the Secure
/// Enclave key). A slot the key can no longer open is dead: left in place
/// it made the core prompt once per slot at each unlock, and re-enabling
/// added a second one. So a dead slot is marked here and removed at the
/// first chance (the vault must be unlocked to change its slots).
public struct DeviceUnlockSetting: Equatable, Codable, Sendable {
    /// Biometric unlock is on: the unlock screen offers it.
    public private(set) var enabled: Bool
    /// The vault holds a platform slot that no longer opens: remove it once
    /// the vault is unlocked.
    public private(set) var deadSlotToRemove: Bool
    /// After the next password unlock, enrol again without asking: the key
    /// went missing while the enrolment did not change (the app was
    /// restored from a device backup onto this phone, whose Secure Enclave
    /// never had the key).
    public private(set) var reenrolAfterUnlock: Bool
    /// The enrolment hash recorded when the key was made.
    public private(set) var enrolledDomainState: Data?

    /// Off, nothing to clean up.
    public init() {
        enabled = false
        deadSlotToRemove = false
        reenrolAfterUnlock = false
        enrolledDomainState = nil
    }

    /// One step of turning biometric unlock on.
    public enum EnableStep: Equatable, Sendable {
        /// `Vault.disableKeyStore()`: drop every platform slot first.
        case removeOldSlots
        /// `Vault.enableKeyStore(...)`: make the key, add the slot.
        case enrol
    }

    /// The steps that turn biometric unlock on. The vault must end with
    /// exactly one platform slot. When the core replaces platform slots
    /// itself (`enableKeyStore` replaces any existing slot in one
    /// transaction), one step does it; until then the old slot is removed
    /// first.
    public static func stepsToEnable(coreReplacesSlots: Bool) -> [EnableStep] {
        coreReplacesSlots ? [.enrol] : [.removeOldSlots, .enrol]
    }

    /// Biometric unlock was turned on: the slot was added, the key made
    /// with the current enrolment.
    public mutating func enrolled(domainState: Data?) {
        enabled = true
        deadSlotToRemove = false
        reenrolAfterUnlock = false
        enrolledDomainState = domainState
    }

    /// The user turned biometric unlock off and the slot was removed.
    public mutating func turnedOff() {
        self = DeviceUnlockSetting()
    }

    /// Whether the enrolment changed since the key was made: nil when
    /// nothing was recorded (a setting from an older version), so that an
    /// unknown state never counts as a change.
    public func enrolmentChanged(currentDomainState: Data?) -> Bool? {
        guard let enrolledDomainState else {
            return nil
        }
        return enrolledDomainState != currentDomainState
    }

    /// The same, from what `LAContext.canEvaluatePolicy` answered:
    /// `evaluationErrorCode` is its `LAError` code, nil when it succeeded
    /// (then `currentDomainState` is the context's
    /// `evaluatedPolicyDomainState`). With no face or finger enrolled any
    /// more, a recorded enrolment has changed; any other refusal (a lockout,
    /// biometry turned off) says nothing about the enrolment: unknown.
    public func enrolmentChanged(currentDomainState: Data?, evaluationErrorCode: Int?) -> Bool? {
        guard let code = evaluationErrorCode else {
            return enrolmentChanged(currentDomainState: currentDomainState)
        }
        if code == DeviceKeyFailure.LAErrorCode.biometryNotEnrolled, enrolledDomainState != nil {
            return true
        }
        return nil
    }

    /// What the app does after a failed biometric unlock.
    public enum Reaction: Equatable, Sendable {
        /// Nothing changes: the user may try again or use the password.
        case keep
        /// The key is dead: biometric unlock is now off, and the slot is
        /// removed after the next password unlock.
        case turnedOff
    }

    /// Records a failed biometric unlock. Only an invalidation turns
    /// biometric unlock off; a cancel, a failed match or a lockout never
    /// does.
    public mutating func unlockFailed(_ failure: DeviceKeyFailure) -> Reaction {
        guard failure.invalidatesKey else {
            return .keep
        }
        enabled = false
        deadSlotToRemove = true
        // A missing key with an unchanged enrolment is a restore onto a new
        // phone (or a deleted key): the user had it on and nothing about
        // their face changed, so enrol again after the password. A changed
        // enrolment is the user's decision to renew: offer, never do it.
        reenrolAfterUnlock = failure == .keyMissing
        return .turnedOff
    }

    /// At launch: the setting says on, but the Secure Enclave holds no key
    /// (a restore from a device backup: `UserDefaults` and the vault file
    /// came back, the device-only key did not). Treated as a missing key
    /// before any prompt is shown.
    public mutating func launched(keyExists: Bool) {
        if enabled, !keyExists {
            _ = unlockFailed(.keyMissing)
        }
    }

    /// What to do once the vault is unlocked with the password.
    public enum AfterUnlock: Equatable, Sendable {
        /// Remove the dead platform slot (`Vault.disableKeyStore()`).
        case removeDeadSlot
        /// Turn biometric unlock on again without asking (restored app).
        case reenrol
        /// Offer to turn it on again (the enrolment changed).
        case offerReenrol
    }

    /// The steps after a password unlock, in order. `biometryAvailable`:
    /// the device can use Face ID / Touch ID now.
    public func afterPasswordUnlock(biometryAvailable: Bool) -> [AfterUnlock] {
        guard deadSlotToRemove else {
            return []
        }
        var steps: [AfterUnlock] = [.removeDeadSlot]
        if biometryAvailable {
            steps.append(reenrolAfterUnlock ? .reenrol : .offerReenrol)
        }
        return steps
    }

    /// The dead slot was removed from the vault.
    public mutating func deadSlotRemoved() {
        deadSlotToRemove = false
    }

    /// The user declined to turn it on again, or re-enrolling failed: stay
    /// off and stop offering.
    public mutating func reenrolDeclined() {
        reenrolAfterUnlock = false
    }

    // MARK: - Storage

    /// The JSON stored in `UserDefaults`.
    public func encoded() -> Data {
        // Encoding a struct of Bools and Data cannot fail.
        (try? JSONEncoder().encode(self)) ?? Data()
    }

    /// The stored setting, or off when nothing (or something unreadable)
    /// was stored. `legacyEnabled`: the Bool older versions stored; such a
    /// setting has no recorded enrolment.
    public static func decoded(from data: Data?, legacyEnabled: Bool = false) -> DeviceUnlockSetting {
        if let data, let setting = try? JSONDecoder().decode(DeviceUnlockSetting.self, from: data) {
            return setting
        }
        var setting = DeviceUnlockSetting()
        setting.enabled = legacyEnabled
        return setting
    }
}
