import Foundation
import WardCore
import XCTest

/// The vault as the app uses it, beyond the bindings' own suite
/// (bindings/swift-tests, copied into this target by ios/scripts/build.sh,
/// which covers create, unlock, wrong password, lock, add, codes, HOTP next,
/// edit, reorder, delete and the RFC / otpauth vectors).
final class VaultFlowTests: XCTestCase {
    private var folder: TemporaryFolder!
    private let password = Data("correct horse battery staple".utf8)
    private let aws = "otpauth://totp/Amazon%20Web%20Services:alice@123456789012"
        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services&digits=8"
    private let hotp = "otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0"

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    override func tearDown() {
        folder.remove()
    }




    func testAddAndCodes() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        let id = try vault.addUri(uri: aws, now: 1_000)
        XCTAssertEqual(id.count, 32, "ids are 32 hex digits")

        let codes = try vault.codes(unixTime: 59)
        XCTAssertEqual(codes.count, 1)
        let entry = try XCTUnwrap(codes.first)
        XCTAssertEqual(entry.id, id)
        XCTAssertEqual(entry.issuer, "Amazon Web Services")
        XCTAssertEqual(entry.name, "alice@123456789012")
        guard case .timed(let code, let kind) = entry.state else {
            return XCTFail("expected a timed code, got \(entry.state)")
        }
        XCTAssertEqual(kind, .totp)
        XCTAssertEqual(code.code, "94287082", "RFC 6238 Appendix B, T = 59")
        XCTAssertEqual(code.secondsRemaining, 1)
        XCTAssertEqual(code.nextCode, try codeAt(uri: aws, unixTime: 60).code)
    }


    /// The app's rollback memory (`IntegrityCheck`) reads these: the
    /// generation grows with each change, an untouched vault is intact,
    /// and keeping the vault as it is needs a fresh proof.
    func testGenerationGrowsAndKeepingTheVaultNeedsAProof() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        let before = try vault.generation()
        _ = try vault.addUri(uri: aws, now: 1_000)
        XCTAssertGreaterThan(try vault.generation(), before)
        let report = try vault.integrity()
        XCTAssertTrue(report.intact)
        XCTAssertTrue(report.problems.isEmpty)
        XCTAssertThrowsError(try vault.acceptIntegrityState(now: 2_000)) { error in
            XCTAssertEqual(error as? WardError, .ReauthRequired)
        }
        try vault.reauthenticate(password: password, now: 2_000)
        try vault.acceptIntegrityState(now: 2_000)
        XCTAssertTrue(try vault.integrity().intact)
    }

    func testInvalidUriIsRefusedWithAReason() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        XCTAssertThrowsError(try vault.addUri(uri: "otpauth://totp/x?secret=0000", now: 1)) { error in
            guard case WardError.InvalidInput(let reason) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertFalse(reason.isEmpty)
        }
    }

    func testHotpNextAdvancesTheCounterOnDisk() throws {
        let path = folder.file("vault.ward")
        let vault = try Vault.create(path: path, password: password)
        let id = try vault.addUri(uri: hotp, now: 1)
        guard case .hotp(let counter) = try XCTUnwrap(vault.codes(unixTime: 1).first).state else {
            return XCTFail("expected an HOTP row")
        }
        XCTAssertEqual(counter, 0)
        XCTAssertEqual(try vault.hotpNext(id: id, now: 2), "755224")
        XCTAssertEqual(try vault.hotpNext(id: id, now: 3), "287082")

        // Reopened, the counter has moved on: no code is given out twice.
        vault.lock()
        let reopened = try Vault.open(path: path)
        try reopened.unlock(password: password, now: 3)
        XCTAssertEqual(try reopened.hotpNext(id: id, now: 4), "359152")
    }



    /// What `CodesModel.edit` does: read the entry, change issuer and
    /// name, keep the note, favourite and icon the edit screen does not show.
    func testRenameKeepsWhatTheEditScreenDoesNotShow() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        let id = try vault.addUri(uri: aws, now: 1)
        try vault.update(
            id: id,
            edit: EntryEdit(issuer: "Amazon Web Services", name: "alice", note: "prod", favourite: true, icon: "aws"),
            now: 2
        )
        var current: EntryRecord?
        for item in try vault.list(filter: "") {
            if case .entry(let entry) = item, entry.id == id {
                current = entry
            }
        }
        let entry = try XCTUnwrap(current)
        try vault.update(
            id: id,
            edit: EntryEdit(issuer: "AWS", name: "root", note: entry.note, favourite: entry.favourite, icon: entry.icon),
            now: 3
        )
        guard case .entry(let renamed) = try XCTUnwrap(vault.list(filter: "").first) else {
            return XCTFail("expected an entry")
        }
        XCTAssertEqual(renamed.issuer, "AWS")
        XCTAssertEqual(renamed.name, "root")
        XCTAssertEqual(renamed.note, "prod")
        XCTAssertTrue(renamed.favourite)
        XCTAssertEqual(renamed.icon, "aws")
    }
}
