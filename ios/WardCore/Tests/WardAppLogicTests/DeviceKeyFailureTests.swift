import WardAppLogic
import XCTest

/// Every case issue 14 names: cancel, user fallback, lockout, failed match,
/// enrolment changed, passcode removed, key missing. A failed match must
/// never turn Face ID off.
final class DeviceKeyFailureTests: XCTestCase {
    private let la = DeviceKeyFailure.localAuthenticationDomain
    private let os = DeviceKeyFailure.osStatusDomain
    private let token = DeviceKeyFailure.cryptoTokenDomain

    private func classify(_ domain: String, _ code: Int, changed: Bool? = false) -> DeviceKeyFailure {
        DeviceKeyFailure.classify(domain: domain, code: code, enrolmentChanged: changed)
    }

    func testCancelStopsWithoutAMessage() {
        for (domain, code) in [(la, -2), (la, -4), (la, -9), (os, -128), (token, -4)] {
            let failure = classify(domain, code)
            XCTAssertEqual(failure, .cancelled, "\(domain) \(code)")
            XCTAssertEqual(failure.verdict, .cancelled)
            XCTAssertEqual(failure.unlockFailure, .cancelled)
            XCTAssertFalse(failure.invalidatesKey)
        }
    }

    func testUserFallbackIsACancelForTheCore() {
        let failure = classify(la, -3)
        XCTAssertEqual(failure, .fallback)
        XCTAssertEqual(failure.verdict, .cancelled)
        XCTAssertEqual(failure.unlockFailure, .cancelled)
        XCTAssertFalse(failure.invalidatesKey)
    }

    func testLockoutKeepsTheKey() {
        let failure = classify(la, -8)
        XCTAssertEqual(failure, .lockedOut)
        XCTAssertFalse(failure.invalidatesKey)
        XCTAssertEqual(failure.unlockFailure, .biometricsLockedOut)
        guard case .failed(let reason) = failure.verdict else {
            return XCTFail("a lockout is a key-store failure, not an invalidation")
        }
        XCTAssertTrue(reason.contains("password"))
    }

    func testFailedMatchWithTheSameEnrolmentIsNotAnInvalidation() {
        // The defect: errSecAuthFailed and LAError.authenticationFailed were
        // both taken for an invalidation, so a mask turned Face ID off.
        for (domain, code) in [(la, -1), (os, -25293), (token, -5)] {
            for changed in [false, nil] as [Bool?] {
                let failure = classify(domain, code, changed: changed)
                XCTAssertEqual(failure, .notRecognised, "\(domain) \(code) \(String(describing: changed))")
                XCTAssertFalse(failure.invalidatesKey)
                XCTAssertEqual(failure.unlockFailure, .biometricsNotRecognised)
                XCTAssertNotEqual(failure.verdict, .invalidated)
            }
        }
    }

    func testFailedMatchAfterAnEnrolmentChangeIsAnInvalidation() {
        for (domain, code) in [(la, -1), (os, -25293), (token, -5), (la, -7)] {
            let failure = classify(domain, code, changed: true)
            XCTAssertEqual(failure, .enrolmentChanged, "\(domain) \(code)")
            XCTAssertTrue(failure.invalidatesKey)
            XCTAssertEqual(failure.verdict, .invalidated)
            XCTAssertEqual(failure.unlockFailure, .biometricsChanged)
        }
    }

    func testPasscodeRemovedIsAnInvalidation() {
        let failure = classify(la, -5)
        XCTAssertEqual(failure, .passcodeRemoved)
        XCTAssertTrue(failure.invalidatesKey)
        XCTAssertEqual(failure.verdict, .invalidated)
    }

    func testMissingKeyIsAnInvalidation() {
        for (domain, code) in [(os, -25300), (token, -6)] {
            let failure = classify(domain, code)
            XCTAssertEqual(failure, .keyMissing)
            XCTAssertTrue(failure.invalidatesKey)
            XCTAssertEqual(failure.verdict, .invalidated)
            XCTAssertEqual(failure.unlockFailure, .biometricsChanged)
        }
    }

    func testUnavailableBiometryKeepsTheKey() {
        for (domain, code) in [(la, -6), (la, -7), (la, -1004), (la, -10), (os, -25308)] {
            let failure = classify(domain, code)
            XCTAssertEqual(failure, .unavailable, "\(domain) \(code)")
            XCTAssertFalse(failure.invalidatesKey)
            XCTAssertEqual(failure.unlockFailure, .biometricsUnavailable)
        }
    }

    func testAnythingElseIsAFailureWithItsCode() {
        let failure = classify(os, -50)
        XCTAssertEqual(failure, .failed(domain: os, code: -50))
        XCTAssertFalse(failure.invalidatesKey)
        guard case .failed(let reason) = failure.verdict else {
            return XCTFail("expected a key-store failure")
        }
        XCTAssertTrue(reason.contains("-50"))
    }
}
