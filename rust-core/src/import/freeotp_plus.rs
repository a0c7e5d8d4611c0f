//! FreeOTP+ JSON export (`freeotp-backup.json`).
//!
//! `{"tokenOrder": [...], "tokens": [...]}`; each token has `algo`,
//! `counter`, `digits`, `issuerExt` (shown issuer; `issuerInt`,
//! `issuerAlt` as fallbacks), `label`, `period`, `type` (`TOTP`, `HOTP`)
//! and `secret` as an array of *signed* bytes (Java's `byte[]`, -128..127).

use std::fmt;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

use super::fields::Fields;
use super::json;
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of};
use crate::secret::Secret;

const FORMAT: Format = Format::FreeOtpPlus;
/// Longest secret accepted, in bytes.
pub const MAX_SECRET_BYTES: usize = 1024;

#[derive(Deserialize)]
struct Export<'a> {
    #[serde(borrow, default)]
    tokens: json::Items<'a>,
}

#[derive(Deserialize)]
struct Token {
    #[serde(default)]
    algo: Option<String>,
    #[serde(default)]
    counter: Option<u64>,
    #[serde(default)]
    digits: Option<u64>,
    #[serde(rename = "issuerExt", default)]
    issuer_ext: Option<String>,
    #[serde(rename = "issuerInt", default)]
    issuer_int: Option<String>,
    #[serde(rename = "issuerAlt", default)]
    issuer_alt: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(rename = "labelAlt", default)]
    label_alt: Option<String>,
    #[serde(default)]
    period: Option<u64>,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    secret: Option<SignedBytes>,
}

/// A Java `byte[]` as JSON numbers (-128..=127; 0..=255 also accepted),
/// zeroized on drop.
struct SignedBytes(Zeroizing<Vec<u8>>);

impl<'de> Deserialize<'de> for SignedBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BytesVisitor;
        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = SignedBytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of bytes")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SignedBytes, A::Error> {
                let mut bytes = Zeroizing::new(Vec::new());
                while let Some(value) = seq.next_element::<i64>()? {
                    if !(-128..=255).contains(&value) {
                        return Err(serde::de::Error::custom("a secret byte is out of range"));
                    }
                    if bytes.len() == MAX_SECRET_BYTES {
                        return Err(serde::de::Error::custom("the secret is too long"));
                    }
                    bytes.push((value & 0xff) as u8);
                }
                Ok(SignedBytes(bytes))
            }
        }
        deserializer.deserialize_seq(BytesVisitor)
    }
}

/// Imports a FreeOTP+ JSON export.
pub fn import(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let export: Export<'_> = json::document(bytes, FORMAT)?;
    let mut report = ImportReport::new(FORMAT);
    for (index, raw) in export.tokens.iter().enumerate() {
        read_token(raw.get(), format!("token {}", index + 1), &mut report);
    }
    Ok(report)
}

/// Reads one token (its JSON text) into `report`, or skips it with the
/// reason. Shared with FreeOTP's own token file ([`super::freeotp_xml`]).
pub(crate) fn read_token(token_json: &str, position: String, report: &mut ImportReport) {
    read_token_with(token_json, None, position, report);
}

/// Like [`read_token`], with the secret given apart (FreeOTP 2 backups
/// keep it sealed outside the token's JSON) instead of the token's own.
pub(crate) fn read_token_with(
    token_json: &str,
    secret: Option<Secret>,
    position: String,
    report: &mut ImportReport,
) {
    let token: Token = match serde_json::from_str(token_json) {
        Ok(token) => token,
        Err(error) => {
            report.skip(
                position,
                "",
                format!("this token could not be read: {}", json::describe(&error)),
            );
            return;
        }
    };
    let pick = |options: [&Option<String>; 3]| {
        options
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let issuer = pick([&token.issuer_ext, &token.issuer_int, &token.issuer_alt]);
    let name = pick([&token.label, &token.label_alt, &None]);
    let secret = match secret.map(Ok).unwrap_or_else(|| {
        let bytes = token
            .secret
            .as_ref()
            .map(|s| s.0.to_vec())
            .unwrap_or_default();
        Secret::from_bytes(bytes)
    }) {
        Ok(secret) => secret,
        Err(_) => {
            report.skip(
                position,
                label_of(&issuer, &name),
                "the token has no secret",
            );
            return;
        }
    };
    let fields = Fields {
        kind: token.kind.as_deref(),
        algorithm: token.algo.as_deref(),
        digits: token.digits,
        period: token.period.filter(|p| *p != 0),
        counter: token.counter,
        issuer: &issuer,
        name: &name,
        ..Fields::default()
    };
    match fields.build_with(secret) {
        Ok(account) => report.entries.push(ImportedEntry::plain(account)),
        Err(reason) => report.skip(position, label_of(&issuer, &name), reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_bytes() {
        // "Hello!\xde\xad\xbe\xef" with the high bytes as Java writes them.
        let export = br#"{"tokenOrder":["GitHub:alice"],"tokens":[
          {"algo":"SHA1","counter":0,"digits":6,"issuerExt":"GitHub","label":"alice","period":30,"secret":[72,101,108,108,111,33,-34,-83,-66,-17],"type":"TOTP"},
          {"algo":"SHA1","digits":6,"issuerExt":"X","label":"x","period":30,"secret":[300],"type":"TOTP"}]}"#;
        let report = import(export).unwrap();
        assert_eq!(report.entries.len(), 1);
        assert_eq!(
            report.entries[0]
                .account
                .params
                .secret()
                .to_base32()
                .as_str(),
            "JBSWY3DPEHPK3PXP"
        );
        assert_eq!(report.skipped.len(), 1);
    }
}
