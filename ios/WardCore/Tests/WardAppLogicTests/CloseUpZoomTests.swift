import WardAppLogic
import XCTest

final class CloseUpZoomTests: XCTestCase {
    func testSubjectDistanceFollowsTheGeometry() {
        // A 90° field of view: the frame is twice as wide as the distance.
        let zoom = CloseUpZoom(minimumCodeSize: 20, previewFill: 0.5)
        XCTAssertEqual(zoom.subjectDistance(fieldOfView: 90), 20, accuracy: 1e-9)
    }

    func testAProLensThatCannotFocusCloseIsZoomed() {
        // Wide lens of a Pro iPhone: about 73° across, focuses from 200 mm.
        let zoom = CloseUpZoom()
        let distance = zoom.subjectDistance(fieldOfView: 73)
        let factor = zoom.zoomFactor(fieldOfView: 73, minimumFocusDistance: 200, maximumZoom: 10)
        XCTAssertGreaterThan(factor, 1)
        XCTAssertEqual(factor, 200 / distance, accuracy: 1e-9)
    }

    func testNoZoomWhenTheLensFocusesCloseEnoughOrNothingIsKnown() {
        let zoom = CloseUpZoom()
        XCTAssertEqual(zoom.zoomFactor(fieldOfView: 60, minimumFocusDistance: 20, maximumZoom: 10), 1)
        XCTAssertEqual(zoom.zoomFactor(fieldOfView: 60, minimumFocusDistance: -1, maximumZoom: 10), 1)
        XCTAssertEqual(zoom.zoomFactor(fieldOfView: 0, minimumFocusDistance: 200, maximumZoom: 10), 1)
    }

    func testZoomNeverExceedsTheMaximum() {
        let zoom = CloseUpZoom()
        XCTAssertEqual(zoom.zoomFactor(fieldOfView: 120, minimumFocusDistance: 10_000, maximumZoom: 3), 3)
    }

    func testVirtualDeviceZoomIsScaledToTheWideLens() {
        XCTAssertEqual(CloseUpZoom.deviceZoom(wideLensZoom: 1.5, switchOverFactors: [2, 6], maximumZoom: 100), 3)
        XCTAssertEqual(CloseUpZoom.deviceZoom(wideLensZoom: 1.5, switchOverFactors: [], maximumZoom: 100), 1.5)
        XCTAssertEqual(CloseUpZoom.deviceZoom(wideLensZoom: 1, switchOverFactors: [2], maximumZoom: 1.5), 1.5)
    }
}
