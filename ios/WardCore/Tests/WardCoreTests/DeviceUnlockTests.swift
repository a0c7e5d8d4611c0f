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
        // Creating is no proof: enabling device unlock needs one.
        try vault.reauthenticate(password: password, now: 1)
        let id = try vault.addUri(uri: aws, now: 1)
        try vault.enableKeyStore(keyStore: keyStore, now: 1)
        XCTAssertEqual(keyStore.wrapCount, 1)
        vault.lock()

        let reopened = try Vault.open(path: path)
        try reopened.unlockWithKeyStore(keyStore: keyStore, now: 2)
        XCTAssertTrue(reopened.isUnlocked())
        XCTAssertEqual(keyStore.unwrapCount, 1)
        XCTAssertEqual(try reopened.codes(unixTime: 59).map(\.id), [id])
    }

    func testCancelledPromptLeavesTheVaultLockedAndThePasswordWorking() throws {
        let path = folder.file("vault.ward")
        let keyStore = FakeKeyStore()
        let vault = try Vault.create(path: path, password: password)
        // Creating is no proof: enabling device unlock needs one.
        try vault.reauthenticate(password: password, now: 1)
        try vault.enableKeyStore(keyStore: keyStore, now: 1)
        vault.lock()

        keyStore.failUnwraps(with: .Cancelled)
        XCTAssertThrowsError(try vault.unlockWithKeyStore(keyStore: keyStore, now: 2)) { error in
            XCTAssertEqual(error as? WardError, .Cancelled)
        }
        XCTAssertFalse(vault.isUnlocked())
        try vault.unlock(password: password, now: 3)
        XCTAssertTrue(vault.isUnlocked())
    }

    func testChangedBiometricsMeansPasswordStillOpensAndNothingIsDeleted() throws {
        let path = folder.file("vault.ward")
        let keyStore = FakeKeyStore()
        let vault = try Vault.create(path: path, password: password)
        // Creating is no proof: enabling device unlock needs one.
        try vault.reauthenticate(password: password, now: 1)
        let id = try vault.addUri(uri: aws, now: 1)
        try vault.enableKeyStore(keyStore: keyStore, now: 1)
        vault.lock()

        // What the Secure Enclave key store throws after an enrolment change.
        keyStore.failUnwraps(with: .KeyInvalidated)
        XCTAssertThrowsError(try vault.unlockWithKeyStore(keyStore: keyStore, now: 2)) { error in
            XCTAssertEqual(error as? WardError, .KeyInvalidated)
        }
        try vault.unlock(password: password, now: 3)
        XCTAssertEqual(try vault.codes(unixTime: 59).map(\.id), [id])

        // Turning device unlock on again with a new key works.
        let newKeyStore = FakeKeyStore()
        try vault.enableKeyStore(keyStore: newKeyStore, now: 3)
        vault.lock()
        try vault.unlockWithKeyStore(keyStore: newKeyStore, now: 4)
        XCTAssertTrue(vault.isUnlocked())
    }

    /// Issue 14, point 2: enabling again replaces the platform slot, so an
    /// unlock asks the key store once. (With stacked slots the core tried
    /// the dead slot first: two prompts.)
    func testEnablingAgainLeavesOneSlotAndOnePrompt() throws {
        let path = folder.file("vault.ward")
        let vault = try Vault.create(path: path, password: password)
        try vault.reauthenticate(password: password, now: 1)
        let old = FakeKeyStore()
        let new = FakeKeyStore()
        try vault.enableKeyStore(keyStore: old, now: 1)
        try vault.enableKeyStore(keyStore: new, now: 1)
        vault.lock()

        try vault.unlockWithKeyStore(keyStore: new, now: 2)
        XCTAssertTrue(vault.isUnlocked())
        XCTAssertEqual(new.unwrapCount, 1, "one slot, one prompt")
    }

    /// Issue 14, point 2: a Cancel ends the unlock; no second prompt.
    func testCancelIsTheOnlyPrompt() throws {
        let path = folder.file("vault.ward")
        let vault = try Vault.create(path: path, password: password)
        try vault.reauthenticate(password: password, now: 1)
        let keyStore = FakeKeyStore()
        try vault.enableKeyStore(keyStore: keyStore, now: 1)
        try vault.enableKeyStore(keyStore: keyStore, now: 1)
        vault.lock()

        keyStore.failUnwraps(with: .Cancelled)
        XCTAssertThrowsError(try vault.unlockWithKeyStore(keyStore: keyStore, now: 2)) { error in
            XCTAssertEqual(error as? WardError, .Cancelled)
        }
        XCTAssertEqual(keyStore.unwrapCount, 1, "the core stops at the first Cancel")
    }

    /// Re-authentication before a sensitive export: without a fresh proof
    /// the core refuses; the password (or one Face ID prompt) gives one.
    func testSensitiveExportNeedsAFreshProof() throws {
        let path = folder.file("vault.ward")
        let vault = try Vault.create(path: path, password: password)
        _ = try vault.addUri(uri: aws, now: 1)
        let window = reauthWindowSeconds()
        let later = 1000 + window + 1
        XCTAssertThrowsError(try vault.exportGoogle(now: later)) { error in
            XCTAssertEqual(error as? WardError, .ReauthRequired)
        }
        XCTAssertThrowsError(try vault.reauthenticate(password: Data("wrong".utf8), now: later)) { error in
            XCTAssertEqual(error as? WardError, .WrongPassword)
        }
        try vault.reauthenticate(password: password, now: later)
        XCTAssertFalse(try vault.exportGoogle(now: later).uris.isEmpty)

        let keyStore = FakeKeyStore()
        try vault.enableKeyStore(keyStore: keyStore, now: later)
        let muchLater = later + window + 1
        XCTAssertThrowsError(try vault.exportGoogle(now: muchLater))
        try vault.reauthenticateWithKeyStore(keyStore: keyStore, now: muchLater)
        XCTAssertEqual(keyStore.unwrapCount, 1)
        XCTAssertFalse(try vault.exportGoogle(now: muchLater).uris.isEmpty)
    }
}
