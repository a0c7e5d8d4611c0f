//! What the JSON formats share: recognising which export a JSON document
//! is (without copying any secret out of it), error descriptions that never
//! echo values, and a zeroizing string for secrets.

use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::value::RawValue;
use zeroize::Zeroizing;

use super::{Format, ImportError, ImportReport, limits};

/// A string field holding secret material; zeroized on drop, redacted in Debug.
#[derive(Default)]
pub(crate) struct SecretText(pub Zeroizing<String>);

impl<'de> Deserialize<'de> for SecretText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| SecretText(Zeroizing::new(text)))
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The marker that starts the serde error raised by [`Items`] when a list
/// is longer than [`limits::MAX_ITEMS`].
const TOO_MANY_ITEMS: &str = "more than the allowed number of items";

/// A JSON array of at most [`limits::MAX_ITEMS`] values: a longer array
/// stops the parse at the first value over the cap, so a hostile file
/// cannot fill memory with millions of tiny items.
pub(crate) struct Capped<T>(pub Vec<T>);

/// A capped array of items kept raw (borrowed, each parsed later on its
/// own so that one bad item is skipped, not fatal).
pub(crate) type Items<'a> = Capped<&'a RawValue>;

impl<T> Default for Capped<T> {
    fn default() -> Self {
        Capped(Vec::new())
    }
}

impl<T> std::ops::Deref for Capped<T> {
    type Target = [T];
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Capped<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Capped<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<T>()? {
                    if items.len() == limits::MAX_ITEMS {
                        return Err(serde::de::Error::custom(TOO_MANY_ITEMS));
                    }
                    items.push(item);
                }
                Ok(Capped(items))
            }
        }
        deserializer.deserialize_seq(Visitor(std::marker::PhantomData))
    }
}

/// The values of a JSON object kept raw, in the file's order, at most
/// [`limits::MAX_ITEMS`] of them (keys are read and dropped).
#[derive(Default)]
pub(crate) struct CappedValues<'a>(pub Vec<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for CappedValues<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
            type Value = CappedValues<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut values = Vec::new();
                while let Some((IgnoredAny, value)) =
                    map.next_entry::<IgnoredAny, &'de RawValue>()?
                {
                    if values.len() == limits::MAX_ITEMS {
                        return Err(serde::de::Error::custom(TOO_MANY_ITEMS));
                    }
                    values.push(value);
                }
                Ok(CappedValues(values))
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// True when `error` is the one [`Items`] raises for an over-long list.
pub(crate) fn is_too_many_items(error: &serde_json::Error) -> bool {
    error.to_string().starts_with(TOO_MANY_ITEMS)
}

/// Maps a parse error of a whole document (or of its decrypted contents)
/// of `format`: too many items, cut short, or malformed with `context`.
pub(crate) fn document_error(
    error: &serde_json::Error,
    format: Format,
    context: &str,
) -> ImportError {
    if is_too_many_items(error) {
        return ImportError::TooManyItems {
            format,
            limit: limits::MAX_ITEMS,
        };
    }
    let detail = describe(error);
    if error.is_eof() {
        ImportError::Truncated { format, detail }
    } else {
        ImportError::Malformed {
            format,
            detail: format!("{context}: {detail}"),
        }
    }
}

/// The top-level keys that tell the JSON exports apart. Every field is
/// borrowed or ignored, so no secret is copied while probing.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow, default)]
    header: Option<&'a RawValue>,
    #[serde(borrow, default)]
    db: Option<&'a RawValue>,
    #[serde(default)]
    services: Option<IgnoredAny>,
    #[serde(rename = "servicesEncrypted", borrow, default)]
    services_encrypted: Option<&'a RawValue>,
    #[serde(rename = "schemaVersion", default)]
    schema_version: Option<IgnoredAny>,
    #[serde(default)]
    items: Option<IgnoredAny>,
    #[serde(default)]
    encrypted: Option<IgnoredAny>,
    #[serde(rename = "encKeyValidation_DO_NOT_EDIT", default)]
    enc_key_validation: Option<IgnoredAny>,
    #[serde(default)]
    tokens: Option<IgnoredAny>,
    #[serde(rename = "tokenOrder", default)]
    token_order: Option<IgnoredAny>,
    #[serde(default)]
    entries: Option<IgnoredAny>,
    #[serde(default)]
    salt: Option<IgnoredAny>,
    #[serde(default)]
    content: Option<IgnoredAny>,
    #[serde(rename = "kdfParams", default)]
    kdf_params: Option<IgnoredAny>,
    #[serde(rename = "encryptedData", default)]
    encrypted_data: Option<IgnoredAny>,
    #[serde(default)]
    format: Option<String>,
    #[serde(rename = "Authenticators", default)]
    authenticators: Option<IgnoredAny>,
    #[serde(default)]
    shared_secret: Option<IgnoredAny>,
    #[serde(default)]
    accounts: Option<IgnoredAny>,
}

