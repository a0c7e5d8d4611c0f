//! Ente Auth's plain-text export: one `otpauth://` URI per line, each with
//! an extra `codeDisplay` query parameter holding percent-encoded JSON such
//! as `{"pinned":true,"trashed":false,"note":"...","tags":[...]}`.
//!
//! `pinned` becomes the favourite flag, `note` the note; entries in Ente's
//! trash are skipped and reported. The lines themselves are read by
//! [`super::otpauth_text`]; Ente's encrypted export is refused with a hint.

use percent_encoding::percent_decode_str;
use serde::Deserialize;

use super::ImportedEntry;
use super::otpauth_text::plain_entry;

/// The `codeDisplay` metadata Ward keeps.
#[derive(Deserialize, Default)]
struct CodeDisplay {
    #[serde(default)]
    pinned: bool,
    #[serde(default)]
    trashed: bool,
    #[serde(default)]
    note: Option<String>,
}

/// True when the URI has a `codeDisplay` parameter.
pub(crate) fn has_code_display(uri: &str) -> bool {
    code_display_value(uri).is_some()
}

/// Reads one URI line: `Ok(None)` for an entry in Ente's trash; the Ente
/// metadata, when present and readable, sets note and favourite. Unreadable
/// metadata is ignored (the account itself still imports).
pub(crate) fn entry(uri: &str) -> Result<Option<ImportedEntry>, String> {
    let mut entry = plain_entry(uri)?;
    if let Some(raw) = code_display_value(uri) {
        let spaced = raw.replace('+', " ");
        let display = percent_decode_str(&spaced)
            .decode_utf8()
            .ok()
            .and_then(|json| serde_json::from_str::<CodeDisplay>(&json).ok())
            .unwrap_or_default();
        if display.trashed {
            return Ok(None);
        }
        entry.favorite = display.pinned;
        entry.note = display.note.filter(|note| !note.trim().is_empty());
    }
    Ok(Some(entry))
}

fn code_display_value(uri: &str) -> Option<&str> {
    let query = uri.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.eq_ignore_ascii_case("codeDisplay"))
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub";

    #[test]
    fn reads_pinned_note_and_trash() {
        let pinned = format!(
            "{BASE}&codeDisplay=%7B%22pinned%22%3Atrue%2C%22trashed%22%3Afalse%2C%22note%22%3A%22work%20laptop%22%7D"
        );
        let entry = entry(&pinned).unwrap().unwrap();
        assert!(entry.favorite);
        assert_eq!(entry.note.as_deref(), Some("work laptop"));
        let trashed = format!("{BASE}&codeDisplay=%7B%22trashed%22%3Atrue%7D");
        assert_eq!(super::entry(&trashed).unwrap(), None);
        let garbage = format!("{BASE}&codeDisplay=%7B");
        assert!(!super::entry(&garbage).unwrap().unwrap().favorite);
    }
}
