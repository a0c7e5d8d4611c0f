import AVFoundation
import SwiftUI
import UIKit

/// The live camera for scanning QR codes, with Apple's own QR detector
/// (`AVCaptureMetadataOutput`).
///
/// Why the native detector and not luma frames into the core's decoder:
/// - it runs inside the capture pipeline, next to autofocus and exposure,
///   and finds small, angled or dim codes faster than a frame-by-frame
///   decoder, with no per-frame copy of a 2 MB luma plane across the FFI;
/// - every code Ward accepts is text (`otpauth://` and
///   `otpauth-migration://` URIs are ASCII), which is exactly what
///   `stringValue` returns, so nothing is lost;
/// - it keeps this file small, which matters because it cannot be compiled
///   on the machine it was written on.
/// The core's decoder is still used on iOS for screenshots picked from
/// Photos (see `LumaImage`), the same decoder the Android app and the CLI
/// use, so every platform reads images the same way.
final class QRCamera: NSObject, ObservableObject, AVCaptureMetadataOutputObjectsDelegate {
    /// Why the camera cannot run.
    enum Problem: Equatable {
        case denied
        case noCamera
        case configurationFailed
    }

    /// Set when the camera cannot run; the view explains what to do.
    @Published private(set) var problem: Problem?

    let session = AVCaptureSession()
    /// Called on the main queue with the text of each QR code seen (the
    /// same code many times a second; `ScanSession` drops repeats).
    var onCode: ((String) -> Void)?

    private let queue = DispatchQueue(label: "app.ward.camera")
    private var configured = false

    /// Asks for camera access if needed, configures the session once and
    /// starts it.
    func start() {
        switch AVCaptureDevice.authorizationStatus(for: .video) {
        case .authorized:
            startSession()
        case .notDetermined:
            AVCaptureDevice.requestAccess(for: .video) { granted in
                DispatchQueue.main.async {
                    if granted {
                        self.startSession()
                    } else {
                        self.problem = .denied
                    }
                }
            }
        default:
            problem = .denied
        }
    }

    /// Stops the session (when the scan screen goes away).
    func stop() {
        queue.async { [session] in
            if session.isRunning {
                session.stopRunning()
            }
        }
    }

    private func startSession() {
        queue.async {
            if !self.configured {
                if let problem = self.configure() {
                    DispatchQueue.main.async { self.problem = problem }
                    return
                }
                self.configured = true
            }
            // startRunning blocks until the camera runs: keep it off the
            // main thread.
            if !self.session.isRunning {
                self.session.startRunning()
            }
        }
    }

    /// Runs on `queue`. Returns the problem, or nil when configured.
    private func configure() -> Problem? {
        guard let device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back)
            ?? AVCaptureDevice.default(for: .video)
        else {
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
        output.setMetadataObjectsDelegate(self, queue: DispatchQueue.main)
        // Only after the output is in the session does it know which types
        // are available; .qr is available on every iPhone camera.
        guard output.availableMetadataObjectTypes.contains(.qr) else {
            return .configurationFailed
        }
        output.metadataObjectTypes = [.qr]
        return nil
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

/// The camera picture, filling its frame.
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
