//! FreeOTP 2 backups (`externalBackup.xml`, despite the name): a
//! Java-serialized `HashMap<String, String>` (Java Object Serialization
//! Specification §6.4) whose entries are
//!
//! - `masterKey`: JSON `{"mAlgorithm": "PBKDF2withHmacSHA512" (or SHA1),
//!   "mIterations": n, "mSalt": [bytes], "mEncryptedKey": {"mCipher":
//!   "AES/GCM/NoPadding", "mCipherText": [bytes], "mParameters": [DER
//!   GCMParameters], "mToken": "AES"}}`: the 256-bit master key, sealed
//!   with AES-GCM (associated data: `mToken`) under PBKDF2(password);
//! - `<uuid>`: JSON `{"key": "<the token's secret sealed the same way under
//!   the master key, as JSON text>"}`;
//! - `<uuid>-token`: the token's other fields, as FreeOTP+ exports them
//!   ([`super::freeotp_plus`]).
//!
//! One PBKDF2 derivation per attempt, its iteration count capped first.
//! Secrets are decrypted into zeroizing buffers.

use std::num::NonZeroU32;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::decrypt;
use super::{Format, ImportError, ImportReport, json, limits};
use crate::secret::Secret;

const FORMAT: Format = Format::FreeOtp;
/// Java serialization: stream magic and version, TC_STRING, TC_LONGSTRING.
const STREAM_HEADER: [u8; 4] = [0xAC, 0xED, 0x00, 0x05];
const TC_STRING: u8 = 0x74;
const TC_LONGSTRING: u8 = 0x7C;
const TC_BLOCKDATA: u8 = 0x77;
const MASTER_KEY: &str = "masterKey";
const TOKEN_SUFFIX: &str = "-token";

/// True when `bytes` look like a FreeOTP 2 backup.
pub(crate) fn looks_like_backup(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    bytes.starts_with(&STREAM_HEADER)
        && has(b"java.util.HashMap")
        && has(b"masterKey")
        && has(b"mEncryptedKey")
}

#[derive(Deserialize)]
struct MasterKey {
    #[serde(rename = "mAlgorithm")]
    algorithm: String,
    #[serde(rename = "mIterations")]
    iterations: u64,
    #[serde(rename = "mSalt")]
    salt: Vec<i16>,
    #[serde(rename = "mEncryptedKey")]
    encrypted_key: Sealed,
}

/// A value sealed by FreeOTP's `EncryptedKey`: AES-GCM with the nonce in
/// DER-encoded parameters and `mToken` as associated data.
#[derive(Deserialize)]
struct Sealed {
    #[serde(rename = "mCipher")]
    cipher: String,
    #[serde(rename = "mCipherText")]
    ciphertext: Vec<i16>,
    #[serde(rename = "mParameters")]
    parameters: Vec<i16>,
    #[serde(rename = "mToken")]
    token: String,
}

#[derive(Deserialize)]
struct SealedEntry {
    key: String,
}

/// Imports a FreeOTP 2 backup with its password.
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let password = password.ok_or(ImportError::NeedsPassword { format: FORMAT })?;
    let map = read_map(bytes).map_err(malformed)?;
    let value = |key: &str| map.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let master: MasterKey = serde_json::from_str(
        value(MASTER_KEY).ok_or_else(|| malformed("it has no masterKey entry".into()))?,
    )
    .map_err(|e| {
        malformed(format!(
            "its masterKey is not as expected: {}",
            json::describe(&e)
        ))
    })?;
    let iterations = limits::check_pbkdf2(master.iterations)
        .ok()
        .and_then(NonZeroU32::new)
        .ok_or_else(|| ImportError::KdfTooExpensive {
            format: FORMAT,
            detail: format!("{} PBKDF2 iterations", master.iterations),
        })?;
    let salt = signed_bytes(&master.salt).map_err(malformed)?;
    let algorithm = match master.algorithm.as_str() {
        "PBKDF2withHmacSHA512" => ring::pbkdf2::PBKDF2_HMAC_SHA512,
        "PBKDF2withHmacSHA1" => ring::pbkdf2::PBKDF2_HMAC_SHA1,
        other => {
            let shown: String = other.chars().take(40).collect();
            return Err(malformed(format!(
                "its master key uses {shown}, which Ward does not know"
            )));
        }
    };
    let mut kek = Zeroizing::new([0u8; 32]);
    ring::pbkdf2::derive(algorithm, iterations, &salt, password, kek.as_mut());
    let master_key = open(&master.encrypted_key, kek.as_ref())
        .map_err(|_| ImportError::WrongPassword { format: FORMAT })?;
    let mut report = ImportReport::new(FORMAT);
    report.encrypted = true;
    let mut index = 0;
    for (key, sealed) in &map {
        if key == MASTER_KEY || key.ends_with(TOKEN_SUFFIX) {
            continue;
        }
        index += 1;
        let position = format!("token {index}");
        let Some(token) = value(&format!("{key}{TOKEN_SUFFIX}")) else {
            report.skip(
                position,
                "",
                "its token details are missing from the backup",
            );
            continue;
        };
        let secret = serde_json::from_str::<SealedEntry>(sealed)
            .ok()
            .and_then(|entry| serde_json::from_str::<Sealed>(&entry.key).ok())
            .ok_or("its sealed secret is not as expected")
            .and_then(|sealed| {
                open(&sealed, master_key.as_ref())
                    .map_err(|_| "its secret does not open with the backup's master key")
            })
            .and_then(|plain| {
                Secret::from_bytes(plain.to_vec()).map_err(|_| "its secret is empty")
            });
        match secret {
            Ok(secret) => {
                super::freeotp_plus::read_token_with(token, Some(secret), position, &mut report)
            }
            Err(reason) => report.skip(position, "", reason),
        }
    }
    Ok(report)
}

