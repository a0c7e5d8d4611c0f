//! Google Authenticator's "Transfer accounts" export:
//! `otpauth-migration://offline?data=<base64 MigrationPayload>`.
//!
//! The payload is a protocol buffer (schema in issue 4 and in the messages
//! below), decoded with `prost`; unknown fields (real exports carry an
//! undocumented field 8) are skipped. The data is standard base64, usually
//! percent-encoded; a raw `+` is base64, not a space. An export with many
//! accounts spans several QR codes ("batches") sharing one `batch_id`:
//! [`add_payloads`] combines them in any order and reports the missing ones.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};
use percent_encoding::percent_decode_str;
use prost::Message;
use zeroize::{Zeroize, Zeroizing};

use super::fields::split_issuer;
use super::{Format, GoogleBatches, ImportReport, ImportedEntry, label_of};
use crate::account::{Account, Algorithm, OtpKind, OtpParams};
use crate::secret::Secret;

/// The scheme of a Google Authenticator export URI.
pub const SCHEME: &str = "otpauth-migration://";

/// Most QR codes one export may claim; larger `batch_size` values are
/// clamped so a crafted payload cannot ask for a huge "missing" list.
pub const MAX_BATCH_SIZE: u32 = 1024;

/// Longest secret accepted from a payload, in bytes.
pub const MAX_SECRET_BYTES: usize = 1024;

/// `MigrationPayload` as Google Authenticator writes it.
#[derive(Clone, PartialEq, Message)]
pub struct MigrationPayload {
    /// The accounts in this QR code.
    #[prost(message, repeated, tag = "1")]
    pub otp_parameters: Vec<OtpParameters>,
    /// Payload version (1 in current exports).
    #[prost(int32, tag = "2")]
    pub version: i32,
    /// How many QR codes the export has.
    #[prost(int32, tag = "3")]
    pub batch_size: i32,
    /// 0-based index of this QR code.
    #[prost(int32, tag = "4")]
    pub batch_index: i32,
    /// Shared by every QR code of one export.
    #[prost(int32, tag = "5")]
    pub batch_id: i32,
}

/// One account in a [`MigrationPayload`]. The secret is raw bytes,
/// zeroized on drop and never shown by `Debug`.
#[derive(Clone, PartialEq, Message)]
#[prost(skip_debug)]
pub struct OtpParameters {
    /// Raw key bytes.
    #[prost(bytes = "vec", tag = "1")]
    pub secret: Vec<u8>,
    /// Account name, sometimes `Issuer:account`.
    #[prost(string, tag = "2")]
    pub name: String,
    /// Issuer, may be empty.
    #[prost(string, tag = "3")]
    pub issuer: String,
    /// 0 unspecified (SHA-1), 1 SHA-1, 2 SHA-256, 3 SHA-512, 4 MD5.
    #[prost(int32, tag = "4")]
    pub algorithm: i32,
    /// 0 unspecified (6), 1 six, 2 eight.
    #[prost(int32, tag = "5")]
    pub digits: i32,
    /// 0 unspecified (TOTP), 1 HOTP, 2 TOTP.
    #[prost(int32, tag = "6")]
    pub r#type: i32,
    /// HOTP counter.
    #[prost(int64, tag = "7")]
    pub counter: i64,
}

impl Drop for OtpParameters {
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

impl fmt::Debug for OtpParameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OtpParameters")
            .field("secret", &"<redacted>")
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .field("algorithm", &self.algorithm)
            .field("digits", &self.digits)
            .field("type", &self.r#type)
            .field("counter", &self.counter)
            .finish()
    }
}

/// Standard base64 that accepts missing padding.
const LENIENT_STANDARD: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);
/// URL-safe base64 that accepts missing padding (some tools re-encode so).
const LENIENT_URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// True when the text starts with `otpauth-migration://` (any case).
pub fn is_migration_uri(text: &str) -> bool {
    text.get(..SCHEME.len())
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case(SCHEME))
}

/// Decodes one `otpauth-migration://offline?data=...` URI into its payload.
///
/// The `data` value is percent-decoded (a raw `+` stays `+`), whitespace is
/// dropped, then read as standard base64 (URL-safe accepted too; padding
/// optional) and decoded as a `MigrationPayload`. The error says what is
/// wrong without quoting the data.
pub fn decode_uri(uri: &str) -> Result<MigrationPayload, String> {
    let uri = uri.trim();
    if !is_migration_uri(uri) {
        return Err("it does not start with otpauth-migration://".into());
    }
    let rest = &uri[SCHEME.len()..];
    let query = rest.split_once('?').map_or("", |(_, query)| query);
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    let data = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.eq_ignore_ascii_case("data"))
        .map(|(_, value)| value)
        .ok_or("it has no data=... parameter: scan or copy the whole QR code")?;
    let decoded = percent_decode_str(data)
        .decode_utf8()
        .map_err(|_| "its data is not text after percent-decoding")?;
    let compact: Zeroizing<String> =
        Zeroizing::new(decoded.chars().filter(|c| !c.is_whitespace()).collect());
    if compact.is_empty() {
        return Err("its data=... parameter is empty".into());
    }
    let engine = if compact.contains(['-', '_']) {
        &LENIENT_URL_SAFE
    } else {
        &LENIENT_STANDARD
    };
    let bytes = Zeroizing::new(
        engine
            .decode(compact.as_bytes())
            .map_err(|_| "its data is not valid base64: the URI is damaged or cut short")?,
    );
    decode_payload(&bytes)
}