/// The keys that tell the array exports apart, read from their first item.
#[derive(Deserialize)]
struct ItemProbe {
    #[serde(default)]
    secret: Option<IgnoredAny>,
    #[serde(rename = "otpGenerator", default)]
    otp_generator: Option<IgnoredAny>,
    #[serde(rename = "accountType", default)]
    account_type: Option<IgnoredAny>,
}

/// The first item of a JSON array, raw; the rest are skipped unread.
struct FirstItem<'a>(Option<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for FirstItem<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
            type Value = FirstItem<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let first = seq.next_element::<&'de RawValue>()?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FirstItem(first))
            }
        }
        deserializer.deserialize_seq(Visitor(std::marker::PhantomData))
    }
}

/// A recognised JSON export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonKind {
    Aegis { encrypted: bool },
    TwoFas { encrypted: bool },
    AndOtpPlain,
    Bitwarden { encrypted: bool },
    FreeOtpPlus,
    Proton { encrypted: bool },
    EnteEncrypted,
    WardBackup,
    Duo,
    Steam,
    Stratum,
}

impl JsonKind {
    pub(crate) fn format(self) -> Format {
        match self {
            JsonKind::Aegis { .. } => Format::Aegis,
            JsonKind::TwoFas { .. } => Format::TwoFas,
            JsonKind::AndOtpPlain => Format::AndOtp,
            JsonKind::Bitwarden { .. } => Format::Bitwarden,
            JsonKind::FreeOtpPlus => Format::FreeOtpPlus,
            JsonKind::Proton { .. } => Format::Proton,
            JsonKind::EnteEncrypted => Format::Ente,
            JsonKind::WardBackup => Format::WardBackup,
            JsonKind::Duo => Format::Duo,
            JsonKind::Steam => Format::Steam,
            JsonKind::Stratum => Format::Stratum,
        }
    }

    pub(crate) fn encrypted(self) -> bool {
        match self {
            JsonKind::Aegis { encrypted }
            | JsonKind::TwoFas { encrypted }
            | JsonKind::Bitwarden { encrypted }
            | JsonKind::Proton { encrypted } => encrypted,
            JsonKind::EnteEncrypted | JsonKind::WardBackup => true,
            JsonKind::AndOtpPlain
            | JsonKind::FreeOtpPlus
            | JsonKind::Duo
            | JsonKind::Steam
            | JsonKind::Stratum => false,
        }
    }

    pub(crate) fn import(
        self,
        bytes: &[u8],
        password: Option<&[u8]>,
    ) -> Result<ImportReport, ImportError> {
        match self {
            JsonKind::Aegis { .. } => super::aegis::import(bytes, password),
            JsonKind::TwoFas { .. } => super::twofas::import(bytes, password),
            JsonKind::AndOtpPlain => super::andotp::import_plain(bytes),
            JsonKind::Bitwarden { encrypted: true } => Err(ImportError::Unsupported {
                format: Format::Bitwarden,
                detail: "it is an encrypted Bitwarden export; in Bitwarden choose File format \"JSON\" (not \"JSON (Encrypted)\") and import that file".into(),
            }),
            JsonKind::Bitwarden { encrypted: false } => super::bitwarden::import(bytes),
            JsonKind::FreeOtpPlus => super::freeotp_plus::import(bytes),
            JsonKind::Proton { encrypted: true } => Err(ImportError::Unsupported {
                format: Format::Proton,
                detail: "it is a password-protected Proton Authenticator export; export again without a password and import that file".into(),
            }),
            JsonKind::Proton { encrypted: false } => super::proton::import(bytes),
            JsonKind::EnteEncrypted => Err(ImportError::Unsupported {
                format: Format::Ente,
                detail: "it is an encrypted Ente Auth export; in Ente choose Export codes > Plain text and import that file".into(),
            }),
            JsonKind::WardBackup => crate::export::backup::import(bytes, password),
            #[cfg(feature = "full-import")]
            JsonKind::Duo => super::duo::import(bytes),
            #[cfg(feature = "full-import")]
            JsonKind::Steam => super::steam::import(bytes),
            #[cfg(feature = "full-import")]
            JsonKind::Stratum => super::stratum::import(bytes),
            // Desktop-only (`READERS` in `import`): refused before this
            // point; kept total.
            #[cfg(not(feature = "full-import"))]
            JsonKind::Duo | JsonKind::Steam | JsonKind::Stratum => {
                Err(ImportError::NeedsDesktop {
                    format: self.format(),
                })
            }
        }
    }
}

