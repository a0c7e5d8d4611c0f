import WardCore
import XCTest

/// RFC 4226 / RFC 6238 vectors through the generated Swift, read from the
/// shared files in tests/vectors/ (the same ones the Rust and Kotlin tests
/// use), plus the code record's countdown and next code.
final class CodesTests: XCTestCase {
    func testRfc4226AppendixD() throws {
        let vectors = try Repository.json("tests/vectors/rfc4226.json")
        let secret = try XCTUnwrap(vectors["secret_base32"] as? String)
        let rows = try XCTUnwrap(vectors["vectors"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 10)
        for row in rows {
            let counter = try XCTUnwrap(row["counter"] as? Int)
            let expected = try XCTUnwrap(row["hotp"] as? String)
            let uri = "otpauth://hotp/RFC:4226?secret=\(secret)&counter=\(counter)"
            XCTAssertEqual(try codeAt(uri: uri, unixTime: 0).code, expected, "counter \(counter)")
        }
    }

    func testRfc6238AppendixB() throws {
        let vectors = try Repository.json("tests/vectors/rfc6238.json")
        let seeds = try XCTUnwrap(vectors["seeds"] as? [String: [String: String]])
        let rows = try XCTUnwrap(vectors["vectors"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 18)
        for row in rows {
            let time = try XCTUnwrap((row["time"] as? NSNumber)?.uint64Value)
            let algorithm = try XCTUnwrap(row["algorithm"] as? String)
            let expected = try XCTUnwrap(row["totp"] as? String)
            let secret = try XCTUnwrap(seeds[algorithm]?["base32"])
            let uri = "otpauth://totp/RFC:6238?secret=\(secret)&algorithm=\(algorithm)&digits=8&period=30"
            XCTAssertEqual(try codeAt(uri: uri, unixTime: time).code, expected, "\(algorithm) at \(time)")
        }
    }

    func testCountdownAndNextCode() throws {
        let uri = "otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8"
        let at59 = try codeAt(uri: uri, unixTime: 59)
        let at60 = try codeAt(uri: uri, unixTime: 60)
        XCTAssertEqual(at59.secondsRemaining, 1)
        XCTAssertEqual(at59.period, 30)
        XCTAssertEqual(at59.nextCode, at60.code)
    }

    func testHotpCodesDoNotExpire() throws {
        let uri = "otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0"
        let code = try codeAt(uri: uri, unixTime: 123)
        XCTAssertEqual(code.code, "755224")
        XCTAssertEqual(code.nextCode, "287082")
        XCTAssertEqual(code.secondsRemaining, 0)
        XCTAssertEqual(code.period, 0)
    }
}
