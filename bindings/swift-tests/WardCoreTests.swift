// XCTest suite for the generated Swift bindings (module WardCore), mirroring
// bindings/kotlin-tests. NOT RUN on the Linux build machine (no Swift
// toolchain there): written against the generated WardCore.swift's names
// and signatures, to be run by the iOS app's Swift package on macOS:
//
//   bindings/build-xcframework.sh   # WardCoreFFI.xcframework + WardCore.swift
//   swift test / xcodebuild test    # with this file in the package's test target
//
// The shared vectors are read from tests/vectors/ (WARD_REPO_ROOT, or found
// from this file's path in the repository).

import CryptoKit
import Foundation
import XCTest

@testable import WardCore

private let rfcSeedSha1 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
private let rfcTotp = "otpauth://totp/RFC:6238?secret=\(rfcSeedSha1)&digits=8"
private let rfcHotp = "otpauth://hotp/Example:hotp?secret=\(rfcSeedSha1)&counter=0"
private let now: UInt64 = 1_700_000_000
private let password = Data("correct horse battery staple".utf8)

// MARK: - Key stores, as the iOS app implements them (here in memory)

/// The platform key store faked in memory: an AES-256-GCM key that never
/// leaves this object wraps the vault's slot key (the app keeps it in the
/// Keychain or the Secure Enclave).
final class MemoryKeyStore: KeyStore, @unchecked Sendable {
    private let key = SymmetricKey(size: .bits256)
    private(set) var wraps = 0
    private(set) var unwraps = 0

    func wrap(key slotKey: Data) throws -> Data {
        wraps += 1
        guard let combined = try AES.GCM.seal(slotKey, using: key).combined else {
            throw WardError.KeyStore(reason: "AES-GCM gave no combined box")
        }
        return combined
    }

    func unwrap(wrapped: Data) throws -> Data {
        unwraps += 1
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: wrapped), using: key)
        } catch {
            throw WardError.KeyInvalidated
        }
    }
}

/// A key store whose user always cancels the biometric prompt.
final class CancellingKeyStore: KeyStore, @unchecked Sendable {
    func wrap(key: Data) throws -> Data { throw WardError.Cancelled }
    func unwrap(wrapped: Data) throws -> Data { throw WardError.Cancelled }
}

/// A key store with a bug: it throws an error UniFFI does not know.
final class BrokenKeyStore: KeyStore, @unchecked Sendable {
    struct Bug: Error {}
    func wrap(key: Data) throws -> Data { throw Bug() }
    func unwrap(wrapped: Data) throws -> Data { throw Bug() }
}

/// A key store that hands back the wrong bytes (another device's key).
final class WrongKeyStore: KeyStore, @unchecked Sendable {
    func wrap(key: Data) throws -> Data { Data(count: 44) }
    func unwrap(wrapped: Data) throws -> Data { Data(repeating: 7, count: 32) }
}

// MARK: - Helpers

private func assertWardError(
    _ expected: (WardError) -> Bool,
    _ message: String = "",
    file: StaticString = #filePath,
    line: UInt = #line,
    _ body: () throws -> Void
) {
    do {
        try body()
        XCTFail("expected a WardError \(message)", file: file, line: line)
    } catch let error as WardError {
        XCTAssertTrue(expected(error), "unexpected \(error) \(message)", file: file, line: line)
    } catch {
        XCTFail("expected a WardError, got \(error) \(message)", file: file, line: line)
    }
}

private func isInvalidInput(_ error: WardError) -> Bool {
    if case .InvalidInput = error { return true }
    return false
}

private func vectorsDirectory() -> URL {
    if let root = ProcessInfo.processInfo.environment["WARD_REPO_ROOT"] {
        return URL(fileURLWithPath: root).appendingPathComponent("tests/vectors")
    }
    // bindings/swift-tests/WardCoreTests.swift -> repository root
    return URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tests/vectors")
}

private func loadVectors(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: vectorsDirectory().appendingPathComponent(name))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

// MARK: - Codes and URIs

