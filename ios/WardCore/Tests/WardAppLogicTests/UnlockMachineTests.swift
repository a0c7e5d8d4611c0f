import WardAppLogic
import XCTest

final class UnlockMachineTests: XCTestCase {
    private func machine(_ events: [UnlockMachine.Event]) -> UnlockMachine {
        var machine = UnlockMachine()
        for event in events {
            machine.handle(event)
        }
        return machine
    }

    func testFirstRunCreatesAndOpens() {
        var m = machine([.vaultChecked(exists: false)])
        XCTAssertEqual(m.state, .needsSetup)
        XCTAssertTrue(m.vaultMustBeLocked)
        m.handle(.created)
        XCTAssertEqual(m.state, .unlocked)
        XCTAssertFalse(m.vaultMustBeLocked)
    }

    func testExistingVaultStartsLocked() {
        XCTAssertEqual(machine([.vaultChecked(exists: true)]).state, .locked(nil))
    }

    func testPasswordUnlock() {
        let m = machine([.vaultChecked(exists: true), .unlockStarted(.password), .unlockSucceeded])
        XCTAssertEqual(m.state, .unlocked)
    }

    func testWrongPasswordShowsAMessageAndCounts() {
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.password), .unlockFailed(.wrongPassword),
            .unlockStarted(.password), .unlockFailed(.wrongPassword),
        ])
        XCTAssertEqual(m.state, .locked(.wrongPassword))
        XCTAssertEqual(m.failedPasswordAttempts, 2)
        XCTAssertTrue(m.offersBiometricsAutomatically)
    }

    func testSuccessResetsTheFailureCount() {
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.password), .unlockFailed(.wrongPassword),
            .unlockStarted(.password), .unlockSucceeded,
        ])
        XCTAssertEqual(m.failedPasswordAttempts, 0)
    }

    func testBiometricsChangedLeavesThePasswordPath() {
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.biometrics), .unlockFailed(.biometricsChanged),
        ])
        XCTAssertEqual(m.state, .locked(.biometricsChanged))
        // No automatic prompt loop; the password still works.
        XCTAssertFalse(m.offersBiometricsAutomatically)
        var next = m
        next.handle(.unlockStarted(.password))
        next.handle(.unlockSucceeded)
        XCTAssertEqual(next.state, .unlocked)
    }

    func testCancelledBiometricsShowsNoMessageAndDoesNotRetryByItself() {
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.biometrics), .unlockFailed(.cancelled),
        ])
        XCTAssertEqual(m.state, .locked(nil))
        XCTAssertFalse(m.offersBiometricsAutomatically)
    }

    func testBackgroundLocksAndReoffersBiometrics() {
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.biometrics), .unlockFailed(.cancelled),
            .unlockStarted(.password), .unlockSucceeded,
            .enteredBackground,
        ])
        XCTAssertEqual(m.state, .locked(nil))
        XCTAssertTrue(m.vaultMustBeLocked)
        XCTAssertTrue(m.offersBiometricsAutomatically)
    }

    func testBackgroundDuringAnUnlockLocks() {
        let m = machine([.vaultChecked(exists: true), .unlockStarted(.password), .enteredBackground])
        XCTAssertEqual(m.state, .locked(nil))
    }

    func testLateResultsAreIgnored() {
        // An unlock result that arrives after the app went to the background
        // must not open it.
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.biometrics), .enteredBackground,
            .unlockSucceeded,
        ])
        XCTAssertEqual(m.state, .locked(nil))
    }

    func testSecondUnlockWhileOneRunsIsIgnored() {
        let m = machine([.vaultChecked(exists: true), .unlockStarted(.password), .unlockStarted(.biometrics)])
        XCTAssertEqual(m.state, .unlocking(.password))
    }

    func testLockButton() {
        let m = machine([.vaultChecked(exists: false), .created, .lockRequested])
        XCTAssertEqual(m.state, .locked(nil))
    }

    func testOtherFailuresCarryTheCoreMessage() {
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.password), .unlockFailed(.other("the vault file is damaged")),
        ])
        XCTAssertEqual(m.state, .locked(.failed("the vault file is damaged")))
    }

    func testAFailedFaceMatchSaysSoAndStopsTheAutomaticPrompt() {
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.biometrics), .unlockFailed(.biometricsNotRecognised),
        ])
        XCTAssertEqual(m.state, .locked(.biometricsNotRecognised))
        XCTAssertFalse(m.offersBiometricsAutomatically)
        XCTAssertEqual(m.failedPasswordAttempts, 0)
    }

    func testALockoutSaysSo() {
        let m = machine([
            .vaultChecked(exists: true),
            .unlockStarted(.biometrics), .unlockFailed(.biometricsLockedOut),
        ])
        XCTAssertEqual(m.state, .locked(.biometricsLockedOut))
    }
}