/// Decodes raw `MigrationPayload` bytes.
pub fn decode_payload(bytes: &[u8]) -> Result<MigrationPayload, String> {
    MigrationPayload::decode(bytes).map_err(|_| {
        "its data is not a Google Authenticator export payload (damaged or cut short)".to_string()
    })
}

/// Encodes a payload as an `otpauth-migration://offline?data=` URI, with the
/// base64 percent-encoded as Google Authenticator writes it. Zeroized on drop.
pub fn encode_uri(payload: &MigrationPayload) -> Zeroizing<String> {
    let bytes = Zeroizing::new(payload.encode_to_vec());
    let text = Zeroizing::new(general_purpose::STANDARD.encode(bytes.as_slice()));
    let mut uri = Zeroizing::new(String::with_capacity(text.len() + 48));
    uri.push_str("otpauth-migration://offline?data=");
    for character in text.chars() {
        match character {
            '+' => uri.push_str("%2B"),
            '/' => uri.push_str("%2F"),
            '=' => uri.push_str("%3D"),
            other => uri.push(other),
        }
    }
    uri
}

/// One decoded payload and where it came from ("line 3", "QR 2").
pub struct SourcedPayload {
    /// Where it came from, for skipped-item positions.
    pub position: String,
    /// The decoded payload.
    pub payload: MigrationPayload,
}

/// Adds the accounts of several payloads to `report`, combining batches of
/// the same export in batch order whatever order they came in, ignoring a
/// batch read twice, and recording for each export which batches are
/// present and missing.
pub fn add_payloads(payloads: Vec<SourcedPayload>, report: &mut ImportReport) {
    let mut exports: BTreeMap<i32, Vec<SourcedPayload>> = BTreeMap::new();
    for sourced in payloads {
        exports
            .entry(sourced.payload.batch_id)
            .or_default()
            .push(sourced);
    }
    for (batch_id, mut batches) in exports {
        batches.sort_by_key(|b| b.payload.batch_index);
        let mut declared: u32 = 1;
        let mut present: BTreeSet<u32> = BTreeSet::new();
        for mut sourced in batches {
            let payload = &mut sourced.payload;
            let Ok(index) = u32::try_from(payload.batch_index) else {
                report.skip(
                    sourced.position,
                    "",
                    "the QR code has a negative batch number: it is damaged",
                );
                continue;
            };
            let size = u32::try_from(payload.batch_size).unwrap_or(1).max(1);
            declared = declared.max(size.min(MAX_BATCH_SIZE));
            if !present.insert(index) {
                report.skip(
                    sourced.position,
                    "",
                    format!(
                        "batch {} was already read; this copy was ignored",
                        index.saturating_add(1)
                    ),
                );
                continue;
            }
            let parameters = std::mem::take(&mut payload.otp_parameters);
            for (number, parameters) in parameters.into_iter().enumerate() {
                let position = format!("{}, account {}", sourced.position, number + 1);
                let label = label_of(&parameters.issuer, &parameters.name);
                match account(parameters) {
                    Ok(account) => report.entries.push(ImportedEntry::plain(account)),
                    Err(reason) => report.skip(position, label, reason),
                }
            }
        }
        let top = present
            .iter()
            .next_back()
            .map_or(0, |i| i.saturating_add(1));
        let size = declared.max(top.min(MAX_BATCH_SIZE));
        let missing = (0..size).filter(|i| !present.contains(i)).collect();
        report.google_batches.push(GoogleBatches {
            batch_id,
            batch_size: size,
            present: present.into_iter().collect(),
            missing,
        });
    }
}

/// Imports Google export URIs given as separate strings (e.g. one per QR
/// code scanned). A URI that cannot be decoded is a skipped item.
pub fn import_uris<S: AsRef<str>>(uris: &[S]) -> ImportReport {
    let mut report = ImportReport::new(Format::GoogleMigration);
    let mut payloads = Vec::new();
    for (index, uri) in uris.iter().enumerate() {
        let position = format!("QR {}", index + 1);
        match decode_uri(uri.as_ref()) {
            Ok(payload) => payloads.push(SourcedPayload { position, payload }),
            Err(reason) => report.skip(position, "", format!("not imported: {reason}")),
        }
    }
    add_payloads(payloads, &mut report);
    report
}

