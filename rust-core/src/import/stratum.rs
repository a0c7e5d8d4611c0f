//! Stratum (formerly Authenticator Pro) backups: the plain JSON backup
//! `{"Authenticators": [...], "Categories": [...], ...}` and, through
//! [`super::app_database`], its internal database's `authenticator`
//! table, which has the same columns.
//!
//! Each authenticator has `Type` (1 = HOTP, 2 = TOTP, 4 = Steam; others
//! such as Yandex and mOTP are skipped), `Issuer`, `Username`, `Secret`
//! (base32), `Algorithm` (0 = SHA-1, 1 = SHA-256, 2 = SHA-512), `Digits`,
//! `Period` and `Counter`.
//!
//! An encrypted backup is `AUTHENTICATORPRO || salt (16) || nonce (12) ||
//! ciphertext || tag (16)`: AES-256-GCM under Argon2id(password, salt,
//! 64 MiB, 3 passes, 4 lanes) of the plain JSON backup. The parameters are
//! fixed by the format (within [`super::limits`]), so one derivation per
//! attempt. The older encrypted format (`AuthenticatorPro`, PBKDF2 +
//! AES-CBC) is read by [`super::stratum_legacy`] (desktop builds).

use serde::Deserialize;

use super::decrypt;
use super::fields::Fields;
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of, limits};

const FORMAT: Format = Format::Stratum;

/// The header of an encrypted backup (Argon2id + AES-GCM).
pub(crate) const ENCRYPTED_HEADER: &[u8] = b"AUTHENTICATORPRO";
/// The header of an older encrypted backup (PBKDF2 + AES-CBC).
pub(crate) const LEGACY_ENCRYPTED_HEADER: &[u8] = b"AuthenticatorPro";

#[derive(Deserialize)]
struct Backup<'a> {
    #[serde(rename = "Authenticators", borrow)]
    authenticators: json::Items<'a>,
}

#[derive(Deserialize)]
struct Authenticator {
    #[serde(rename = "Type", default)]
    kind: Option<i64>,
    #[serde(rename = "Issuer", default)]
    issuer: Option<String>,
    #[serde(rename = "Username", default)]
    username: Option<String>,
    #[serde(rename = "Secret")]
    secret: SecretText,
    #[serde(rename = "Algorithm", default)]
    algorithm: Option<i64>,
    #[serde(rename = "Digits", default)]
    digits: Option<i64>,
    #[serde(rename = "Period", default)]
    period: Option<i64>,
    #[serde(rename = "Counter", default)]
    counter: Option<i64>,
}

/// One authenticator's columns, as the JSON backup and the database hold them.
pub(crate) struct Columns<'a> {
    pub kind: Option<i64>,
    pub issuer: &'a str,
    pub name: &'a str,
    pub secret: &'a str,
    pub algorithm: Option<i64>,
    pub digits: Option<i64>,
    pub period: Option<i64>,
    pub counter: Option<i64>,
}

/// Builds the account of one authenticator, or says why not.
pub(crate) fn account(columns: Columns<'_>) -> Result<crate::Account, String> {
    let kind = match columns.kind {
        Some(1) => "hotp",
        Some(2) | None => "totp",
        Some(4) => "steam",
        Some(3) => {
            return Err("Ward does not support Yandex accounts (only TOTP, HOTP and Steam)".into());
        }
        Some(5) => {
            return Err("Ward does not support mOTP accounts (only TOTP, HOTP and Steam)".into());
        }
        Some(other) => return Err(format!("its type {other} is not one Ward knows")),
    };
    let algorithm = match columns.algorithm {
        Some(0) | None => "SHA1",
        Some(1) => "SHA256",
        Some(2) => "SHA512",
        Some(other) => {
            return Err(format!(
                "its algorithm number {other} is not SHA-1 (0), SHA-256 (1) or SHA-512 (2)"
            ));
        }
    };
    let unsigned = |value: Option<i64>| value.map(|v| u64::try_from(v).unwrap_or(u64::MAX));
    Fields {
        kind: Some(kind),
        secret: columns.secret,
        algorithm: Some(algorithm),
        digits: unsigned(columns.digits),
        period: unsigned(columns.period).filter(|p| *p != 0),
        counter: unsigned(columns.counter),
        issuer: columns.issuer,
        name: columns.name,
    }
    .build()
}

