//! Importing accounts from other authenticators' exports and backups.
//!
//! One entry point, [`import`], takes the file's bytes (and a password for
//! encrypted formats), recognises the format, and returns an
//! [`ImportReport`]: the entries found, every item that was skipped with the
//! reason, and for Google Authenticator exports which QR batches were seen
//! and which are missing. Partial success is normal and always reported,
//! never silent.
//!
//! Each format lives in its own module, written from the format's public
//! documentation or source:
//!
//! | module | format |
//! | --- | --- |
//! | [`otpauth_text`] | `otpauth://` URIs one per line (also Ente Auth's text export and Google migration URIs) |
//! | [`google`] | Google Authenticator `otpauth-migration://offline?data=` export |
//! | [`aegis`] | Aegis vault JSON, plain or password-encrypted (scrypt + AES-256-GCM) |
//! | [`twofas`] | 2FAS `.2fas` backup, plain or encrypted (PBKDF2-SHA256 + AES-256-GCM) |
//! | [`andotp`] | andOTP JSON, plain or `.json.aes` (PBKDF2-SHA1 + AES-256-GCM) |
//! | [`bitwarden`] | Bitwarden unencrypted JSON export (`login.totp`) |
//! | [`ente`] | Ente Auth plain-text export (`codeDisplay` metadata) |
//! | [`freeotp_plus`] | FreeOTP+ JSON export |
//! | [`proton`] | Proton Authenticator JSON export |
//! | [`crate::export::backup`] | Ward's own encrypted backup |
//! | [`crate::vault::import_snapshot`] | a Ward vault file or automatic backup snapshot |
//!
//! Key-derivation parameters read from a file are checked against caps
//! ([`limits`]) before any derivation starts, so a crafted file cannot make
//! a phone derive with gigabytes of memory or for minutes.
//!
//! Nothing here logs, and no error or `Debug` output carries a secret or a
//! password. Decrypted plaintext is zeroized when dropped.

pub mod aegis;
pub mod andotp;
pub mod bitwarden;
mod decrypt;
pub mod ente;
pub(crate) mod fields;
pub mod freeotp_plus;
pub mod google;
pub(crate) mod json;
pub mod limits;
pub mod otpauth_text;
pub mod proton;
pub mod twofas;

use std::fmt;

use crate::account::Account;

/// The largest input [`import`] reads. Real exports with thousands of
/// accounts are a few megabytes.
pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;

/// The formats Ward recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `otpauth://` URIs, one per line.
    OtpauthText,
    /// Google Authenticator's "Transfer accounts" export.
    GoogleMigration,
    /// Aegis Authenticator vault.
    Aegis,
    /// 2FAS Authenticator backup.
    TwoFas,
    /// andOTP backup.
    AndOtp,
    /// Bitwarden JSON export.
    Bitwarden,
    /// Ente Auth plain-text export.
    Ente,
    /// FreeOTP+ JSON export.
    FreeOtpPlus,
    /// Proton Authenticator JSON export.
    Proton,
    /// Ward's own encrypted backup.
    WardBackup,
    /// A Ward vault file or automatic backup snapshot (issue 13).
    WardVault,
}

