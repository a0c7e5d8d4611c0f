import SwiftUI
import WardAppLogic

/// The camera, until a code is read: one account is added at once; a
/// Google Authenticator export is collected QR code by QR code (it may span
/// several) and imported when complete.
struct ScanView: View {
    @EnvironmentObject private var model: AppModel
    @Environment(\.dismiss) private var dismiss
    @StateObject private var camera = QRCamera()
    @State private var session = ScanSession()
    @State private var status = "Point the camera at the QR code."
    @State private var failure: String?

    var body: some View {
        NavigationStack {
            ZStack(alignment: .bottom) {
                QRCameraPreview(session: camera.session)
                    .ignoresSafeArea()
                VStack(spacing: 8) {
                    if let problem = camera.problem {
                        Text(message(for: problem))
                    } else {
                        Text(status)
                        if !session.missingParts.isEmpty {
                            Text("Still to scan: " + session.missingParts.map(String.init).joined(separator: ", "))
                                .font(.caption)
                        }
                    }
                    if let failure {
                        Text(failure)
                            .foregroundStyle(.red)
                    }
                }
                .multilineTextAlignment(.center)
                .padding()
                .frame(maxWidth: .infinity)
                .background(.regularMaterial)
            }
            .navigationTitle("Scan QR code")
            .navigationBarTitleDisplayMode(.inline)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") { dismiss() }
                }
            }
        }
        .onAppear {
            camera.onCode = { text in handle(text) }
            camera.start()
        }
        .onDisappear {
            camera.stop()
        }
    }

    private func handle(_ text: String) {
        // The same code arrives many times a second: handle it once.
        guard session.isNew(text) else {
            return
        }
        let outcome = session.accept(model.classify(text))
        switch outcome {
        case .account(let uri):
            if let error = model.add(uri: uri) {
                // Say why, and let the user scan another code.
                failure = error
                session.retry()
            } else {
                dismiss()
            }
        case .exportComplete(let uris):
            model.googleExportFinished(parts: uris.count)
            dismiss()
        case let .exportProgress(scanned, count):
            failure = nil
            status = "Google Authenticator export: \(scanned) of \(count) QR codes scanned. Show the next one."
        case let .restartedWithAnotherExport(scanned, count):
            status = "A different export: starting over, \(scanned) of \(count) scanned."
        case .nothingNew:
            break
        case .unrecognized:
            failure = "This QR code is not an authenticator code. Scan the one the site shows for two-factor sign-in."
        }
    }

    private func message(for problem: QRCamera.Problem) -> String {
        switch problem {
        case .denied:
            return "Ward may not use the camera. Allow it in Settings › Ward › Camera, or add the account from a screenshot or by typing it."
        case .noCamera:
            return "This device has no camera. Add the account from a screenshot or by typing it."
        case .configurationFailed:
            return "The camera could not be started. Close this screen and try again."
        }
    }
}
