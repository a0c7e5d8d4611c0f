import Foundation

/// The "type it in" form, turned into an `otpauth://` URI so that typed and
/// scanned accounts take the same path into the core (which checks the
/// secret, digits and period and says what is wrong).
public struct ManualEntry: Equatable {
    public enum Kind: String, CaseIterable, Equatable {
        case totp
        case hotp
        case steam
    }

    public enum HashAlgorithm: String, CaseIterable, Equatable {
        case sha1 = "SHA1"
        case sha256 = "SHA256"
        case sha512 = "SHA512"
    }

    public var issuer = ""
    public var account = ""
    /// The base32 secret as the site shows it; spaces and dashes are
    /// dropped, case is kept (the core reads either case).
    public var secret = ""
    public var kind = Kind.totp
    public var algorithm = HashAlgorithm.sha1
    public var digits = 6
    public var period = 30
    public var counter = 0

    public init() {}

    /// Whether the form has enough to try: a secret.
    public var canSubmit: Bool {
        !cleanedSecret.isEmpty
    }

    /// The secret without the spaces and dashes sites add for readability.
    public var cleanedSecret: String {
        secret.filter { !$0.isWhitespace && $0 != "-" }
    }

    /// The URI for the core. Issuer and account are percent-encoded; the
    /// label is `issuer:account` and the issuer is repeated as a parameter,
    /// as Google's Key Uri Format recommends.
    public var uri: String {
        let label: String
        if issuer.isEmpty {
            label = Self.encode(account)
        } else {
            label = Self.encode(issuer) + ":" + Self.encode(account)
        }
        var query = ["secret=" + Self.encode(cleanedSecret)]
        if !issuer.isEmpty {
            query.append("issuer=" + Self.encode(issuer))
        }
        switch kind {
        case .totp:
            query += ["algorithm=" + algorithm.rawValue, "digits=\(digits)", "period=\(period)"]
        case .hotp:
            query += ["algorithm=" + algorithm.rawValue, "digits=\(digits)", "counter=\(counter)"]
        case .steam:
            break
        }
        return "otpauth://\(kind.rawValue)/\(label)?" + query.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters, so
    /// that `:`, `/`, `?`, `&`, `=`, `+`, `@` and spaces cannot change the
    /// URI's structure.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        allowed.insert(charactersIn: "0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
