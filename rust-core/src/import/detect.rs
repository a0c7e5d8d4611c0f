//! Recognising an import file by positive evidence, never by elimination:
//! each entry of [`SIGNATURES`] looks for what only its format has (a magic
//! header, a database's tables, a JSON export's keys, a CSV header, an
//! `otpauth://` line). A file that no entry claims is "not recognised",
//! with the list of formats Ward reads, and never gets a password or
//! key-derivation message.
//!
//! To add a format, write a probe `fn(&[u8]) -> Option<Result<Detected,
//! ImportError>>` (`None`: not this format) and add it to [`SIGNATURES`]
//! before any broader probe it could be confused with.

use super::app_database::{self, AppDatabase};
use super::{
    Format, ImportError, Reader, andotp, app_prefs, bitwarden_csv, freeotp_backup, json,
    otpauth_text, sqlite, stratum,
};

/// What a file was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detected {
    /// `otpauth://` (or migration) URIs, one per line.
    Text,
    /// A JSON export.
    Json(json::JsonKind),
    /// andOTP's encrypted backup with its iteration-count header.
    AndOtpEncrypted,
    /// Bitwarden's CSV export.
    BitwardenCsv,
    /// Stratum's encrypted backup (Argon2id + AES-GCM).
    StratumEncrypted,
    /// FreeOTP 2's encrypted backup (Java-serialized map).
    FreeOtpBackup,
    /// Another app's SQLite database.
    AppDatabase(AppDatabase),
    /// Another app's token file (Android preferences XML).
    AppPrefs(AppPrefs),
    /// Authy's token file with every secret encrypted (PBKDF2 + AES-CBC).
    AuthyEncrypted,
    /// Stratum's old encrypted backup (PBKDF2 + AES-CBC).
    StratumLegacy,
    /// TOTP Authenticator's backup (base64 AES-CBC).
    TotpAuthenticatorBackup,
    /// Authenticator Plus's ZIP holding `Accounts.txt` (ZipCrypto).
    AuthenticatorPlus,
}

impl Detected {
    /// The reader (see `READERS` in `import`) that imports this file.
    pub(crate) fn reader(self, bytes: &[u8]) -> Reader {
        match self {
            Detected::Text => Reader::Plain(otpauth_text::text_format(bytes)),
            Detected::Json(kind) => Reader::Plain(kind.format()),
            Detected::AndOtpEncrypted => Reader::Plain(Format::AndOtp),
            Detected::BitwardenCsv => Reader::Plain(Format::Bitwarden),
            Detected::StratumEncrypted => Reader::Plain(Format::Stratum),
            Detected::FreeOtpBackup => Reader::Plain(Format::FreeOtp),
            Detected::AppDatabase(kind) => Reader::Plain(kind.format()),
            Detected::AppPrefs(kind) => Reader::Plain(kind.format()),
            Detected::AuthyEncrypted => Reader::AuthyEncrypted,
            Detected::StratumLegacy => Reader::StratumLegacy,
            Detected::TotpAuthenticatorBackup => Reader::TotpAuthenticatorBackup,
            Detected::AuthenticatorPlus => Reader::Plain(Format::AuthenticatorPlus),
        }
    }
}

/// Apps' token files in Android preferences XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AppPrefs {
    FreeOtp,
    Authy,
    TotpAuthenticator,
    BattleNet,
}

impl AppPrefs {
    pub(crate) fn format(self) -> Format {
        match self {
            AppPrefs::FreeOtp => Format::FreeOtp,
            AppPrefs::Authy => Format::Authy,
            AppPrefs::TotpAuthenticator => Format::TotpAuthenticator,
            AppPrefs::BattleNet => Format::BattleNet,
        }
    }

    #[cfg(feature = "full-import")]
    pub(crate) fn import(self, bytes: &[u8]) -> Result<super::ImportReport, ImportError> {
        match self {
            AppPrefs::FreeOtp => app_prefs::import_freeotp(bytes),
            AppPrefs::Authy => app_prefs::import_authy(bytes),
            AppPrefs::TotpAuthenticator => app_prefs::import_totp_authenticator(bytes),
            AppPrefs::BattleNet => app_prefs::import_battle_net(bytes),
        }
    }
}

/// A probe: `None` when the file is not its format.
type Probe = fn(&[u8]) -> Option<Result<Detected, ImportError>>;

/// Every probe, most specific first. The first that claims the file wins.
const SIGNATURES: &[(&str, Probe)] = &[
    ("SQLite database", probe_sqlite),
    ("ZIP archive", probe_zip),
    ("Stratum encrypted backup", probe_stratum_encrypted),
    (
        "Java-serialized map (FreeOTP 2 backup)",
        probe_java_serialized,
    ),
    ("Android preferences XML", probe_xml),
    ("JSON", probe_json),
    ("Bitwarden CSV", probe_bitwarden_csv),
    ("otpauth:// text", probe_text),
    ("TOTP Authenticator backup", probe_totp_authenticator_backup),
    ("andOTP encrypted backup", probe_andotp_encrypted),
];

