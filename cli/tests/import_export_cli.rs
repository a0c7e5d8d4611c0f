//! The `ward import` / `ward export` contract, run against the real binary
//! with the fixtures of `tests/fixtures/import/`.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const PASSWORD: &str = "correct horse battery staple";

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/import")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn ward(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ward"));
    command
        .args(args)
        .stdin(Stdio::null())
        .env_remove("WARD_IMPORT_PASSWORD")
        .env_remove("WARD_BACKUP_PASSWORD")
        .env_remove("WARD_PASSPHRASE");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("ward runs")
}

fn stdout_json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[test]
fn dry_run_json_has_exactly_the_keys_of_parse_json() {
    let array = stdout_json(&ward(
        &["import", &fixture("otpauth.txt"), "--dry-run", "--json"],
        &[],
    ));
    let array = array.as_array().unwrap();
    assert_eq!(array.len(), 5);
    let totp = stdout_json(&ward(
        &[
            "parse",
            "--json",
            "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP",
        ],
        &[],
    ));
    let hotp = stdout_json(&ward(
        &[
            "parse",
            "--json",
            "otpauth://hotp/A:b?secret=JBSWY3DPEHPK3PXP&counter=1",
        ],
        &[],
    ));
    for entry in array {
        let want = if entry["kind"] == "hotp" {
            &hotp
        } else {
            &totp
        };
        assert_eq!(keys(entry), keys(want), "{entry}");
    }
}

#[test]
fn migration_uris_in_any_order_are_combined() {
    let output = ward(
        &[
            "import",
            &fixture("google_batches.txt"),
            "--dry-run",
            "--json",
        ],
        &[],
    );
    let array = stdout_json(&output);
    let names: Vec<&str> = array
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["account"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["alice@example.com", "root@123456789012", "bob", "carol"]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("MD5"), "{stderr}");
}

#[test]
fn a_single_google_export_uri_imports_end_to_end() {
    let text = std::fs::read_to_string(fixture("google_missing.txt")).unwrap();
    let uri = text.trim();
    let output = ward(&["import", uri, "--dry-run", "--json"], &[]);
    let array = stdout_json(&output);
    assert_eq!(array[0]["issuer"], "Bank");
    assert_eq!(array[0]["kind"], "hotp");
    assert_eq!(array[0]["counter"], 42);
    assert_eq!(array[0]["algorithm"], "SHA512");
    assert_eq!(array[0]["digits"], 8);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("missing"), "{stderr}");
}

#[test]
fn encrypted_files_need_the_password_and_say_so() {
    let file = fixture("aegis_encrypted.json");
    let output = ward(&["import", &file, "--dry-run", "--json"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("WARD_IMPORT_PASSWORD"), "{stderr}");

    let wrong = ward(
        &["import", &file, "--dry-run"],
        &[("WARD_IMPORT_PASSWORD", "nope")],
    );
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("password does not open"));

    let right = stdout_json(&ward(
        &["import", &file, "--dry-run", "--json"],
        &[("WARD_IMPORT_PASSWORD", PASSWORD)],
    ));
    assert_eq!(right.as_array().unwrap().len(), 5);
}

#[test]
fn unknown_files_name_the_supported_formats() {
    let output = ward(&["import", &fixture("unknown.json"), "--dry-run"], &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Aegis") && stderr.contains("2FAS"),
        "{stderr}"
    );
}

