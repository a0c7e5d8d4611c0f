//! `ward backup` and `ward restore` end to end (issue 13): turning
//! automatic backups on and off, a verified backup after every command
//! that changes the vault, never more than N in the folder, a failed
//! backup warns and still exits 0, restore refuses an existing vault and a
//! wrong passphrase, and `ward import` merges a backup snapshot.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASS: &str = "cli backup passphrase";

fn ward(vault: &Path, passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(args)
        .env("WARD_VAULT", vault)
        .env("WARD_PASSPHRASE", passphrase)
        .env("WARD_NEW_PASSPHRASE", "the new passphrase")
        .env_remove("WARD_IMPORT_PASSWORD")
        .output()
        .unwrap()
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "unexpected stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn init(dir: &Path) -> PathBuf {
    let vault = dir.join("vault.ward");
    ok(ward(
        &vault,
        PASS,
        &["init", "--kdf-memory-mib", "19", "--kdf-iterations", "2"],
    ));
    vault
}

/// Ward's backups in `dir`, oldest first.
fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            name.starts_with("ward-backup-") && name.ends_with(".ward")
        })
        .collect();
    found.sort();
    found
}

fn everything_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).unwrap().count()
}

/// The entry names a backup holds, restored into a scratch vault.
fn names_in_backup(backup: &Path, passphrase: &str) -> Vec<String> {
    let scratch = tempfile::tempdir().unwrap();
    let vault = scratch.path().join("restored.ward");
    ok(ward(
        &vault,
        passphrase,
        &["restore", backup.to_str().unwrap()],
    ));
    let list: serde_json::Value =
        serde_json::from_str(&ok(ward(&vault, passphrase, &["list", "--json"]))).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["account"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_changing_command_leaves_a_verified_backup_and_at_most_n() {
    let dir = tempfile::tempdir().unwrap();
    let vault = init(dir.path());
    let folder = dir.path().join("backups");
    ok(ward(
        &vault,
        PASS,
        &["add", "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP"],
    ));
    // Off by default: nothing written.
    let shown = ok(ward(&vault, PASS, &["backup"]));
    assert!(shown.contains("automatic backups: off"), "{shown}");
    assert!(shown.contains("last backup: never"), "{shown}");

    let on = ok(ward(
        &vault,
        PASS,
        &["backup", "--dir", folder.to_str().unwrap(), "--keep", "3"],
    ));
    assert!(on.contains("automatic backups are on"), "{on}");
    assert_eq!(backups(&folder).len(), 1);

    let mut count = 1;
    let mut step = |args: &[&str], passphrase: &str| {
        ok(ward(&vault, passphrase, args));
        count += 1;
        let now = backups(&folder);
        assert_eq!(now.len(), count.min(3), "after {args:?}");
        assert_eq!(everything_in(&folder), now.len(), "no temporaries left");
        now.last().unwrap().clone()
    };
    let newest = step(
        &[
            "add",
            "otpauth://hotp/Example:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=3",
        ],
        PASS,
    );
    assert_eq!(names_in_backup(&newest, PASS), ["alice", "bob"]);

    let list: serde_json::Value =
        serde_json::from_str(&ok(ward(&vault, PASS, &["list", "--json"]))).unwrap();
    let bob = list[1]["id"].as_str().unwrap().to_string();
    let alice = list[0]["id"].as_str().unwrap().to_string();
    step(&["next", &bob], PASS);
    let uris = dir.path().join("more.txt");
    std::fs::write(&uris, "otpauth://totp/X:carol?secret=JBSWY3DPEHPK3PXQ\n").unwrap();
    step(&["import", uris.to_str().unwrap()], PASS);
    step(&["remove", &alice], PASS);
    let newest = step(
        &["passwd", "--kdf-memory-mib", "19", "--kdf-iterations", "2"],
        PASS,
    );
    // The newest backup has the newest state and the new passphrase.
    assert_eq!(
        names_in_backup(&newest, "the new passphrase"),
        ["bob", "carol"]
    );
    let shown = ok(ward(&vault, "the new passphrase", &["backup"]));
    assert!(shown.contains("automatic backups: on"), "{shown}");
    assert!(shown.contains("keep: 3"), "{shown}");
    assert!(!shown.contains("last backup: never"), "{shown}");

    // Off: changes no longer write backups; the old ones stay.
    ok(ward(&vault, "the new passphrase", &["backup", "--off"]));
    ok(ward(
        &vault,
        "the new passphrase",
        &["add", "otpauth://totp/Y:dave?secret=JBSWY3DPEHPK3PXR"],
    ));
    assert_eq!(backups(&folder).len(), 3);
}

#[test]
fn scan_leaves_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let vault = init(dir.path());
    let folder = dir.path().join("b");
    ok(ward(
        &vault,
        PASS,
        &["backup", "--dir", folder.to_str().unwrap()],
    ));
    let screenshot = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/qr/google-export-screenshot.png");
    ok(ward(&vault, PASS, &["scan", screenshot.to_str().unwrap()]));
    let newest = backups(&folder);
    assert_eq!(newest.len(), 2);
    assert_eq!(names_in_backup(newest.last().unwrap(), PASS).len(), 5);
}

#[test]
fn a_failed_backup_warns_and_still_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let vault = init(dir.path());
    let folder = dir.path().join("usb-stick");
    ok(ward(
        &vault,
        PASS,
        &["backup", "--dir", folder.to_str().unwrap()],
    ));
    std::fs::remove_dir_all(&folder).unwrap();
    let output = ward(
        &vault,
        PASS,
        &["add", "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP"],
    );
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning") && stderr.contains("backup failed"),
        "{stderr}"
    );
    // The change was committed, and the failure is shown.
    let list = ok(ward(&vault, PASS, &["list"]));
    assert!(list.contains("alice"), "{list}");
    let shown = ok(ward(&vault, PASS, &["backup"]));
    assert!(shown.contains("last failure"), "{shown}");
    assert!(shown.contains("does not exist"), "{shown}");
}