/// Recognises a JSON export by its top-level keys.
pub(crate) fn detect(bytes: &[u8]) -> Result<JsonKind, ImportError> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'[') {
        return detect_array(bytes);
    }
    let probe: Probe<'_> = serde_json::from_slice(bytes).map_err(|error| {
        let detail = describe(&error);
        match guess(bytes) {
            Some(format) if error.is_eof() => ImportError::Truncated { format, detail },
            Some(format) => ImportError::Malformed {
                format,
                detail: format!("it is not valid JSON: {detail}"),
            },
            None => ImportError::UnknownFormat {
                looks_like: format!("it starts like JSON but {detail}"),
            },
        }
    })?;
    if probe.format.as_deref() == Some(crate::export::backup::FORMAT_TAG) {
        return Ok(JsonKind::WardBackup);
    }
    if let (Some(_), Some(db)) = (probe.header, probe.db) {
        return Ok(JsonKind::Aegis {
            encrypted: db.get().trim_start().starts_with('"'),
        });
    }
    if probe.services.is_some() || probe.schema_version.is_some() {
        let encrypted = probe
            .services_encrypted
            .is_some_and(|raw| raw.get().trim() != "null");
        return Ok(JsonKind::TwoFas { encrypted });
    }
    if probe.items.is_some() || probe.enc_key_validation.is_some() {
        let encrypted = probe.enc_key_validation.is_some()
            || (probe.encrypted.is_some() && bitwarden_says_encrypted(bytes));
        return Ok(JsonKind::Bitwarden { encrypted });
    }
    if probe.tokens.is_some() && probe.token_order.is_some() {
        return Ok(JsonKind::FreeOtpPlus);
    }
    if probe.kdf_params.is_some() && probe.encrypted_data.is_some() {
        return Ok(JsonKind::EnteEncrypted);
    }
    if probe.entries.is_some() {
        return Ok(JsonKind::Proton { encrypted: false });
    }
    if probe.authenticators.is_some() {
        return Ok(JsonKind::Stratum);
    }
    if probe.shared_secret.is_some() || probe.accounts.is_some() {
        return Ok(JsonKind::Steam);
    }
    if probe.salt.is_some() && probe.content.is_some() {
        return Ok(JsonKind::Proton { encrypted: true });
    }
    Err(ImportError::UnknownFormat {
        looks_like: "JSON without the fields of any export Ward knows".into(),
    })
}

/// Recognises the exports that are a bare JSON array (andOTP's plain
/// backup, Duo's account list) by the keys of their first item.
fn detect_array(bytes: &[u8]) -> Result<JsonKind, ImportError> {
    let first: FirstItem<'_> = serde_json::from_slice(bytes).map_err(|error| {
        let detail = describe(&error);
        if error.is_eof() {
            ImportError::UnknownFormat {
                looks_like: format!("a JSON list that {detail}"),
            }
        } else {
            ImportError::UnknownFormat {
                looks_like: format!("a JSON list with {detail}"),
            }
        }
    })?;
    let Some(raw) = first.0 else {
        return Err(ImportError::UnknownFormat {
            looks_like: "an empty JSON list".into(),
        });
    };
    match serde_json::from_str::<ItemProbe>(raw.get()) {
        Ok(item) if item.otp_generator.is_some() || item.account_type.is_some() => {
            Ok(JsonKind::Duo)
        }
        Ok(item) if item.secret.is_some() => Ok(JsonKind::AndOtpPlain),
        _ => Err(ImportError::UnknownFormat {
            looks_like: "a JSON list whose items are not the accounts of any export Ward knows"
                .into(),
        }),
    }
}

