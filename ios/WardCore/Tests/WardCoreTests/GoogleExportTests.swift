import Foundation
import WardAppLogic
import WardCore
import XCTest

/// A Google Authenticator export scanned QR code by QR code, as the app
/// does it: each code is imported when first seen (the import skips what is
/// already in the vault) and its report says which part it was, which
/// drives the `ScanSession`.
final class GoogleExportTests: XCTestCase {
    private var folder: TemporaryFolder!
    private let password = Data("correct horse battery staple".utf8)

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    override func tearDown() {
        folder.remove()
    }

    /// The three QR codes of one export (tests/fixtures/import/google_batches.txt).
    private func exportParts() throws -> [String] {
        let text = String(decoding: try Repository.data("tests/fixtures/import/google_batches.txt"), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    }

    private func part(of uri: String, in vault: Vault) throws -> ScannedText {
        let report = try vault.`import`(data: Data(uri.utf8), password: nil, now: 1_000)
        let batch = try XCTUnwrap(report.googleBatches.first, "a Google export reports its batch")
        let index = try XCTUnwrap(batch.present.first)
        return .exportPart(ExportPart(uri: uri, batchId: 0, index: Int(index), count: Int(batch.batchSize)))
    }

    func testPartsScannedInAnyOrderEndComplete() throws {
        let parts = try exportParts()
        XCTAssertEqual(parts.count, 3)
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        var session = ScanSession()

        XCTAssertTrue(session.isNew(parts[2]))
        XCTAssertEqual(session.accept(try part(of: parts[2], in: vault)), .exportProgress(scanned: 1, count: 3))
        XCTAssertFalse(session.isNew(parts[2]), "the camera sees the same code again: not imported twice")
        XCTAssertEqual(session.missingParts.count, 2)

        XCTAssertEqual(session.accept(try part(of: parts[0], in: vault)), .exportProgress(scanned: 2, count: 3))
        guard case .exportComplete(let uris) = session.accept(try part(of: parts[1], in: vault)) else {
            return XCTFail("expected the export to be complete")
        }
        // In the export's own order (by index), which is not the file's.
        XCTAssertEqual(Set(uris), Set(parts))
        XCTAssertEqual(uris.count, 3)
        XCTAssertGreaterThanOrEqual(try vault.codes(unixTime: 1_000).count, 3)
    }

    func testImportingAPartAgainAddsNothing() throws {
        let parts = try exportParts()
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        let first = try vault.`import`(data: Data(parts[0].utf8), password: nil, now: 1)
        XCTAssertFalse(first.added.isEmpty)
        let again = try vault.`import`(data: Data(parts[0].utf8), password: nil, now: 2)
        XCTAssertTrue(again.added.isEmpty)
        XCTAssertEqual(again.duplicates.count, first.added.count)
    }

    func testTheWholeFileAtOnceReportsNothingMissing() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        let data = try Repository.data("tests/fixtures/import/google_batches.txt")
        let report = try vault.`import`(data: data, password: nil, now: 1)
        XCTAssertFalse(report.added.isEmpty)
        XCTAssertTrue(report.googleBatches.allSatisfy { $0.missing.isEmpty })
    }
}
