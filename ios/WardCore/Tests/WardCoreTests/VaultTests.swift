import Foundation
import WardCore
import XCTest

/// The vault through Swift: create, unlock, wrong password, lock, add,
/// codes, HOTP next, edit, reorder, delete.
final class VaultTests: XCTestCase {
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

    func testCreateUnlockLockAndWrongPassword() throws {
        let path = folder.file("vault.ward")
        let vault = try Vault.create(path: path, password: password)
        XCTAssertTrue(vault.isUnlocked())
        vault.lock()
        XCTAssertFalse(vault.isUnlocked())
        XCTAssertThrowsError(try vault.codes(unixTime: 59)) { error in
            XCTAssertEqual(error as? WardError, .Locked)
        }

        let reopened = try Vault.open(path: path)
        XCTAssertFalse(reopened.isUnlocked())
        XCTAssertThrowsError(try reopened.unlock(password: Data("wrong".utf8))) { error in
            XCTAssertEqual(error as? WardError, .WrongPassword)
        }
        XCTAssertFalse(reopened.isUnlocked())
        try reopened.unlock(password: password)
        XCTAssertTrue(reopened.isUnlocked())
    }

    func testCreateRefusesAnExistingFile() throws {
        let path = folder.file("vault.ward")
        _ = try Vault.create(path: path, password: password)
        XCTAssertThrowsError(try Vault.create(path: path, password: password))
    }

    func testOpeningNothingSaysThereIsNoVault() {
        XCTAssertThrowsError(try Vault.open(path: folder.file("missing.ward"))) { error in
            XCTAssertEqual(error as? WardError, .NoVault)
        }
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

    func testAddingTheSameAccountTwiceIsADuplicate() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        let id = try vault.addUri(uri: aws, now: 1_000)
        XCTAssertThrowsError(try vault.addUri(uri: aws, now: 1_001)) { error in
            XCTAssertEqual(error as? WardError, .Duplicate(id: id))
        }
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
        try reopened.unlock(password: password)
        XCTAssertEqual(try reopened.hotpNext(id: id, now: 4), "359152")
    }

    func testEditReorderAndDelete() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        let first = try vault.addUri(uri: aws, now: 1)
        let second = try vault.addUri(uri: hotp, now: 2)
        XCTAssertEqual(try vault.codes(unixTime: 59).map(\.id), [first, second])

        try vault.reorder(ids: [second, first])
        XCTAssertEqual(try vault.codes(unixTime: 59).map(\.id), [second, first])

        let edit = EntryEdit(issuer: "AWS", name: "root", note: "prod account", favourite: true, icon: nil)
        try vault.update(id: first, edit: edit, now: 3)
        let listed = try vault.list(filter: "aws")
        XCTAssertEqual(listed.count, 1)
        guard case .entry(let entry) = try XCTUnwrap(listed.first) else {
            return XCTFail("expected an entry")
        }
        XCTAssertEqual(entry.issuer, "AWS")
        XCTAssertEqual(entry.name, "root")
        XCTAssertEqual(entry.note, "prod account")
        XCTAssertTrue(entry.favourite)

        try vault.delete(id: second)
        XCTAssertEqual(try vault.codes(unixTime: 59).map(\.id), [first])
        XCTAssertThrowsError(try vault.delete(id: second)) { error in
            XCTAssertEqual(error as? WardError, .NotFound)
        }
    }

    func testChangePasswordKeepsTheEntries() throws {
        let path = folder.file("vault.ward")
        let vault = try Vault.create(path: path, password: password)
        let id = try vault.addUri(uri: aws, now: 1)
        let newPassword = Data("a new and longer passphrase".utf8)
        try vault.changePassword(newPassword: newPassword)
        vault.lock()

        let reopened = try Vault.open(path: path)
        XCTAssertThrowsError(try reopened.unlock(password: password))
        try reopened.unlock(password: newPassword)
        XCTAssertEqual(try reopened.codes(unixTime: 59).map(\.id), [id])
    }
}