final class CodesTests: XCTestCase {
    func testCountdownAndNextCode() throws {
        let at59 = try codeAt(uri: rfcTotp, unixTime: 59)
        let at60 = try codeAt(uri: rfcTotp, unixTime: 60)
        XCTAssertEqual(at59.code, "94287082")
        XCTAssertEqual(at59.secondsRemaining, 1)
        XCTAssertEqual(at59.period, 30)
        XCTAssertEqual(at59.counter, 1)
        XCTAssertEqual(at59.nextCode, at60.code)
        XCTAssertEqual(at60.secondsRemaining, 30)
    }

    func testHotpCodesDoNotExpire() throws {
        let code = try codeAt(uri: "otpauth://hotp/x?secret=\(rfcSeedSha1)&counter=1", unixTime: now)
        XCTAssertEqual(code.code, "287082")
        XCTAssertEqual(code.nextCode, "359152")
        XCTAssertEqual(code.secondsRemaining, 0)
        XCTAssertEqual(code.period, 0)
    }

    func testSteamCodesUseTheirAlphabet() throws {
        let code = try codeAt(uri: "otpauth://steam/Steam:alice?secret=\(rfcSeedSha1)", unixTime: now).code
        XCTAssertEqual(code.count, 5)
        XCTAssertTrue(code.allSatisfy { "23456789BCDFGHJKMNPQRTVWXY".contains($0) })
    }

    func testFarFutureTimes() throws {
        let code = try codeAt(uri: "otpauth://totp/x?secret=\(rfcSeedSha1)&period=1", unixTime: UInt64.max)
        XCTAssertEqual(code.counter, UInt64.max)
        XCTAssertEqual(code.secondsRemaining, 1)
    }

    func testBadUriForCodeIsInvalidInput() {
        assertWardError(isInvalidInput) { _ = try codeAt(uri: "otpauth://totp/x", unixTime: 0) }
    }
}

