import WardAppLogic
import XCTest

final class ScanSessionTests: XCTestCase {
    private func part(_ index: Int, of count: Int, batch: Int64 = 7) -> ScannedText {
        .exportPart(ExportPart(uri: "otpauth-migration://offline?data=\(batch)-\(index)", batchId: batch, index: index, count: count))
    }

    func testAnAccountEndsTheScan() {
        var session = ScanSession()
        let uri = "otpauth://totp/AWS:alice?secret=JBSWY3DPEHPK3PXP"
        XCTAssertEqual(session.accept(.account(uri: uri)), .account(uri: uri))
        XCTAssertEqual(session.accept(.account(uri: uri)), .nothingNew)
    }

    func testUnrecognizedCodesAreReportedAndTheScanGoesOn() {
        var session = ScanSession()
        XCTAssertEqual(session.accept(.unrecognized), .unrecognized)
        XCTAssertEqual(session.accept(part(0, of: 1)), .exportComplete(uris: ["otpauth-migration://offline?data=7-0"]))
    }

    func testMultiPartExportIsCollectedInAnyOrderAndReturnedInIndexOrder() {
        var session = ScanSession()
        XCTAssertEqual(session.accept(part(2, of: 3)), .exportProgress(scanned: 1, count: 3))
        XCTAssertEqual(session.missingParts, [1, 2])
        XCTAssertEqual(session.accept(part(2, of: 3)), .nothingNew)
        XCTAssertEqual(session.accept(part(0, of: 3)), .exportProgress(scanned: 2, count: 3))
        XCTAssertEqual(session.missingParts, [2])
        XCTAssertEqual(
            session.accept(part(1, of: 3)),
            .exportComplete(uris: [
                "otpauth-migration://offline?data=7-0",
                "otpauth-migration://offline?data=7-1",
                "otpauth-migration://offline?data=7-2",
            ])
        )
        XCTAssertEqual(session.accept(part(1, of: 3)), .nothingNew)
    }

    func testAnotherExportStartsOver() {
        var session = ScanSession()
        _ = session.accept(part(0, of: 2, batch: 1))
        XCTAssertEqual(session.accept(part(1, of: 3, batch: 2)), .restartedWithAnotherExport(scanned: 1, count: 3))
        XCTAssertEqual(session.missingParts, [1, 3])
    }

    func testOutOfRangeIndexIsRejected() {
        var session = ScanSession()
        XCTAssertEqual(session.accept(part(3, of: 3)), .unrecognized)
        XCTAssertEqual(session.accept(part(-1, of: 3)), .unrecognized)
        XCTAssertEqual(session.missingParts, [])
    }

    func testZeroCountMeansASingleCode() {
        var session = ScanSession()
        XCTAssertEqual(session.accept(part(0, of: 0)), .exportComplete(uris: ["otpauth-migration://offline?data=7-0"]))
    }

    func testEachTextIsNewOnce() {
        var session = ScanSession()
        XCTAssertTrue(session.isNew("otpauth://totp/a?secret=A"))
        XCTAssertFalse(session.isNew("otpauth://totp/a?secret=A"))
        XCTAssertTrue(session.isNew("otpauth://totp/b?secret=B"))
    }

    func testRetryAfterAFailedAddTakesAnotherCode() {
        var session = ScanSession()
        XCTAssertEqual(session.accept(.account(uri: "a")), .account(uri: "a"))
        XCTAssertEqual(session.accept(.account(uri: "b")), .nothingNew)
        session.retry()
        XCTAssertEqual(session.accept(.account(uri: "b")), .account(uri: "b"))
    }
}
