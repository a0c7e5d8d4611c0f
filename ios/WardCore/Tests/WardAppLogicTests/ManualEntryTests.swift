import WardAppLogic
import XCTest

final class ManualEntryTests: XCTestCase {
    func testAwsStyleTotp() {
        var entry = ManualEntry()
        entry.issuer = "Amazon Web Services"
        entry.account = "alice@123456789012"
        entry.secret = "JBSW Y3DP-EHPK 3PXP"
        XCTAssertTrue(entry.canSubmit)
        XCTAssertEqual(
            entry.uri,
            "otpauth://totp/Amazon%20Web%20Services:alice%40123456789012"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services"
                + "&algorithm=SHA1&digits=6&period=30"
        )
    }

    func testHotpCarriesTheCounter() {
        var entry = ManualEntry()
        entry.account = "bob"
        entry.secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        entry.kind = .hotp
        entry.algorithm = .sha256
        entry.digits = 8
        entry.counter = 5
        XCTAssertEqual(
            entry.uri,
            "otpauth://hotp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&counter=5"
        )
    }

    func testSteamHasNoParametersToChoose() {
        var entry = ManualEntry()
        entry.issuer = "Steam"
        entry.account = "carol"
        entry.secret = "JBSWY3DPEHPK3PXP"
        entry.kind = .steam
        XCTAssertEqual(entry.uri, "otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP&issuer=Steam")
    }

    func testReservedCharactersCannotBreakTheUri() {
        var entry = ManualEntry()
        entry.issuer = "A&B:C/D?"
        entry.account = "x=y+z"
        entry.secret = "JBSWY3DPEHPK3PXP"
        XCTAssertTrue(entry.uri.hasPrefix("otpauth://totp/A%26B%3AC%2FD%3F:x%3Dy%2Bz?secret="))
    }

    func testAnEmptySecretCannotBeSubmitted() {
        var entry = ManualEntry()
        entry.secret = " - "
        XCTAssertFalse(entry.canSubmit)
    }
}
