//! Replays the committed fuzz corpus on stable Rust, so CI checks every
//! input the fuzzers kept (and every crash they once found) without
//! nightly or cargo-fuzz.
//!
//! Each directory `fuzz/corpus/<target>/` is run through the function of
//! the same name in `fuzz/checks.rs`, the very checks the fuzz targets run.
//! To add a target: write `pub fn <target>(data: &[u8])` in `fuzz/checks.rs`,
//! a `fuzz/fuzz_targets/<target>.rs` that calls it (plus its `[[bin]]` in
//! `fuzz/Cargo.toml`), commit a small corpus in `fuzz/corpus/<target>/`,
//! and add one line to [`TARGETS`]. A corpus directory without a line here
//! fails this test.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

#[path = "../../fuzz/checks.rs"]
mod checks;
#[path = "../../fuzz/import_checks.rs"]
mod import_checks;

/// A fuzz check: panics when a property fails for the input.
type Check = fn(&[u8]);

/// Every fuzz target: its corpus directory name and its check.
const TARGETS: &[(&str, Check)] = &[
    ("otpauth_uri", checks::otpauth_uri),
    ("qr_luma", checks::qr_luma),
    ("import_any", import_checks::import_any),
    ("google_migration", import_checks::google_migration),
    ("otpauth_list", import_checks::otpauth_list),
    ("aegis_json", import_checks::aegis_json),
    ("twofas_json", import_checks::twofas_json),
    ("andotp_backup", import_checks::andotp_backup),
    ("bitwarden_json", import_checks::bitwarden_json),
    ("freeotp_plus_json", import_checks::freeotp_plus_json),
    ("proton_json", import_checks::proton_json),
    ("duo_json", import_checks::duo_json),
    ("steam_json", import_checks::steam_json),
    ("stratum_json", import_checks::stratum_json),
    ("bitwarden_csv", import_checks::bitwarden_csv),
    ("app_database", import_checks::app_database),
    ("app_prefs", import_checks::app_prefs),
    ("freeotp_backup", import_checks::freeotp_backup),
    ("authy_encrypted", import_checks::authy_encrypted),
    ("stratum_legacy", import_checks::stratum_legacy),
    (
        "totp_authenticator_backup",
        import_checks::totp_authenticator_backup,
    ),
    ("authenticator_plus", import_checks::authenticator_plus),
];

fn corpus_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_directory_has_a_check() {
    for entry in std::fs::read_dir(corpus_root()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            assert!(
                TARGETS.iter().any(|(target, _)| *target == name),
                "fuzz/corpus/{name} has no check: add it to TARGETS in {}",
                file!()
            );
        }
    }
}

#[test]
fn replay_every_corpus() {
    let mut failures = Vec::new();
    for (target, check) in TARGETS {
        let dir = corpus_root().join(target);
        let inputs = files(&dir);
        assert!(!inputs.is_empty(), "fuzz/corpus/{target} is empty");
        for path in &inputs {
            let data = std::fs::read(path).unwrap();
            if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
                failures.push(format!("{target}: {}", path.display()));
            }
        }
        println!("{target}: replayed {} inputs", inputs.len());
    }
    assert!(
        failures.is_empty(),
        "fuzz checks failed for:\n{}",
        failures.join("\n")
    );
}
