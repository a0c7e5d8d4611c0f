//! Apps' own token files in Android preferences XML ([`super::android_prefs`]),
//! as a rooted phone or a device backup yields them:
//!
//! - FreeOTP (and FreeOTP+) `tokens.xml`: one `<string>` per token holding
//!   the token's JSON (as FreeOTP+ exports it, [`super::freeotp_plus`]),
//!   plus `tokenOrder`, the display order. FreeOTP stores the *next*
//!   counter of an HOTP token, which is what Ward keeps too.
//! - Authy `com.authy.storage.tokens.authenticator.xml`: the key
//!   `com.authy.storage.tokens.authenticator.key` holds a JSON list of
//!   tokens with `decryptedSecret` (base32), `digits`, `originalIssuer`,
//!   `originalName` and `name`. Lists whose secrets are still encrypted
//!   (`encryptedSecret` only) are refused with what to do.
//! - TOTP Authenticator `*_preferences.xml`: `STATIC_TOTP_CODES_LIST`
//!   holds a JSON list with `issuer`, `name`, `key` and `base` (16, 32 or
//!   64: the key's encoding); the app only makes 6-digit, 30 s SHA-1 codes.
//! - Battle.net `com.blizzard.messenger.authenticator_preferences.xml`:
//!   `AUTHENTICATOR_DEVICE_SECRET` and `AUTHENTICATOR_SERIAL`, each the hex
//!   of its text XOR-ed with the app's fixed 56-byte mask (encryption type
//!   `MASK`); the secret text is itself hex. An 8-digit, 30 s SHA-1 TOTP
//!   named by the serial, issuer "Battle.net".

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::fields::Fields;
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry, android_prefs, label_of, limits};
use crate::secret::Secret;

/// The preferences key of Authy's token list.
pub(crate) const AUTHY_KEY: &str = "com.authy.storage.tokens.authenticator.key";
/// The preferences key of TOTP Authenticator's token list.
pub(crate) const TOTP_AUTHENTICATOR_KEY: &str = "STATIC_TOTP_CODES_LIST";
/// The preferences key prefix of the Battle.net authenticator.
pub(crate) const BATTLE_NET_PREFIX: &str = "com.blizzard.messenger.AUTHENTICATOR";
const BATTLE_NET_SECRET: &str = "com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET";
const BATTLE_NET_SERIAL: &str = "com.blizzard.messenger.AUTHENTICATOR_SERIAL";
/// The Battle.net app's fixed XOR mask (the same in every install).
const BATTLE_NET_MASK: [u8; 56] = [
    0x39, 0x8e, 0x27, 0xfc, 0x50, 0x27, 0x6a, 0x65, 0x60, 0x65, 0xb0, 0xe5, 0x25, 0xf4, 0xc0, 0x6c,
    0x04, 0xc6, 0x10, 0x75, 0x28, 0x6b, 0x8e, 0x7a, 0xed, 0xa5, 0x9d, 0xa9, 0x81, 0x3b, 0x5d, 0xd6,
    0xc8, 0x0d, 0x2f, 0xb3, 0x80, 0x68, 0x77, 0x3f, 0xa5, 0x9b, 0xa4, 0x7c, 0x17, 0xca, 0x6c, 0x64,
    0x79, 0x01, 0x5c, 0x1d, 0x5b, 0x8b, 0x8f, 0x6b,
];

/// The preferences key of FreeOTP's token order.
pub(crate) const FREEOTP_ORDER_KEY: &str = "tokenOrder";

fn entries(bytes: &[u8], format: Format) -> Result<Vec<(String, String)>, ImportError> {
    let malformed = |detail: String| ImportError::Malformed { format, detail };
    let text = std::str::from_utf8(bytes).map_err(|_| malformed("it is not UTF-8 text".into()))?;
    // Tokens plus the app's own settings.
    android_prefs::strings(text, limits::MAX_ITEMS + 100).map_err(malformed)
}

/// Imports FreeOTP's token file, in its display order.
pub fn import_freeotp(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let format = Format::FreeOtp;
    let mut strings = entries(bytes, format)?;
    let order: Vec<String> = strings
        .iter()
        .find(|(name, _)| name == FREEOTP_ORDER_KEY)
        .and_then(|(_, value)| serde_json::from_str(value).ok())
        .unwrap_or_default();
    strings.retain(|(name, _)| name != FREEOTP_ORDER_KEY);
    // Tokens named in tokenOrder first, in that order, then any others.
    strings.sort_by_key(|(name, _)| order.iter().position(|o| o == name).unwrap_or(usize::MAX));
    let mut report = ImportReport::new(format);
    for (index, (_, token)) in strings.iter().enumerate() {
        super::freeotp_plus::read_token(token, format!("token {}", index + 1), &mut report);
    }
    Ok(report)
}

