//! andOTP backups: plain JSON (`otp_accounts.json`) and password-encrypted
//! (`otp_accounts.json.aes`).
//!
//! The plain backup is a JSON array of entries with `secret` (base32),
//! `issuer`, `label`, `digits`, `type` (`TOTP`, `HOTP`, `STEAM`),
//! `algorithm`, `period`, `counter`.
//!
//! The encrypted backup (andOTP 0.6.3 and later) is binary:
//! `iterations (4 bytes, big-endian) || salt (12) || nonce (12) ||
//! ciphertext || tag (16)`, AES-256-GCM under PBKDF2-HMAC-SHA1(password,
//! salt, iterations, 256 bits). The iteration count is capped before
//! deriving. The older format (`nonce || ciphertext || tag` under
//! SHA-256(password)) is tried when the newer one does not open.

use std::num::NonZeroU32;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::decrypt;
use super::fields::{Fields, split_issuer};
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of, limits};

const FORMAT: Format = Format::AndOtp;
const ITERATIONS_LEN: usize = 4;
const SALT_LEN: usize = 12;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// The shortest encrypted backup: header, nonce, tag and `[]`.
const MIN_ENCRYPTED_LEN: usize = ITERATIONS_LEN + SALT_LEN + NONCE_LEN + TAG_LEN + 2;

#[derive(Deserialize)]
struct Entry {
    secret: SecretText,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    algorithm: Option<String>,
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    counter: Option<u64>,
}

/// The largest iteration count taken as evidence of an andOTP header
/// (andOTP writes 140,000 to 160,000). Counts up to here are recognised
/// and then checked against [`limits::PBKDF2_MAX_ITERATIONS`]; beyond it
/// four random bytes are far likelier than a real header.
const PLAUSIBLE_ITERATIONS: u32 = 1 << 24;

/// True for binary input that starts with a plausible andOTP header (an
/// iteration count of at most 2^24) and is long enough for one backup.
pub(crate) fn looks_like_encrypted(bytes: &[u8]) -> bool {
    bytes.len() >= MIN_ENCRYPTED_LEN
        && bytes
            .first_chunk::<ITERATIONS_LEN>()
            .is_some_and(|head| (1..=PLAUSIBLE_ITERATIONS).contains(&u32::from_be_bytes(*head)))
}

/// Tries the pre-0.6.3 format (`nonce || ciphertext || tag` under
/// SHA-256(password), no header): `None` when it does not open as an
/// andOTP backup, so that the file stays unrecognised.
pub(crate) fn import_old_format(bytes: &[u8], password: &[u8]) -> Option<ImportReport> {
    if bytes.len() < NONCE_LEN + TAG_LEN + 2 {
        return None;
    }
    let key = decrypt::sha256(password);
    let plain =
        decrypt::aes_gcm_open(key.as_ref(), &bytes[..NONCE_LEN], &bytes[NONCE_LEN..]).ok()?;
    let entries: json::Items<'_> = serde_json::from_slice(&plain).ok()?;
    let mut report = ImportReport::new(FORMAT);
    report.encrypted = true;
    read_entries(&entries, &mut report);
    Some(report)
}

/// Imports a plain andOTP backup (a JSON array).
pub fn import_plain(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let entries: json::Items<'_> = json::document(bytes, FORMAT)?;
    let mut report = ImportReport::new(FORMAT);
    read_entries(&entries, &mut report);
    Ok(report)
}

/// Imports an encrypted andOTP backup (`.json.aes`).
pub fn import_encrypted(
    bytes: &[u8],
    password: Option<&[u8]>,
) -> Result<ImportReport, ImportError> {
    let password = password.ok_or(ImportError::NeedsPassword { format: FORMAT })?;
    if bytes.len() < MIN_ENCRYPTED_LEN {
        return Err(ImportError::Truncated {
            format: FORMAT,
            detail: format!("it is {} bytes long", bytes.len()),
        });
    }
    let mut header = [0u8; ITERATIONS_LEN];
    header.copy_from_slice(&bytes[..ITERATIONS_LEN]);
    let iterations = u32::from_be_bytes(header);
    let salt = &bytes[ITERATIONS_LEN..ITERATIONS_LEN + SALT_LEN];
    let rest = &bytes[ITERATIONS_LEN + SALT_LEN..];
    let (nonce, sealed) = rest.split_at(NONCE_LEN);

    let checked = limits::check_pbkdf2(u64::from(iterations))
        .ok()
        .and_then(NonZeroU32::new);
    let plain = match checked {
        Some(count) => {
            let key = decrypt::pbkdf2_sha1(password, salt, count);
            decrypt::aes_gcm_open(key.as_ref(), nonce, sealed).ok()
        }
        None => None,
    };
    let plain = match plain {
        Some(plain) => plain,
        None => {
            // The pre-0.6.3 format: nonce || ciphertext || tag under SHA-256(password).
            let key = decrypt::sha256(password);
            match decrypt::aes_gcm_open(key.as_ref(), &bytes[..NONCE_LEN], &bytes[NONCE_LEN..]) {
                Ok(plain) => plain,
                Err(_) if checked.is_none() => {
                    return Err(ImportError::KdfTooExpensive {
                        format: FORMAT,
                        detail: format!(
                            "{iterations} PBKDF2 iterations (if it is not simply the wrong password)"
                        ),
                    });
                }
                Err(_) => return Err(ImportError::WrongPassword { format: FORMAT }),
            }
        }
    };
    let entries: json::Items<'_> = serde_json::from_slice(&plain).map_err(|e| {
        json::document_error(&e, FORMAT, "its decrypted contents are not as expected")
    })?;
    let mut report = ImportReport::new(FORMAT);
    report.encrypted = true;
    read_entries(&entries, &mut report);
    Ok(report)
}