final class UriTests: XCTestCase {
    func testAwsStyleUri() throws {
        let account = try parseUri(
            uri: "otpauth://totp/Amazon%20Web%20Services:alice@123456789012"
                + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services")
        XCTAssertEqual(
            account,
            AccountRecord(
                issuer: "Amazon Web Services", name: "alice@123456789012", kind: .totp,
                algorithm: .sha1, digits: 6, period: 30, counter: nil, shortSecret: false))
    }

    func testHotpAndSteamShapes() throws {
        let hotp = try parseUri(
            uri: "otpauth://hotp/Example:bob?secret=JBSWY3DPEHPK3PXP&counter=7&digits=8&algorithm=SHA512")
        XCTAssertEqual(hotp.kind, .hotp)
        XCTAssertEqual(hotp.algorithm, .sha512)
        XCTAssertEqual(hotp.digits, 8)
        XCTAssertEqual(hotp.counter, 7)
        XCTAssertNil(hotp.period)
        XCTAssertTrue(hotp.shortSecret)
        let steam = try parseUri(uri: "otpauth://totp/Steam:carol?secret=JBSWY3DPEHPK3PXP&encoder=steam")
        XCTAssertEqual(steam.kind, .steam)
        XCTAssertEqual(steam.digits, 5)
    }

    func testMissingSecretSaysWhatToDo() {
        assertWardError({ error in
            if case .InvalidInput(let reason) = error { return reason.contains("secret=") }
            return false
        }) { _ = try parseUri(uri: "otpauth://totp/Example:alice") }
    }

    func testBadBase32NamesCharacterAndPosition() {
        assertWardError({ error in
            if case .InvalidInput(let reason) = error { return reason.contains("'0' at position 5") }
            return false
        }) { _ = try parseUri(uri: "otpauth://totp/Example:alice?secret=JBSW0Y3DP") }
    }

    func testGoogleExportMustBeImported() {
        assertWardError({ error in
            if case .InvalidInput(let reason) = error { return reason.contains("import") }
            return false
        }) { _ = try parseUri(uri: "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8") }
    }

    func testErrorsNeverEchoTheSecret() {
        let secret = "JBSWY3DPEHPK3PXPJBSWY3DP"
        for uri in [
            "otpauth:/totp/x?secret=\(secret)",
            "https://example.com/?secret=\(secret)",
            "otpauth://totp/x?secret=\(secret)&algorithm=MD5",
            "otpauth://totp/x?secret=\(secret)&digits=4",
        ] {
            assertWardError({ !$0.description.contains("JBSWY3DP") }, uri) { _ = try parseUri(uri: uri) }
        }
    }

    func testInitLoggingTwiceIsHarmless() {
        initLogging()
        initLogging()
    }
}

final class VectorsTests: XCTestCase {
    func testRfc4226AppendixD() throws {
        let file = try loadVectors("rfc4226.json")
        let secret = try XCTUnwrap(file["secret_base32"] as? String)
        let rows = try XCTUnwrap(file["vectors"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 10)
        for row in rows {
            let counter = try XCTUnwrap(row["counter"] as? Int)
            let uri = "otpauth://hotp/RFC:4226?secret=\(secret)&counter=\(counter)"
            XCTAssertEqual(try codeAt(uri: uri, unixTime: 0).code, row["hotp"] as? String)
        }
    }

    func testRfc6238AppendixB() throws {
        let file = try loadVectors("rfc6238.json")
        let seeds = try XCTUnwrap(file["seeds"] as? [String: [String: String]])
        let rows = try XCTUnwrap(file["vectors"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 18)
        for row in rows {
            let algorithm = try XCTUnwrap(row["algorithm"] as? String)
            let secret = try XCTUnwrap(seeds[algorithm]?["base32"])
            let time = try XCTUnwrap(row["time"] as? NSNumber).uint64Value
            let uri = "otpauth://totp/RFC:6238?secret=\(secret)&algorithm=\(algorithm)&digits=8&period=30"
            XCTAssertEqual(try codeAt(uri: uri, unixTime: time).code, row["totp"] as? String, "\(algorithm) at \(time)")
        }
    }

    func testOtpauthCases() throws {
        let cases = try XCTUnwrap(loadVectors("otpauth-cases.json")["cases"] as? [[String: Any]])
        var accepted = 0
        var refused = 0
        for testCase in cases {
            let name = testCase["name"] as? String ?? "?"
            let uri: String
            if let whole = testCase["uri"] as? String {
                uri = whole
            } else {
                let parts = try XCTUnwrap(testCase["uri_parts"] as? [String: Any])
                uri = (parts["prefix"] as! String)
                    + String(repeating: parts["repeat"] as! String, count: parts["count"] as! Int)
                    + (parts["suffix"] as! String)
            }
            if let expect = testCase["expect"] as? [String: Any] {
                let account = try parseUri(uri: uri)
                XCTAssertEqual("\(account.kind)", expect["kind"] as? String, name)
                XCTAssertEqual(account.issuer, expect["issuer"] as? String, name)
                XCTAssertEqual(account.name, expect["account"] as? String, name)
                XCTAssertEqual("\(account.algorithm)".uppercased(), expect["algorithm"] as? String, name)
                XCTAssertEqual(Int(account.digits), expect["digits"] as? Int, name)
                XCTAssertEqual(account.period.map(Int.init), expect["period"] as? Int, name)
                XCTAssertEqual(account.counter.map(Int.init), expect["counter"] as? Int, name)
                accepted += 1
            } else {
                assertWardError(isInvalidInput, name) { _ = try parseUri(uri: uri) }
                refused += 1
            }
        }
        XCTAssertEqual(accepted + refused, cases.count)
    }
}

// MARK: - The vault

final class VaultTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var path: String { directory.appendingPathComponent("ward.vault").path }

    func testCreateUnlockWrongPasswordLock() throws {
        let vault = try Vault.create(path: path, password: password)
        XCTAssertTrue(vault.isUnlocked())
        vault.lock()
        XCTAssertFalse(vault.isUnlocked())
        assertWardError({ $0 == .Locked }) { _ = try vault.codes(unixTime: now) }
        assertWardError({ $0 == .WrongPassword }) { try vault.unlock(password: Data("wrong".utf8), now: now) }
        try vault.unlock(password: password, now: now)
        XCTAssertTrue(vault.isUnlocked())
    }

    func testAddCodesHotpNextDelete() throws {
        let vault = try Vault.create(path: path, password: password)
        let totp = try vault.addUri(uri: rfcTotp, now: now)
        let hotp = try vault.addUri(uri: rfcHotp, now: now)
        XCTAssertEqual(totp.count, 32)

        let codes = try vault.codes(unixTime: 59)
        XCTAssertEqual(codes.map(\.id), [totp, hotp])
        guard case .timed(let code, let kind) = codes[0].state else { return XCTFail("\(codes[0])") }
        XCTAssertEqual(code.code, "94287082")
        XCTAssertEqual(code.secondsRemaining, 1)
        XCTAssertEqual(kind, .totp)
        XCTAssertEqual(codes[1].state, .hotp(counter: 0))

        XCTAssertEqual(try vault.hotpNext(id: hotp, now: now), "755224")
        XCTAssertEqual(try vault.hotpNext(id: hotp, now: now), "287082")
        XCTAssertEqual(try vault.codes(unixTime: now)[1].state, .hotp(counter: 2))
        assertWardError(isInvalidInput) { _ = try vault.hotpNext(id: totp, now: now) }
        assertWardError({ $0 == .Duplicate(id: totp) }) { _ = try vault.addUri(uri: rfcTotp, now: now) }

        try vault.delete(id: totp)
        XCTAssertEqual(try vault.list(filter: "").count, 1)
        assertWardError({ $0 == .NotFound }) { try vault.delete(id: totp) }
        assertWardError(isInvalidInput) { try vault.delete(id: "not-an-id") }
    }

    func testUpdateReorderAndFilter() throws {
        let vault = try Vault.create(path: path, password: password)
        let a = try vault.addUri(uri: rfcTotp, now: now)
        let b = try vault.addUri(uri: rfcHotp, now: now)
        try vault.update(
            id: a,
            edit: EntryEdit(issuer: "Amazon Web Services", name: "alice", note: "root account", favourite: true, icon: nil),
            now: now + 5)
        try vault.reorder(ids: [b, a])
        let listed: [EntryRecord] = try vault.list(filter: "").compactMap {
            if case .entry(let entry) = $0 { return entry }
            return nil
        }
        XCTAssertEqual(listed.map(\.id), [b, a])
        XCTAssertEqual(listed[1].issuer, "Amazon Web Services")
        XCTAssertEqual(listed[1].note, "root account")
        XCTAssertTrue(listed[1].favourite)
        XCTAssertEqual(listed[1].updatedAt, now + 5)
        XCTAssertEqual(try vault.list(filter: "amazon").count, 1)
        assertWardError(isInvalidInput) { try vault.reorder(ids: [a]) }
    }

    func testReopenKeepsEntriesAndChangePassword() throws {
        let id = try Vault.create(path: path, password: password).addUri(uri: rfcTotp, now: now)
        let reopened = try Vault.open(path: path)
        XCTAssertFalse(reopened.isUnlocked())
        try reopened.unlock(password: password, now: now)
        XCTAssertEqual(try reopened.codes(unixTime: now).map(\.id), [id])
        try reopened.changePassword(newPassword: Data("a new passphrase".utf8), now: now)
        let again = try Vault.open(path: path)
        assertWardError({ $0 == .WrongPassword }) { try again.unlock(password: password, now: now) }
        try again.unlock(password: Data("a new passphrase".utf8), now: now)
    }

    func testMissingAndForeignFiles() throws {
        assertWardError({ $0 == .NoVault }) { _ = try Vault.open(path: path) }
        let notes = directory.appendingPathComponent("notes.txt")
        try String(repeating: "shopping list\n", count: 200).write(to: notes, atomically: true, encoding: .utf8)
        assertWardError({ $0 == .NotAVault }) { _ = try Vault.open(path: notes.path) }
        _ = try Vault.create(path: path, password: password)
        assertWardError(isInvalidInput) { _ = try Vault.create(path: path, password: password) }
    }

    func testKeyStoreUnlocksWithoutThePassword() throws {
        let keyStore = MemoryKeyStore()
        let vault = try Vault.create(path: path, password: password)
        _ = try vault.addUri(uri: rfcTotp, now: now)
        // Creating is no proof: enabling device unlock needs a fresh one.
        try vault.reauthenticate(password: password, now: now)
        try vault.enableKeyStore(keyStore: keyStore, now: now)
        XCTAssertEqual(keyStore.wraps, 1)
        let reopened = try Vault.open(path: path)
        try reopened.unlockWithKeyStore(keyStore: keyStore, now: now)
        XCTAssertEqual(keyStore.unwraps, 1)
        XCTAssertEqual(try reopened.codes(unixTime: now).count, 1)
    }

    func testKeyStoreFailuresMapToActionableErrors() throws {
        let vault = try Vault.create(path: path, password: password)
        try vault.reauthenticate(password: password, now: now)
        try vault.enableKeyStore(keyStore: MemoryKeyStore(), now: now)
        assertWardError({ $0 == .Cancelled }) { try vault.enableKeyStore(keyStore: CancellingKeyStore(), now: now) }
        vault.lock()
        assertWardError({ $0 == .KeyInvalidated }) { try vault.unlockWithKeyStore(keyStore: MemoryKeyStore(), now: now) }
        assertWardError({ $0 == .KeyInvalidated }) { try vault.unlockWithKeyStore(keyStore: WrongKeyStore(), now: now) }
        assertWardError({ $0 == .Cancelled }) { try vault.unlockWithKeyStore(keyStore: CancellingKeyStore(), now: now) }
        // An error UniFFI does not know is a KeyStore error, not a crash.
        assertWardError({ if case .KeyStore = $0 { return true } else { return false } }) {
            try vault.unlockWithKeyStore(keyStore: BrokenKeyStore(), now: now)
        }
        XCTAssertFalse(vault.isUnlocked())
        try vault.unlock(password: password, now: now)
    }
}

// MARK: - Import and export

final class ImportTests: XCTestCase {
    private var directory: URL!
    private let now: UInt64 = 1_700_000_000

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: vectorsDirectory().deletingLastPathComponent()
            .appendingPathComponent("fixtures/import").appendingPathComponent(name))
    }

