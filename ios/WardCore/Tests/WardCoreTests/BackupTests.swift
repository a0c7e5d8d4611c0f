import Foundation
import WardCore
import XCTest

/// Automatic backups and restore through Swift, as the app uses them
/// (`BackupModel`, `VaultSession.restoreVault`): a folder of verified
/// backups that keeps the newest N, the status the reminder reads, and a
/// restore that brings back every entry and refuses a wrong password.
final class BackupTests: XCTestCase {
    private var folder: TemporaryFolder!
    private let password = Data("correct horse battery staple".utf8)
    private let aws = "otpauth://totp/AWS:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    private let bank = "otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=5"

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    override func tearDown() {
        folder.remove()
    }

    private func backupsFolder() throws -> URL {
        let url = folder.url.appendingPathComponent("backups", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func backups(in url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    func testTheFolderKeepsTheNewestAndTheStatusSaysWhen() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        _ = try vault.addUri(uri: aws, now: 1)
        XCTAssertFalse(try vault.backupStatus().enabled)
        try vault.setBackupSettings(location: "backups", keep: 2)
        XCTAssertTrue(try vault.backupStatus().enabled)

        let dir = try backupsFolder()
        for now in UInt64(100)...UInt64(103) {
            _ = try vault.backupToDir(dir: dir.path, keep: 2, now: now)
        }
        XCTAssertEqual(try backups(in: dir).count, 2, "keeps the newest 2")
        let status = try vault.backupStatus()
        XCTAssertEqual(status.keep, 2)
        XCTAssertEqual(status.lastSuccess, 103)
        XCTAssertNil(status.lastFailure)

        // What BackupModel records when the folder cannot be reached.
        try vault.recordBackupResult(now: 104, error: "the backup folder cannot be found")
        let failed = try vault.backupStatus()
        XCTAssertEqual(failed.lastFailure, 104)
        XCTAssertEqual(failed.lastError, "the backup folder cannot be found")

        try vault.setBackupSettings(location: nil, keep: 2)
        XCTAssertFalse(try vault.backupStatus().enabled)
    }

    func testRestoreBringsBackEveryEntryWithTheBackupsPassword() throws {
        let vault = try Vault.create(path: folder.file("vault.ward"), password: password)
        let totp = try vault.addUri(uri: aws, now: 1)
        let hotp = try vault.addUri(uri: bank, now: 1)
        let used = try vault.hotpNext(id: hotp, now: 2)
        let dir = try backupsFolder()
        let outcome = try vault.backupToDir(dir: dir.path, keep: 10, now: 3)
        let backup = dir.appendingPathComponent(outcome.fileName)

        // The app reads the picked file and restores from its bytes.
        let restored = try Vault.restoreBytes(
            backup: try Data(contentsOf: backup),
            vaultPath: folder.file("restored.ward"),
            password: password
        )
        XCTAssertTrue(restored.isUnlocked())
        let codes = try restored.codes(unixTime: 59)
        XCTAssertEqual(codes.map(\.id), [totp, hotp])
        XCTAssertEqual(try restored.codes(unixTime: 59), try vault.codes(unixTime: 59))
        XCTAssertNotEqual(try restored.hotpNext(id: hotp, now: 4), used, "the counter never goes back")
    }

    func testRestoreRefusesAWrongPasswordAndAnExistingVault() throws {
        let path = folder.file("vault.ward")
        let vault = try Vault.create(path: path, password: password)
        _ = try vault.addUri(uri: aws, now: 1)
        let dir = try backupsFolder()
        let outcome = try vault.backupToDir(dir: dir.path, keep: 10, now: 3)
        let backup = try Data(contentsOf: dir.appendingPathComponent(outcome.fileName))

        let target = folder.file("restored.ward")
        XCTAssertThrowsError(
            try Vault.restoreBytes(backup: backup, vaultPath: target, password: Data("wrong password".utf8))
        ) { error in
            XCTAssertEqual(error as? WardError, .WrongPassword)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "a wrong password writes nothing")
        XCTAssertThrowsError(try Vault.restoreBytes(backup: backup, vaultPath: path, password: password))
    }
}
