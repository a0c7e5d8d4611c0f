//! The otpauth URI edge-case table, `tests/vectors/otpauth-cases.json`:
//! real URIs from AWS, GitHub, Google, Microsoft, Steam and Ente, and every
//! quirk the parser must accept or refuse. Each accepted case must also
//! survive `to_uri` then `parse` unchanged.
//!
//! Error classes in the file are the [`UriError`] variants in snake_case;
//! `detail` narrows some of them (which parameter, which secret problem).

use std::path::PathBuf;

use serde::Deserialize;
use serde_json::{Value, json};
use ward_core::account::ParamsError;
use ward_core::secret::SecretError;
use ward_core::uri::{UriError, parse, to_uri};
use ward_core::{Account, OtpKind};

#[derive(Deserialize)]
struct Doc {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    uri: Option<String>,
    uri_parts: Option<UriParts>,
    expect: Option<Value>,
    error: Option<String>,
    detail: Option<String>,
}

#[derive(Deserialize)]
struct UriParts {
    prefix: String,
    repeat: String,
    count: usize,
    suffix: String,
}

impl Case {
    fn uri(&self) -> String {
        match (&self.uri, &self.uri_parts) {
            (Some(uri), None) => uri.clone(),
            (None, Some(p)) => format!("{}{}{}", p.prefix, p.repeat.repeat(p.count), p.suffix),
            _ => panic!(
                "case '{}' needs exactly one of uri and uri_parts",
                self.name
            ),
        }
    }
}

/// The class and detail of a refusal, as written in the case file.
fn error_class(error: &UriError) -> (&'static str, Option<String>) {
    match error {
        UriError::TooLong => ("too_long", None),
        UriError::MigrationUri => ("migration_uri", None),
        UriError::NotOtpauth(_) => ("not_otpauth", None),
        UriError::UnknownType(_) => ("unknown_type", None),
        UriError::MissingSecret => ("missing_secret", None),
        UriError::Secret(secret) => (
            "secret",
            Some(
                match secret {
                    SecretError::Empty => "empty",
                    SecretError::InvalidCharacter { .. } => "invalid_character",
                    SecretError::InvalidLength { .. } => "invalid_length",
                    SecretError::TooLong => "too_long",
                }
                .to_string(),
            ),
        ),
        UriError::Algorithm(_) => ("algorithm", None),
        UriError::BadNumber { parameter, .. } => ("bad_number", Some(parameter.to_string())),
        UriError::MissingCounter => ("missing_counter", None),
        UriError::NotUtf8(what) => ("not_utf8", Some(what.to_string())),
        UriError::DuplicateParameter(name) => ("duplicate_parameter", Some(name.to_string())),
        UriError::NameTooLong(what) => ("name_too_long", Some(what.to_string())),
        UriError::Params(params) => (
            "params",
            Some(
                match params {
                    ParamsError::Digits(_) => "digits",
                    ParamsError::ZeroPeriod => "zero_period",
                }
                .to_string(),
            ),
        ),
    }
}

/// The account in the vocabulary of `ward parse --json` and the case file.
fn fields(account: &Account) -> Value {
    let p = &account.params;
    let mut value = json!({
        "kind": p.kind().name(),
        "issuer": account.issuer,
        "account": account.name,
        "secret": p.secret().to_base32().as_str(),
        "algorithm": p.algorithm().name(),
        "digits": p.digits(),
    });
    match p.kind() {
        OtpKind::Hotp { counter } => value["counter"] = json!(counter),
        OtpKind::Totp { period } | OtpKind::Steam { period } => value["period"] = json!(period),
    }
    value
}

fn cases() -> Vec<Case> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/otpauth-cases.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str::<Doc>(&text).unwrap().cases
}

#[test]
fn every_case_parses_or_fails_as_listed() {
    let cases = cases();
    assert!(
        cases.len() >= 60,
        "the table needs at least 60 cases, has {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let uri = case.uri();
        match (parse(&uri), &case.expect, &case.error) {
            (Ok(account), Some(expect), None) => {
                let got = fields(&account);
                if &got != expect {
                    failures.push(format!("{}: expected {expect}, got {got}", case.name));
                }
                let written = to_uri(&account);
                match parse(&written) {
                    Ok(again) if again == account => {}
                    other => failures.push(format!(
                        "{}: to_uri gave {} which reads back as {other:?}",
                        case.name,
                        written.as_str()
                    )),
                }
            }
            (Err(error), None, Some(class)) => {
                let (got_class, got_detail) = error_class(&error);
                if got_class != class {
                    failures.push(format!(
                        "{}: expected error {class}, got {got_class} ({error})",
                        case.name
                    ));
                } else if case.detail.is_some() && got_detail != case.detail {
                    failures.push(format!(
                        "{}: expected detail {:?}, got {got_detail:?} ({error})",
                        case.name, case.detail
                    ));
                }
                let message = error.to_string();
                if message.is_empty() || message.contains('\n') {
                    failures.push(format!(
                        "{}: message must be one non-empty line: {message:?}",
                        case.name
                    ));
                }
            }
            (Ok(account), None, Some(class)) => failures.push(format!(
                "{}: expected error {class}, parsed {}",
                case.name,
                fields(&account)
            )),
            (Err(error), Some(_), None) => {
                failures.push(format!("{}: expected success, got {error:?}", case.name))
            }
            _ => failures.push(format!(
                "{}: needs exactly one of expect and error",
                case.name
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Error messages never echo the secret, whatever went wrong.
#[test]
fn refusals_never_echo_a_secret() {
    for case in cases().iter().filter(|c| c.error.is_some()) {
        let uri = case.uri();
        let Err(error) = parse(&uri) else { continue };
        let message = error.to_string();
        for secret in ["JBSWY3DPEHPK3PX", "BSWY3DPEH", "GEZDGNBVGY3TQOJQ"] {
            assert!(!message.contains(secret), "{}: {message}", case.name);
        }
    }
}