    private func newVault(_ name: String = "ward.vault") throws -> Vault {
        try Vault.create(path: directory.appendingPathComponent(name).path, password: password)
    }

    func testGoogleExportUris() throws {
        let vault = try newVault()
        let report = try vault.import(data: try fixture("google_batches.txt"), password: nil, now: now)
        XCTAssertEqual(report.format, "Google Authenticator export")
        XCTAssertEqual(report.added.count, 4)
        XCTAssertEqual(report.skipped.count, 1)
        XCTAssertEqual(report.googleBatches, [GoogleBatches(batchSize: 3, present: [0, 1, 2], missing: [])])
        XCTAssertEqual(try vault.codes(unixTime: now).map(\.id), report.added)
        let again = try vault.import(data: try fixture("google_batches.txt"), password: nil, now: now)
        XCTAssertEqual(again.added.count, 0)
        XCTAssertEqual(again.duplicates.count, 4)
    }

    func testGoogleExportWithMissingCodesSaysWhichToScan() throws {
        let report = try newVault().import(data: try fixture("google_missing.txt"), password: nil, now: now)
        XCTAssertEqual(report.googleBatches, [GoogleBatches(batchSize: 3, present: [1], missing: [0, 2])])
    }

    func testEncryptedBackupAsksForItsPassword() throws {
        let vault = try newVault()
        let backup = try fixture("ward_backup.json")
        assertWardError({ $0 == .PasswordNeeded(format: "Ward backup") }) {
            _ = try vault.import(data: backup, password: nil, now: now)
        }
        assertWardError({ $0 == .WrongPassword }) {
            _ = try vault.import(data: backup, password: Data("nope".utf8), now: now)
        }
        let report = try vault.import(data: backup, password: Data("correct horse battery staple".utf8), now: now)
        XCTAssertTrue(report.encrypted)
        XCTAssertEqual(report.added.count, 5)
    }

