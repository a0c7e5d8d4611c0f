//! [`AccountRecord`]: what an app shows about an account. It never holds
//! the secret: codes are computed on the Rust side.

/// The kind of one-time password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OtpKind {
    /// Time-based (RFC 6238).
    Totp,
    /// Counter-based (RFC 4226): a new code each time the user asks.
    Hotp,
    /// Steam Guard: 5 characters from Steam's alphabet, every 30 seconds.
    Steam,
}

impl OtpKind {
    /// The kind of a core account kind (dropping its period or counter).
    pub(crate) fn of(kind: &ward_core::OtpKind) -> Self {
        match kind {
            ward_core::OtpKind::Totp { .. } => OtpKind::Totp,
            ward_core::OtpKind::Hotp { .. } => OtpKind::Hotp,
            ward_core::OtpKind::Steam { .. } => OtpKind::Steam,
        }
    }
}

/// The HMAC hash function (RFC 6238 §1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Algorithm {
    /// HMAC-SHA-1, what nearly every site uses.
    Sha1,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-512.
    Sha512,
}

/// An account as the app shows it: issuer, name and code parameters,
/// without the secret.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountRecord {
    /// The service, e.g. "Amazon Web Services"; empty when unknown.
    pub issuer: String,
    /// The account at that service, e.g. "alice@example.com"; may be empty.
    pub name: String,
    /// TOTP, HOTP or Steam.
    pub kind: OtpKind,
    /// The HMAC algorithm (always SHA-1 for Steam).
    pub algorithm: Algorithm,
    /// Code length: 6 to 10, or 5 for Steam.
    pub digits: u32,
    /// Seconds per code for TOTP and Steam; `None` for HOTP.
    pub period: Option<u64>,
    /// The counter of the next HOTP code; `None` for TOTP and Steam.
    pub counter: Option<u64>,
    /// True when the secret is shorter than RFC 4226 §4's 128 bits: the
    /// account works, but the app may tell the user it is weak.
    pub short_secret: bool,
}

impl From<&ward_core::Account> for AccountRecord {
    fn from(account: &ward_core::Account) -> Self {
        let params = &account.params;
        let kind = params.kind();
        AccountRecord {
            issuer: account.issuer.clone(),
            name: account.name.clone(),
            kind: OtpKind::of(&kind),
            algorithm: match params.algorithm() {
                ward_core::Algorithm::Sha1 => Algorithm::Sha1,
                ward_core::Algorithm::Sha256 => Algorithm::Sha256,
                ward_core::Algorithm::Sha512 => Algorithm::Sha512,
            },
            digits: u32::from(params.digits()),
            period: kind.period(),
            counter: kind.counter(),
            short_secret: params.secret().is_below_rfc4226_minimum(),
        }
    }
}
