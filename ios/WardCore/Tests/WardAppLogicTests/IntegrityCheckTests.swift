import WardAppLogic
import XCTest

final class IntegrityCheckTests: XCTestCase {
    func testAnIntactVaultAtOrAboveWhatWasSeenIsIntact() {
        XCTAssertEqual(IntegrityCheck.verdict(generation: 7, intact: true, problems: [], highestSeen: 7), .intact)
        XCTAssertEqual(IntegrityCheck.verdict(generation: 9, intact: true, problems: [], highestSeen: 7), .intact)
        XCTAssertNil(IntegrityCheck.notice(for: .intact))
    }

    func testANewDeviceHasSeenNothingAndWarnsOfNothing() {
        // After a restore to a new phone the Keychain item (this device
        // only) is absent: no false alarm.
        XCTAssertEqual(IntegrityCheck.verdict(generation: 1, intact: true, problems: [], highestSeen: nil), .intact)
    }

    func testAnOlderWholeFileIsARollback() {
        let verdict = IntegrityCheck.verdict(generation: 4, intact: true, problems: [], highestSeen: 9)
        XCTAssertEqual(verdict, .rolledBack(seen: 9, found: 4))
        let notice = try? XCTUnwrap(IntegrityCheck.notice(for: verdict))
        XCTAssertTrue(notice?.message.contains("version 4") ?? false)
        XCTAssertTrue(notice?.message.contains("Keep this vault") ?? false)
    }

    func testTamperingIsReportedFirstWithItsRowsNamed() {
        let verdict = IntegrityCheck.verdict(
            generation: 4, intact: false, problems: ["Entry X was deleted outside Ward."], highestSeen: 9)
        XCTAssertEqual(verdict, .tampered(problems: ["Entry X was deleted outside Ward."]))
        XCTAssertTrue(IntegrityCheck.notice(for: verdict)?.message.contains("Entry X") ?? false)
    }

    func testTamperingWithoutDetailsStillSaysWhatIsWrong() {
        guard case .tampered(let problems) = IntegrityCheck.verdict(
            generation: 0, intact: false, problems: [], highestSeen: nil)
        else {
            return XCTFail("expected tampered")
        }
        XCTAssertEqual(problems.count, 1)
    }

    func testTheKeptGenerationNeverGoesDownUntilAccepted() {
        XCTAssertEqual(IntegrityCheck.generationToKeep(current: 4, highestSeen: 9), 9)
        XCTAssertEqual(IntegrityCheck.generationToKeep(current: 12, highestSeen: 9), 12)
        XCTAssertEqual(IntegrityCheck.generationToKeep(current: 3, highestSeen: nil), 3)
        XCTAssertEqual(IntegrityCheck.accepted(current: 5), 5)
    }

    func testALongListIsShortened() {
        let problems = (1...8).map { "Problem \($0)." }
        let message = IntegrityCheck.notice(for: .tampered(problems: problems))?.message ?? ""
        XCTAssertTrue(message.contains("Problem 5."))
        XCTAssertFalse(message.contains("Problem 6."))
        XCTAssertTrue(message.contains("3 more"))
    }
}
