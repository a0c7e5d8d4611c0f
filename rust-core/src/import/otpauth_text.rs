//! Text files of URIs, one per line: plain `otpauth://` lists (as many apps
//! export them), Ente Auth's plain-text export (the same with a
//! `codeDisplay` parameter, see [`super::ente`]), and Google Authenticator
//! migration URIs (see [`super::google`]), which may be mixed and in any
//! order. A UTF-8 BOM, CRLF line ends, blank lines and comment lines
//! starting with `#` or `//` are tolerated.

use super::google::{self, SourcedPayload};
use super::{Format, ImportError, ImportReport, ImportedEntry, ente};
use crate::uri;

const OTPAUTH: &str = "otpauth://";

/// True when at least one line is an otpauth or otpauth-migration URI.
pub(crate) fn looks_like_text(text: &str) -> bool {
    lines(text).any(|(_, line)| is_otpauth(line) || google::is_migration_uri(line))
}

/// The format a text file will be reported as: Google export when every
/// URI is a migration URI, Ente when a URI carries `codeDisplay`, else a
/// plain otpauth list.
pub(crate) fn text_format(bytes: &[u8]) -> Format {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Format::OtpauthText;
    };
    let mut otpauth = false;
    let mut migration = false;
    let mut ente = false;
    for (_, line) in lines(text) {
        if is_otpauth(line) {
            otpauth = true;
            ente |= ente::has_code_display(line);
        } else if google::is_migration_uri(line) {
            migration = true;
        }
    }
    if ente {
        Format::Ente
    } else if migration && !otpauth {
        Format::GoogleMigration
    } else {
        Format::OtpauthText
    }
}

/// Imports every URI line. Lines that are neither comments nor URIs, and
/// URIs that do not parse, are skipped with their line number and reason.
///
/// Fails only when the bytes are not UTF-8 text.
pub fn import(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::UnknownFormat {
        looks_like: "text that is not UTF-8".into(),
    })?;
    let mut report = ImportReport::new(text_format(bytes));
    let mut payloads = Vec::new();
    for (number, line) in lines(text) {
        let position = format!("line {number}");
        if is_otpauth(line) {
            match ente::entry(line) {
                Ok(Some(entry)) => report.entries.push(entry),
                Ok(None) => report.skip(
                    position,
                    uri::parse(line)
                        .map(|a| super::label_of(&a.issuer, &a.name))
                        .unwrap_or_default(),
                    "it is in Ente's trash; restore it in Ente first if you want it",
                ),
                Err(reason) => report.skip(position, "", reason),
            }
        } else if google::is_migration_uri(line) {
            match google::decode_uri(line) {
                Ok(payload) => payloads.push(SourcedPayload { position, payload }),
                Err(reason) => report.skip(
                    position,
                    "",
                    format!("this Google Authenticator export URI was not read: {reason}"),
                ),
            }
        } else {
            report.skip(
                position,
                "",
                "this line is not an otpauth:// or otpauth-migration:// URI",
            );
        }
    }
    google::add_payloads(payloads, &mut report);
    Ok(report)
}

/// Reads one plain otpauth URI line into an entry.
pub(crate) fn plain_entry(line: &str) -> Result<ImportedEntry, String> {
    uri::parse(line)
        .map(ImportedEntry::plain)
        .map_err(|e| e.to_string())
}

/// Non-blank, non-comment lines with their 1-based numbers, trimmed.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#') && !line.starts_with("//"))
}

fn is_otpauth(line: &str) -> bool {
    line.get(..OTPAUTH.len())
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case(OTPAUTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_bom_crlf_blanks_and_comments() {
        let text = "\u{feff}# my accounts\r\n\r\notpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP\r\n  \r\n// x\r\nnot a uri\r\notpauth://hotp/B:b?secret=JBSWY3DPEHPK3PXP&counter=3\r\n";
        let report = import(text.as_bytes()).unwrap();
        assert_eq!(report.format, Format::OtpauthText);
        assert_eq!(report.entries.len(), 2);
        assert_eq!(report.skipped.len(), 1);
        assert_eq!(report.skipped[0].position, "line 6");
    }

    #[test]
    fn bad_uri_is_skipped_with_reason_and_no_secret() {
        let report = import(b"otpauth://totp/A?secret=JBSWY3DPEHPK3PX1\n").unwrap();
        assert!(report.entries.is_empty());
        assert!(!report.skipped[0].reason.contains("JBSW"));
    }
}
