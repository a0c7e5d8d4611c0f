import Foundation

/// The zoom that lets the camera focus on a QR code held close.
///
/// A QR code on a phone or a laptop screen is small, so people hold the
/// camera close to it. The wide camera of recent Pro iPhones cannot focus
/// closer than about 20 cm, and closer than that the code stays blurred.
/// Zooming in makes the code fill the frame from farther away, where the
/// lens can focus. This computes that zoom from the camera's field of view
/// and its minimum focus distance, as Apple's barcode-scanning guidance
/// does (AVFoundation `minimumFocusDistance`, `videoFieldOfView`).
public struct CloseUpZoom: Equatable, Sendable {
    /// The smallest code to read, in millimetres (a 20 mm QR code).
    public var minimumCodeSize: Double
    /// How much of the preview's width the code should fill, 0...1.
    public var previewFill: Double

    public init(minimumCodeSize: Double = 20, previewFill: Double = 0.5) {
        self.minimumCodeSize = minimumCodeSize
        self.previewFill = min(max(previewFill, 0.05), 1)
    }

    /// How far (mm) a code of `minimumCodeSize` must be for it to fill
    /// `previewFill` of a frame whose horizontal field of view is
    /// `fieldOfView` degrees.
    public func subjectDistance(fieldOfView: Double) -> Double {
        let halfAngle = fieldOfView / 2 * Double.pi / 180
        let filledWidth = minimumCodeSize / previewFill
        return filledWidth / 2 / tan(halfAngle)
    }

    /// The zoom factor for a camera with this field of view (degrees) and
    /// minimum focus distance (mm; AVFoundation reports -1 when unknown).
    /// 1 when no zoom is needed or nothing is known; never above
    /// `maximumZoom`.
    public func zoomFactor(fieldOfView: Double, minimumFocusDistance: Int, maximumZoom: Double) -> Double {
        guard minimumFocusDistance > 0, fieldOfView > 0, fieldOfView < 180 else {
            return 1
        }
        let distance = subjectDistance(fieldOfView: fieldOfView)
        let focus = Double(minimumFocusDistance)
        guard distance < focus else {
            return 1
        }
        return min(max(focus / distance, 1), max(maximumZoom, 1))
    }

    /// The zoom to set on a virtual device (dual wide, triple camera),
    /// whose zoom factor 1 is the ultra-wide lens: the wide lens starts at
    /// the first switch-over factor, so the wide lens's zoom is scaled by
    /// it. `wideLensZoom` comes from `zoomFactor` with the wide lens's
    /// figures; `switchOverFactors` are the device's
    /// `virtualDeviceSwitchOverVideoZoomFactors` (empty for a single lens).
    public static func deviceZoom(wideLensZoom: Double, switchOverFactors: [Double], maximumZoom: Double) -> Double {
        let wideStart = switchOverFactors.first ?? 1
        return min(max(wideLensZoom * wideStart, 1), max(maximumZoom, 1))
    }
}
