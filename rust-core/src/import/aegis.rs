//! Aegis Authenticator vaults (`aegis-export-*.json`), following Aegis's
//! `docs/vault.md`.
//!
//! A vault is `{"version": 1, "header": {...}, "db": ...}`. Plain vaults
//! have `header.slots = null` and `db` as an object. Encrypted vaults have
//! `db` as base64 AES-256-GCM ciphertext under a random master key; each
//! password slot (type 1) holds that master key sealed with AES-256-GCM
//! under `scrypt(password, salt, N, r, p)`, with nonces and tags in hex.
//! scrypt parameters are capped ([`super::limits::check_scrypt`]) before
//! any derivation.
//!
//! Entries of type `totp`, `hotp` and `steam` are imported with their note
//! and favourite flag; other types (`yandex`, `motp`) are skipped and
//! reported.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::value::RawValue;
use zeroize::Zeroizing;

use super::decrypt::{self, OpenError};
use super::fields::Fields;
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of, limits};

const FORMAT: Format = Format::Aegis;
/// Slot type of a password slot (scrypt).
const PASSWORD_SLOT: u32 = 1;

#[derive(Deserialize)]
struct Vault<'a> {
    version: u32,
    header: Header,
    #[serde(borrow)]
    db: &'a RawValue,
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    slots: Option<json::Capped<Slot>>,
    #[serde(default)]
    params: Option<CipherParams>,
}

#[derive(Deserialize)]
struct Slot {
    #[serde(rename = "type")]
    kind: u32,
    #[serde(default)]
    key: String,
    key_params: Option<CipherParams>,
    n: Option<u64>,
    r: Option<u32>,
    p: Option<u32>,
    salt: Option<String>,
}

#[derive(Deserialize)]
struct CipherParams {
    nonce: String,
    tag: String,
}

#[derive(Deserialize)]
struct Db<'a> {
    #[serde(default)]
    version: u32,
    #[serde(borrow)]
    entries: json::Items<'a>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    favorite: bool,
    info: Info,
}

#[derive(Deserialize)]
struct Info {
    secret: SecretText,
    #[serde(default)]
    algo: Option<String>,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    counter: Option<u64>,
}

/// Imports an Aegis vault, decrypting it with `password` when it is
/// encrypted. Fails with `NeedsPassword`, `WrongPassword`,
/// `KdfTooExpensive`, `Truncated` or `Malformed` for the vault as a whole;
/// single entries that cannot be read are skipped and reported.
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let vault: Vault<'_> = json::document(bytes, FORMAT)?;
    if vault.version != 1 {
        return Err(ImportError::Unsupported {
            format: FORMAT,
            detail: format!(
                "its vault version is {}, and Ward reads version 1: update Ward or export from an older Aegis",
                vault.version
            ),
        });
    }
    let mut report = ImportReport::new(FORMAT);
    match vault.header.slots {
        None => {
            let db: Db<'_> = serde_json::from_str(vault.db.get()).map_err(|e| malformed(&e))?;
            read_entries(&db, &mut report);
        }
        Some(slots) => {
            let password = password.ok_or(ImportError::NeedsPassword { format: FORMAT })?;
            let params = vault
                .header
                .params
                .ok_or_else(|| malformed_text("the header has slots but no params"))?;
            let master = open_master_key(&slots, password)?;
            let ciphertext: String =
                serde_json::from_str(vault.db.get()).map_err(|e| malformed(&e))?;
            let mut sealed = Zeroizing::new(
                STANDARD
                    .decode(ciphertext.trim())
                    .map_err(|_| malformed_text("the encrypted db is not base64"))?,
            );
            sealed.extend_from_slice(&hex(&params.tag).ok_or_else(|| bad_hex("params.tag"))?);
            let nonce = hex(&params.nonce).ok_or_else(|| bad_hex("params.nonce"))?;
            let plain = decrypt::aes_gcm_open(master.as_ref(), &nonce, &sealed).map_err(|_| {
                malformed_text("its contents do not open with the key its password slot holds: the file is damaged")
            })?;
            let db: Db<'_> = serde_json::from_slice(&plain).map_err(|e| malformed(&e))?;
            report.encrypted = true;
            read_entries(&db, &mut report);
        }
    }
    Ok(report)
}

