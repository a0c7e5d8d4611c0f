//! Proton Authenticator's JSON export (unencrypted).
//!
//! `{"version": 1, "entries": [{"id": ..., "content": {"uri": ...,
//! "entry_type": "Totp" | "Steam", "name": ...}, "note": ...}]}`. TOTP
//! entries carry an `otpauth://` URI; Steam entries `steam://<base32>` with
//! the display name in `content.name`. Password-protected exports (`salt`
//! and `content` at the top level) are refused with a hint.

use serde::Deserialize;

use super::fields::steam_uri;
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry};
use crate::uri;

const FORMAT: Format = Format::Proton;

#[derive(Deserialize)]
struct Export<'a> {
    version: u32,
    #[serde(borrow)]
    entries: json::Items<'a>,
}

#[derive(Deserialize)]
struct Entry {
    content: Content,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
struct Content {
    uri: SecretText,
    entry_type: String,
    #[serde(default)]
    name: Option<String>,
}

/// Imports a Proton Authenticator export (version 1).
pub fn import(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let export: Export<'_> = json::document(bytes, FORMAT)?;
    if export.version != 1 {
        return Err(ImportError::Unsupported {
            format: FORMAT,
            detail: format!(
                "its export version is {}, and Ward reads version 1",
                export.version
            ),
        });
    }
    let mut report = ImportReport::new(FORMAT);
    for (index, raw) in export.entries.iter().enumerate() {
        let position = format!("entry {}", index + 1);
        let entry: Entry = match json::item(raw) {
            Ok(entry) => entry,
            Err(reason) => {
                report.skip(position, "", reason);
                continue;
            }
        };
        let name = entry.content.name.as_deref().unwrap_or("").trim();
        let account = match entry.content.entry_type.as_str() {
            "Steam" => steam_uri(&entry.content.uri.0, "Steam", name)
                .unwrap_or_else(|| Err("a Steam entry without a steam:// URI".into())),
            "Totp" => uri::parse(&entry.content.uri.0).map_err(|e| e.to_string()),
            other => Err(format!(
                "unknown entry type '{}'",
                other.chars().take(16).collect::<String>()
            )),
        };
        match account {
            Ok(account) => report.entries.push(ImportedEntry {
                account,
                note: entry.note.filter(|note| !note.trim().is_empty()),
                favorite: false,
            }),
            Err(reason) => report.skip(position, name, reason),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OtpKind;

    #[test]
    fn totp_and_steam() {
        let export = br#"{"version":1,"entries":[
          {"id":"a","content":{"uri":"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=15","entry_type":"Totp","name":"alice"},"note":"work"},
          {"id":"b","content":{"uri":"steam://JBSWY3DPEHPK3PXP","entry_type":"Steam","name":"gaben"},"note":null},
          {"id":"c","content":{"uri":"otpauth://totp/x","entry_type":"Totp","name":"x"}}]}"#;
        let report = import(export).unwrap();
        assert_eq!(report.entries.len(), 2);
        assert_eq!(report.entries[0].note.as_deref(), Some("work"));
        assert_eq!(
            report.entries[1].account.params.kind(),
            OtpKind::Steam { period: 30 }
        );
        assert_eq!(report.entries[1].account.name, "gaben");
        assert_eq!(report.skipped.len(), 1);
    }
}