impl Format {
    /// A name a person recognises, e.g. "Aegis vault".
    pub fn name(self) -> &'static str {
        match self {
            Format::OtpauthText => "otpauth URI list",
            Format::GoogleMigration => "Google Authenticator export",
            Format::Aegis => "Aegis vault",
            Format::TwoFas => "2FAS backup",
            Format::AndOtp => "andOTP backup",
            Format::Bitwarden => "Bitwarden export",
            Format::Ente => "Ente Auth export",
            Format::FreeOtpPlus => "FreeOTP+ export",
            Format::Proton => "Proton Authenticator export",
            Format::WardBackup => "Ward backup",
            Format::WardVault => "Ward vault snapshot",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The list of supported formats, as shown in "unknown format" errors.
pub const SUPPORTED_FORMATS: &str = "otpauth:// URI lists, Google Authenticator exports (otpauth-migration://), Aegis vaults (.json), 2FAS backups (.2fas), andOTP backups (.json, .json.aes), Bitwarden JSON exports, Ente Auth text exports, FreeOTP+ JSON exports, Proton Authenticator exports, Ward backups and Ward vault snapshots";

/// Why a whole import failed. Item-level problems are not errors: they are
/// [`SkippedItem`]s in the report. No variant carries secret material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    #[error(
        "the file is larger than {} MiB: this is not an authenticator export",
        MAX_IMPORT_BYTES / (1024 * 1024)
    )]
    TooLarge,
    /// Nothing in the input matches a known format.
    #[error("Ward does not recognise this file ({looks_like}). Ward reads {SUPPORTED_FORMATS}")]
    UnknownFormat {
        /// What the input looks like, e.g. "JSON without the fields of any known export".
        looks_like: String,
    },
    /// The file is encrypted and no password was given.
    #[error("this {format} is encrypted: give the password it was exported with")]
    NeedsPassword {
        /// The detected format.
        format: Format,
    },
    /// The password does not open the file (or the file was altered).
    #[error(
        "the password does not open this {format}: check it and try again (if it is right, the file is damaged)"
    )]
    WrongPassword {
        /// The detected format.
        format: Format,
    },
    /// The file stops in the middle.
    #[error("this {format} is cut short ({detail}): export it again or copy the whole file")]
    Truncated {
        /// The detected format.
        format: Format,
        /// Where it stops.
        detail: String,
    },
    /// The file is recognised but its structure is wrong.
    #[error("this looks like a {format} but {detail}")]
    Malformed {
        /// The detected format.
        format: Format,
        /// What is wrong, without secret values.
        detail: String,
    },
    /// The file asks for key-derivation work above Ward's caps.
    #[error(
        "this {format} asks for {detail}, more than Ward allows (see its limits); it was not opened. Export it again with default settings"
    )]
    KdfTooExpensive {
        /// The detected format.
        format: Format,
        /// The requested parameters.
        detail: String,
    },
    /// A variant of a known format that Ward cannot read.
    #[error("this {format} cannot be imported: {detail}")]
    Unsupported {
        /// The detected format.
        format: Format,
        /// What to do instead.
        detail: String,
    },
}

/// One account found in an import, with the extras some formats carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEntry {
    /// The account and its code parameters.
    pub account: Account,
    /// A free-text note (Aegis, Ente, Proton, Bitwarden), if any.
    pub note: Option<String>,
    /// Marked as favourite or pinned in the source app.
    pub favorite: bool,
}

impl ImportedEntry {
    /// An entry with no note, not a favourite.
    pub fn plain(account: Account) -> Self {
        ImportedEntry {
            account,
            note: None,
            favorite: false,
        }
    }
}

/// An item of the input that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedItem {
    /// Where it is: e.g. "line 4", "entry 3", "batch 2, account 5".
    pub position: String,
    /// Issuer and account name when known (never the secret).
    pub label: String,
    /// Why it was skipped, and what to do.
    pub reason: String,
}

impl fmt::Display for SkippedItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.label.is_empty() {
            write!(f, "{}: {}", self.position, self.reason)
        } else {
            write!(f, "{} ({}): {}", self.position, self.label, self.reason)
        }
    }
}

/// Which batches of one Google Authenticator export were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleBatches {
    /// The export's batch id (the same in every QR code of one export).
    pub batch_id: i32,
    /// How many QR codes the export has.
    pub batch_size: u32,
    /// 0-based indices of the batches read, ascending.
    pub present: Vec<u32>,
    /// 0-based indices of the batches not read, ascending. Non-empty means
    /// some accounts of the export are not in this report.
    pub missing: Vec<u32>,
}

/// What an import found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The detected format.
    pub format: Format,
    /// True when the input was encrypted (and the password opened it).
    pub encrypted: bool,
    /// The accounts found, in the file's order.
    pub entries: Vec<ImportedEntry>,
    /// Items that were not imported, each with its reason.
    pub skipped: Vec<SkippedItem>,
    /// For Google Authenticator exports: batches seen and missing.
    pub google_batches: Vec<GoogleBatches>,
    /// Items that are not OTP accounts at all (e.g. Bitwarden logins
    /// without a TOTP key). Counted, not listed.
    pub without_otp: usize,
}