fn open_master_key(slots: &[Slot], password: &[u8]) -> Result<decrypt::Key, ImportError> {
    let mut too_expensive = None;
    let mut derivations = 0;
    for slot in slots.iter().filter(|slot| slot.kind == PASSWORD_SLOT) {
        if derivations == limits::MAX_KEY_DERIVATIONS {
            break;
        }
        let (Some(n), Some(r), Some(p), Some(salt), Some(key_params)) = (
            slot.n,
            slot.r,
            slot.p,
            slot.salt.as_deref(),
            slot.key_params.as_ref(),
        ) else {
            return Err(malformed_text(
                "a password slot lacks its scrypt parameters",
            ));
        };
        let log_n = match limits::check_scrypt(n, r, p) {
            Ok(log_n) => log_n,
            Err(detail) => {
                too_expensive = Some(detail);
                continue;
            }
        };
        let salt = hex(salt).ok_or_else(|| bad_hex("slot salt"))?;
        let nonce = hex(&key_params.nonce).ok_or_else(|| bad_hex("slot nonce"))?;
        let mut sealed = Zeroizing::new(hex(&slot.key).ok_or_else(|| bad_hex("slot key"))?);
        sealed.extend_from_slice(&hex(&key_params.tag).ok_or_else(|| bad_hex("slot tag"))?);
        let derived = decrypt::scrypt(password, &salt, log_n, r, p)
            .ok_or_else(|| malformed_text("its scrypt parameters are not usable"))?;
        derivations += 1;
        match decrypt::aes_gcm_open(derived.as_ref(), &nonce, &sealed) {
            Ok(master) if master.len() == 32 => {
                let mut key = Zeroizing::new([0u8; 32]);
                key.copy_from_slice(&master);
                return Ok(key);
            }
            Ok(_) => return Err(malformed_text("its master key is not 32 bytes")),
            Err(OpenError::BadShape) => {
                return Err(malformed_text(
                    "a password slot has a nonce or key of the wrong size",
                ));
            }
            Err(OpenError::Rejected) => {}
        }
    }
    match (derivations > 0, too_expensive) {
        (false, Some(detail)) => Err(ImportError::KdfTooExpensive {
            format: FORMAT,
            detail,
        }),
        (false, None) => Err(ImportError::Unsupported {
            format: FORMAT,
            detail: "it has no password slot (only biometric or raw-key slots): in Aegis set a password and export again".into(),
        }),
        (true, _) => Err(ImportError::WrongPassword { format: FORMAT }),
    }
}

fn read_entries(db: &Db<'_>, report: &mut ImportReport) {
    let _ = db.version;
    for (index, raw) in db.entries.iter().enumerate() {
        let position = format!("entry {}", index + 1);
        let entry: Entry = match json::item(raw) {
            Ok(entry) => entry,
            Err(reason) => {
                report.skip(position, "", reason);
                continue;
            }
        };
        let label = label_of(&entry.issuer, &entry.name);
        let fields = Fields {
            kind: Some(&entry.kind),
            secret: &entry.info.secret.0,
            algorithm: entry.info.algo.as_deref(),
            digits: entry.info.digits,
            period: entry.info.period,
            counter: entry.info.counter,
            issuer: &entry.issuer,
            name: &entry.name,
        };
        match fields.build() {
            Ok(account) => report.entries.push(ImportedEntry {
                account,
                note: entry.note.clone().filter(|note| !note.trim().is_empty()),
                favorite: entry.favorite,
            }),
            Err(reason) => report.skip(position, label, reason),
        }
    }
}

/// Decodes lowercase or uppercase hex.
pub(crate) fn hex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim().as_bytes();
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.chunks(2)
        .map(|pair| {
            let high = (pair[0] as char).to_digit(16)?;
            let low = (pair[1] as char).to_digit(16)?;
            Some((high * 16 + low) as u8)
        })
        .collect()
}

fn malformed(error: &serde_json::Error) -> ImportError {
    json::document_error(error, FORMAT, "its database is not as expected")
}

fn malformed_text(detail: impl Into<String>) -> ImportError {
    ImportError::Malformed {
        format: FORMAT,
        detail: detail.into(),
    }
}

