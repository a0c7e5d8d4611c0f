import AVFoundation
import SwiftUI
import UIKit
import WardAppLogic

/// Receives the text of each QR code the camera sees, on the main actor.
@MainActor
protocol QRCameraDelegate: AnyObject {
    func camera(_ camera: QRCamera, didRead text: String)
    func camera(_ camera: QRCamera, cannotRun problem: QRCamera.Problem)
}

/// The live camera for scanning QR codes, with Apple's own QR detector
/// (`AVCaptureMetadataOutput`).
///
/// Why the native detector and not luma frames into the core's decoder:
/// - it runs inside the capture pipeline, next to autofocus and exposure,
///   and finds small, angled or dim codes faster than a frame-by-frame
///   decoder, with no per-frame copy of a 2 MB luma plane across the FFI;
/// - every code Ward accepts is text (`otpauth://` and
///   `otpauth-migration://` URIs are ASCII), which is exactly what
///   `stringValue` returns, so nothing is lost.
/// The core's decoder is still used on iOS for screenshots picked from
/// Photos (see `LumaImage`), the same decoder the Android app and the CLI
/// use, so every platform reads images the same way.
///
/// The camera: the back virtual device with automatic lens switching
/// (triple or dual wide camera) when there is one, so that the system moves
/// to the ultra-wide lens for a code held very close; and a zoom computed
/// from the wide lens's minimum focus distance (`CloseUpZoom`), so that a
/// small code fills the frame from a distance the lens can focus at (Pro
/// models cannot focus closer than about 20 cm).
///
/// Concurrency: this object lives on the main actor; everything that
/// touches the capture session runs on the `CaptureController`'s serial
/// queue. Codes come back through a weak delegate: nothing here holds the
/// view or its model (the old closure held the view, which held this
/// object: a retain cycle).
@MainActor
final class QRCamera {
    /// Why the camera cannot run.
    enum Problem: Equatable, Sendable {
        case denied
        case noCamera
        case configurationFailed
    }

    /// Set when the camera cannot run; the delegate is told too.
    private(set) var problem: Problem? {
        didSet {
            if let problem {
                delegate?.camera(self, cannotRun: problem)
            }
        }
    }
    weak var delegate: QRCameraDelegate?

    private let controller = CaptureController()

    /// The session, for the preview layer.
    var session: AVCaptureSession {
        controller.session
    }

    init() {
        controller.onCode = { [weak self] text in
            Task { @MainActor in
                guard let self else {
                    return
                }
                self.delegate?.camera(self, didRead: text)
            }
        }
        controller.onProblem = { [weak self] problem in
            Task { @MainActor in self?.problem = problem }
        }
    }

    /// Asks for camera access if needed, configures the session once and
    /// starts it.
    func start() {
        switch AVCaptureDevice.authorizationStatus(for: .video) {
        case .authorized:
            controller.start()
        case .notDetermined:
            let controller = controller
            AVCaptureDevice.requestAccess(for: .video) { [weak self] granted in
                if granted {
                    controller.start()
                } else {
                    Task { @MainActor in self?.problem = .denied }
                }
            }
        default:
            problem = .denied
        }
    }

    /// Stops the session (when the scan screen goes away).
    func stop() {
        controller.stop()
    }
}

/// Owns the `AVCaptureSession`. Every use of the session and of the
/// device happens on `queue` (a serial queue), which is why this is
/// `@unchecked Sendable`; the callbacks are set once, before `start`.
final class CaptureController: NSObject, AVCaptureMetadataOutputObjectsDelegate, @unchecked Sendable {
    let session = AVCaptureSession()
    var onCode: (@Sendable (String) -> Void)?
    var onProblem: (@Sendable (QRCamera.Problem) -> Void)?

    private let queue = DispatchQueue(label: "app.ward.camera")
    private var configured = false

    func start() {
        queue.async { [self] in
            if !configured {
                if let problem = configure() {
                    onProblem?(problem)
                    return
                }
                configured = true
            }
            // startRunning blocks until the camera runs: never on the main
            // thread.
            if !session.isRunning {
                session.startRunning()
            }
        }
    }

    func stop() {
        queue.async { [self] in
            if session.isRunning {
                session.stopRunning()
            }
        }
    }

