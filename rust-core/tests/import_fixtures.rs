//! Every fixture in `tests/fixtures/import/` (written by
//! `make_fixtures.py`, an independent Python oracle) imports exactly as its
//! `.expect.json` says: format, encryption, each entry field by field,
//! skipped count, Google batches; or the expected clean error.

use std::path::PathBuf;

use serde_json::{Value, json};
use ward_core::OtpKind;
use ward_core::import::{ImportError, ImportReport, ImportedEntry, import};

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import")
}

fn entry_json(entry: &ImportedEntry) -> Value {
    let params = &entry.account.params;
    let mut value = json!({
        "kind": params.kind().name(),
        "issuer": entry.account.issuer,
        "account": entry.account.name,
        "secret": params.secret().to_base32().as_str(),
        "algorithm": params.algorithm().name(),
        "digits": params.digits(),
        "note": entry.note,
        "favorite": entry.favorite,
    });
    match params.kind() {
        OtpKind::Hotp { counter } => value["counter"] = json!(counter),
        OtpKind::Totp { period } | OtpKind::Steam { period } => value["period"] = json!(period),
    }
    value
}

fn error_name(error: &ImportError) -> &'static str {
    match error {
        ImportError::TooLarge => "TooLarge",
        ImportError::UnknownFormat { .. } => "UnknownFormat",
        ImportError::NeedsPassword { .. } => "NeedsPassword",
        ImportError::WrongPassword { .. } => "WrongPassword",
        ImportError::Truncated { .. } => "Truncated",
        ImportError::Malformed { .. } => "Malformed",
        ImportError::KdfTooExpensive { .. } => "KdfTooExpensive",
        ImportError::Unsupported { .. } => "Unsupported",
        ImportError::TooManyItems { .. } => "TooManyItems",
        ImportError::NeedsDesktop { .. } => "NeedsDesktop",
    }
}

fn format_name(report: &ImportReport) -> String {
    format!("{:?}", report.format)
}

fn check(path: &PathBuf) {
    let expect: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let file = expect["file"].as_str().unwrap();
    let bytes = std::fs::read(fixtures_dir().join(file)).unwrap();
    let password = expect["password"].as_str().map(str::as_bytes);
    let result = import(&bytes, password);
    // Desktop-only formats: without `full-import` (the phone library) the
    // file is recognised and refused, whatever else it holds.
    let desktop_only = expect["desktop"].as_bool() == Some(true);
    let error = if desktop_only && !cfg!(feature = "full-import") {
        Some("NeedsDesktop")
    } else {
        expect["error"].as_str()
    };
    if let Some(error) = error {
        let got = result.expect_err(file);
        assert_eq!(error_name(&got), error, "{file}: {got}");
        let message = got.to_string();
        assert!(!message.contains("horse"), "{file}: {message}");
        if let Some(format) = expect["format"].as_str() {
            let shown = format!("{got:?}");
            assert!(shown.contains(format), "{file}: {shown}");
        }
        return;
    }
    let report = result.unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(
        format_name(&report),
        expect["format"].as_str().unwrap(),
        "{file}"
    );
    assert_eq!(
        report.encrypted,
        expect["encrypted"].as_bool().unwrap(),
        "{file}"
    );
    let got: Vec<Value> = report.entries.iter().map(entry_json).collect();
    let want = expect["entries"].as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{file}: {:#?}", report.skipped);
    for (index, (got, want)) in got.iter().zip(want).enumerate() {
        assert_eq!(got, want, "{file}: entry {index}");
    }
    assert_eq!(
        report.skipped.len() as u64,
        expect["skipped"].as_u64().unwrap(),
        "{file}: {:#?}",
        report.skipped
    );
    for skipped in &report.skipped {
        assert!(!skipped.reason.is_empty(), "{file}");
    }
    if let Some(count) = expect.get("without_otp") {
        assert_eq!(report.without_otp as u64, count.as_u64().unwrap(), "{file}");
    }
    if let Some(batches) = expect.get("google_batches") {
        let got: Vec<Value> = report
            .google_batches
            .iter()
            .map(|b| {
                json!({"batch_id": b.batch_id, "batch_size": b.batch_size,
                       "present": b.present, "missing": b.missing})
            })
            .collect();
        assert_eq!(&Value::Array(got), batches, "{file}");
    }
}

#[test]
fn every_fixture_imports_as_expected() {
    let mut expectations: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures directory")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.to_string_lossy().ends_with(".expect.json"))
        .collect();
    expectations.sort();
    assert!(
        expectations.len() >= 30,
        "only {} fixtures found",
        expectations.len()
    );
    for path in &expectations {
        check(path);
    }
}

#[test]
fn raw_plus_fixture_really_has_a_raw_plus() {
    let expect: Value = serde_json::from_slice(
        &std::fs::read(fixtures_dir().join("google_batches.txt.expect.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(expect["raw_plus"], json!(true));
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let bytes = std::fs::read(fixtures_dir().join("aegis_plain.json")).unwrap();
    let report = import(&bytes, None).unwrap();
    let shown = format!("{report:?}");
    assert!(!report.entries.is_empty());
    for entry in &report.entries {
        let secret = entry.account.params.secret().to_base32();
        assert!(!shown.contains(secret.as_str()));
    }
}
