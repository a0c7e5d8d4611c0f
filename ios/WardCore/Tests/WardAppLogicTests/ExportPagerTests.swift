import WardAppLogic
import XCTest

final class ExportPagerTests: XCTestCase {
    func testPagesOneCodeAtATime() {
        var pager = ExportPager(uris: ["a", "b", "c"])
        XCTAssertEqual(pager.current, "a")
        XCTAssertEqual(pager.position, "QR code 1 of 3")
        XCTAssertFalse(pager.canGoBack)
        pager.previous()
        XCTAssertEqual(pager.current, "a")
        pager.next()
        pager.next()
        XCTAssertEqual(pager.current, "c")
        XCTAssertTrue(pager.isLast)
        pager.next()
        XCTAssertEqual(pager.current, "c")
        pager.previous()
        XCTAssertEqual(pager.position, "QR code 2 of 3")
    }

    func testClearForgetsTheSecrets() {
        var pager = ExportPager(uris: ["a", "b"])
        pager.next()
        pager.clear()
        XCTAssertNil(pager.current)
        XCTAssertTrue(pager.uris.isEmpty)
        XCTAssertEqual(pager.position, "No QR codes")
    }

    func testCodesAreHiddenWhileCapturedOrInactive() {
        XCTAssertTrue(CodeVisibility.codesVisible(screenCaptured: false, sceneActive: true))
        XCTAssertFalse(CodeVisibility.codesVisible(screenCaptured: true, sceneActive: true))
        XCTAssertFalse(CodeVisibility.codesVisible(screenCaptured: false, sceneActive: false))
    }

    func testNewPasswordRules() {
        XCTAssertNil(NewPassword.problem("", confirmation: ""))
        XCTAssertEqual(NewPassword.problem("short", confirmation: "short"), "Use at least 8 characters.")
        XCTAssertNil(NewPassword.problem("long enough", confirmation: ""))
        XCTAssertEqual(NewPassword.problem("long enough", confirmation: "long enougH"), "The two passwords differ.")
        XCTAssertTrue(NewPassword.isAcceptable("long enough", confirmation: "long enough"))
        XCTAssertFalse(NewPassword.isAcceptable("long enough", confirmation: ""))
    }
}

final class ProofWindowTests: XCTestCase {
    func testAProofIsFreshForItsWindowOnly() {
        var window = ProofWindow(length: 60)
        XCTAssertFalse(window.isFresh(at: 1000))
        window.proved(at: 1000)
        XCTAssertTrue(window.isFresh(at: 1000))
        XCTAssertTrue(window.isFresh(at: 1060))
        XCTAssertFalse(window.isFresh(at: 1061))
    }

    func testAProofFromTheFutureOrBeforeALockDoesNotCount() {
        var window = ProofWindow()
        window.proved(at: 2000)
        XCTAssertFalse(window.isFresh(at: 1990))
        window.locked()
        XCTAssertFalse(window.isFresh(at: 2000))
    }
}