/// A vault holding alice, with automatic backups on into `dir/b`; returns
/// the vault and its one backup.
fn vault_with_one_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let vault = init(dir);
    let folder = dir.join("b");
    ok(ward(
        &vault,
        PASS,
        &["add", "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP"],
    ));
    ok(ward(
        &vault,
        PASS,
        &["backup", "--dir", folder.to_str().unwrap()],
    ));
    let backup = backups(&folder).pop().unwrap();
    (vault, backup)
}

#[test]
fn restore_refuses_an_existing_vault_and_a_wrong_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, backup) = vault_with_one_backup(dir.path());
    let backup = backup.to_str().unwrap();

    let existing = ward(&vault, PASS, &["restore", backup]);
    assert_eq!(existing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&existing.stderr).contains("already exists"));

    let target = dir.path().join("new").join("vault.ward");
    let wrong = ward(&target, "not it", &["restore", backup]);
    assert_eq!(wrong.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(stderr.contains("wrong passphrase"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
    assert!(!target.exists());

    let restored = ok(ward(&target, PASS, &["restore", backup]));
    assert!(restored.contains("restored 1 entries"), "{restored}");
    let codes = ok(ward(&target, PASS, &["list"]));
    assert!(codes.contains("alice"), "{codes}");
}

#[test]
fn import_merges_a_backup_snapshot_with_duplicates_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, backup) = vault_with_one_backup(dir.path());
    ok(ward(
        &vault,
        PASS,
        &["add", "otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXQ"],
    ));

    let other_dir = tempfile::tempdir().unwrap();
    let other = init(other_dir.path());
    ok(ward(
        &other,
        PASS,
        &["add", "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP"],
    ));
    let output = Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(["import", backup.to_str().unwrap()])
        .env("WARD_VAULT", &other)
        .env("WARD_PASSPHRASE", PASS)
        .env("WARD_IMPORT_PASSWORD", PASS)
        .output()
        .unwrap();
    let report = ok(output);
    assert!(
        report.contains("imported 0 accounts, skipped 1 duplicates (from the Ward vault snapshot)"),
        "{report}"
    );
}
