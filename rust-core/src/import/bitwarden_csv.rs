//! Bitwarden's CSV export (Tools > Export vault > `.csv`): a header line
//! `folder,favorite,type,name,notes,fields,reprompt,login_uri,
//! login_username,login_password,login_totp` (older exports lack
//! `reprompt`), then one login per record, RFC 4180 quoting. The TOTP key
//! in `login_totp` is read as the JSON export's is
//! ([`super::bitwarden::account`]); logins without one are counted.

use super::{Format, ImportError, ImportReport, ImportedEntry, label_of, limits};

const FORMAT: Format = Format::Bitwarden;
/// The columns every Bitwarden CSV export starts with.
const HEADER_START: &str = "folder,favorite,type,name,notes,fields";

/// True when `text` starts with Bitwarden's CSV header.
pub(crate) fn looks_like_csv(text: &str) -> bool {
    text.trim_start().starts_with(HEADER_START)
}

/// Imports a Bitwarden CSV export.
pub fn import(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::Malformed {
        format: FORMAT,
        detail: "it is not UTF-8 text".into(),
    })?;
    let mut records = Records::new(text.trim_start());
    let header = records.next().ok_or_else(|| ImportError::Malformed {
        format: FORMAT,
        detail: "it has no header line".into(),
    })?;
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(totp_at), Some(name_at), Some(user_at)) = (
        column("login_totp"),
        column("name"),
        column("login_username"),
    ) else {
        return Err(ImportError::Malformed {
            format: FORMAT,
            detail: "its header lacks the name, login_username or login_totp column".into(),
        });
    };
    let favorite_at = column("favorite");
    let mut report = ImportReport::new(FORMAT);
    for (index, record) in records.enumerate() {
        if index >= limits::MAX_ITEMS {
            return Err(ImportError::TooManyItems {
                format: FORMAT,
                limit: limits::MAX_ITEMS,
            });
        }
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let cell = |at: usize| record.get(at).map(String::as_str).unwrap_or("").trim();
        let totp = cell(totp_at);
        if totp.is_empty() {
            report.without_otp += 1;
            continue;
        }
        let (name, username) = (cell(name_at), cell(user_at));
        let favorite = favorite_at.is_some_and(|at| cell(at) == "1");
        match super::bitwarden::account(totp, name, username) {
            Ok(account) => report.entries.push(ImportedEntry {
                account,
                note: None,
                favorite,
            }),
            Err(reason) => report.skip(
                format!("record {}", index + 1),
                label_of(name, username),
                reason,
            ),
        }
    }
    Ok(report)
}

/// RFC 4180 records: fields split at commas, quoted fields may hold
/// commas, doubled quotes and line breaks; CRLF or LF ends a record.
struct Records<'a> {
    rest: std::str::Chars<'a>,
    done: bool,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Self {
        Records {
            rest: text.chars(),
            done: false,
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Vec<String>;

    fn next(&mut self) -> Option<Vec<String>> {
        if self.done {
            return None;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut any = false;
        loop {
            let Some(c) = self.rest.next() else {
                self.done = true;
                if !any {
                    return None;
                }
                fields.push(field);
                return Some(fields);
            };
            any = true;
            match (quoted, c) {
                (true, '"') => {
                    if self.rest.clone().next() == Some('"') {
                        self.rest.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                }
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => {
                    if fields.len() < 64 {
                        fields.push(std::mem::take(&mut field));
                    } else {
                        field.clear();
                    }
                }
                (false, '\r') => {}
                (false, '\n') => {
                    fields.push(field);
                    return Some(fields);
                }
                (false, c) => field.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_logins_without_totp() {
        let csv = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\r\n\
            ,1,login,\"Git, Hub\",\"a \"\"note\"\"\nover lines\",,0,,alice,pw,JBSWY3DPEHPK3PXP\r\n\
            ,,login,Mail,,,0,,bob,pw,\r\n\
            ,,login,Bad,,,0,,eve,pw,not base32!\r\n";
        let report = import(csv.as_bytes()).unwrap();
        assert_eq!(report.entries.len(), 1);
        assert_eq!(report.entries[0].account.issuer, "Git, Hub");
        assert_eq!(report.entries[0].account.name, "alice");
        assert!(report.entries[0].favorite);
        assert_eq!(report.without_otp, 1);
        assert_eq!(report.skipped.len(), 1);
    }
}
