import Foundation
import WardAppLogic
import XCTest

final class CodeListTests: XCTestCase {
    private func row(_ id: Int, _ issuer: String, _ account: String) -> CodeRow<Int> {
        CodeRow(
            id: id,
            issuer: issuer,
            account: account,
            content: .timed(code: "123456", nextCode: "654321", secondsRemaining: 10, period: 30)
        )
    }

    private var list: CodeList<Int> {
        CodeList(rows: [
            row(1, "Amazon Web Services", "alice@123456789012"),
            row(2, "GitHub", "alice"),
            row(3, "Société Générale", "bob"),
            row(4, "", "carol@example.com"),
        ])
    }

    func testEmptyQueryShowsEverything() {
        XCTAssertEqual(list.filtered(by: "  ").map(\.id), [1, 2, 3, 4])
    }

    func testSearchIgnoresCaseAndAccentsAndNeedsEveryWord() {
        XCTAssertEqual(list.filtered(by: "GITHUB").map(\.id), [2])
        XCTAssertEqual(list.filtered(by: "societe").map(\.id), [3])
        XCTAssertEqual(list.filtered(by: "alice").map(\.id), [1, 2])
        XCTAssertEqual(list.filtered(by: "amazon alice").map(\.id), [1])
        XCTAssertEqual(list.filtered(by: "amazon bob").map(\.id), [])
        XCTAssertEqual(list.filtered(by: "example").map(\.id), [4])
    }

    func testTitlesFallBackToTheAccount() {
        XCTAssertEqual(list.rows[0].title, "Amazon Web Services")
        XCTAssertEqual(list.rows[0].subtitle, "alice@123456789012")
        XCTAssertEqual(list.rows[3].title, "carol@example.com")
        XCTAssertEqual(list.rows[3].subtitle, "")
        XCTAssertEqual(row(5, "", "").title, "Unnamed account")
    }

    func testReorderOnlyWithoutASearch() {
        XCTAssertTrue(list.canReorder(query: ""))
        XCTAssertTrue(list.canReorder(query: " "))
        XCTAssertFalse(list.canReorder(query: "git"))
    }

    func testMovingDownFollowsSwiftUIOnMove() {
        // Drag row 0 to the end: destination is rows.count.
        XCTAssertEqual(list.ids(movingRowsAt: IndexSet(integer: 0), to: 4), [2, 3, 4, 1])
        // Drag row 0 below row 1: destination 2.
        XCTAssertEqual(list.ids(movingRowsAt: IndexSet(integer: 0), to: 2), [2, 1, 3, 4])
    }

    func testMovingUp() {
        XCTAssertEqual(list.ids(movingRowsAt: IndexSet(integer: 3), to: 0), [4, 1, 2, 3])
        XCTAssertEqual(list.ids(movingRowsAt: IndexSet(integer: 2), to: 1), [1, 3, 2, 4])
    }

    func testMovingSeveralRows() {
        XCTAssertEqual(list.ids(movingRowsAt: IndexSet([0, 2]), to: 4), [2, 4, 1, 3])
    }

    func testMovingToTheSamePlaceChangesNothing() {
        XCTAssertEqual(list.ids(movingRowsAt: IndexSet(integer: 1), to: 1), [1, 2, 3, 4])
        XCTAssertEqual(list.ids(movingRowsAt: IndexSet(integer: 1), to: 2), [1, 2, 3, 4])
    }

    func testApplyingAnOrderKeepsUnmentionedRowsLast() {
        var copy = list
        copy.reorder(to: [3, 1])
        XCTAssertEqual(copy.rows.map(\.id), [3, 1, 2, 4])
    }

    func testDamagedRowsAreFlagged() {
        let damaged = CodeRow(id: 9, issuer: "", account: "", content: .damaged(reason: "restore it from an export"))
        XCTAssertTrue(damaged.isDamaged)
        XCTAssertFalse(list.rows[0].isDamaged)
    }
}
