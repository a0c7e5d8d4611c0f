//! 2FAS Authenticator backups (`.2fas`), plain and encrypted.
//!
//! A backup is JSON with `services` (the accounts) and `schemaVersion`.
//! An encrypted backup has an empty `services` and `servicesEncrypted =
//! "<ciphertext+tag>:<salt>:<iv>"`, each part standard base64: AES-256-GCM
//! (12-byte IV, 16-byte tag at the end of the ciphertext) under
//! PBKDF2-HMAC-SHA256(password, salt, 10,000 iterations, 256 bits). The
//! plaintext is the JSON array of services. The iteration count is fixed
//! by the format, not read from the file.
//!
//! Each service has `name`, `secret` (base32) and `otp` with `account`,
//! `label`, `issuer`, `digits`, `period`, `algorithm`, `counter` and
//! `tokenType` (`TOTP`, `HOTP`, `STEAM`).

use std::num::NonZeroU32;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::decrypt::{self, OpenError};
use super::fields::{Fields, split_issuer};
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of};

const FORMAT: Format = Format::TwoFas;
/// PBKDF2 iterations 2FAS uses for its backups.
pub const PBKDF2_ITERATIONS: u32 = 10_000;

#[derive(Deserialize)]
struct Backup<'a> {
    #[serde(borrow, default)]
    services: json::Items<'a>,
    #[serde(rename = "servicesEncrypted", default)]
    services_encrypted: Option<String>,
}

#[derive(Deserialize)]
struct Service {
    #[serde(default)]
    name: String,
    secret: SecretText,
    #[serde(default)]
    otp: Otp,
}

#[derive(Deserialize, Default)]
struct Otp {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    algorithm: Option<String>,
    #[serde(default)]
    counter: Option<u64>,
    #[serde(rename = "tokenType", default)]
    token_type: Option<String>,
}

/// Imports a 2FAS backup, decrypting it with `password` when encrypted.
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let backup: Backup<'_> = json::document(bytes, FORMAT)?;
    let mut report = ImportReport::new(FORMAT);
    match backup
        .services_encrypted
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        None => read_services(&backup.services, &mut report),
        Some(sealed) => {
            let password = password.ok_or(ImportError::NeedsPassword { format: FORMAT })?;
            let plain = open(sealed, password)?;
            let services: json::Items<'_> = serde_json::from_slice(&plain).map_err(|e| {
                json::document_error(&e, FORMAT, "its decrypted services are not as expected")
            })?;
            report.encrypted = true;
            read_services(&services, &mut report);
        }
    }
    Ok(report)
}

fn open(sealed: &str, password: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, ImportError> {
    let parts: Vec<&str> = sealed.split(':').collect();
    let malformed = |detail: &str| ImportError::Malformed {
        format: FORMAT,
        detail: detail.into(),
    };
    let [ciphertext, salt, iv] = parts.as_slice() else {
        return Err(malformed(
            "servicesEncrypted does not have its three parts (ciphertext:salt:iv)",
        ));
    };
    let decode = |part: &str| STANDARD.decode(part.trim());
    let (Ok(ciphertext), Ok(salt), Ok(iv)) = (decode(ciphertext), decode(salt), decode(iv)) else {
        return Err(malformed("servicesEncrypted is not base64"));
    };
    let iterations = NonZeroU32::new(PBKDF2_ITERATIONS).ok_or_else(|| malformed("iterations"))?;
    let key = decrypt::pbkdf2_sha256(password, &salt, iterations);
    decrypt::aes_gcm_open(key.as_ref(), &iv, &ciphertext).map_err(|error| match error {
        OpenError::Rejected => ImportError::WrongPassword { format: FORMAT },
        OpenError::BadShape => ImportError::Truncated {
            format: FORMAT,
            detail: "its encrypted services or IV are too short".into(),
        },
    })
}

fn read_services(services: &[&RawValue], report: &mut ImportReport) {
    for (index, raw) in services.iter().enumerate() {
        let position = format!("service {}", index + 1);
        let service: Service = match json::item(raw) {
            Ok(service) => service,
            Err(reason) => {
                report.skip(position, "", reason);
                continue;
            }
        };
        let otp = &service.otp;
        let issuer = otp
            .issuer
            .as_deref()
            .filter(|issuer| !issuer.trim().is_empty())
            .unwrap_or(&service.name);
        let name = match otp.account.as_deref().filter(|a| !a.trim().is_empty()) {
            Some(account) => account,
            None => split_issuer(issuer, otp.label.as_deref().unwrap_or("")).1,
        };
        let fields = Fields {
            kind: otp.token_type.as_deref(),
            secret: &service.secret.0,
            algorithm: otp.algorithm.as_deref(),
            digits: otp.digits,
            period: otp.period.filter(|p| *p != 0),
            counter: otp.counter,
            issuer,
            name,
        };
        match fields.build() {
            Ok(account) => report.entries.push(ImportedEntry::plain(account)),
            Err(reason) => report.skip(position, label_of(issuer, name), reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_backup() {
        let backup = br#"{"services":[{"name":"GitHub","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"alice","digits":6,"period":30,"algorithm":"SHA1","tokenType":"TOTP"}},
           {"name":"Steam","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"gaben","tokenType":"STEAM","digits":5}}],"schemaVersion":4}"#;
        let report = import(backup, None).unwrap();
        assert_eq!(report.entries.len(), 2, "{:?}", report.skipped);
        assert_eq!(report.entries[1].account.params.digits(), 5);
    }

    #[test]
    fn encrypted_needs_password_and_bad_parts_are_clean() {
        let backup = br#"{"services":[],"schemaVersion":4,"servicesEncrypted":"AAAA:AAAA"}"#;
        assert_eq!(
            import(backup, None),
            Err(ImportError::NeedsPassword { format: FORMAT })
        );
        assert!(matches!(
            import(backup, Some(b"x")),
            Err(ImportError::Malformed { .. })
        ));
    }
}