fn bad_hex(what: &str) -> ImportError {
    malformed_text(format!("its {what} is not hex"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decodes_and_refuses() {
        assert_eq!(hex("00ffA0"), Some(vec![0, 255, 160]));
        assert_eq!(hex("0"), None);
        assert_eq!(hex("zz"), None);
    }

    #[test]
    fn plain_vault_with_types() {
        let vault = br#"{"version":1,"header":{"slots":null,"params":null},"db":{"version":2,"entries":[
          {"type":"totp","name":"alice","issuer":"GitHub","note":"n","favorite":true,"info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA256","digits":8,"period":60}},
          {"type":"yandex","name":"y","issuer":"Yandex","info":{"secret":"JBSWY3DPEHPK3PXP","pin":"1234"}},
          {"type":"hotp","name":"h","issuer":"H","info":{"secret":"JBSWY3DPEHPK3PXP","counter":5}},
          {"type":"totp","name":"x"}
        ]}}"#;
        let report = import(vault, None).unwrap();
        assert_eq!(report.entries.len(), 2);
        assert_eq!(report.skipped.len(), 2);
        assert!(report.entries[0].favorite);
        assert_eq!(report.entries[0].account.params.digits(), 8);
    }

    #[test]
    fn encrypted_without_password_asks_for_it() {
        let vault = br#"{"version":1,"header":{"slots":[],"params":{"nonce":"00","tag":"00"}},"db":"AAAA"}"#;
        assert_eq!(
            import(vault, None),
            Err(ImportError::NeedsPassword { format: FORMAT })
        );
    }

    /// An encrypted vault (no entries) whose `slots` password slots use
    /// the given passwords, each with its own salt.
    fn vault_with_slots(passwords: &[&[u8]]) -> Vec<u8> {
        use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
        let seal = |key: &[u8], plain: &[u8]| {
            let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).unwrap());
            let mut data = plain.to_vec();
            let nonce = Nonce::assume_unique_for_key([0; 12]);
            let tag = key
                .seal_in_place_separate_tag(nonce, Aad::empty(), &mut data)
                .unwrap();
            (data, tag.as_ref().to_vec())
        };
        let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
        let master = [9u8; 32];
        let slots: Vec<String> = passwords
            .iter()
            .enumerate()
            .map(|(index, password)| {
                let salt = [index as u8; 32];
                let derived = decrypt::scrypt(password, &salt, 10, 8, 1).unwrap();
                let (key, tag) = seal(derived.as_ref(), &master);
                format!(
                    r#"{{"type":1,"uuid":"u{index}","key":"{}","key_params":{{"nonce":"000000000000000000000000","tag":"{}"}},"n":1024,"r":8,"p":1,"salt":"{}"}}"#,
                    hex(&key),
                    hex(&tag),
                    hex(&salt)
                )
            })
            .collect();
        let (db, tag) = seal(&master, br#"{"version":2,"entries":[]}"#);
        format!(
            r#"{{"version":1,"header":{{"slots":[{}],"params":{{"nonce":"000000000000000000000000","tag":"{}"}}}},"db":"{}"}}"#,
            slots.join(","),
            hex(&tag),
            STANDARD.encode(db)
        )
        .into_bytes()
    }

    #[test]
    fn at_most_two_slots_are_derived_whatever_their_number() {
        let opens = vault_with_slots(&[b"other", b"right"]);
        assert!(import(&opens, Some(b"right")).unwrap().encrypted);
        // The right password's slot comes third: Ward derives only two keys.
        let third = vault_with_slots(&[b"a", b"b", b"right"]);
        assert_eq!(
            import(&third, Some(b"right")),
            Err(ImportError::WrongPassword { format: FORMAT })
        );
    }

    #[test]
    fn huge_scrypt_is_refused_before_deriving() {
        let vault = br#"{"version":1,"header":{"slots":[{"type":1,"uuid":"u","key":"00","key_params":{"nonce":"000000000000000000000000","tag":"00000000000000000000000000000000"},"n":1073741824,"r":8,"p":1,"salt":"00"}],"params":{"nonce":"00","tag":"00"}},"db":"AAAA"}"#;
        assert!(matches!(
            import(vault, Some(b"pw")),
            Err(ImportError::KdfTooExpensive { .. })
        ));
    }
}
