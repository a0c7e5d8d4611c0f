//! Steam Guard files (`Steamguard-<steamid>` from the Steam app's data, or
//! the `.maFile` of Steam Desktop Authenticator): one JSON object with
//! `shared_secret` (base64) and `account_name`, or the newer
//! `{"accounts": {"<id>": {...}}}` holding several. Each becomes a Steam
//! account (5 characters, 30 s) with issuer "Steam".

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::fields::Fields;
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of};
use crate::secret::Secret;

const FORMAT: Format = Format::Steam;
const ISSUER: &str = "Steam";

#[derive(Deserialize)]
struct Guard {
    shared_secret: SecretText,
    #[serde(default)]
    account_name: Option<String>,
}

#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow, default)]
    accounts: Option<json::CappedValues<'a>>,
}

/// Imports a Steam Guard file (one account, or an `accounts` map).
pub fn import(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::new(FORMAT);
    let probe: Probe<'_> = json::document(bytes, FORMAT)?;
    if let Some(accounts) = probe.accounts {
        for (index, raw) in accounts.0.iter().enumerate() {
            read(raw, format!("account {}", index + 1), &mut report);
        }
    } else {
        let raw: &RawValue = json::document(bytes, FORMAT)?;
        read(raw, "account 1".into(), &mut report);
    }
    Ok(report)
}

fn read(raw: &RawValue, position: String, report: &mut ImportReport) {
    let guard: Guard = match json::item(raw) {
        Ok(guard) => guard,
        Err(reason) => {
            report.skip(position, "", reason);
            return;
        }
    };
    let name = guard.account_name.as_deref().unwrap_or("");
    let secret = match STANDARD.decode(guard.shared_secret.0.trim()) {
        Ok(bytes) => Secret::from_bytes(bytes).map_err(|e| format!("bad secret: {e}")),
        Err(_) => Err("its shared_secret is not base64".into()),
    };
    let built = secret.and_then(|secret| {
        Fields {
            kind: Some("steam"),
            issuer: ISSUER,
            name,
            ..Fields::default()
        }
        .build_with(secret)
    });
    match built {
        Ok(account) => report.entries.push(ImportedEntry::plain(account)),
        Err(reason) => report.skip(position, label_of(ISSUER, name), reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_layouts() {
        let old = br#"{"steamid":"1","shared_secret":"THIl8+Jl6ugxr8x0X6eRMg==","account_name":"Sophia"}"#;
        let report = import(old).unwrap();
        assert_eq!(report.entries[0].account.issuer, "Steam");
        assert_eq!(report.entries[0].account.name, "Sophia");
        let new = br#"{"accounts":{"a":{"shared_secret":"THIl8+Jl6ugxr8x0X6eRMg==","account_name":"Sophia"},"b":{"shared_secret":"!!"}}}"#;
        let report = import(new).unwrap();
        assert_eq!(report.entries.len(), 1);
        assert_eq!(report.skipped.len(), 1);
    }
}