    func testBackupAndGoogleExportsRoundTrip() throws {
        let source = try newVault("a.vault")
        _ = try source.import(data: try fixture("google_batches.txt"), password: nil, now: now)
        assertWardError({ $0 == .ReauthRequired }) { _ = try source.exportGoogle(now: now) }
        try source.reauthenticate(password: password, now: now)
        let backup = try source.exportBackup(password: Data("backup password".utf8), now: now)
        XCTAssertEqual(backup.leftOut, [])
        let google = try source.exportGoogle(now: now)
        XCTAssertEqual(try source.exportOtpauth(now: now + reauthWindowSeconds()).count, 4)
        assertWardError({ $0 == .ReauthRequired }) { _ = try source.exportOtpauth(now: now + reauthWindowSeconds() + 1) }
        XCTAssertTrue(google.uris.allSatisfy { $0.hasPrefix("otpauth-migration://offline?data=") })

        let restored = try newVault("b.vault")
        let report = try restored.import(data: backup.data, password: Data("backup password".utf8), now: now)
        XCTAssertEqual(report.added.count, 4)
        XCTAssertEqual(try restored.codes(unixTime: now).map(\.state), try source.codes(unixTime: now).map(\.state))

        let fromGoogle = try newVault("c.vault")
        let text = Data(google.uris.joined(separator: "\n").utf8)
        XCTAssertEqual(try fromGoogle.import(data: text, password: nil, now: now).added.count, 4 - google.leftOut.count)
    }
}

