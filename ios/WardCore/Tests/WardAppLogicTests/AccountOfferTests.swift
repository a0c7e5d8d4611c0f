import WardAppLogic
import XCTest

final class AccountOfferTests: XCTestCase {
    private let uri = "otpauth://totp/AWS:alice?secret=JBSWY3DPEHPK3PXP&issuer=AWS"

    func testAccountURIsAreOfferedTrimmed() throws {
        let offer = try AccountOffer.make(from: "  \(uri)\n", source: .paste).get()
        XCTAssertEqual(offer.uri, uri)
        XCTAssertEqual(offer.source, .paste)
        XCTAssertNoThrow(try AccountOffer.make(from: "OTPAUTH://HOTP/x?secret=AA&counter=1", source: .link).get())
    }

    func testAnythingElseIsRefused() {
        for text in ["", "https://example.com", "otpauth-migration://offline?data=x", "otpauth://", "otpauth://steam"] {
            XCTAssertEqual(AccountOffer.make(from: text, source: .link), .failure(.notAnAccount), text)
        }
        let long = "otpauth://totp/x?secret=" + String(repeating: "A", count: AccountOffer.maximumLength)
        XCTAssertEqual(AccountOffer.make(from: long, source: .paste), .failure(.tooLong))
        XCTAssertTrue(AccountOffer.message(for: .notAnAccount, source: .paste).contains("clipboard"))
    }

    func testALinkWaitsForTheUnlockAndIsDroppedInTheBackground() throws {
        var inbox = OfferInbox()
        let offer = try AccountOffer.make(from: uri, source: .link).get()
        inbox.receive(offer)
        XCTAssertNil(inbox.offerToShow(unlocked: false))
        XCTAssertEqual(inbox.offerToShow(unlocked: true), offer)
        inbox.enteredBackground()
        XCTAssertNil(inbox.offerToShow(unlocked: true))
    }

    func testANewerOfferReplacesTheOlderOne() throws {
        var inbox = OfferInbox()
        let first = try AccountOffer.make(from: uri, source: .link).get()
        let second = try AccountOffer.make(from: uri, source: .paste).get()
        inbox.receive(first)
        inbox.receive(second)
        XCTAssertEqual(inbox.offer, second)
        inbox.answered()
        XCTAssertNil(inbox.offer)
    }
}
