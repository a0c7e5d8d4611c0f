//! TOTP Authenticator's backup file (`.bin`, "encrypted backup"): base64
//! text of AES-256-CBC ciphertext with PKCS#7 padding and an all-zero IV,
//! under SHA-256 of the password (no key stretching). When the user sets no
//! password the app uses its built-in one, [`DEFAULT_PASSWORD`], so such a
//! file opens without asking.
//!
//! The plaintext is a JSON object with one member whose *name* is the
//! token list (JSON text, as in the app's internal file,
//! [`super::app_prefs`]) and whose value is the backup's timestamp.
//!
//! At most two SHA-256 derivations per attempt (the given password, then
//! the built-in one), within [`super::limits::MAX_KEY_DERIVATIONS`].

use std::fmt;

use serde::Deserializer;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use zeroize::Zeroizing;

use super::{Format, ImportError, ImportReport, app_prefs, decrypt};

const FORMAT: Format = Format::TotpAuthenticator;
/// The password the app encrypts with when the user sets none.
const DEFAULT_PASSWORD: &[u8] = b"TotpAuthenticator";
const IV: [u8; 16] = [0; 16];
/// True when the file opens with the app's built-in password.
pub(crate) fn opens_without_password(bytes: &[u8]) -> bool {
    super::detect::base64_blocks(bytes)
        .is_some_and(|sealed| open(&sealed, DEFAULT_PASSWORD).is_some())
}

/// Imports a TOTP Authenticator backup: with `password` when given, else
/// (or when it fails) with the app's built-in password.
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let sealed = super::detect::base64_blocks(bytes).ok_or(ImportError::Malformed {
        format: FORMAT,
        detail: "it is not base64 text of whole AES blocks".into(),
    })?;
    let plain = password
        .and_then(|password| open(&sealed, password))
        .or_else(|| open(&sealed, DEFAULT_PASSWORD))
        .ok_or(match password {
            None => ImportError::NeedsPassword { format: FORMAT },
            Some(_) => ImportError::WrongPassword { format: FORMAT },
        })?;
    let mut report = import_plaintext(&plain)?;
    report.encrypted = true;
    Ok(report)
}

/// The plaintext, when the password's key opens it into a JSON object
/// (CBC is unauthenticated: a wrong key passes the padding check about
/// once in 256 tries, and then is not JSON).
fn open(sealed: &[u8], password: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let key = decrypt::sha256(password);
    let plain = decrypt::aes256_cbc_decrypt(key.as_ref(), &IV, sealed).ok()?;
    plain.starts_with(b"{").then_some(plain)
}

/// Reads the decrypted JSON object. Public for the fuzz target.
#[doc(hidden)]
pub fn import_plaintext(plain: &[u8]) -> Result<ImportReport, ImportError> {
    let malformed = |detail: String| ImportError::Malformed {
        format: FORMAT,
        detail: format!("its decrypted contents are not as expected: {detail}"),
    };
    let mut deserializer = serde_json::Deserializer::from_slice(plain);
    let list = deserializer
        .deserialize_map(FirstName)
        .map_err(|e| malformed(e.to_string()))?
        .ok_or_else(|| malformed("the token list is missing".into()))?;
    app_prefs::import_totp_authenticator_list(&list)
}

/// The name of a JSON object's first member.
struct FirstName;

impl<'de> Visitor<'de> for FirstName {
    type Value = Option<Zeroizing<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let first = map
            .next_entry::<String, IgnoredAny>()?
            .map(|(name, _)| Zeroizing::new(name));
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(first)
    }
}