// MARK: - QR decoding of pictures (CoreGraphics -> luma bytes)

#if canImport(CoreGraphics) && canImport(ImageIO)
import CoreGraphics
import ImageIO

/// Decodes a PNG or JPEG with ImageIO and renders it into an 8-bit gray
/// bitmap, rows padded to `width + padding` bytes (as camera buffers are).
private func lumaOf(_ url: URL, padding: Int = 0) throws -> (Data, UInt32, UInt32, UInt32) {
    let source = try XCTUnwrap(CGImageSourceCreateWithURL(url as CFURL, nil))
    let image = try XCTUnwrap(CGImageSourceCreateImageAtIndex(source, 0, nil))
    let stride = image.width + padding
    var pixels = Data(count: stride * image.height)
    pixels.withUnsafeMutableBytes { buffer in
        let context = CGContext(
            data: buffer.baseAddress, width: image.width, height: image.height, bitsPerComponent: 8,
            bytesPerRow: stride, space: CGColorSpaceCreateDeviceGray(), bitmapInfo: CGImageAlphaInfo.none.rawValue)
        context?.draw(image, in: CGRect(x: 0, y: 0, width: image.width, height: image.height))
    }
    return (pixels, UInt32(image.width), UInt32(image.height), UInt32(stride))
}

final class QrTests: XCTestCase {
    private func fixture(_ name: String) -> URL {
        vectorsDirectory().deletingLastPathComponent().appendingPathComponent("fixtures/qr").appendingPathComponent(name)
    }

    private func scan(_ name: String, padding: Int = 0) throws -> ScannedQr? {
        let (luma, width, height, stride) = try lumaOf(fixture(name), padding: padding)
        return try decodeQrLuma(luma: luma, width: width, height: height, rowStride: stride)
    }

    func testAwsCodeFromAPhoto() throws {
        guard case .account(let account, let scanned) = try scan("aws-photo.jpg") else { return XCTFail() }
        XCTAssertEqual(account.issuer, "Amazon Web Services")
        // The URI stays in Rust: added through its handle.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + ".vault").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let vault = try Vault.create(path: path, password: password)
        let id = try vault.addScanned(scanned: scanned, now: now)
        XCTAssertEqual(try vault.codes(unixTime: now).map(\.id), [id])
    }

    func testPaddedRowsAreRead() throws {
        guard case .account = try scan("aws-photo.jpg", padding: 64) else { return XCTFail() }
    }

    func testNoCodeIsNilSoTheCameraKeepsScanning() throws {
        XCTAssertNil(try scan("no-code.png"))
    }

    func testAWebAddressIsNotAnAuthenticatorCode() {
        assertWardError({ error in
            if case .InvalidInput(let reason) = error {
                return reason.contains("https://example.com") && !reason.contains("poster")
            }
            return false
        }) { _ = try scan("url-code.png") }
    }

    func testGoogleExportScreenshotImportsIntoTheVault() throws {
        let (luma, width, height, stride) = try lumaOf(fixture("google-export-screenshot.png"))
        guard case .googleExport(let scanned, let batchIndex, let batchSize) =
            try decodeQrPicture(luma: luma, width: width, height: height, rowStride: stride)
        else { return XCTFail() }
        XCTAssertLessThan(batchIndex, batchSize)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + ".vault").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let vault = try Vault.create(path: path, password: password)
        let report = try vault.importScanned(codes: [scanned], now: now)
        XCTAssertFalse(report.added.isEmpty)
    }

    func testFrameGeometryIsChecked() {
        assertWardError(isInvalidInput) { _ = try decodeQrLuma(luma: Data(count: 10), width: 4, height: 4, rowStride: 4) }
        assertWardError(isInvalidInput) { _ = try decodeQrLuma(luma: Data(count: 16), width: 4, height: 4, rowStride: 3) }
    }
}
#endif