/// Recognises `bytes` (BOM already stripped).
pub(crate) fn detect(bytes: &[u8]) -> Result<Detected, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(unknown("it is empty"));
    }
    for (_, probe) in SIGNATURES {
        if let Some(result) = probe(bytes) {
            return result;
        }
    }
    Err(unknown(if std::str::from_utf8(bytes).is_ok() {
        "text without any otpauth:// or otpauth-migration:// URI"
    } else {
        "binary data without the signature of any format Ward knows"
    }))
}

fn unknown(looks_like: &str) -> ImportError {
    ImportError::UnknownFormat {
        looks_like: looks_like.into(),
    }
}

fn trimmed(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|window| window == needle)
}

fn probe_sqlite(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    if !sqlite::is_sqlite(bytes) {
        return None;
    }
    Some(match sqlite::open(bytes) {
        Err(_) => Err(unknown("an SQLite database that cannot be read")),
        Ok(connection) => match app_database::recognise(&connection) {
            Some(kind) => Ok(Detected::AppDatabase(kind)),
            None => Err(unknown(
                "an SQLite database without the tables of any app Ward knows",
            )),
        },
    })
}

fn probe_zip(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    // File names are stored in clear even in an encrypted ZIP.
    Some(if contains(bytes, b"Accounts.txt") {
        Ok(Detected::AuthenticatorPlus)
    } else {
        Err(unknown("a ZIP archive without an Accounts.txt"))
    })
}

fn probe_stratum_encrypted(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    if bytes.starts_with(stratum::ENCRYPTED_HEADER) {
        Some(Ok(Detected::StratumEncrypted))
    } else if bytes.starts_with(stratum::LEGACY_ENCRYPTED_HEADER) {
        Some(Ok(Detected::StratumLegacy))
    } else {
        None
    }
}

fn probe_java_serialized(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    if !bytes.starts_with(&[0xAC, 0xED, 0x00, 0x05]) {
        return None;
    }
    Some(if freeotp_backup::looks_like_backup(bytes) {
        Ok(Detected::FreeOtpBackup)
    } else {
        Err(unknown("Java-serialized data that is not a FreeOTP backup"))
    })
}

fn probe_xml(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    let start = trimmed(bytes);
    if !(start.starts_with(b"<?xml") || start.starts_with(b"<map")) {
        return None;
    }
    let key = |name: &str| contains(bytes, format!("name=\"{name}\"").as_bytes());
    Some(if key(app_prefs::AUTHY_KEY) {
        // Encrypted: `encryptedSecret` and no secret in clear (the JSON's
        // quotes are escaped in the XML, so the bare names are looked for).
        if contains(bytes, b"encryptedSecret") && !contains(bytes, b"decryptedSecret") {
            Ok(Detected::AuthyEncrypted)
        } else {
            Ok(Detected::AppPrefs(AppPrefs::Authy))
        }
    } else if contains(
        bytes,
        format!("name=\"{}_", app_prefs::BATTLE_NET_PREFIX).as_bytes(),
    ) {
        Ok(Detected::AppPrefs(AppPrefs::BattleNet))
    } else if key(app_prefs::FREEOTP_ORDER_KEY) {
        Ok(Detected::AppPrefs(AppPrefs::FreeOtp))
    } else if key(app_prefs::TOTP_AUTHENTICATOR_KEY) {
        Ok(Detected::AppPrefs(AppPrefs::TotpAuthenticator))
    } else {
        Err(unknown(
            "an XML file without the keys of any app Ward knows",
        ))
    })
}

fn probe_json(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    matches!(trimmed(bytes).first(), Some(b'{') | Some(b'['))
        .then(|| json::detect(bytes).map(Detected::Json))
}

fn probe_bitwarden_csv(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    let text = std::str::from_utf8(bytes).ok()?;
    bitwarden_csv::looks_like_csv(text).then_some(Ok(Detected::BitwardenCsv))
}

fn probe_text(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    let text = std::str::from_utf8(bytes).ok()?;
    otpauth_text::looks_like_text(text).then_some(Ok(Detected::Text))
}

/// TOTP Authenticator's backup: nothing but base64 text of whole AES
/// blocks (at least two). No other format Ward reads is bare base64.
fn probe_totp_authenticator_backup(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    base64_blocks(bytes).map(|_| Ok(Detected::TotpAuthenticatorBackup))
}

/// The bytes of a file that is one base64 text (standard alphabet, line
/// breaks allowed) decoding to at least two whole 16-byte blocks.
pub(crate) fn base64_blocks(bytes: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine;
    let compact: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if compact.len() < 44 || !compact.len().is_multiple_of(4) {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .ok()?;
    (decoded.len() >= 32 && decoded.len().is_multiple_of(16)).then_some(decoded)
}

fn probe_andotp_encrypted(bytes: &[u8]) -> Option<Result<Detected, ImportError>> {
    (std::str::from_utf8(bytes).is_err() && andotp::looks_like_encrypted(bytes))
        .then_some(Ok(Detected::AndOtpEncrypted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_probe_has_a_name() {
        assert!(SIGNATURES.iter().all(|(name, _)| !name.is_empty()));
    }
}
