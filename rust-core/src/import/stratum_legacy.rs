//! Stratum's (Authenticator Pro's) older encrypted backup:
//! `AuthenticatorPro || salt (20) || IV (16) || ciphertext`, where the
//! ciphertext is the plain JSON backup ([`super::stratum::import`])
//! encrypted with AES-256-CBC and PKCS#7 padding under
//! PBKDF2-HMAC-SHA1(password, salt, 64,000 iterations, 32 bytes).
//!
//! The iteration count is fixed by the format, not read from the file; it
//! is still checked against [`super::limits`] before deriving, so that a
//! change of the constant cannot slip past the cap. One derivation per
//! attempt.

use std::num::NonZeroU32;

use super::{Format, ImportError, ImportReport, decrypt, limits, stratum};

const FORMAT: Format = Format::Stratum;
const SALT_LEN: usize = 20;
const IV_LEN: usize = 16;
const ITERATIONS: u32 = 64_000;

/// Imports an old-format encrypted Stratum backup.
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let (salt, iv, ciphertext) = split(bytes)?;
    let password = password.ok_or(ImportError::NeedsPassword { format: FORMAT })?;
    let iterations = limits::check_pbkdf2(u64::from(ITERATIONS))
        .and_then(|count| NonZeroU32::new(count).ok_or_else(|| "0 PBKDF2 iterations".into()))
        .map_err(|detail| ImportError::KdfTooExpensive {
            format: FORMAT,
            detail,
        })?;
    let key = decrypt::pbkdf2_sha1(password, salt, iterations);
    import_with_key(key.as_ref(), iv, ciphertext)
}

/// Salt, IV and ciphertext, or why the file cannot hold them.
fn split(bytes: &[u8]) -> Result<(&[u8], &[u8], &[u8]), ImportError> {
    let body =
        bytes
            .strip_prefix(stratum::LEGACY_ENCRYPTED_HEADER)
            .ok_or(ImportError::Malformed {
                format: FORMAT,
                detail: "it does not start with the AuthenticatorPro header".into(),
            })?;
    if body.len() < SALT_LEN + IV_LEN + 16 {
        return Err(ImportError::Truncated {
            format: FORMAT,
            detail: format!("it is {} bytes long", bytes.len()),
        });
    }
    let (salt, rest) = body.split_at(SALT_LEN);
    let (iv, ciphertext) = rest.split_at(IV_LEN);
    if ciphertext.len() % 16 != 0 {
        return Err(ImportError::Truncated {
            format: FORMAT,
            detail: "its encrypted part is not a whole number of AES blocks".into(),
        });
    }
    Ok((salt, iv, ciphertext))
}

/// Decrypts with an already derived key and reads the JSON backup. Public
/// for the fuzz target (which cannot afford 64,000 iterations per input).
#[doc(hidden)]
pub fn import_with_key(
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<ImportReport, ImportError> {
    let plain = decrypt::aes256_cbc_decrypt(key, iv, ciphertext)
        .map_err(|_| ImportError::WrongPassword { format: FORMAT })?;
    // CBC is unauthenticated: a wrong key passes the padding check about
    // once in 256 tries, and then is not JSON.
    if !plain.first().is_some_and(|b| *b == b'{') {
        return Err(ImportError::WrongPassword { format: FORMAT });
    }
    let mut report = stratum::import(&plain).map_err(|error| match error {
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

/// The fuzz entry: the file's layout checks, then decryption under a fixed key.
#[doc(hidden)]
pub fn import_with_fixed_key(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let (_, iv, ciphertext) = split(bytes)?;
    import_with_key(&[0x5a; 32], iv, ciphertext)
}