/// One token of Authy's list. `encryptedSecret` and `salt` are read by
/// [`super::authy_encrypted`] (desktop builds).
#[derive(Deserialize)]
pub(crate) struct AuthyToken {
    #[serde(rename = "decryptedSecret", default)]
    decrypted_secret: Option<SecretText>,
    #[serde(rename = "encryptedSecret", default)]
    pub(crate) encrypted_secret: Option<String>,
    #[serde(default)]
    #[cfg_attr(not(feature = "full-import"), allow(dead_code))]
    pub(crate) salt: Option<String>,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(rename = "originalIssuer", default)]
    original_issuer: Option<String>,
    #[serde(rename = "originalName", default)]
    original_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(rename = "accountType", default)]
    account_type: Option<String>,
}

/// Authy's issuer and account name: the original issuer, else the part of
/// the original name before ':', else the part of the shown name before
/// " - ", else the account type; the name is the shown name without it.
pub(crate) fn authy_label(token: &AuthyToken) -> (String, String) {
    let shown = token.name.as_deref().unwrap_or("").trim();
    let (issuer, separator) =
        if let Some(issuer) = token.original_issuer.as_deref().filter(|i| !i.is_empty()) {
            (issuer.to_string(), "")
        } else if let Some((issuer, _)) = token
            .original_name
            .as_deref()
            .and_then(|n| n.split_once(':'))
        {
            (issuer.to_string(), ":")
        } else if let Some((issuer, _)) = shown.split_once(" - ") {
            (issuer.to_string(), " - ")
        } else {
            let kind = token.account_type.as_deref().unwrap_or("");
            let mut chars = kind.chars();
            let capitalised = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            (capitalised, "")
        };
    let name = shown.replacen(&format!("{issuer}{separator}"), "", 1);
    let name = name.strip_prefix(": ").unwrap_or(&name).trim().to_string();
    (issuer, name)
}

/// Reads the JSON token list stored under `key` and hands each token that
/// parses as `T` to `read` with its position; the others are skipped.
fn each_token<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    format: Format,
    key: &str,
    read: impl FnMut(T, String, &mut ImportReport),
) -> Result<ImportReport, ImportError> {
    let strings = entries(bytes, format)?;
    let list = strings
        .iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
        .ok_or_else(|| ImportError::Malformed {
            format,
            detail: format!("it has no {key} entry"),
        })?;
    each_listed_token(list, format, read)
}

/// Like [`each_token`] for a token list already out of its file.
fn each_listed_token<T: serde::de::DeserializeOwned>(
    list: &str,
    format: Format,
    mut read: impl FnMut(T, String, &mut ImportReport),
) -> Result<ImportReport, ImportError> {
    let tokens: json::Items<'_> = serde_json::from_str(list)
        .map_err(|e| json::document_error(&e, format, "its token list is not as expected"))?;
    let mut report = ImportReport::new(format);
    for (index, raw) in tokens.iter().enumerate() {
        let position = format!("token {}", index + 1);
        match json::item(raw) {
            Ok(token) => read(token, position, &mut report),
            Err(reason) => report.skip(position, "", reason),
        }
    }
    Ok(report)
}

/// The secret of an Authy token in clear, or why there is none.
fn authy_clear_secret(token: &AuthyToken) -> Result<Zeroizing<String>, String> {
    match (&token.decrypted_secret, &token.encrypted_secret) {
        (Some(secret), _) => Ok(secret.0.clone()),
        (None, Some(_)) => Err("Authy keeps this secret encrypted with your backup password, but other secrets of this file are in clear: import a file where all are encrypted, or re-enrol the account in Ward".into()),
        (None, None) => Err("the token has no secret".into()),
    }
}

/// Imports Authy's authenticator token file (secrets in clear).
pub fn import_authy(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    import_authy_with(bytes, authy_clear_secret)
}

