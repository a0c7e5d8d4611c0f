import SwiftUI
import WardAppLogic

/// The camera, until a code is read: one account is added at once; a
/// Google Authenticator export is collected QR code by QR code (it may span
/// several) and imported when complete. Errors show here, on the camera.
struct ScanView: View {
    @EnvironmentObject private var add: AddAccountModel
    @Environment(\.dismiss) private var dismiss
    @StateObject private var scan = ScanModel()

    var body: some View {
        NavigationStack {
            ZStack(alignment: .bottom) {
                QRCameraPreview(session: scan.camera.session)
                    .ignoresSafeArea()
                VStack(spacing: 8) {
                    if let problem = scan.cameraProblem {
                        Text(message(for: problem))
                    } else {
                        Text(scan.status)
                        if !scan.missingParts.isEmpty {
                            Text("Still to scan: " + scan.missingParts.map(String.init).joined(separator: ", "))
                                .font(.caption)
                        }
                    }
                    if let failure = scan.failure {
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
            scan.start(adding: add)
        }
        .onDisappear {
            scan.stop()
        }
        .onChange(of: scan.finished) { finished in
            if finished {
                dismiss()
            }
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
