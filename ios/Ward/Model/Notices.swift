import Foundation
import WardCore

/// Alerts and short confirmations, shared by every flow. A flow whose own
/// screen is up (the scanner, a sheet) shows its errors there instead: an
/// alert on the codes list would appear behind the sheet.
@MainActor
final class Notices: ObservableObject {
    /// A message in an alert: a title and what to do.
    struct Notice: Identifiable, Equatable {
        let id = UUID()
        let title: String
        let message: String
    }

    @Published var notice: Notice?
    /// A short confirmation at the bottom of the list ("Copied").
    @Published private(set) var toast: String?
    private var toastTask: Task<Void, Never>?

    func show(error message: String) {
        show(title: "Something went wrong", message: message)
    }

    func show(title: String, message: String) {
        notice = Notice(title: title, message: message)
    }

    func showToast(_ text: String) {
        toast = text
        toastTask?.cancel()
        toastTask = Task { [weak self] in
            try? await Task.sleep(nanoseconds: 2_500_000_000)
            if !Task.isCancelled {
                self?.toast = nil
            }
        }
    }

    /// The sentence to show for an error. `WardError.description` is the
    /// core's message (what is wrong, what to do); it never holds a secret.
    nonisolated static func message(for error: Error) -> String {
        if let wardError = error as? WardError {
            let text = wardError.description
            return text.prefix(1).uppercased() + text.dropFirst()
        }
        return error.localizedDescription
    }
}

/// Password bytes for the core, wiped after use. Best effort: the core
/// zeroizes its own copy, and this wipes the app's; the `String` the user
/// typed cannot be wiped in Swift, so views drop it as soon as it is sent.
/// `@unchecked Sendable`: it is handed to one background call at a time and
/// wiped after that call returned.
final class SecretBytes: @unchecked Sendable {
    private(set) var data: Data

    init(_ text: String) {
        data = Data(text.utf8)
    }

    /// Overwrites the bytes with zeros (in place: no other copy is alive
    /// once the core call returned).
    func wipe() {
        data.resetBytes(in: 0..<data.count)
    }
}

/// Runs `work` on a background queue and returns its result: for every core
/// call that takes long (Argon2id, scrypt: unlock, import of an encrypted
/// file, export, backup, change of password) or blocks (the biometric
/// prompt). `T: Sendable`: the result crosses from that queue back to the
/// caller's actor.
func offMain<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}