/// Imports Authy's token file, each token's base32 secret given by
/// `secret_of` (in clear, or decrypted by [`super::authy_encrypted`]).
pub(crate) fn import_authy_with(
    bytes: &[u8],
    mut secret_of: impl FnMut(&AuthyToken) -> Result<Zeroizing<String>, String>,
) -> Result<ImportReport, ImportError> {
    each_token(
        bytes,
        Format::Authy,
        AUTHY_KEY,
        |token: AuthyToken, position, report| {
            let (issuer, name) = authy_label(&token);
            let secret = match secret_of(&token) {
                Ok(secret) => secret,
                Err(reason) => {
                    report.skip(position, label_of(&issuer, &name), reason);
                    return;
                }
            };
            let fields = Fields {
                secret: &secret,
                digits: token.digits,
                issuer: &issuer,
                name: &name,
                ..Fields::default()
            };
            match fields.build() {
                Ok(account) => report.entries.push(ImportedEntry::plain(account)),
                Err(reason) => report.skip(position, label_of(&issuer, &name), reason),
            }
        },
    )
}

#[derive(Deserialize)]
struct TotpAuthenticatorToken {
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    name: Option<String>,
    key: SecretText,
    #[serde(default)]
    base: Option<u32>,
}

/// Imports TOTP Authenticator's internal preferences file.
pub fn import_totp_authenticator(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    each_token(
        bytes,
        Format::TotpAuthenticator,
        TOTP_AUTHENTICATOR_KEY,
        read_totp_authenticator_token,
    )
}

/// Imports TOTP Authenticator's token list (JSON text), as its internal
/// file and its encrypted backup (`super::totp_authenticator_backup`) hold it.
#[cfg_attr(not(feature = "full-import"), allow(dead_code))]
pub(crate) fn import_totp_authenticator_list(list: &str) -> Result<ImportReport, ImportError> {
    each_listed_token(
        list,
        Format::TotpAuthenticator,
        read_totp_authenticator_token,
    )
}

fn read_totp_authenticator_token(
    token: TotpAuthenticatorToken,
    position: String,
    report: &mut ImportReport,
) {
    let issuer = token.issuer.as_deref().unwrap_or("");
    let name = token.name.as_deref().unwrap_or("");
    let key = token.key.0.trim();
    let secret = match token.base {
        Some(16) => super::aegis::hex(key)
            .ok_or_else(|| "its key is not hex".to_string())
            .and_then(|bytes| Secret::from_bytes(bytes).map_err(|e| format!("bad secret: {e}"))),
        Some(32) | None => Secret::from_base32(key).map_err(|e| format!("bad secret: {e}")),
        Some(64) => STANDARD
            .decode(key)
            .map_err(|_| "its key is not base64".to_string())
            .and_then(|bytes| Secret::from_bytes(bytes).map_err(|e| format!("bad secret: {e}"))),
        Some(other) => Err(format!(
            "its key encoding (base {other}) is not 16, 32 or 64"
        )),
    };
    let built = secret.and_then(|secret| {
        Fields {
            issuer,
            name,
            ..Fields::default()
        }
        .build_with(secret)
    });
    match built {
        Ok(account) => report.entries.push(ImportedEntry::plain(account)),
        Err(reason) => report.skip(position, label_of(issuer, name), reason),
    }
}

/// Hex text XOR-ed with [`BATTLE_NET_MASK`], back to its bytes.
fn battle_net_unmask(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let masked = Zeroizing::new(super::aegis::hex(text)?);
    if masked.len() > BATTLE_NET_MASK.len() {
        return None;
    }
    Some(Zeroizing::new(
        masked
            .iter()
            .zip(BATTLE_NET_MASK)
            .map(|(byte, mask)| byte ^ mask)
            .collect(),
    ))
}

