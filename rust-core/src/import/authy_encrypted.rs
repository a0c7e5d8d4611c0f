//! Authy's token file with encrypted secrets
//! (`com.authy.storage.tokens.authenticator.xml`, the same Android
//! preferences file as [`super::app_prefs`]): each token has
//! `encryptedSecret` (base64) and `salt` (text) instead of
//! `decryptedSecret`. The secret is AES-256-CBC with PKCS#7 padding and an
//! all-zero IV, under PBKDF2-HMAC-SHA1(backup password, salt, 1,000
//! iterations, 32 bytes); it decrypts to the base32 secret text.
//!
//! Each token has its own salt, so one derivation per token: the
//! iteration count is fixed by the format and checked against
//! [`super::limits`] before the first one, derivations are capped at
//! [`MAX_DERIVATIONS`] per import, and a password that does not open the
//! first token stops the import there ([`ImportError::WrongPassword`]).

use std::num::NonZeroU32;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

use super::app_prefs::{self, AuthyToken};
use super::{Format, ImportError, ImportReport, decrypt, limits};

const FORMAT: Format = Format::Authy;
const ITERATIONS: u32 = 1_000;
const IV: [u8; 16] = [0; 16];
/// Most tokens decrypted in one import (1,000 PBKDF2 iterations each):
/// far more than anyone keeps in Authy, and about a second of work.
pub const MAX_DERIVATIONS: usize = 1_000;

/// Imports an Authy token file whose secrets are encrypted with the
/// user's backup password.
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let password = password.ok_or(ImportError::NeedsPassword { format: FORMAT })?;
    let iterations = limits::check_pbkdf2(u64::from(ITERATIONS))
        .and_then(|count| NonZeroU32::new(count).ok_or_else(|| "0 PBKDF2 iterations".into()))
        .map_err(|detail| ImportError::KdfTooExpensive {
            format: FORMAT,
            detail,
        })?;
    let mut derivations = 0;
    let mut opened_one = false;
    let mut first_failed = false;
    let mut report = app_prefs::import_authy_with(bytes, |token| {
        if first_failed {
            return Err("not tried: the password did not open the first token".into());
        }
        let secret = decrypt_secret(token, password, iterations, &mut derivations);
        match &secret {
            Ok(_) => opened_one = true,
            Err(SecretError::WrongPassword) if !opened_one => first_failed = true,
            Err(_) => {}
        }
        secret.map_err(SecretError::reason)
    })?;
    if first_failed {
        return Err(ImportError::WrongPassword { format: FORMAT });
    }
    report.encrypted = true;
    Ok(report)
}

enum SecretError {
    WrongPassword,
    Skip(String),
}

impl SecretError {
    fn reason(self) -> String {
        match self {
            SecretError::WrongPassword => {
                "the password does not open this token's secret (the others opened): the token is damaged; re-enrol the account in Ward".into()
            }
            SecretError::Skip(reason) => reason,
        }
    }
}

/// One token's base32 secret text.
fn decrypt_secret(
    token: &AuthyToken,
    password: &[u8],
    iterations: NonZeroU32,
    derivations: &mut usize,
) -> Result<Zeroizing<String>, SecretError> {
    let skip = |reason: &str| SecretError::Skip(reason.into());
    let encrypted = token
        .encrypted_secret
        .as_deref()
        .ok_or_else(|| skip("the token has no secret"))?;
    let salt = token.salt.as_deref().ok_or_else(|| {
        skip("the token has an encrypted secret but no salt: the file is damaged")
    })?;
    let ciphertext = STANDARD
        .decode(encrypted.trim())
        .map_err(|_| skip("its encrypted secret is not base64: the file is damaged"))?;
    if ciphertext.is_empty() || ciphertext.len() % 16 != 0 {
        return Err(skip(
            "its encrypted secret is not a whole number of AES blocks: the file is damaged",
        ));
    }
    if *derivations >= MAX_DERIVATIONS {
        return Err(SecretError::Skip(format!(
            "not decrypted: Ward decrypts at most {MAX_DERIVATIONS} Authy tokens per import; split the file"
        )));
    }
    *derivations += 1;
    let key = decrypt::pbkdf2_sha1(password, salt.as_bytes(), iterations);
    let plain = decrypt::aes256_cbc_decrypt(key.as_ref(), &IV, &ciphertext)
        .map_err(|_| SecretError::WrongPassword)?;
    // CBC is unauthenticated: a wrong key passes the padding check about
    // once in 256 tries, and then is not base32 text.
    let text = std::str::from_utf8(&plain).map_err(|_| SecretError::WrongPassword)?;
    if !text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'=' || b == b' ')
    {
        return Err(SecretError::WrongPassword);
    }
    Ok(Zeroizing::new(text.to_string()))
}
