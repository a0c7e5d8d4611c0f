import WardAppLogic
import XCTest

final class CodeGroupingTests: XCTestCase {
    func testCommonLengths() {
        XCTAssertEqual(CodeGrouping.grouped("123456"), "123 456")
        XCTAssertEqual(CodeGrouping.grouped("1234567"), "123 4567")
        XCTAssertEqual(CodeGrouping.grouped("12345678"), "1234 5678")
        XCTAssertEqual(CodeGrouping.grouped("123456789"), "123 456 789")
        XCTAssertEqual(CodeGrouping.grouped("1234567890"), "12345 67890")
    }

    func testSteamAndShortCodesStayWhole() {
        XCTAssertEqual(CodeGrouping.grouped("2BX7K"), "2BX7K")
        XCTAssertEqual(CodeGrouping.grouped(""), "")
    }
}
