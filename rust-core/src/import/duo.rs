//! Duo Mobile's account list (`duokit/accounts.json`, from the app's data
//! or a device backup): a JSON array of accounts, each with `name` and
//! `otpGenerator: {"otpSecret": base32, "counter": n}`. An account with a
//! counter is HOTP, otherwise TOTP (30 s, 6 digits, SHA-1). Duo push-only
//! accounts have no `otpGenerator` and are counted, not imported.

use serde::Deserialize;

use super::fields::Fields;
use super::json::{self, SecretText};
use super::{Format, ImportError, ImportReport, ImportedEntry};

const FORMAT: Format = Format::Duo;

#[derive(Deserialize)]
struct Account {
    #[serde(default)]
    name: Option<String>,
    #[serde(rename = "otpGenerator", default)]
    otp_generator: Option<Generator>,
}

#[derive(Deserialize)]
struct Generator {
    #[serde(rename = "otpSecret")]
    otp_secret: SecretText,
    #[serde(default)]
    counter: Option<u64>,
}

/// Imports a Duo Mobile account list.
pub fn import(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let accounts: json::Items<'_> = json::document(bytes, FORMAT)?;
    let mut report = ImportReport::new(FORMAT);
    for (index, raw) in accounts.iter().enumerate() {
        let position = format!("account {}", index + 1);
        let account: Account = match json::item(raw) {
            Ok(account) => account,
            Err(reason) => {
                report.skip(position, "", reason);
                continue;
            }
        };
        let name = account.name.as_deref().unwrap_or("");
        let Some(generator) = account.otp_generator else {
            report.without_otp += 1;
            continue;
        };
        let fields = Fields {
            kind: Some(if generator.counter.is_some() {
                "hotp"
            } else {
                "totp"
            }),
            secret: &generator.otp_secret.0,
            counter: generator.counter,
            name,
            ..Fields::default()
        };
        match fields.build() {
            Ok(account) => report.entries.push(ImportedEntry::plain(account)),
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
    fn totp_hotp_and_push_only() {
        let list = br#"[{"name":"Mason","otpGenerator":{"otpSecret":"4SJHB4GSD43FZBAI7C2HLRJGPQ"},"accountType":"OtpAccount"},
          {"name":"James","otpGenerator":{"otpSecret":"4SJHB4GSD43FZBAI7C2HLRJGPQ","counter":3}},
          {"name":"Work","accountType":"DuoAccount"}]"#;
        let report = import(list).unwrap();
        assert_eq!(report.entries.len(), 2);
        assert_eq!(
            report.entries[1].account.params.kind(),
            OtpKind::Hotp { counter: 3 }
        );
        assert_eq!(report.without_otp, 1);
    }
}