#[test]
fn exports_round_trip_through_import() {
    let dir = std::env::temp_dir().join(format!("ward-export-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = fixture("aegis_plain.json");
    let original = stdout_json(&ward(&["import", &source, "--dry-run", "--json"], &[]));

    // otpauth: refused without --yes when nobody can confirm.
    let refused = ward(&["export", "--format", "otpauth", "--from", &source], &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());

    let list = dir.join("list.txt");
    let list = list.to_str().unwrap();
    let ok = ward(
        &[
            "export", "--format", "otpauth", "--from", &source, "--yes", "-o", list,
        ],
        &[],
    );
    assert!(ok.status.success());
    assert_eq!(
        stdout_json(&ward(&["import", list, "--dry-run", "--json"], &[])),
        original
    );

    // google: carries 3 of the 5; the rest is reported.
    let google = ward(
        &["export", "--format", "google", "--from", &source, "--yes"],
        &[],
    );
    assert!(google.status.success());
    assert!(String::from_utf8_lossy(&google.stderr).contains("not exported: Steam"));
    let uris = dir.join("google.txt");
    std::fs::write(&uris, &google.stdout).unwrap();
    let back = stdout_json(&ward(
        &["import", uris.to_str().unwrap(), "--dry-run", "--json"],
        &[],
    ));
    let carried: Vec<&Value> = original
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] != "steam" && e["period"] != 60)
        .collect();
    assert_eq!(back.as_array().unwrap().iter().collect::<Vec<_>>(), carried);

    // backup: encrypted, verified, and read back with its password.
    let backup = dir.join("backup.json");
    let backup = backup.to_str().unwrap();
    let sealed = ward(
        &[
            "export", "--format", "backup", "--from", &source, "-o", backup,
        ],
        &[("WARD_BACKUP_PASSWORD", "pass phrase")],
    );
    assert!(
        sealed.status.success(),
        "{}",
        String::from_utf8_lossy(&sealed.stderr)
    );
    assert!(String::from_utf8_lossy(&sealed.stderr).contains("verified"));
    assert_eq!(
        stdout_json(&ward(
            &["import", backup, "--dry-run", "--json"],
            &[("WARD_IMPORT_PASSWORD", "pass phrase")]
        )),
        original
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_writes_the_vault_once_and_export_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.ward");
    let vault = vault.to_str().unwrap();
    let env = [("WARD_VAULT", vault), ("WARD_PASSPHRASE", "vault pass")];
    let init = ward(
        &["init", "--kdf-memory-mib", "19", "--kdf-iterations", "2"],
        &env,
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );

    // --dry-run touches no vault: even a wrong vault passphrase is never asked for.
    let dry = ward(
        &[
            "import",
            &fixture("aegis_plain.json"),
            "--dry-run",
            "--json",
        ],
        &[("WARD_VAULT", "/nonexistent/vault.ward")],
    );
    assert!(dry.status.success());

    let with_password = [
        ("WARD_VAULT", vault),
        ("WARD_PASSPHRASE", "vault pass"),
        ("WARD_IMPORT_PASSWORD", PASSWORD),
    ];
    let first = ward(
        &["import", &fixture("aegis_encrypted.json")],
        &with_password,
    );
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        stdout.contains("imported 5 accounts, skipped 0 duplicates"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&first.stderr).contains("yandex"));

    let again = ward(
        &["import", &fixture("aegis_encrypted.json")],
        &with_password,
    );
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains("imported 0 accounts, skipped 5 duplicates")
    );

    // The vault's entries (notes and favourites included) survive a backup.
    let backup = dir.path().join("backup.json");
    let backup = backup.to_str().unwrap();
    let sealed = ward(
        &["export", "--format", "backup", "-o", backup],
        &[
            ("WARD_VAULT", vault),
            ("WARD_PASSPHRASE", "vault pass"),
            ("WARD_BACKUP_PASSWORD", "backup pass"),
        ],
    );
    assert!(
        sealed.status.success(),
        "{}",
        String::from_utf8_lossy(&sealed.stderr)
    );
    let original = stdout_json(&ward(
        &[
            "import",
            &fixture("aegis_plain.json"),
            "--dry-run",
            "--json",
        ],
        &[],
    ));
    let restored = stdout_json(&ward(
        &["import", backup, "--dry-run", "--json"],
        &[("WARD_IMPORT_PASSWORD", "backup pass")],
    ));
    assert_eq!(restored, original);
}

/// The desktop-only formats (ward-core's `full-import`, which the CLI
/// turns on): each asks for its password by name, then imports.
#[test]
fn the_cli_imports_the_desktop_only_formats() {
    for (file, format, count) in [
        ("authy_encrypted.xml", "Authy token file", 3),
        ("stratum_legacy_encrypted.bin", "Stratum backup", 4),
        ("totp_authenticator.bin", "TOTP Authenticator file", 3),
        ("authenticator_plus.zip", "Authenticator Plus backup", 4),
    ] {
        let path = fixture(file);
        let asked = ward(&["import", &path, "--dry-run", "--json"], &[]);
        assert_eq!(asked.status.code(), Some(2), "{file}");
        let stderr = String::from_utf8_lossy(&asked.stderr);
        assert!(
            stderr.contains(&format!("this {format} is encrypted")),
            "{file}: {stderr}"
        );
        let imported = stdout_json(&ward(
            &["import", &path, "--dry-run", "--json"],
            &[("WARD_IMPORT_PASSWORD", PASSWORD)],
        ));
        assert_eq!(imported.as_array().unwrap().len(), count, "{file}");
    }
    // Without a password of its own, a TOTP Authenticator backup opens with
    // the app's built-in one and nothing is asked.
    let default = stdout_json(&ward(
        &[
            "import",
            &fixture("totp_authenticator_default_password.bin"),
            "--dry-run",
            "--json",
        ],
        &[],
    ));
    assert_eq!(default.as_array().unwrap().len(), 3);
}
