//! Ward's encrypted backup: every entry (account, note, favourite) sealed
//! with a password. The format is specified in `docs/backup-format.md`;
//! in short, a JSON envelope
//!
//! ```json
//! {"format": "ward-backup", "version": 1,
//!  "kdf": {"algorithm": "argon2id", "memory_kib": 65536, "iterations": 3,
//!          "parallelism": 1, "salt": "<base64, 16 bytes>"},
//!  "cipher": "aes-256-gcm",
//!  "sealed": "<base64 of nonce (12) || ciphertext || tag (16)>"}
//! ```
//!
//! The key is Argon2id (RFC 9106, version 0x13) of the password; the
//! associated data binds the format, version and KDF parameters (see
//! [`associated_data`]), so they cannot be altered without the tag failing.
//! [`seal`] decrypts its own output once and compares it with the input
//! before returning it. Backups are read by [`crate::import::import`],
//! which caps the KDF parameters before deriving.
//!
//! The cryptography is the vault's: [`crate::crypto::kdf::derive_key`]
//! (Argon2id with Ward's floor and cap) and [`crate::crypto::aead`]
//! (AES-256-GCM, random nonce, sealed as `nonce || ciphertext || tag`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub use crate::crypto::KdfParams;
use crate::crypto::kdf::{KdfError, derive_key};
use crate::crypto::{CryptoError, SecretKey, aead, random};

use super::ImportedEntry;
use crate::account::OtpKind;
use crate::import::fields::Fields;
use crate::import::json::{self, SecretText};
use crate::import::{Format, ImportError, ImportReport, label_of, limits};

/// The value of the envelope's `format` field.
pub const FORMAT_TAG: &str = "ward-backup";
/// The envelope version this code writes and reads.
pub const VERSION: u32 = 1;
const KDF_NAME: &str = "argon2id";
const CIPHER_NAME: &str = "aes-256-gcm";
const SALT_LEN: usize = 16;
const FORMAT: Format = Format::WardBackup;

/// Why a backup could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// The password is empty.
    #[error("the backup password is empty: choose a password (a long passphrase is best)")]
    EmptyPassword,
    /// The KDF parameters are outside what Ward itself would read back.
    #[error("the backup's key-derivation settings are out of range: {0}")]
    Params(String),
    /// Key derivation failed.
    #[error(transparent)]
    Kdf(#[from] KdfError),
    /// The system's random source or the cipher failed.
    #[error("the backup could not be encrypted (the system's cryptography failed): try again")]
    Crypto,
    /// Decrypting the new backup did not give back the entries.
    #[error(
        "the new backup did not decrypt back to the same entries, so it was not saved: try again"
    )]
    Verification,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    kdf: Kdf,
    cipher: String,
    sealed: String,
}

#[derive(Serialize, Deserialize)]
struct Kdf {
    algorithm: String,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    salt: String,
}

#[derive(Serialize)]
struct PlainOut<'a> {
    entries: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    kind: &'static str,
    issuer: &'a str,
    name: &'a str,
    #[serde(serialize_with = "serialize_secret")]
    secret: Zeroizing<String>,
    algorithm: &'static str,
    digits: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    favorite: bool,
}

#[derive(Deserialize)]
struct PlainIn<'a> {
    #[serde(borrow)]
    entries: Vec<&'a serde_json::value::RawValue>,
}

#[derive(Deserialize)]
struct EntryIn {
    kind: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    name: String,
    secret: SecretText,
    #[serde(default)]
    algorithm: Option<String>,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    counter: Option<u64>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    favorite: bool,
}

/// The associated data that binds the envelope's parameters to the
/// ciphertext: `"ward-backup" || 0x00 || version || memory_kib || iterations
/// || parallelism` (each a 4-byte big-endian integer).
pub fn associated_data(version: u32, params: &KdfParams) -> Vec<u8> {
    let mut aad = Vec::with_capacity(FORMAT_TAG.len() + 17);
    aad.extend_from_slice(FORMAT_TAG.as_bytes());
    aad.push(0);
    for value in [
        version,
        params.memory_kib,
        params.iterations,
        params.parallelism,
    ] {
        aad.extend_from_slice(&value.to_be_bytes());
    }
    aad
}

/// Encrypts the entries with the password using Ward's default
/// [`KdfParams::DEFAULT`], verifies the result by decrypting it, and
/// returns the backup file's bytes (UTF-8 JSON).
pub fn seal(entries: &[ImportedEntry], password: &[u8]) -> Result<Vec<u8>, BackupError> {
    seal_with(entries, password, KdfParams::DEFAULT)
}