impl ImportReport {
    /// An empty report for a format.
    pub fn new(format: Format) -> Self {
        ImportReport {
            format,
            encrypted: false,
            entries: Vec::new(),
            skipped: Vec::new(),
            google_batches: Vec::new(),
            without_otp: 0,
        }
    }

    /// True when Google batches are missing.
    pub fn has_missing_batches(&self) -> bool {
        self.google_batches.iter().any(|b| !b.missing.is_empty())
    }

    /// Records a skipped item.
    pub(crate) fn skip(
        &mut self,
        position: impl Into<String>,
        label: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.skipped.push(SkippedItem {
            position: position.into(),
            label: label.into(),
            reason: reason.into(),
        });
    }
}

/// Detects the format of `bytes` and imports every account it holds.
///
/// `password` is needed only for encrypted files; for plain ones it is
/// ignored. It is bytes (UTF-8 as typed), never logged or echoed.
///
/// Fails with [`ImportError`] when the file as a whole cannot be read
/// (unknown format, missing or wrong password, truncated, malformed, KDF
/// parameters above [`limits`]). Single items that cannot be read are
/// skipped and listed in [`ImportReport::skipped`].
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    if crate::vault::looks_like_vault(bytes) {
        return crate::vault::import_snapshot(bytes, password);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match detect(bytes)? {
        Detected::Text => otpauth_text::import(bytes),
        Detected::Json(kind) => kind.import(bytes, password),
        Detected::AndOtpEncrypted => andotp::import_encrypted(bytes, password),
    }
}

/// Recognises the format and says whether a password will be needed,
/// without deriving any key.
///
/// Returns `(format, encrypted)`.
pub fn identify(bytes: &[u8]) -> Result<(Format, bool), ImportError> {
    if crate::vault::looks_like_vault(bytes) {
        return Ok((Format::WardVault, true));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(match detect(bytes)? {
        Detected::Text => (otpauth_text::text_format(bytes), false),
        Detected::Json(kind) => (kind.format(), kind.encrypted()),
        Detected::AndOtpEncrypted => (Format::AndOtp, true),
    })
}

enum Detected {
    Text,
    Json(json::JsonKind),
    AndOtpEncrypted,
}

fn detect(bytes: &[u8]) -> Result<Detected, ImportError> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| bytes[i]);
    match start {
        None => Err(ImportError::UnknownFormat {
            looks_like: "it is empty".into(),
        }),
        Some(b'{') | Some(b'[') => json::detect(bytes).map(Detected::Json),
        Some(_) => {
            if let Ok(text) = std::str::from_utf8(bytes) {
                if otpauth_text::looks_like_text(text) {
                    return Ok(Detected::Text);
                }
                Err(ImportError::UnknownFormat {
                    looks_like: "text without any otpauth:// or otpauth-migration:// URI".into(),
                })
            } else if andotp::looks_like_encrypted(bytes) {
                Ok(Detected::AndOtpEncrypted)
            } else {
                Err(ImportError::UnknownFormat {
                    looks_like: "binary data too short to be an encrypted andOTP backup".into(),
                })
            }
        }
    }
}

/// "Issuer: name" for skipped-item labels.
pub(crate) fn label_of(issuer: &str, name: &str) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (true, _) => name.to_string(),
        (false, true) => issuer.to_string(),
        (false, false) => format!("{issuer}: {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_garbage_are_unknown() {
        for input in [&b""[..], b"   \n", b"hello world", b"\x00\x01\x02"] {
            let err = import(input, None).unwrap_err();
            assert!(matches!(err, ImportError::UnknownFormat { .. }), "{err}");
            assert!(err.to_string().contains("Aegis"), "{err}");
        }
    }

    #[test]
    fn too_large_is_refused_first() {
        let big = vec![b' '; MAX_IMPORT_BYTES + 1];
        assert_eq!(import(&big, None), Err(ImportError::TooLarge));
    }
}
