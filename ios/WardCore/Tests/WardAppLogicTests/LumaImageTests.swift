#if canImport(CoreGraphics)
import CoreGraphics
import WardAppLogic
import XCTest

final class LumaImageTests: XCTestCase {
    /// A grey image whose left half is black and right half white.
    private func halfBlackImage(width: Int, height: Int, opaque: Bool = true) -> CGImage? {
        let context = CGContext(
            data: nil,
            width: width,
            height: height,
            bitsPerComponent: 8,
            bytesPerRow: 0,
            space: CGColorSpaceCreateDeviceRGB(),
            bitmapInfo: CGImageAlphaInfo.premultipliedLast.rawValue
        )
        context?.clear(CGRect(x: 0, y: 0, width: width, height: height))
        if opaque {
            context?.setFillColor(red: 1, green: 1, blue: 1, alpha: 1)
            context?.fill(CGRect(x: 0, y: 0, width: width, height: height))
        }
        context?.setFillColor(red: 0, green: 0, blue: 0, alpha: 1)
        context?.fill(CGRect(x: 0, y: 0, width: width / 2, height: height))
        return context?.makeImage()
    }

    func testBlackAndWhiteSurviveTheConversion() throws {
        let image = try XCTUnwrap(halfBlackImage(width: 8, height: 4))
        let luma = try XCTUnwrap(LumaImage(cgImage: image))
        XCTAssertEqual(luma.width, 8)
        XCTAssertEqual(luma.height, 4)
        XCTAssertEqual(luma.rowStride, 8)
        XCTAssertEqual(luma.bytes.count, 32)
        XCTAssertLessThan(luma.luma(x: 0, y: 0), 16)
        XCTAssertGreaterThan(luma.luma(x: 7, y: 3), 239)
    }

    func testTransparentPixelsReadAsWhitePaper() throws {
        let image = try XCTUnwrap(halfBlackImage(width: 8, height: 4, opaque: false))
        let luma = try XCTUnwrap(LumaImage(cgImage: image))
        XCTAssertGreaterThan(luma.luma(x: 7, y: 0), 239)
        XCTAssertLessThan(luma.luma(x: 0, y: 0), 16)
    }

    func testLargeImagesAreScaledDown() throws {
        let image = try XCTUnwrap(halfBlackImage(width: 400, height: 100))
        let luma = try XCTUnwrap(LumaImage(cgImage: image, maxSide: 200))
        XCTAssertEqual(luma.width, 200)
        XCTAssertEqual(luma.height, 50)
        XCTAssertEqual(luma.bytes.count, 200 * 50)
    }
}
#endif
