//! Bitwarden's unencrypted JSON export.
//!
//! `{"encrypted": false, "items": [...]}`; each login item may carry
//! `login.totp`, which Bitwarden accepts in three forms: an `otpauth://`
//! URI, `steam://<base32>`, or a bare base32 secret (TOTP, SHA-1, 6 digits,
//! 30 s). The item's name becomes the issuer and `login.username` the
//! account name when the TOTP value does not say them. Items without a
//! TOTP key are counted in [`ImportReport::without_otp`], not listed.
//! Passwords and item notes are never read into Ward (notes often hold
//! recovery codes meant for the password manager). Encrypted exports are
//! refused with a hint.

use serde::Deserialize;

use super::fields::{Fields, steam_uri};
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of};
use crate::uri;

const FORMAT: Format = Format::Bitwarden;

#[derive(Deserialize)]
struct Export<'a> {
    #[serde(borrow, default)]
    items: json::Items<'a>,
}

#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    favorite: bool,
    #[serde(default)]
    login: Option<Login>,
}

#[derive(Deserialize)]
struct Login {
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    totp: Option<SecretText>,
}

/// Imports the TOTP keys of a Bitwarden unencrypted JSON export.
pub fn import(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let export: Export<'_> = json::document(bytes, FORMAT)?;
    let mut report = ImportReport::new(FORMAT);
    for (index, raw) in export.items.iter().enumerate() {
        let position = format!("item {}", index + 1);
        let item: Item = match json::item(raw) {
            Ok(item) => item,
            Err(reason) => {
                report.skip(position, "", reason);
                continue;
            }
        };
        let item_name = item.name.as_deref().unwrap_or("").trim();
        let Some(login) = item.login else {
            report.without_otp += 1;
            continue;
        };
        let Some(totp) = login.totp.as_ref().filter(|t| !t.0.trim().is_empty()) else {
            report.without_otp += 1;
            continue;
        };
        let username = login.username.as_deref().unwrap_or("").trim();
        match account(&totp.0, item_name, username) {
            Ok(account) => report.entries.push(ImportedEntry {
                account,
                note: None,
                favorite: item.favorite,
            }),
            Err(reason) => report.skip(position, label_of(item_name, username), reason),
        }
    }
    Ok(report)
}

pub(crate) fn account(
    totp: &str,
    item_name: &str,
    username: &str,
) -> Result<crate::Account, String> {
    let totp = totp.trim();
    if let Some(steam) = steam_uri(totp, item_name, username) {
        return steam;
    }
    if totp
        .get(..10)
        .is_some_and(|s| s.eq_ignore_ascii_case("otpauth://"))
    {
        let mut account = uri::parse(totp).map_err(|e| e.to_string())?;
        if account.issuer.is_empty() {
            account.issuer = item_name.to_string();
        }
        if account.name.is_empty() {
            account.name = username.to_string();
        }
        return Ok(account);
    }
    Fields {
        secret: totp,
        issuer: item_name,
        name: username,
        ..Fields::default()
    }
    .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OtpKind;

    #[test]
    fn three_totp_forms_and_plain_logins() {
        let export = br#"{"encrypted":false,"folders":[],"items":[
          {"type":1,"name":"GitHub","favorite":true,"notes":"recovery codes","login":{"username":"alice","password":"hunter2","totp":"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"}},
          {"type":1,"name":"Steam","login":{"username":"gaben","totp":"steam://JBSWY3DPEHPK3PXP"}},
          {"type":1,"name":"Example","login":{"username":"bob","totp":"jbsw y3dp ehpk 3pxp"}},
          {"type":1,"name":"NoTotp","login":{"username":"c","password":"p","totp":null}},
          {"type":2,"name":"Secure note","notes":"x"},
          {"type":1,"name":"Broken","login":{"username":"d","totp":"not base32!"}}
        ]}"#;
        let report = import(export).unwrap();
        assert_eq!(report.entries.len(), 3);
        assert!(report.entries[0].favorite && report.entries[0].note.is_none());
        assert_eq!(
            report.entries[1].account.params.kind(),
            OtpKind::Steam { period: 30 }
        );
        assert_eq!(report.entries[2].account.issuer, "Example");
        assert_eq!(report.without_otp, 2);
        assert_eq!(report.skipped.len(), 1);
    }
}
