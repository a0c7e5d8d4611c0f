//! Stratum (formerly Authenticator Pro) backups: the plain JSON backup
//! `{"Authenticators": [...], "Categories": [...], ...}` and, through
//! [`super::app_database`], its internal database's `authenticator`
//! table, which has the same columns.
//!
//! Each authenticator has `Type` (1 = HOTP, 2 = TOTP, 4 = Steam; others
//! such as Yandex and mOTP are skipped), `Issuer`, `Username`, `Secret`
//! (base32), `Algorithm` (0 = SHA-1, 1 = SHA-256, 2 = SHA-512), `Digits`,
//! `Period` and `Counter`. Encrypted backups (they start with
//! `AUTHENTICATORPRO` or, older, `AuthenticatorPro`) are recognised and
//! refused with what to do.

use serde::Deserialize;

use super::fields::Fields;
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of};

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

/// The refusal for an encrypted Stratum backup.
pub(crate) fn encrypted_refusal() -> ImportError {
    ImportError::Unsupported {
        format: FORMAT,
        detail: "this Stratum backup is encrypted, and Ward cannot open encrypted Stratum backups yet: in Stratum choose Backup > Back up to file without a password (or the HTML/URI list export) and import that file".into(),
    }
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