/// [`seal`] with explicit KDF parameters, which must pass both the vault's
/// floor ([`KdfParams::check`]) and the import caps
/// ([`limits::check_argon2`]), so the backup can always be read back.
pub fn seal_with(
    entries: &[ImportedEntry],
    password: &[u8],
    params: KdfParams,
) -> Result<Vec<u8>, BackupError> {
    if password.is_empty() {
        return Err(BackupError::EmptyPassword);
    }
    limits::check_argon2(
        u64::from(params.memory_kib),
        u64::from(params.iterations),
        u64::from(params.parallelism),
    )
    .map_err(BackupError::Params)?;
    let plain = plaintext(entries)?;
    let salt: [u8; SALT_LEN] = random::array().map_err(|_| BackupError::Crypto)?;
    let key = derive_key(password, &salt, params)?;
    let sealed = aead::seal(&key, &associated_data(VERSION, &params), &plain)
        .map_err(|_| BackupError::Crypto)?;
    let envelope = Envelope {
        format: FORMAT_TAG.into(),
        version: VERSION,
        kdf: Kdf {
            algorithm: KDF_NAME.into(),
            memory_kib: params.memory_kib,
            iterations: params.iterations,
            parallelism: params.parallelism,
            salt: STANDARD.encode(salt),
        },
        cipher: CIPHER_NAME.into(),
        sealed: STANDARD.encode(&sealed),
    };
    let mut bytes = serde_json::to_vec_pretty(&envelope).map_err(|_| BackupError::Crypto)?;
    bytes.push(b'\n');
    match import(&bytes, Some(password)) {
        Ok(report) if report.entries == entries && report.skipped.is_empty() => Ok(bytes),
        _ => Err(BackupError::Verification),
    }
}

/// Reads a Ward backup (called by [`crate::import::import`]).
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let envelope: Envelope = json::document(bytes, FORMAT)?;
    let malformed = |detail: &str| ImportError::Malformed {
        format: FORMAT,
        detail: detail.into(),
    };
    if envelope.format != FORMAT_TAG || envelope.version != VERSION {
        return Err(ImportError::Unsupported {
            format: FORMAT,
            detail: format!(
                "it is backup version {}, and this Ward reads version {VERSION}: update Ward",
                envelope.version
            ),
        });
    }
    if envelope.kdf.algorithm != KDF_NAME || envelope.cipher != CIPHER_NAME {
        return Err(ImportError::Unsupported {
            format: FORMAT,
            detail: "it names a key derivation or cipher this Ward does not know: update Ward"
                .into(),
        });
    }
    let params = KdfParams {
        memory_kib: envelope.kdf.memory_kib,
        iterations: envelope.kdf.iterations,
        parallelism: envelope.kdf.parallelism,
    };
    limits::check_argon2(
        u64::from(params.memory_kib),
        u64::from(params.iterations),
        u64::from(params.parallelism),
    )
    .map_err(|detail| ImportError::KdfTooExpensive {
        format: FORMAT,
        detail,
    })?;
    let password = password.ok_or(ImportError::NeedsPassword { format: FORMAT })?;
    let salt = STANDARD
        .decode(&envelope.kdf.salt)
        .map_err(|_| malformed("its salt is not base64"))?;
    let sealed = STANDARD
        .decode(envelope.sealed.trim())
        .map_err(|_| malformed("its sealed data is not base64"))?;
    if sealed.len() < aead::OVERHEAD {
        return Err(ImportError::Truncated {
            format: FORMAT,
            detail: "its sealed data is shorter than a nonce and a tag".into(),
        });
    }
    let key: SecretKey = derive_key(password, &salt, params).map_err(|error| match error {
        KdfError::ShortSalt => malformed("its salt is shorter than 16 bytes"),
        other => malformed(&format!("its key derivation cannot be used: {other}")),
    })?;
    let plain =
        aead::open(&key, &associated_data(VERSION, &params), &sealed).map_err(
            |error| match error {
                CryptoError::Truncated => ImportError::Truncated {
                    format: FORMAT,
                    detail: "its sealed data is too short".into(),
                },
                _ => ImportError::WrongPassword { format: FORMAT },
            },
        )?;
    let contents: PlainIn<'_> = serde_json::from_slice(&plain).map_err(|e| {
        malformed(&format!(
            "its decrypted contents are not as expected: {}",
            json::describe(&e)
        ))
    })?;
    let mut report = ImportReport::new(FORMAT);
    report.encrypted = true;
    for (index, raw) in contents.entries.iter().enumerate() {
        let position = format!("entry {}", index + 1);
        let entry: EntryIn = match json::item(raw) {
            Ok(entry) => entry,
            Err(reason) => {
                report.skip(position, "", reason);
                continue;
            }
        };
        let fields = Fields {
            kind: Some(&entry.kind),
            secret: &entry.secret.0,
            algorithm: entry.algorithm.as_deref(),
            digits: entry.digits,
            period: entry.period,
            counter: entry.counter,
            issuer: &entry.issuer,
            name: &entry.name,
        };
        match fields.build() {
            Ok(account) => report.entries.push(ImportedEntry {
                account,
                note: entry.note,
                favorite: entry.favorite,
            }),
            Err(reason) => report.skip(position, label_of(&entry.issuer, &entry.name), reason),
        }
    }
    Ok(report)
}