    /// The best back camera for close-up codes: a virtual device that
    /// switches lenses by itself, else the wide camera, else any camera.
    private static func bestBackCamera() -> AVCaptureDevice? {
        let preferred: [AVCaptureDevice.DeviceType] = [
            .builtInTripleCamera,
            .builtInDualWideCamera,
            .builtInDualCamera,
            .builtInWideAngleCamera,
        ]
        for type in preferred {
            if let device = AVCaptureDevice.default(type, for: .video, position: .back) {
                return device
            }
        }
        return AVCaptureDevice.default(for: .video)
    }

    /// Runs on `queue`. Returns the problem, or nil when configured.
    private func configure() -> QRCamera.Problem? {
        guard let device = Self.bestBackCamera() else {
            return .noCamera
        }
        session.beginConfiguration()
        defer { session.commitConfiguration() }
        guard let input = try? AVCaptureDeviceInput(device: device), session.canAddInput(input) else {
            return .configurationFailed
        }
        session.addInput(input)
        let output = AVCaptureMetadataOutput()
        guard session.canAddOutput(output) else {
            return .configurationFailed
        }
        session.addOutput(output)
        // Delivered on this queue; the text goes to the main actor.
        output.setMetadataObjectsDelegate(self, queue: queue)
        // Only after the output is in the session does it know which types
        // are available; .qr is available on every iPhone camera.
        guard output.availableMetadataObjectTypes.contains(.qr) else {
            return .configurationFailed
        }
        output.metadataObjectTypes = [.qr]
        focusClose(device)
        return nil
    }

    /// Zooms so that the minimum focus distance is respected, and tells
    /// autofocus the subject is near. Failing to lock the device only
    /// costs sharpness up close.
    private func focusClose(_ device: AVCaptureDevice) {
        let wide = device.isVirtualDevice
            ? device.constituentDevices.first(where: { $0.deviceType == .builtInWideAngleCamera }) ?? device
            : device
        let zoom = CloseUpZoom(minimumCodeSize: 20, previewFill: 0.5)
        let wideZoom = zoom.zoomFactor(
            fieldOfView: Double(wide.activeFormat.videoFieldOfView),
            minimumFocusDistance: wide.minimumFocusDistance,
            maximumZoom: Double(wide.activeFormat.videoMaxZoomFactor)
        )
        // A virtual device whose first lens is the ultra-wide counts its
        // zoom from that lens: the wide lens starts at the first
        // switch-over factor.
        let startsUltraWide = device.isVirtualDevice
            && device.constituentDevices.first?.deviceType == .builtInUltraWideCamera
        let switchOver = startsUltraWide
            ? device.virtualDeviceSwitchOverVideoZoomFactors.map { $0.doubleValue }
            : []
        let factor = CloseUpZoom.deviceZoom(
            wideLensZoom: wideZoom,
            switchOverFactors: switchOver,
            maximumZoom: Double(device.activeFormat.videoMaxZoomFactor)
        )
        do {
            try device.lockForConfiguration()
            device.videoZoomFactor = CGFloat(factor)
            if device.isAutoFocusRangeRestrictionSupported {
                device.autoFocusRangeRestriction = .near
            }
            device.unlockForConfiguration()
        } catch {
            // The camera still reads codes held a little farther away.
        }
    }

    func metadataOutput(
        _ output: AVCaptureMetadataOutput,
        didOutput metadataObjects: [AVMetadataObject],
        from connection: AVCaptureConnection
    ) {
        for object in metadataObjects {
            guard let code = object as? AVMetadataMachineReadableCodeObject,
                  code.type == .qr,
                  let text = code.stringValue
            else {
                continue
            }
            onCode?(text)
        }
    }
}

/// The camera picture, filling its frame. The app is portrait-only
/// (project.yml), so the preview never needs rotating.
struct QRCameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    final class PreviewView: UIView {
        override class var layerClass: AnyClass {
            AVCaptureVideoPreviewLayer.self
        }

        var previewLayer: AVCaptureVideoPreviewLayer {
            // layerClass above makes this cast always succeed.
            layer as! AVCaptureVideoPreviewLayer  // swiftlint:disable:this force_cast
        }
    }

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.previewLayer.session = session
        view.previewLayer.videoGravity = .resizeAspectFill
        return view
    }

    func updateUIView(_ uiView: PreviewView, context: Context) {}
}
