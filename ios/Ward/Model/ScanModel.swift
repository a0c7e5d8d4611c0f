import Foundation
import WardAppLogic

/// The scan screen's state: owns the camera and the scan session, and turns
/// each code read into an account added or a Google export part imported.
/// Every error is shown on the scan screen itself (`failure`), never as an
/// alert behind the sheet.
@MainActor
final class ScanModel: ObservableObject, QRCameraDelegate {
    @Published private(set) var status = "Point the camera at the QR code."
    @Published private(set) var failure: String?
    @Published private(set) var missingParts: [Int] = []
    /// Set when the scan is over: the sheet closes.
    @Published private(set) var finished = false
    /// Why the camera cannot run, for the screen to explain.
    @Published private(set) var cameraProblem: QRCamera.Problem?

    let camera: QRCamera
    private var session = ScanSession()
    private weak var add: AddAccountModel?

    init() {
        camera = QRCamera()
        camera.delegate = self
    }

    /// Starts the camera; codes go to `add`.
    func start(adding add: AddAccountModel) {
        self.add = add
        camera.start()
    }

    func stop() {
        camera.stop()
    }

    func camera(_ camera: QRCamera, cannotRun problem: QRCamera.Problem) {
        cameraProblem = problem
    }

    func camera(_ camera: QRCamera, didRead text: String) {
        // The same code arrives many times a second: handle it once.
        guard !finished, let add, session.isNew(text) else {
            return
        }
        let classified: ScannedText
        switch add.classify(text) {
        case .success(let value):
            classified = value
        case .failure(let problem):
            failure = problem.message
            return
        }
        switch session.accept(classified) {
        case .account(let uri):
            if let error = add.add(uri: uri) {
                // Say why, and let the user scan another code.
                failure = error
                session.retry()
            } else {
                finished = true
            }
        case .exportComplete(let uris):
            add.googleExportFinished(parts: uris.count)
            finished = true
        case let .exportProgress(scanned, count):
            failure = nil
            status = "Google Authenticator export: \(scanned) of \(count) QR codes scanned. Show the next one."
        case let .restartedWithAnotherExport(scanned, count):
            failure = nil
            status = "A different export: starting over, \(scanned) of \(count) scanned."
        case .nothingNew:
            break
        case .unrecognized:
            failure = "This QR code is not an authenticator code. Scan the one the site shows for two-factor sign-in."
        }
        missingParts = session.missingParts
    }
}