fn account(mut parameters: OtpParameters) -> Result<Account, String> {
    let algorithm = match parameters.algorithm {
        0 | 1 => Algorithm::Sha1,
        2 => Algorithm::Sha256,
        3 => Algorithm::Sha512,
        4 => return Err("MD5 accounts are not supported by Ward (nor by RFC 6238)".into()),
        other => return Err(format!("unknown algorithm number {other}")),
    };
    let digits = match parameters.digits {
        0 | 1 => 6,
        2 => 8,
        other => return Err(format!("unknown digit-count number {other}")),
    };
    let kind = match parameters.r#type {
        0 | 2 => OtpKind::Totp { period: 30 },
        1 => OtpKind::Hotp {
            counter: u64::try_from(parameters.counter)
                .map_err(|_| "the HOTP counter is negative".to_string())?,
        },
        other => return Err(format!("unknown OTP type number {other}")),
    };
    if parameters.secret.len() > MAX_SECRET_BYTES {
        return Err(format!(
            "the secret is longer than {MAX_SECRET_BYTES} bytes: this is not an OTP secret"
        ));
    }
    let secret = Secret::from_bytes(std::mem::take(&mut parameters.secret))
        .map_err(|_| "the account has no secret".to_string())?;
    let params = OtpParams::new(secret, algorithm, digits, kind).map_err(|e| e.to_string())?;
    let (issuer, name) = split_issuer(&parameters.issuer, &parameters.name);
    Ok(Account {
        issuer: issuer.to_string(),
        name: name.to_string(),
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parameters(name: &str, issuer: &str) -> OtpParameters {
        OtpParameters {
            secret: b"Hello!\xde\xad\xbe\xef".to_vec(),
            name: name.into(),
            issuer: issuer.into(),
            algorithm: 1,
            digits: 1,
            r#type: 2,
            counter: 0,
        }
    }

    fn payload(index: i32, size: i32, accounts: Vec<OtpParameters>) -> MigrationPayload {
        MigrationPayload {
            otp_parameters: accounts,
            version: 1,
            batch_size: size,
            batch_index: index,
            batch_id: 77,
        }
    }

    #[test]
    fn round_trips_and_splits_issuer() {
        let uri = encode_uri(&payload(0, 1, vec![parameters("GitHub:alice", "")]));
        let report = import_uris(&[uri.as_str()]);
        assert_eq!(report.entries.len(), 1);
        let account = &report.entries[0].account;
        assert_eq!(
            (account.issuer.as_str(), account.name.as_str()),
            ("GitHub", "alice")
        );
        assert_eq!(
            account.params.secret().to_base32().as_str(),
            "JBSWY3DPEHPK3PXP"
        );
    }

    #[test]
    fn raw_plus_is_base64_not_space() {
        // A secret whose base64 contains '+': 0xfb 0xef 0xbe ...
        let mut p = parameters("x", "y");
        p.secret = vec![0xfb; 30];
        let uri = encode_uri(&payload(0, 1, vec![p]));
        let raw = uri
            .replace("%2B", "+")
            .replace("%2F", "/")
            .replace("%3D", "=");
        assert!(raw.contains('+'));
        let report = import_uris(&[raw.as_str()]);
        assert_eq!(report.entries.len(), 1, "{:?}", report.skipped);
        assert_eq!(
            report.entries[0].account.params.secret().as_bytes(),
            &[0xfb; 30]
        );
    }

    #[test]
    fn batches_combine_in_any_order_and_missing_are_named() {
        let first = encode_uri(&payload(0, 3, vec![parameters("a", "A")]));
        let third = encode_uri(&payload(2, 3, vec![parameters("c", "C")]));
        let report = import_uris(&[third.as_str(), first.as_str(), first.as_str()]);
        let names: Vec<_> = report
            .entries
            .iter()
            .map(|e| e.account.name.as_str())
            .collect();
        assert_eq!(names, ["a", "c"]);
        assert_eq!(report.google_batches[0].present, [0, 2]);
        assert_eq!(report.google_batches[0].missing, [1]);
        assert_eq!(report.skipped.len(), 1);
    }

    #[test]
    fn unknown_field_8_is_skipped_and_md5_reported() {
        let mut bytes = payload(0, 1, vec![parameters("a", "A")]).encode_to_vec();
        // field 8, varint 1
        bytes.extend_from_slice(&[0x40, 0x01]);
        let decoded = decode_payload(&bytes).unwrap();
        assert_eq!(decoded.otp_parameters.len(), 1);
        let mut md5 = parameters("m", "M");
        md5.algorithm = 4;
        let uri = encode_uri(&payload(0, 1, vec![md5]));
        let report = import_uris(&[uri.as_str()]);
        assert!(report.entries.is_empty());
        assert!(report.skipped[0].reason.contains("MD5"));
    }

    #[test]
    fn debug_hides_secret() {
        let shown = format!("{:?}", parameters("a", "b"));
        assert!(
            shown.contains("redacted") && !shown.contains("72"),
            "{shown}"
        );
    }

    #[test]
    fn damaged_uris_are_skipped_cleanly() {
        for uri in [
            "otpauth-migration://offline",
            "otpauth-migration://offline?data=",
            "otpauth-migration://offline?data=%%%",
            "otpauth-migration://offline?data=AAAA!!",
            "otpauth-migration://offline?data=CgA",
        ] {
            let report = import_uris(&[uri]);
            assert!(report.entries.is_empty(), "{uri}");
        }
    }
}
