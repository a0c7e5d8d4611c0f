import CryptoKit
import Foundation
import WardCore
import XCTest

/// An in-memory key store: AES-256-GCM under a key that lives as long as
/// the object. It stands in for the Secure Enclave key in tests (the
/// Simulator has no Secure Enclave), and can be told to fail like the real
/// one does when the user cancels or the enrolment changed.
final class FakeKeyStore: KeyStore, @unchecked Sendable {
    private let platformKey = SymmetricKey(size: .bits256)
    private let lock = NSLock()
    private var failure: WardError?
    private var wraps = 0
    private var unwraps = 0

    var wrapCount: Int { lock.withLock { wraps } }
    var unwrapCount: Int { lock.withLock { unwraps } }

    /// Makes the next unwraps throw `error` (nil: work again).
    func failUnwraps(with error: WardError?) {
        lock.withLock { failure = error }
    }

    func wrap(key: Data) throws -> Data {
        lock.withLock { wraps += 1 }
        XCTAssertEqual(key.count, 32, "the core wraps 32-byte keys")
        guard let sealed = try AES.GCM.seal(key, using: platformKey).combined else {
            throw WardError.KeyStore(reason: "could not seal")
        }
        return sealed
    }

    func unwrap(wrapped: Data) throws -> Data {
        let failure: WardError? = lock.withLock {
            unwraps += 1
            return self.failure
        }
        if let failure {
            throw failure
        }
        return try AES.GCM.open(AES.GCM.SealedBox(combined: wrapped), using: platformKey)
    }
}

/// Device unlock through the KeyStore foreign trait, implemented in Swift,
/// in the situations the app handles: a cancelled prompt, a changed
/// biometric enrolment, turning it on again.
final class DeviceUnlockTests: XCTestCase {
    private var folder: TemporaryFolder!
    private let password = Data("correct horse battery staple".utf8)
    private let aws = "otpauth://totp/AWS:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    override func tearDown() {
        folder.remove()
    }

    func testWrapThenUnlockWithTheKeyStore() throws {
        let path = folder.file("vault.ward")
        let keyStore = FakeKeyStore()
        let vault = try Vault.create(path: path, password: password)
        let id = try vault.addUri(uri: aws, now: 1)
        try vault.enableKeyStore(keyStore: keyStore)
        XCTAssertEqual(keyStore.wrapCount, 1)
        vault.lock()

        let reopened = try Vault.open(path: path)
        try reopened.unlockWithKeyStore(keyStore: keyStore)
        XCTAssertTrue(reopened.isUnlocked())
        XCTAssertEqual(keyStore.unwrapCount, 1)
        XCTAssertEqual(try reopened.codes(unixTime: 59).map(\.id), [id])
    }

    func testCancelledPromptLeavesTheVaultLockedAndThePasswordWorking() throws {
        let path = folder.file("vault.ward")
        let keyStore = FakeKeyStore()
        let vault = try Vault.create(path: path, password: password)
        try vault.enableKeyStore(keyStore: keyStore)
        vault.lock()

        keyStore.failUnwraps(with: .Cancelled)
        XCTAssertThrowsError(try vault.unlockWithKeyStore(keyStore: keyStore)) { error in
            XCTAssertEqual(error as? WardError, .Cancelled)
        }
        XCTAssertFalse(vault.isUnlocked())
        try vault.unlock(password: password)
        XCTAssertTrue(vault.isUnlocked())
    }

    func testChangedBiometricsMeansPasswordStillOpensAndNothingIsDeleted() throws {
        let path = folder.file("vault.ward")
        let keyStore = FakeKeyStore()
        let vault = try Vault.create(path: path, password: password)
        let id = try vault.addUri(uri: aws, now: 1)
        try vault.enableKeyStore(keyStore: keyStore)
        vault.lock()

        // What the Secure Enclave key store throws after an enrolment change.
        keyStore.failUnwraps(with: .KeyInvalidated)
        XCTAssertThrowsError(try vault.unlockWithKeyStore(keyStore: keyStore)) { error in
            XCTAssertEqual(error as? WardError, .KeyInvalidated)
        }
        try vault.unlock(password: password)
        XCTAssertEqual(try vault.codes(unixTime: 59).map(\.id), [id])

        // Turning device unlock on again with a new key works.
        let newKeyStore = FakeKeyStore()
        try vault.enableKeyStore(keyStore: newKeyStore)
        vault.lock()
        try vault.unlockWithKeyStore(keyStore: newKeyStore)
        XCTAssertTrue(vault.isUnlocked())
    }
}