/// Imports the Battle.net authenticator's preferences file.
pub fn import_battle_net(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let format = Format::BattleNet;
    let strings = entries(bytes, format)?;
    let value = |key: &str| {
        strings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let masked = value(BATTLE_NET_SECRET).ok_or_else(|| ImportError::Malformed {
        format,
        detail: "it has no authenticator secret".into(),
    })?;
    let serial = value(BATTLE_NET_SERIAL)
        .and_then(battle_net_unmask)
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
        .unwrap_or_default();
    let mut report = ImportReport::new(format);
    let secret = battle_net_unmask(masked)
        .and_then(|hex_text| {
            std::str::from_utf8(&hex_text)
                .ok()
                .and_then(super::aegis::hex)
        })
        .ok_or_else(|| "its secret does not unmask to hex: the file is damaged".to_string())
        .and_then(|bytes| Secret::from_bytes(bytes).map_err(|e| format!("bad secret: {e}")));
    let built = secret.and_then(|secret| {
        Fields {
            digits: Some(8),
            issuer: "Battle.net",
            name: &serial,
            ..Fields::default()
        }
        .build_with(secret)
    });
    match built {
        Ok(account) => report.entries.push(ImportedEntry::plain(account)),
        Err(reason) => report.skip("authenticator", label_of("Battle.net", &serial), reason),
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefs(entries: &[(&str, &str)]) -> Vec<u8> {
        let escape = |s: &str| {
            s.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
        };
        let body: String = entries
            .iter()
            .map(|(k, v)| {
                format!(
                    "    <string name=\"{}\">{}</string>\n",
                    escape(k),
                    escape(v)
                )
            })
            .collect();
        format!("<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n{body}</map>\n")
            .into_bytes()
    }

    #[test]
    fn freeotp_tokens_in_token_order() {
        let xml = prefs(&[
            (
                "B:b",
                r#"{"algo":"SHA1","counter":7,"digits":6,"issuerExt":"B","label":"b","period":30,"secret":[1,2,3,4,5,6,7,8,9,10],"type":"HOTP"}"#,
            ),
            (
                "A:a",
                r#"{"algo":"SHA256","digits":8,"issuerExt":"A","label":"a","period":30,"secret":[-1,2,3,4,5,6,7,8,9,10],"type":"TOTP"}"#,
            ),
            ("tokenOrder", r#"["A:a","B:b"]"#),
        ]);
        let report = import_freeotp(&xml).unwrap();
        assert_eq!(report.entries.len(), 2);
        assert_eq!(report.entries[0].account.issuer, "A");
        assert_eq!(
            report.entries[1].account.params.kind(),
            crate::OtpKind::Hotp { counter: 7 }
        );
    }

    #[test]
    fn authy_labels_and_encrypted_secrets() {
        let xml = prefs(&[(
            AUTHY_KEY,
            r#"[{"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":7,"originalName":"Deno:Mason","name":"Deno: Mason"},
                {"accountType":"authenticator","encryptedSecret":"abc","digits":6,"name":"X - y"}]"#,
        )]);
        let report = import_authy(&xml).unwrap();
        assert_eq!(report.entries.len(), 1);
        assert_eq!(report.entries[0].account.issuer, "Deno");
        assert_eq!(report.entries[0].account.name, "Mason");
        assert_eq!(report.skipped.len(), 1);
        assert!(report.skipped[0].reason.contains("encrypted"));
    }

    #[test]
    fn battle_net_mask() {
        let mask = |text: &[u8]| -> String {
            text.iter()
                .zip(BATTLE_NET_MASK)
                .map(|(b, m)| format!("{:02x}", b ^ m))
                .collect()
        };
        let xml = prefs(&[
            (
                "com.blizzard.messenger.AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE",
                "MASK",
            ),
            (
                BATTLE_NET_SECRET,
                &mask(b"3132333435363738393031323334353637383930"),
            ),
            (BATTLE_NET_SERIAL, &mask(b"US-1234-5678-9012")),
        ]);
        let report = import_battle_net(&xml).unwrap();
        let account = &report.entries[0].account;
        assert_eq!(
            (account.issuer.as_str(), account.name.as_str()),
            ("Battle.net", "US-1234-5678-9012")
        );
        assert_eq!(account.params.secret().as_bytes(), b"12345678901234567890");
        assert_eq!(account.params.digits(), 8);
    }

    #[test]
    fn totp_authenticator_key_encodings() {
        let xml = prefs(&[(
            TOTP_AUTHENTICATOR_KEY,
            r#"[{"issuer":"Deno","name":"mason","key":"E49270F0D21F365C8408F8B475C5267C","base":16,"digits":"7"},
                {"issuer":"B","name":"b","key":"JBSWY3DPEHPK3PXP","base":32},
                {"issuer":"C","name":"c","key":"xx","base":7}]"#,
        )]);
        let report = import_totp_authenticator(&xml).unwrap();
        assert_eq!(report.entries.len(), 2);
        assert_eq!(report.entries[0].account.params.digits(), 6);
        assert_eq!(report.skipped.len(), 1);
    }
}
