import CoreGraphics
import CoreImage
import CoreImage.CIFilterBuiltins
import Foundation
import WardAppLogic
import WardCore
import XCTest

/// QR decoding through the core, from luma frames made the way the app
/// makes them from a screenshot (`LumaImage`).
final class QrFrameTests: XCTestCase {
    /// A QR code for `text`, `scale` pixels per module, with the four-module
    /// quiet zone, drawn by Core Image.
    private func qrImage(_ text: String, scale: Int = 6) throws -> CGImage {
        let filter = CIFilter.qrCodeGenerator()
        filter.message = Data(text.utf8)
        filter.correctionLevel = "M"
        let output = try XCTUnwrap(filter.outputImage)
        let modules = try XCTUnwrap(CIContext().createCGImage(output, from: output.extent))
        let side = (modules.width + 8) * scale
        let canvas = try XCTUnwrap(CGContext(
            data: nil,
            width: side,
            height: side,
            bitsPerComponent: 8,
            bytesPerRow: 0,
            space: CGColorSpaceCreateDeviceGray(),
            bitmapInfo: CGImageAlphaInfo.none.rawValue
        ))
        canvas.setFillColor(gray: 1, alpha: 1)
        canvas.fill(CGRect(x: 0, y: 0, width: side, height: side))
        canvas.interpolationQuality = .none
        canvas.draw(
            modules,
            in: CGRect(x: 4 * scale, y: 4 * scale, width: modules.width * scale, height: modules.height * scale)
        )
        return try XCTUnwrap(canvas.makeImage())
    }

    private func decode(_ image: CGImage) throws -> ScannedQr? {
        let luma = try XCTUnwrap(LumaImage(cgImage: image))
        return try decodeQrLuma(
            luma: luma.bytes,
            width: UInt32(luma.width),
            height: UInt32(luma.height),
            rowStride: UInt32(luma.rowStride)
        )
    }

    func testAnAccountCode() throws {
        let uri = "otpauth://totp/Amazon%20Web%20Services:alice@123456789012"
            + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services"
        let scanned = try decode(try qrImage(uri))
        guard case .account(let account, let handle) = try XCTUnwrap(scanned) else {
            return XCTFail("expected an account, got \(String(describing: scanned))")
        }
        XCTAssertEqual(account.issuer, "Amazon Web Services")
        XCTAssertEqual(account.name, "alice@123456789012")
        // The handle adds exactly the scanned account (its text stays in Rust).
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let vault = try Vault.create(path: folder.file("vault.ward"), password: Data("correct horse battery".utf8))
        let id = try vault.addScanned(scanned: handle, now: 1)
        XCTAssertEqual(try vault.codes(unixTime: 59).map(\.id), [id])
        XCTAssertEqual(try vault.codes(unixTime: 59).first?.issuer, "Amazon Web Services")
    }

    func testAGoogleExportCode() throws {
        // The first QR code of tests/fixtures/import/google_batches.txt.
        let uri = "otpauth-migration://offline?data=CikKFN3vhOGTvKX5rYu%2FRnmyCIYIeck9EgNib2IaBEJhbmsgAygCMAE4Kgot"
            + "ChRHVHGfQD4DF5tQHMTGfPfBx4iDeBIHbWQ1dXNlchoGTGVnYWN5IAQoATACEAEYAyABKIkGQMDEBw%3D%3D"
        guard case .googleExport(let handle, let index, let size) = try XCTUnwrap(try decode(try qrImage(uri))) else {
            return XCTFail("expected a Google export code")
        }
        XCTAssertLessThan(index, size)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let vault = try Vault.create(path: folder.file("vault.ward"), password: Data("correct horse battery".utf8))
        let report = try vault.importScanned(codes: [handle], now: 1)
        XCTAssertFalse(report.added.isEmpty)
    }

    func testAScreenshotThroughTheStillPictureDecoder() throws {
        // What AddAccountModel.addFromPhotos does with a picked screenshot.
        let uri = "otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"
        let luma = try XCTUnwrap(LumaImage(cgImage: try qrImage(uri, scale: 3)))
        let scanned = try decodeQrPicture(
            luma: luma.bytes,
            width: UInt32(luma.width),
            height: UInt32(luma.height),
            rowStride: UInt32(luma.rowStride)
        )
        guard case .account(let account, _) = try XCTUnwrap(scanned) else {
            return XCTFail("expected an account")
        }
        XCTAssertEqual(account.issuer, "GitHub")
        XCTAssertEqual(account.name, "alice@example.com")
    }

    func testABlankFrameHasNoCode() throws {
        let width = 320
        let height = 240
        let blank = Data(repeating: 200, count: width * height)
        XCTAssertNil(try decodeQrLuma(luma: blank, width: UInt32(width), height: UInt32(height), rowStride: UInt32(width)))
    }

    func testAPaddedRowStrideIsHonoured() throws {
        // Camera buffers often pad rows; the core reads `rowStride` bytes per row.
        let image = try qrImage("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")
        let luma = try XCTUnwrap(LumaImage(cgImage: image))
        let padding = 64
        var padded = Data()
        for row in 0..<luma.height {
            let start = row * luma.rowStride
            padded.append(luma.bytes.subdata(in: start..<(start + luma.width)))
            padded.append(Data(repeating: 0, count: padding))
        }
        let scanned = try decodeQrLuma(
            luma: padded,
            width: UInt32(luma.width),
            height: UInt32(luma.height),
            rowStride: UInt32(luma.width + padding)
        )
        XCTAssertNotNil(scanned)
    }

    func testAWebLinkIsRefusedWithAReason() throws {
        XCTAssertThrowsError(try decode(try qrImage("https://example.com/"))) { error in
            guard case WardError.InvalidInput(let reason) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertFalse(reason.isEmpty)
        }
    }

    func testAFrameTooSmallForItsGeometryIsRefused() {
        XCTAssertThrowsError(try decodeQrLuma(luma: Data(count: 10), width: 100, height: 100, rowStride: 100))
    }
}