fn read_entries(entries: &[&RawValue], report: &mut ImportReport) {
    for (index, raw) in entries.iter().enumerate() {
        let position = format!("entry {}", index + 1);
        let entry: Entry = match json::item(raw) {
            Ok(entry) => entry,
            Err(reason) => {
                report.skip(position, "", reason);
                continue;
            }
        };
        let (issuer, name) = split_label(&entry.issuer, &entry.label);
        let fields = Fields {
            kind: entry.kind.as_deref(),
            secret: &entry.secret.0,
            algorithm: entry.algorithm.as_deref(),
            digits: entry.digits,
            period: entry.period.filter(|p| *p != 0),
            counter: entry.counter,
            issuer,
            name,
        };
        match fields.build() {
            Ok(account) => report.entries.push(ImportedEntry::plain(account)),
            Err(reason) => report.skip(position, label_of(issuer, name), reason),
        }
    }
}

/// Splits andOTP's label. Backups made before andOTP had an issuer field,
/// and migrated ones, hold `Issuer - Issuer:name` (or `Issuer - name`):
/// the issuer repeated before " - ". Otherwise as [`split_issuer`].
fn split_label<'a>(issuer: &'a str, label: &'a str) -> (&'a str, &'a str) {
    let issuer_given = issuer.trim();
    if let Some((head, rest)) = label.split_once(" - ") {
        let head = head.trim();
        if !head.is_empty() && (issuer_given.is_empty() || issuer_given == head) {
            let rest = rest.trim();
            let name = match rest.split_once(':') {
                Some((repeated, name)) if repeated.trim() == head => name.trim(),
                _ => rest,
            };
            return (head, name);
        }
    }
    split_issuer(issuer, label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_backup() {
        let backup = br#"[{"secret":"JBSWY3DPEHPK3PXP","issuer":"GitHub","label":"alice","digits":6,"type":"TOTP","algorithm":"SHA1","period":30},
          {"secret":"JBSWY3DPEHPK3PXP","issuer":"","label":"Bank:bob","digits":8,"type":"HOTP","algorithm":"SHA512","counter":9}]"#;
        let report = import_plain(backup).unwrap();
        assert_eq!(report.entries.len(), 2);
        assert_eq!(report.entries[1].account.issuer, "Bank");
    }

    #[test]
    fn old_labels_repeat_the_issuer() {
        assert_eq!(split_label("Deno", "Deno - Deno:Mason"), ("Deno", "Mason"));
        assert_eq!(split_label("", "Deno - Deno:Mason"), ("Deno", "Mason"));
        assert_eq!(split_label("", "Deno - Mason"), ("Deno", "Mason"));
        assert_eq!(split_label("Deno", "Mason"), ("Deno", "Mason"));
        assert_eq!(split_label("", "GitHub:alice"), ("GitHub", "alice"));
        assert_eq!(split_label("Acme", "Bob - Smith"), ("Acme", "Bob - Smith"));
    }

    #[test]
    fn short_and_wrong_are_clean() {
        assert!(matches!(
            import_encrypted(&[0; 10], Some(b"x")),
            Err(ImportError::Truncated { .. })
        ));
        let mut bytes = vec![0u8; 80];
        bytes[..4].copy_from_slice(&1000u32.to_be_bytes());
        assert_eq!(
            import_encrypted(&bytes, Some(b"x")),
            Err(ImportError::WrongPassword { format: FORMAT })
        );
        bytes[..4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(matches!(
            import_encrypted(&bytes, Some(b"x")),
            Err(ImportError::KdfTooExpensive { .. })
        ));
    }
}