const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
const ARGON2_ITERATIONS: u32 = 3;
const ARGON2_PARALLELISM: u32 = 4;

/// Imports an encrypted Stratum backup (`AUTHENTICATORPRO` header).
pub fn import_encrypted(
    bytes: &[u8],
    password: Option<&[u8]>,
) -> Result<ImportReport, ImportError> {
    let password = password.ok_or(ImportError::NeedsPassword { format: FORMAT })?;
    let body = bytes
        .strip_prefix(ENCRYPTED_HEADER)
        .ok_or(ImportError::Malformed {
            format: FORMAT,
            detail: "it does not start with the AUTHENTICATORPRO header".into(),
        })?;
    if body.len() < SALT_LEN + NONCE_LEN + TAG_LEN {
        return Err(ImportError::Truncated {
            format: FORMAT,
            detail: format!("it is {} bytes long", bytes.len()),
        });
    }
    let (salt, rest) = body.split_at(SALT_LEN);
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    limits::check_argon2(
        u64::from(ARGON2_MEMORY_KIB),
        u64::from(ARGON2_ITERATIONS),
        u64::from(ARGON2_PARALLELISM),
    )
    .map_err(|detail| ImportError::KdfTooExpensive {
        format: FORMAT,
        detail,
    })?;
    let key = decrypt::argon2id(
        password,
        salt,
        ARGON2_MEMORY_KIB,
        ARGON2_ITERATIONS,
        ARGON2_PARALLELISM,
    )
    .ok_or(ImportError::Malformed {
        format: FORMAT,
        detail: "its key could not be derived".into(),
    })?;
    let plain = decrypt::aes_gcm_open(key.as_ref(), nonce, sealed)
        .map_err(|_| ImportError::WrongPassword { format: FORMAT })?;
    let mut report = import(&plain).map_err(|error| match error {
        ImportError::Truncated { detail, .. } | ImportError::Malformed { detail, .. } => {
            ImportError::Malformed {
                format: FORMAT,
                detail: format!("its decrypted contents are not as expected: {detail}"),
            }
        }
        other => other,
    })?;
    report.encrypted = true;
    Ok(report)
}

/// Imports a plain Stratum JSON backup.
pub fn import(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let backup: Backup<'_> = json::document(bytes, FORMAT)?;
    let mut report = ImportReport::new(FORMAT);
    for (index, raw) in backup.authenticators.iter().enumerate() {
        let position = format!("authenticator {}", index + 1);
        let item: Authenticator = match json::item(raw) {
            Ok(item) => item,
            Err(reason) => {
                report.skip(position, "", reason);
                continue;
            }
        };
        let issuer = item.issuer.as_deref().unwrap_or("");
        let name = item.username.as_deref().unwrap_or("");
        let built = account(Columns {
            kind: item.kind,
            issuer,
            name,
            secret: &item.secret.0,
            algorithm: item.algorithm,
            digits: item.digits,
            period: item.period,
            counter: item.counter,
        });
        match built {
            Ok(account) => report.entries.push(ImportedEntry::plain(account)),
            Err(reason) => report.skip(position, label_of(issuer, name), reason),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OtpKind;

    #[test]
    fn types_algorithms_and_skips() {
        let backup = br#"{"Authenticators":[
          {"Type":2,"Issuer":"Deno","Username":"Mason","Secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ","Algorithm":1,"Digits":7,"Period":20,"Counter":0},
          {"Type":1,"Issuer":"WWE","Username":"Mason","Secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ","Algorithm":2,"Digits":8,"Period":30,"Counter":10300},
          {"Type":4,"Issuer":"Steam","Username":"s","Secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ","Algorithm":0,"Digits":5,"Period":30,"Counter":0},
          {"Type":3,"Issuer":"Yandex","Username":"y","Secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ","Algorithm":0,"Digits":6,"Period":30,"Counter":0}
        ],"Categories":[]}"#;
        let report = import(backup).unwrap();
        assert_eq!(report.entries.len(), 3);
        assert_eq!(report.entries[0].account.params.digits(), 7);
        assert_eq!(
            report.entries[1].account.params.kind(),
            OtpKind::Hotp { counter: 10300 }
        );
        assert_eq!(
            report.entries[2].account.params.kind(),
            OtpKind::Steam { period: 30 }
        );
        assert!(report.skipped[0].reason.contains("Yandex"));
    }
}
