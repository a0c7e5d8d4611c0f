import Foundation
import PhotosUI
import SwiftUI
import UIKit
import WardAppLogic
import WardCore

/// Adding accounts: a scanned QR code, a screenshot from Photos, a typed
/// account, and an `otpauth://` link or a pasted URI (both behind the same
/// confirmation screen). Errors of the scan screen and the sheets are
/// returned to them, so they show where the user is looking.
@MainActor
final class AddAccountModel: ObservableObject {
    /// An `otpauth://` link or a pasted URI, waiting for confirmation.
    @Published private(set) var inbox = OfferInbox()

    private let session: VaultSession
    private var notices: Notices { session.notices }

    init(session: VaultSession) {
        self.session = session
    }

    // MARK: - Links and paste

    /// The offer to confirm now (nil while locked: a link opened while
    /// locked waits for the unlock).
    var offerToConfirm: AccountOffer? {
        inbox.offerToShow(unlocked: session.isUnlocked)
    }

    /// `onOpenURL`: an `otpauth://` link opened on the phone.
    func open(link url: URL) {
        switch AccountOffer.make(from: url.absoluteString, source: .link) {
        case .success(let offer):
            inbox.receive(offer)
        case .failure(let refusal):
            notices.show(title: "Nothing to add", message: AccountOffer.message(for: refusal, source: .link))
        }
    }

    /// "Paste account link": the clipboard's text, if it is an account.
    func paste() {
        let text = UIPasteboard.general.string ?? ""
        switch AccountOffer.make(from: text, source: .paste) {
        case .success(let offer):
            inbox.receive(offer)
        case .failure(let refusal):
            notices.show(title: "Nothing to add", message: AccountOffer.message(for: refusal, source: .paste))
        }
    }

    /// What the offered URI describes (the core parses it), or why it
    /// cannot be added.
    func describe(_ offer: AccountOffer) -> Result<AccountRecord, WardError> {
        do {
            return .success(try parseUri(uri: offer.uri))
        } catch let error as WardError {
            return .failure(error)
        } catch {
            return .failure(.InvalidInput(reason: Notices.message(for: error)))
        }
    }

    /// The user confirmed: adds it. Returns the error to show on the
    /// confirmation screen, nil when added.
    func confirm(_ offer: AccountOffer) -> String? {
        let error = add(uri: offer.uri)
        if error == nil {
            inbox.answered()
        }
        return error
    }

    func decline() {
        inbox.answered()
    }

    /// The app went to the background: a pending link is dropped.
    func locked() {
        inbox.enteredBackground()
    }

    // MARK: - Scanning

    /// What a scanned text is, for `ScanSession`. Google export codes are
    /// imported as they are scanned (the import skips what is already in
    /// the vault), and the import report says which part this was. A failed
    /// import is returned, for the scan screen to show.
    func classify(_ text: String) -> Result<ScannedText, ScanFailure> {
        let lowered = text.lowercased()
        if lowered.hasPrefix("otpauth://") {
            return .success(.account(uri: text))
        }
        if lowered.hasPrefix("otpauth-migration://") {
            return importExportPart(text)
        }
        return .success(.unrecognized)
    }

    /// A Google export part that could not be imported.
    struct ScanFailure: Error, Equatable {
        let message: String
    }

    /// Adds one `otpauth://` account; returns the error to show, nil on
    /// success.
    func add(uri: String) -> String? {
        guard let vault = session.vault else {
            return "The vault is locked."
        }
        do {
            _ = try vault.addUri(uri: uri, now: unixSeconds(Date()))
            session.vaultDidChange()
            notices.showToast("Account added.")
            return nil
        } catch {
            return Notices.message(for: error)
        }
    }

    /// Called when every QR code of a Google export was scanned (each was
    /// imported as it came): says so.
    func googleExportFinished(parts: Int) {
        notices.show(
            title: "Google Authenticator export imported",
            message: "All \(parts) QR code\(parts == 1 ? "" : "s") of the export were read. "
                + "Accounts already in Ward were skipped."
        )
    }

    /// Imports one QR code of a Google export; returns which part it was.
    private func importExportPart(_ uri: String) -> Result<ScannedText, ScanFailure> {
        guard let vault = session.vault else {
            return .failure(ScanFailure(message: "The vault is locked."))
        }
        do {
            let report = try vault.`import`(
                data: Data(uri.utf8),
                password: nil,
                now: unixSeconds(Date())
            )
            if !report.added.isEmpty {
                session.vaultDidChange()
            }
            guard let batch = report.googleBatches.first, let index = batch.present.first else {
                return .success(.unrecognized)
            }
            return .success(
                .exportPart(ExportPart(uri: uri, batchId: 0, index: Int(index), count: Int(batch.batchSize)))
            )
        } catch {
            return .failure(ScanFailure(message: Notices.message(for: error)))
        }
    }

    // MARK: - Screenshots

    /// Screenshots from Photos: each is decoded by the core's QR decoder
    /// (the same one Android and the CLI use; its still-picture mode, which
    /// tries harder than for camera frames). The code stays in Rust as a
    /// `ScannedCode` handle: an account is added with `addScanned`, the
    /// codes of a Google export are imported together with
    /// `importScanned` (the report names any that are missing).
    func addFromPhotos(_ items: [PhotosPickerItem]) async {
        guard let vault = session.vault else {
            return
        }
        var added = 0
        var problems: [String] = []
        var exportCodes: [UInt32: ScannedCode] = [:]
        for item in items {
            guard let data = try? await item.loadTransferable(type: Data.self),
                  let image = UIImage(data: data)?.cgImage,
                  let luma = LumaImage(cgImage: image)
            else {
                problems.append("A picture could not be read.")
                continue
            }
            let scanned: ScannedQr?
            do {
                scanned = try await offMain { try Self.decode(luma) }
            } catch {
                problems.append(Notices.message(for: error))
                continue
            }
            switch scanned {
            case .none:
                problems.append("No QR code was found in a picture.")
            case .account(_, let code):
                do {
                    _ = try vault.addScanned(scanned: code, now: unixSeconds(Date()))
                    added += 1
                } catch {
                    problems.append(Notices.message(for: error))
                }
            case .googleExport(let code, let index, _):
                exportCodes[index] = code
            }
        }
        if added > 0 {
            session.vaultDidChange()
        }
        if !exportCodes.isEmpty {
            let codes = exportCodes.keys.sorted().compactMap { exportCodes[$0] }
            do {
                let report = try vault.importScanned(codes: codes, now: unixSeconds(Date()))
                if !report.added.isEmpty {
                    session.vaultDidChange()
                }
                notices.show(title: "Google Authenticator export", message: TransferModel.summary(of: report))
                return
            } catch {
                problems.append(Notices.message(for: error))
            }
        }
        if !problems.isEmpty {
            notices.show(
                title: added > 0 ? "Some pictures were not added" : "Nothing was added",
                message: problems.joined(separator: "\n")
            )
        } else if added > 0 {
            notices.showToast(added == 1 ? "Account added." : "\(added) accounts added.")
        }
    }

    /// The QR code in a picture, nil when there is none. Runs off the main
    /// thread.
    private nonisolated static func decode(_ luma: LumaImage) throws -> ScannedQr? {
        try decodeQrPicture(
            luma: luma.bytes,
            width: UInt32(luma.width),
            height: UInt32(luma.height),
            rowStride: UInt32(luma.rowStride)
        )
    }
}
