import Foundation
import WardAppLogic
import XCTest

final class ClipboardPolicyTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_000)

    func testExpiresWithTheCode() {
        let policy = ClipboardPolicy()
        XCTAssertEqual(policy.expiry(now: now, validFor: 25), now.addingTimeInterval(25))
    }

    func testACodeCopiedLateStillLivesTheMinimum() {
        let policy = ClipboardPolicy()
        XCTAssertEqual(policy.expiry(now: now, validFor: 2), now.addingTimeInterval(15))
    }

    func testLongPeriodsAndHotpAreCappedAtTheMaximum() {
        let policy = ClipboardPolicy()
        XCTAssertEqual(policy.expiry(now: now, validFor: 300), now.addingTimeInterval(60))
        XCTAssertEqual(policy.expiry(now: now, validFor: nil), now.addingTimeInterval(60))
    }

    func testMaximumIsNeverBelowMinimum() {
        let policy = ClipboardPolicy(minimumLife: 30, maximumLife: 10)
        XCTAssertEqual(policy.maximumLife, 30)
    }
}
