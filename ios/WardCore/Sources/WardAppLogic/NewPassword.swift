import Foundation

/// The rules for a password the user chooses: the vault password at first
/// run, a new one in "Change password", and an export's password. The key
/// is derived with Argon2id, but a short password is still guessable
/// offline from a copied vault or backup file.
public enum NewPassword {
    /// The shortest password accepted.
    public static let minimumLength = 8

    /// What is wrong with `password` and its repetition, nil when they can
    /// be used. Empty fields give no message (the form is just incomplete).
    public static func problem(_ password: String, confirmation: String) -> String? {
        if password.isEmpty {
            return nil
        }
        if password.count < minimumLength {
            return "Use at least \(minimumLength) characters."
        }
        if password != confirmation {
            return confirmation.isEmpty ? nil : "The two passwords differ."
        }
        return nil
    }

    /// Whether the form can be submitted.
    public static func isAcceptable(_ password: String, confirmation: String) -> Bool {
        password.count >= minimumLength && password == confirmation
    }
}