fn malformed(detail: String) -> ImportError {
    ImportError::Malformed {
        format: FORMAT,
        detail,
    }
}

/// Java `byte[]` values as JSON numbers.
fn signed_bytes(values: &[i16]) -> Result<Zeroizing<Vec<u8>>, String> {
    values
        .iter()
        .map(|v| {
            u8::try_from(*v)
                .or_else(|_| i8::try_from(*v).map(|b| b as u8))
                .map_err(|_| "a byte value is out of range".to_string())
        })
        .collect::<Result<Vec<u8>, String>>()
        .map(Zeroizing::new)
}

/// Opens one sealed value with `key`.
fn open(sealed: &Sealed, key: &[u8]) -> Result<Zeroizing<Vec<u8>>, ()> {
    if sealed.cipher != "AES/GCM/NoPadding" {
        return Err(());
    }
    let nonce = gcm_nonce(&signed_bytes(&sealed.parameters).map_err(|_| ())?).ok_or(())?;
    let ciphertext = signed_bytes(&sealed.ciphertext).map_err(|_| ())?;
    decrypt::aes_gcm_open_with_aad(key, &nonce, &ciphertext, sealed.token.as_bytes())
        .map_err(|_| ())
}

/// The nonce in DER `GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING,
/// aes-ICVlen INTEGER }` (RFC 5084 §3.2), or a bare OCTET STRING.
fn gcm_nonce(der: &[u8]) -> Option<Vec<u8>> {
    let octets = match der {
        [0x30, length, rest @ ..] if usize::from(*length) == rest.len() => rest,
        _ => der,
    };
    match octets {
        [0x04, length, rest @ ..] if usize::from(*length) <= rest.len() => {
            Some(rest[..usize::from(*length)].to_vec())
        }
        _ => None,
    }
}

/// The string keys and values of a serialized `java.util.HashMap`, in
/// stream order. Only string keys and values are accepted.
fn read_map(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let damaged = || "its serialized map is damaged".to_string();
    if !bytes.starts_with(&STREAM_HEADER) {
        return Err("it is not a Java-serialized map".into());
    }
    // The class description ends with TC_ENDBLOCKDATA, TC_NULL (no
    // superclass); then the serialized fields (loadFactor, and threshold on
    // newer Android versions: 4 or 8 bytes), then the block holding
    // capacity and size.
    let class_end = bytes
        .windows(2)
        .position(|w| w == [0x78, 0x70])
        .ok_or_else(damaged)?;
    let fields = class_end + 2;
    let mut at = [4, 8]
        .into_iter()
        .map(|skip| fields + skip)
        .find(|&at| bytes.get(at) == Some(&TC_BLOCKDATA) && bytes.get(at + 1) == Some(&8))
        .ok_or_else(damaged)?;
    let size = bytes.get(at + 6..at + 10).ok_or_else(damaged)?;
    let size = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as usize;
    if size > 2 * limits::MAX_ITEMS + 1 {
        return Err(format!("it holds more than {} tokens", limits::MAX_ITEMS));
    }
    at += 10;
    let mut read_string = || -> Result<String, String> {
        let (length, header) = match bytes.get(at) {
            Some(&TC_STRING) => {
                let raw = bytes.get(at + 1..at + 3).ok_or_else(damaged)?;
                (usize::from(u16::from_be_bytes([raw[0], raw[1]])), 3)
            }
            Some(&TC_LONGSTRING) => {
                let raw = bytes.get(at + 1..at + 9).ok_or_else(damaged)?;
                let length = u64::from_be_bytes(raw.try_into().map_err(|_| damaged())?);
                (usize::try_from(length).map_err(|_| damaged())?, 9)
            }
            _ => return Err("its map holds something other than text".into()),
        };
        let start = at + header;
        let text = bytes
            .get(start..start.checked_add(length).ok_or_else(damaged)?)
            .ok_or_else(damaged)?;
        at = start + length;
        String::from_utf8(text.to_vec()).map_err(|_| damaged())
    };
    let mut map = Vec::with_capacity(size.min(1024));
    for _ in 0..size {
        let key = read_string()?;
        let value = read_string()?;
        map.push((key, value));
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_from_der_parameters() {
        let der = [
            48, 17, 4, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 2, 1, 16,
        ];
        assert_eq!(gcm_nonce(&der), Some((1..=12).collect()));
        assert_eq!(gcm_nonce(&[4, 2, 9, 9]), Some(vec![9, 9]));
        assert_eq!(gcm_nonce(&[4, 20, 1]), None);
        assert_eq!(gcm_nonce(&[]), None);
    }

    #[test]
    fn damaged_maps_are_refused_cleanly() {
        assert!(read_map(b"\xac\xed\x00\x05").is_err());
        let mut bytes = b"\xac\xed\x00\x05sr\x00\x11java.util.HashMap\x78\x70\0\0\0\0\0\0\0\0\x77\x08\0\0\0\x10\xff\xff\xff\xff".to_vec();
        assert!(read_map(&bytes).is_err());
        bytes.truncate(bytes.len() - 4);
        bytes.extend_from_slice(&[0, 0, 0, 1, TC_STRING, 0, 1, b'k', TC_STRING, 0, 9, b'v']);
        assert!(read_map(&bytes).is_err());
    }
}