fn serialize_secret<S: serde::Serializer>(
    secret: &Zeroizing<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(secret)
}

fn plaintext(entries: &[ImportedEntry]) -> Result<Zeroizing<Vec<u8>>, BackupError> {
    let out = PlainOut {
        entries: entries
            .iter()
            .map(|entry| {
                let params = &entry.account.params;
                let kind = params.kind();
                EntryOut {
                    kind: kind.name(),
                    issuer: &entry.account.issuer,
                    name: &entry.account.name,
                    secret: params.secret().to_base32(),
                    algorithm: params.algorithm().name(),
                    digits: params.digits(),
                    period: kind.period(),
                    counter: match kind {
                        OtpKind::Hotp { counter } => Some(counter),
                        _ => None,
                    },
                    note: entry.note.as_deref(),
                    favorite: entry.favorite,
                }
            })
            .collect(),
    };
    // Serialized twice: once to count the bytes, once into a buffer of
    // exactly that capacity. A growing `Vec` would reallocate, leaving
    // copies of the secrets in freed memory that nothing zeroizes.
    let mut counter = ByteCounter(0);
    serde_json::to_writer(&mut counter, &out).map_err(|_| BackupError::Crypto)?;
    let mut plain = Zeroizing::new(Vec::with_capacity(counter.0));
    serde_json::to_writer(&mut *plain, &out).map_err(|_| BackupError::Crypto)?;
    Ok(plain)
}

/// A writer that only counts what is written to it.
struct ByteCounter(usize);

impl std::io::Write for ByteCounter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{Account, Algorithm, OtpParams};
    use crate::secret::Secret;

    const FAST: KdfParams = KdfParams::MINIMUM;

    fn entries() -> Vec<ImportedEntry> {
        let account = Account {
            issuer: "GitHub".into(),
            name: "alice".into(),
            params: OtpParams::new(
                Secret::from_bytes(vec![9; 20]).unwrap(),
                Algorithm::Sha512,
                10,
                OtpKind::Totp { period: 45 },
            )
            .unwrap(),
        };
        vec![ImportedEntry {
            account,
            note: Some("note".into()),
            favorite: true,
        }]
    }

    #[test]
    fn seals_verifies_and_reads_back() {
        let bytes = seal_with(&entries(), b"correct horse", FAST).unwrap();
        let report = crate::import::import(&bytes, Some(b"correct horse")).unwrap();
        assert_eq!(report.format, Format::WardBackup);
        assert_eq!(report.entries, entries());
        assert_eq!(
            crate::import::import(&bytes, Some(b"wrong")),
            Err(ImportError::WrongPassword { format: FORMAT })
        );
        assert_eq!(
            crate::import::import(&bytes, None),
            Err(ImportError::NeedsPassword { format: FORMAT })
        );
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("GitHub") && !text.contains("alice"));
    }

    #[test]
    fn altered_parameters_fail_the_tag_and_huge_ones_are_capped() {
        let bytes = seal_with(&entries(), b"pw", FAST).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let altered = text.replace("\"iterations\": 2", "\"iterations\": 3");
        assert_eq!(
            crate::import::import(altered.as_bytes(), Some(b"pw")),
            Err(ImportError::WrongPassword { format: FORMAT })
        );
        let huge = text.replace("\"memory_kib\": 19456", "\"memory_kib\": 4194304");
        assert!(matches!(
            crate::import::import(huge.as_bytes(), Some(b"pw")),
            Err(ImportError::KdfTooExpensive { .. })
        ));
        assert_eq!(seal(&entries(), b""), Err(BackupError::EmptyPassword));
    }

    #[test]
    fn the_plaintext_is_written_into_one_buffer_of_its_final_size() {
        // Reallocating while it grows would leave unzeroized copies of the
        // secrets behind; one allocation of exactly the right size leaves
        // none (Vec never shrinks or reallocates when it does not grow).
        let many: Vec<ImportedEntry> = (0..50).flat_map(|_| entries()).collect();
        let plain = plaintext(&many).unwrap();
        assert!(plain.len() > 1_000);
        assert_eq!(plain.capacity(), plain.len());
        assert!(serde_json::from_slice::<serde_json::Value>(&plain).is_ok());
    }
}
