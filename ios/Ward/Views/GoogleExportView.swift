import CoreImage.CIFilterBuiltins
import SwiftUI
import UIKit
import WardAppLogic

/// Export to Google Authenticator: after the user confirms it is them, the
/// accounts as Google's export QR codes, one at a time, to scan with
/// Google Authenticator's "Import accounts". The codes hold every secret
/// unencrypted: hidden while the screen is recorded or mirrored, and
/// forgotten when the sheet closes or the app leaves the foreground.
struct GoogleExportView: View {
    @EnvironmentObject private var transfer: TransferModel
    @EnvironmentObject private var screen: ScreenCapture
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        NavigationStack {
            content
                .navigationTitle("Export to Google")
                .navigationBarTitleDisplayMode(.inline)
                .toolbar {
                    ToolbarItem(placement: .confirmationAction) {
                        Button("Done") { dismiss() }
                    }
                }
        }
        .task {
            await transfer.exportToGoogle()
        }
        .onDisappear {
            transfer.googleExportClosed()
            if transfer.reauthentication == .google {
                transfer.reauthenticationCancelled()
            }
        }
    }

    @ViewBuilder
    private var content: some View {
        if let pager = transfer.googleExport, let uri = pager.current {
            VStack(spacing: 16) {
                Text(pager.position)
                    .font(.headline)
                if screen.isCaptured {
                    Text(CodeVisibility.capturedNotice)
                        .foregroundStyle(.red)
                        .frame(maxWidth: .infinity, maxHeight: .infinity)
                } else if let image = Self.qrImage(uri) {
                    Image(uiImage: image)
                        .interpolation(.none)
                        .resizable()
                        .scaledToFit()
                        .padding()
                        .background(Color.white)
                        .accessibilityLabel("QR code \(pager.position)")
                }
                HStack {
                    Button("Previous") { transfer.googleExport?.previous() }
                        .disabled(!pager.canGoBack)
                    Spacer()
                    Button("Next") { transfer.googleExport?.next() }
                        .disabled(pager.isLast)
                }
                .buttonStyle(.bordered)
                if let note = transfer.googleExportNote {
                    Text(note)
                        .font(.footnote)
                        .foregroundStyle(.orange)
                }
                Text("In Google Authenticator: Transfer accounts › Import accounts, then scan each code.")
                    .font(.footnote)
                    .foregroundStyle(.secondary)
                    .multilineTextAlignment(.center)
            }
            .padding()
        } else if transfer.reauthentication == .google {
            ReauthForm(purpose: TransferModel.SensitiveExport.google.purpose) {
                await transfer.reauthenticated(for: .google)
            }
        } else if transfer.working {
            ProgressView()
        } else {
            Text(transfer.googleExportNote ?? "There is nothing to export.")
                .foregroundStyle(.secondary)
                .padding()
        }
    }

    /// The QR code for `text`, drawn by Core Image, scaled by whole pixels.
    private static func qrImage(_ text: String) -> UIImage? {
        let filter = CIFilter.qrCodeGenerator()
        filter.message = Data(text.utf8)
        filter.correctionLevel = "M"
        guard let output = filter.outputImage?.transformed(by: CGAffineTransform(scaleX: 8, y: 8)),
              let image = CIContext().createCGImage(output, from: output.extent)
        else {
            return nil
        }
        return UIImage(cgImage: image)
    }
}
