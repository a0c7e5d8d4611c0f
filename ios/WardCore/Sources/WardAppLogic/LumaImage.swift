#if canImport(CoreGraphics)
import CoreGraphics
import Foundation

/// An 8-bit greyscale picture, row by row: what the core's QR decoder reads
/// (width, height, row stride in bytes, then the luma bytes).
public struct LumaImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Bytes from the start of one row to the start of the next (>= width).
    public let rowStride: Int
    /// `rowStride * height` bytes, 0 = black, 255 = white.
    public let bytes: Data

    public init(width: Int, height: Int, rowStride: Int, bytes: Data) {
        self.width = width
        self.height = height
        self.rowStride = rowStride
        self.bytes = bytes
    }

    /// Renders an image (a screenshot from Photos, a PNG fixture) to luma,
    /// over a white background so that transparent pixels read as paper,
    /// scaled down so that its longer side is at most `maxSide` pixels
    /// (screenshots are far larger than a QR decoder needs). Nil when the
    /// image is empty or cannot be drawn.
    public init?(cgImage: CGImage, maxSide: Int = 2048) {
        let longer = max(cgImage.width, cgImage.height)
        guard longer > 0, maxSide > 0 else {
            return nil
        }
        let scale = min(1.0, Double(maxSide) / Double(longer))
        let width = max(1, Int((Double(cgImage.width) * scale).rounded()))
        let height = max(1, Int((Double(cgImage.height) * scale).rounded()))
        var pixels = [UInt8](repeating: 255, count: width * height)
        let drawn = pixels.withUnsafeMutableBytes { buffer -> Bool in
            guard let context = CGContext(
                data: buffer.baseAddress,
                width: width,
                height: height,
                bitsPerComponent: 8,
                bytesPerRow: width,
                space: CGColorSpaceCreateDeviceGray(),
                bitmapInfo: CGImageAlphaInfo.none.rawValue
            ) else {
                return false
            }
            let rect = CGRect(x: 0, y: 0, width: width, height: height)
            context.setFillColor(gray: 1, alpha: 1)
            context.fill(rect)
            context.interpolationQuality = .high
            context.draw(cgImage, in: rect)
            return true
        }
        guard drawn else {
            return nil
        }
        self.init(width: width, height: height, rowStride: width, bytes: Data(pixels))
    }

    /// The luma of the pixel at column `x`, row `y` (row 0 at the top).
    public func luma(x: Int, y: Int) -> UInt8 {
        bytes[bytes.startIndex + y * rowStride + x]
    }
}
#endif
