import Foundation
import WardAppLogic
import XCTest

final class CountdownTests: XCTestCase {
    private func date(_ seconds: Double) -> Date {
        Date(timeIntervalSince1970: seconds)
    }

    func testStartOfAPeriodHasTheWholePeriodLeft() {
        let countdown = Countdown(now: date(60), period: 30)
        XCTAssertEqual(countdown.secondsRemaining, 30)
        XCTAssertEqual(countdown.fractionRemaining, 1, accuracy: 1e-9)
        XCTAssertFalse(countdown.isEndingSoon)
    }

    func testLastSecondRoundsUpToOne() {
        let countdown = Countdown(now: date(59.5), period: 30)
        XCTAssertEqual(countdown.secondsRemaining, 1)
        XCTAssertEqual(countdown.fractionRemaining, 0.5 / 30, accuracy: 1e-9)
        XCTAssertTrue(countdown.isEndingSoon)
    }

    func testRfc6238ExampleTime() {
        // RFC 6238 Appendix B: T = 59 s is the last second of step 1.
        let countdown = Countdown(now: date(59), period: 30)
        XCTAssertEqual(countdown.secondsRemaining, 1)
        XCTAssertEqual(countdown.expiry(from: date(59)), date(60))
    }

    func testOtherPeriods() {
        XCTAssertEqual(Countdown(now: date(1_000), period: 60).secondsRemaining, 20)
        XCTAssertEqual(Countdown(now: date(1_111_111_109), period: 30).secondsRemaining, 1)
        XCTAssertEqual(Countdown(now: date(1_111_111_111), period: 30).secondsRemaining, 29)
    }

    func testZeroPeriodIsTreatedAsOneSecond() {
        let countdown = Countdown(now: date(10.25), period: 0)
        XCTAssertEqual(countdown.period, 1)
        XCTAssertEqual(countdown.secondsRemaining, 1)
    }

    func testEndingSoonIsTheLastFiveSeconds() {
        XCTAssertFalse(Countdown(now: date(24), period: 30).isEndingSoon)  // 6 s left
        XCTAssertTrue(Countdown(now: date(25), period: 30).isEndingSoon)   // 5 s left
    }

    func testUnixSecondsTruncatesAndClampsAtZero() {
        XCTAssertEqual(unixSeconds(date(59.999)), 59)
        XCTAssertEqual(unixSeconds(date(-5)), 0)
        XCTAssertEqual(unixSeconds(date(20_000_000_000)), 20_000_000_000)
    }
}
