import WardAppLogic
import XCTest

final class DeviceUnlockSettingTests: XCTestCase {
    private let faces = Data([1, 2, 3])
    private let otherFaces = Data([9, 9, 9])

    private func enabled() -> DeviceUnlockSetting {
        var setting = DeviceUnlockSetting()
        setting.enrolled(domainState: faces)
        return setting
    }

    func testEnablingRemovesTheOldSlotFirstUntilTheCoreReplacesIt() {
        XCTAssertEqual(DeviceUnlockSetting.stepsToEnable(coreReplacesSlots: false), [.removeOldSlots, .enrol])
        XCTAssertEqual(DeviceUnlockSetting.stepsToEnable(coreReplacesSlots: true), [.enrol])
    }

    func testEnrolmentComparison() {
        let setting = enabled()
        XCTAssertEqual(setting.enrolmentChanged(currentDomainState: faces), false)
        XCTAssertEqual(setting.enrolmentChanged(currentDomainState: otherFaces), true)
        XCTAssertEqual(setting.enrolmentChanged(currentDomainState: nil), true)
        XCTAssertNil(DeviceUnlockSetting().enrolmentChanged(currentDomainState: faces))
    }

    func testEnrolmentFromTheContextsAnswer() {
        let setting = enabled()
        XCTAssertEqual(setting.enrolmentChanged(currentDomainState: faces, evaluationErrorCode: nil), false)
        XCTAssertEqual(setting.enrolmentChanged(currentDomainState: otherFaces, evaluationErrorCode: nil), true)
        // Every face removed: changed.
        XCTAssertEqual(setting.enrolmentChanged(currentDomainState: nil, evaluationErrorCode: -7), true)
        // Locked out after failed matches: unknown, never "changed", so a
        // lockout cannot turn Face ID off.
        XCTAssertNil(setting.enrolmentChanged(currentDomainState: nil, evaluationErrorCode: -8))
        XCTAssertNil(DeviceUnlockSetting().enrolmentChanged(currentDomainState: nil, evaluationErrorCode: -7))
    }

    func testAFailedMatchKeepsFaceIDOn() {
        var setting = enabled()
        for failure: DeviceKeyFailure in [.notRecognised, .cancelled, .fallback, .lockedOut, .unavailable] {
            XCTAssertEqual(setting.unlockFailed(failure), .keep)
            XCTAssertTrue(setting.enabled)
            XCTAssertFalse(setting.deadSlotToRemove)
        }
        XCTAssertEqual(setting.afterPasswordUnlock(biometryAvailable: true), [])
    }

    func testAnEnrolmentChangeTurnsItOffRemovesTheSlotAndOffersToRenew() {
        var setting = enabled()
        XCTAssertEqual(setting.unlockFailed(.enrolmentChanged), .turnedOff)
        XCTAssertFalse(setting.enabled)
        XCTAssertTrue(setting.deadSlotToRemove)
        XCTAssertEqual(setting.afterPasswordUnlock(biometryAvailable: true), [.removeDeadSlot, .offerReenrol])
        XCTAssertEqual(setting.afterPasswordUnlock(biometryAvailable: false), [.removeDeadSlot])
        setting.deadSlotRemoved()
        XCTAssertEqual(setting.afterPasswordUnlock(biometryAvailable: true), [])
    }

    func testARestoredAppReenrolsAfterThePassword() {
        var setting = enabled()
        setting.launched(keyExists: false)
        XCTAssertFalse(setting.enabled)
        XCTAssertEqual(setting.afterPasswordUnlock(biometryAvailable: true), [.removeDeadSlot, .reenrol])
        setting.deadSlotRemoved()
        setting.enrolled(domainState: otherFaces)
        XCTAssertTrue(setting.enabled)
        XCTAssertFalse(setting.reenrolAfterUnlock)
        XCTAssertEqual(setting.enrolledDomainState, otherFaces)
    }

    func testLaunchWithTheKeyPresentChangesNothing() {
        var setting = enabled()
        setting.launched(keyExists: true)
        XCTAssertEqual(setting, enabled())
        var off = DeviceUnlockSetting()
        off.launched(keyExists: false)
        XCTAssertEqual(off, DeviceUnlockSetting())
    }

    func testDecliningStopsTheReenrolment() {
        var setting = enabled()
        _ = setting.unlockFailed(.keyMissing)
        setting.reenrolDeclined()
        XCTAssertEqual(setting.afterPasswordUnlock(biometryAvailable: true), [.removeDeadSlot, .offerReenrol])
    }

    func testTurningOffForgetsEverything() {
        var setting = enabled()
        setting.turnedOff()
        XCTAssertEqual(setting, DeviceUnlockSetting())
    }

    func testStorageRoundTripAndLegacyFlag() {
        var setting = enabled()
        _ = setting.unlockFailed(.passcodeRemoved)
        XCTAssertEqual(DeviceUnlockSetting.decoded(from: setting.encoded()), setting)
        XCTAssertTrue(DeviceUnlockSetting.decoded(from: nil, legacyEnabled: true).enabled)
        XCTAssertFalse(DeviceUnlockSetting.decoded(from: Data("junk".utf8)).enabled)
        XCTAssertNil(DeviceUnlockSetting.decoded(from: nil, legacyEnabled: true).enrolledDomainState)
    }
}
