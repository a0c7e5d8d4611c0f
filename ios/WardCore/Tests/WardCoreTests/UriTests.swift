import WardCore
import XCTest

/// otpauth URI parsing and its errors as Swift errors: the shared cases in
/// tests/vectors/otpauth-cases.json, and the messages an app shows.
final class UriTests: XCTestCase {
    func testAwsStyleUri() throws {
        let account = try parseUri(
            uri: "otpauth://totp/Amazon%20Web%20Services:alice@123456789012"
                + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services"
        )
        XCTAssertEqual(account.issuer, "Amazon Web Services")
        XCTAssertEqual(account.name, "alice@123456789012")
        XCTAssertEqual(account.kind, .totp)
        XCTAssertEqual(account.algorithm, .sha1)
        XCTAssertEqual(account.digits, 6)
        XCTAssertEqual(account.period, 30)
        XCTAssertNil(account.counter)
        XCTAssertFalse(account.shortSecret)
    }

    func testHotpAndSteamShapes() throws {
        let hotp = try parseUri(uri: "otpauth://hotp/Example:bob?secret=JBSWY3DPEHPK3PXP&counter=7&digits=8&algorithm=SHA512")
        XCTAssertEqual(hotp.kind, .hotp)
        XCTAssertEqual(hotp.algorithm, .sha512)
        XCTAssertEqual(hotp.digits, 8)
        XCTAssertEqual(hotp.counter, 7)
        XCTAssertNil(hotp.period)
        XCTAssertTrue(hotp.shortSecret, "an 80-bit secret is below RFC 4226's 128 bits")

        let steam = try parseUri(uri: "otpauth://totp/Steam:carol?secret=JBSWY3DPEHPK3PXP&encoder=steam")
        XCTAssertEqual(steam.kind, .steam)
        XCTAssertEqual(steam.digits, 5)
    }

    func testSharedCases() throws {
        let file = try Repository.json("tests/vectors/otpauth-cases.json")
        let cases = try XCTUnwrap(file["cases"] as? [[String: Any]])
        var checked = 0
        for item in cases {
            let name = item["name"] as? String ?? "?"
            guard let uri = Self.uri(of: item) else {
                XCTFail("case \(name) has no uri")
                continue
            }
            if let expect = item["expect"] as? [String: Any] {
                let account = try parseUri(uri: uri)
                XCTAssertEqual(account.issuer, expect["issuer"] as? String ?? "", name)
                XCTAssertEqual(account.name, expect["account"] as? String ?? "", name)
                if let kind = expect["kind"] as? String {
                    XCTAssertEqual(Self.name(of: account.kind), kind, name)
                }
                if let algorithm = expect["algorithm"] as? String {
                    XCTAssertEqual(Self.name(of: account.algorithm), algorithm, name)
                }
                if let digits = expect["digits"] as? Int {
                    XCTAssertEqual(Int(account.digits), digits, name)
                }
                if let period = expect["period"] as? Int {
                    XCTAssertEqual(account.period.map(Int.init), period, name)
                }
                if let counter = expect["counter"] as? Int {
                    XCTAssertEqual(account.counter.map(Int.init), counter, name)
                }
            } else {
                XCTAssertNotNil(item["error"], "case \(name) has neither expect nor error")
                XCTAssertThrowsError(try parseUri(uri: uri), name) { error in
                    guard case WardError.InvalidInput(let reason) = error else {
                        return XCTFail("\(name): expected InvalidInput, got \(error)")
                    }
                    XCTAssertFalse(reason.isEmpty, name)
                }
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 50)
    }

    func testMissingSecretSaysWhatToDo() {
        XCTAssertThrowsError(try parseUri(uri: "otpauth://totp/Example:alice")) { error in
            guard case WardError.InvalidInput(let reason) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertTrue(reason.contains("secret="), reason)
            XCTAssertEqual((error as? WardError)?.description, reason)
        }
    }

    func testGoogleExportMustBeImported() {
        XCTAssertThrowsError(try parseUri(uri: "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8")) { error in
            guard case WardError.InvalidInput(let reason) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertTrue(reason.contains("import"), reason)
        }
    }

    func testErrorsNeverEchoTheSecret() {
        let secret = "JBSWY3DPEHPK3PXPJBSWY3DP"
        for uri in [
            "otpauth:/totp/x?secret=\(secret)",
            "https://example.com/?secret=\(secret)",
            "otpauth://totp/x?secret=\(secret)&algorithm=MD5",
            "otpauth://totp/x?secret=\(secret)&digits=4",
        ] {
            XCTAssertThrowsError(try parseUri(uri: uri)) { error in
                let text = (error as? WardError)?.description ?? "\(error)"
                XCTAssertFalse(text.contains("JBSWY3DP"), text)
            }
        }
    }

    /// `uri`, or `uri_parts` (prefix + repeat * count + suffix) for inputs
    /// too long to list.
    private static func uri(of item: [String: Any]) -> String? {
        if let uri = item["uri"] as? String {
            return uri
        }
        guard let parts = item["uri_parts"] as? [String: Any],
              let repeated = parts["repeat"] as? String,
              let count = parts["count"] as? Int
        else {
            return nil
        }
        let prefix = parts["prefix"] as? String ?? ""
        let suffix = parts["suffix"] as? String ?? ""
        return prefix + String(repeating: repeated, count: count) + suffix
    }

    private static func name(of algorithm: Algorithm) -> String {
        switch algorithm {
        case .sha1:
            return "SHA1"
        case .sha256:
            return "SHA256"
        case .sha512:
            return "SHA512"
        }
    }

    private static func name(of kind: OtpKind) -> String {
        switch kind {
        case .totp:
            return "totp"
        case .hotp:
            return "hotp"
        case .steam:
            return "steam"
        }
    }
}