fn bitwarden_says_encrypted(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Flag {
        #[serde(default)]
        encrypted: Option<bool>,
    }
    serde_json::from_slice::<Flag>(bytes)
        .ok()
        .and_then(|flag| flag.encrypted)
        .unwrap_or(false)
}

/// A best guess at the format of JSON that does not parse, from its keys.
fn guess(bytes: &[u8]) -> Option<Format> {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if has(b"\"header\"") && (has(b"\"slots\"") || has(b"\"db\"")) {
        Some(Format::Aegis)
    } else if has(b"\"servicesEncrypted\"") || has(b"\"schemaVersion\"") {
        Some(Format::TwoFas)
    } else if has(b"\"tokenOrder\"") {
        Some(Format::FreeOtpPlus)
    } else if has(b"\"items\"") && has(b"\"login\"") {
        Some(Format::Bitwarden)
    } else if has(crate::export::backup::FORMAT_TAG.as_bytes()) {
        Some(Format::WardBackup)
    } else if has(b"\"entry_type\"") {
        Some(Format::Proton)
    } else {
        None
    }
}

/// Describes a JSON error without quoting any value from the input
/// (serde's messages can quote them, and a value may be a secret).
pub(crate) fn describe(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("line {}, column {}", error.line(), error.column());
    match error.classify() {
        Category::Eof => format!("it ends early at {at}"),
        Category::Syntax | Category::Io => format!("a syntax error at {at}"),
        Category::Data => {
            let message = error.to_string();
            if let Some(rest) = message.strip_prefix("missing field `")
                && let Some((field, _)) = rest.split_once('`')
            {
                return format!("the field '{field}' is missing ({at})");
            }
            format!("a value of the wrong type or out of range at {at}")
        }
    }
}

/// Parses a whole document into `T`, mapping failures to clean errors.
pub(crate) fn document<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    format: Format,
) -> Result<T, ImportError> {
    serde_json::from_slice(bytes)
        .map_err(|error| document_error(&error, format, "its structure is not as expected"))
}

/// Parses one item, for per-item skipping. The message names no value.
pub(crate) fn item<T: DeserializeOwned>(raw: &RawValue) -> Result<T, String> {
    serde_json::from_str(raw.get()).map_err(|error| {
        let detail = describe(&error);
        format!("this item could not be read: {detail} within the item")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_never_echoes_values() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            digits: u32,
        }
        let error = serde_json::from_str::<T>(r#"{"digits":"JBSWY3DPEHPK3PXP"}"#).unwrap_err();
        assert!(!describe(&error).contains("JBSW"), "{}", describe(&error));
        let error = serde_json::from_str::<T>(r#"{}"#).unwrap_err();
        assert!(describe(&error).contains("'digits'"));
    }

    #[test]
    fn detects_by_keys() {
        assert_eq!(
            detect(br#"{"version":1,"header":{"slots":null,"params":null},"db":{}}"#),
            Ok(JsonKind::Aegis { encrypted: false })
        );
        assert_eq!(
            detect(br#"{"header":{},"db":"abc"}"#),
            Ok(JsonKind::Aegis { encrypted: true })
        );
        assert_eq!(
            detect(br#"{"services":[],"schemaVersion":4,"servicesEncrypted":"a:b:c"}"#),
            Ok(JsonKind::TwoFas { encrypted: true })
        );
        assert_eq!(
            detect(br#"{"encrypted":false,"items":[]}"#),
            Ok(JsonKind::Bitwarden { encrypted: false })
        );
        assert_eq!(
            detect(br#"{"encrypted":true,"items":[]}"#),
            Ok(JsonKind::Bitwarden { encrypted: true })
        );
        assert_eq!(
            detect(br#"{"tokenOrder":[],"tokens":[]}"#),
            Ok(JsonKind::FreeOtpPlus)
        );
        assert_eq!(
            detect(br#"{"version":1,"entries":[]}"#),
            Ok(JsonKind::Proton { encrypted: false })
        );
        assert!(matches!(
            detect(br#"{"hello":1}"#),
            Err(ImportError::UnknownFormat { .. })
        ));
        assert!(matches!(
            detect(br#"{"header":{"slots":[{"#),
            Err(ImportError::Truncated {
                format: Format::Aegis,
                ..
            })
        ));
    }
}
