//! What is on disk, and what happens when the disk misbehaves: no
//! plaintext in the database, WAL or shared-memory files; frozen schema
//! fixtures still open and upgrade; newer schemas, read-only and full
//! file systems, wrong passwords and wrong platform keys give clean errors
//! and lose nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{PASSWORD, fixed_keystore, integrity, new_vault, raw, totp};
use ward_core::crypto::KdfParams;
use ward_core::vault::{EntryEdit, ListedEntry, MemoryKeyStore, SCHEMA_VERSION, Vault, VaultError};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/vault")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn files_of(path: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|file| file.exists())
        .collect()
}

#[test]
fn no_plaintext_in_database_wal_or_shm() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let secret = b"\x8e\x11PLAINSECRETBYTES\x01\x02";
    let account = totp(
        "Zanzibar Plaintext Issuer",
        "plaintext-account@example.org",
        secret,
    );
    let base32 = account.params.secret().to_base32().to_string();
    let id = vault.add_account(account, 1_700_000_000).unwrap();
    let mut edit = EntryEdit::of(&vault.get(&id).unwrap());
    edit.note = "PLAINTEXT NOTE".into();
    edit.icon = Some("plaintext-icon-ref".into());
    vault.update(&id, &edit, 1_700_000_001).unwrap();
    vault
        .import(
            (0..50)
                .map(|i| {
                    totp(
                        "Bulk Plaintext Co",
                        &format!("bulk{i}@plain.example"),
                        &[i; 20],
                    )
                })
                .collect(),
            2,
        )
        .unwrap();
    let needles: Vec<&[u8]> = vec![
        b"Zanzibar",
        b"plaintext-account",
        secret,
        &secret[2..12],
        base32.as_bytes(),
        b"PLAINTEXT NOTE",
        b"plaintext-icon-ref",
        b"Bulk Plaintext",
        b"plain.example",
        PASSWORD,
    ];
    // While the vault is open the WAL and shm files exist; scan all.
    let files = files_of(&path);
    assert!(files.len() >= 2, "expected WAL files: {files:?}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for needle in &needles {
            assert!(
                !contains(&bytes, needle),
                "{} holds plaintext {:?}",
                file.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }
    drop(vault);
    for file in files_of(&path) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!needles.iter().any(|needle| contains(&bytes, needle)));
    }
}

/// Writes `tests/fixtures/vault/v{SCHEMA_VERSION}.ward` and its schema
/// dump. Run once per released schema, then never again for that version:
/// `WARD_WRITE_FIXTURES=1 cargo test -p ward-core --test vault_files -- --ignored write_fixture`
#[test]
#[ignore = "writes the frozen fixture; run by hand once per schema version"]
fn write_fixture() {
    if std::env::var_os("WARD_WRITE_FIXTURES").is_none() {
        return;
    }
    let dir = fixtures();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("v{SCHEMA_VERSION}.ward"));
    let _ = std::fs::remove_file(&path);
    let vault = Vault::create(&path, b"fixture password", KdfParams::MINIMUM).unwrap();
    vault.reauthenticate(b"fixture password", 0).unwrap();
    vault.replace_platform_slot(&fixed_keystore(), 0).unwrap();
    for uri in FIXTURE_URIS {
        vault.add_uri(uri, 1_750_000_000).unwrap();
    }
    let id = vault.list("").unwrap()[0].id();
    let mut edit = EntryEdit::of(&vault.get(&id).unwrap());
    edit.note = "fixture note".into();
    edit.favourite = true;
    edit.icon = Some("aws".into());
    vault.update(&id, &edit, 1_750_000_100).unwrap();
    drop(vault);
    std::fs::write(
        dir.join(format!("schema-v{SCHEMA_VERSION}.sql")),
        schema_of(&path),
    )
    .unwrap();
}

const FIXTURE_URIS: [&str; 3] = [
    "otpauth://totp/Amazon%20Web%20Services:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services",
    "otpauth://hotp/Example:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=7&digits=8&algorithm=SHA256",
    "otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP",
];

fn schema_of(path: &Path) -> String {
    let conn = raw(path);
    let mut statement = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    let rows = statement
        .query_map([], |row| {
            Ok(format!(
                "-- {} {}\n{};\n",
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?.unwrap_or_default()
            ))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn copy_fixture(version: u32, dir: &Path) -> PathBuf {
    let to = dir.join("fixture.ward");
    std::fs::copy(fixtures().join(format!("v{version}.ward")), &to).unwrap();
    to
}

/// Every frozen schema opens with today's code, upgrades to the current
/// schema (equal to a fresh vault's), and its entries read back.
#[test]
fn frozen_fixtures_open_and_upgrade() {
    for version in 1..=SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = copy_fixture(version, dir.path());
        let vault = Vault::open(&path).unwrap();
        vault.unlock_with_password(b"fixture password", 0).unwrap();
        vault.lock();
        vault.unlock_with_keystore(&fixed_keystore(), 0).unwrap();
        let listed = vault.list("").unwrap();
        assert_eq!(listed.len(), FIXTURE_URIS.len());
        for (item, uri) in listed.iter().zip(FIXTURE_URIS) {
            let entry = vault.get(&item.id()).unwrap();
            assert!(
                entry.account.same_as(&ward_core::uri::parse(uri).unwrap()),
                "{uri}"
            );
            assert_eq!(entry.created_at, 1_750_000_000);
        }
        let first = vault.get(&listed[0].id()).unwrap();
        assert_eq!(
            (first.note.as_str(), first.favourite, first.icon.as_deref()),
            ("fixture note", true, Some("aws"))
        );
        drop(vault);

        let fresh_dir = tempfile::tempdir().unwrap();
        let (fresh, _) = new_vault(fresh_dir.path());
        assert_eq!(schema_of(&path), schema_of(&fresh), "v{version} upgraded");
        let user_version: u32 = raw(&path)
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(user_version, SCHEMA_VERSION);
    }
    // The current schema is frozen: changing it needs a new version.
    let dir = tempfile::tempdir().unwrap();
    let (fresh, _) = new_vault(dir.path());
    let frozen =
        std::fs::read_to_string(fixtures().join(format!("schema-v{SCHEMA_VERSION}.sql"))).unwrap();
    assert_eq!(schema_of(&fresh), frozen);
}

#[test]
fn newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_fixture(SCHEMA_VERSION, dir.path());
    raw(&path)
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    assert_eq!(
        Vault::open(&path).err(),
        Some(VaultError::NewerSchema {
            found: SCHEMA_VERSION + 1,
            supported: SCHEMA_VERSION
        })
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "file was changed");
}

#[test]
fn wrong_password_and_wrong_platform_key_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    vault.add_account(totp("A", "a", &[1; 20]), 0).unwrap();
    drop(vault);
    let before = std::fs::read(&path).unwrap();
    let vault = Vault::open(&path).unwrap();
    assert_eq!(
        vault.unlock_with_password(b"not the password", 0),
        Err(VaultError::WrongPassword)
    );
    assert!(matches!(
        vault.unlock_with_keystore(&MemoryKeyStore::new().unwrap(), 0),
        Err(VaultError::KeyStore(_) | VaultError::WrongPlatformKey)
    ));
    assert_eq!(vault.list(""), Err(VaultError::Locked));
    drop(vault);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    assert_eq!(vault.list("").unwrap().len(), 1);
}

/// Runs `mount` (root only); `false` if this machine does not allow it.
fn mount(args: &[&str]) -> bool {
    Command::new("mount")
        .args(args)
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false)
}

fn umount(path: &Path) {
    let _ = Command::new("umount").arg(path).status();
}

/// A vault on a read-only file system opens to a clean `ReadOnly` error
/// (or reads, and refuses writes with it), and the file is unchanged.
#[test]
fn read_only_file_system() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let id = vault.add_account(totp("A", "a", &[1; 20]), 0).unwrap();
    drop(vault);
    let before = std::fs::read(&path).unwrap();
    let mounted = dir.path().join("ro");
    std::fs::create_dir(&mounted).unwrap();
    let source = dir.path().to_str().unwrap();
    if !mount(&["--bind", "-o", "ro", source, mounted.to_str().unwrap()]) {
        eprintln!("skipped: cannot bind-mount read-only here (needs root)");
        return;
    }
    let ro_path = mounted.join("vault.ward");
    let outcome = Vault::open(&ro_path).and_then(|vault| {
        vault.unlock_with_keystore(&fixed_keystore(), 0)?;
        vault.delete(&id)
    });
    umount(&mounted);
    assert!(matches!(outcome, Err(VaultError::ReadOnly)), "{outcome:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A vault on a tiny tmpfs: writes fail with `DiskFull` once it fills; every
/// acknowledged entry is still there, no import is half-applied, and the
/// vault works again once there is room.
#[test]
fn full_file_system() {
    let dir = tempfile::tempdir().unwrap();
    let mounted = dir.path().join("tiny");
    std::fs::create_dir(&mounted).unwrap();
    if !mount(&[
        "-t",
        "tmpfs",
        "-o",
        "size=640k",
        "tmpfs",
        mounted.to_str().unwrap(),
    ]) {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    let result = std::panic::catch_unwind(|| fill_up(&mounted));
    umount(&mounted);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn fill_up(dir: &Path) {
    let (path, vault) = new_vault(dir);
    let mut acked = Vec::new();
    let mut error = None;
    for batch in 0..500 {
        let accounts = (0..20)
            .map(|i| {
                totp(
                    "Filler",
                    &format!("{batch}-{i}-{}", "x".repeat(300)),
                    &[i; 20],
                )
            })
            .collect();
        match vault.import(accounts, 0) {
            Ok(report) => acked.push(report.added),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    assert_eq!(
        error,
        Some(VaultError::DiskFull),
        "after {} batches",
        acked.len()
    );
    assert!(!acked.is_empty());
    // Nothing lost in this process's view, nor after reopening.
    let expected: usize = acked.iter().map(Vec::len).sum();
    assert_eq!(vault.list("").unwrap().len(), expected);
    drop(vault);
    let mounted = dir.to_str().unwrap();
    assert!(mount(&["-o", "remount,size=4m", mounted]));
    assert_eq!(integrity(&path), "ok");
    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_keystore(&fixed_keystore(), 0).unwrap();
    let listed = vault.list("").unwrap();
    assert_eq!(listed.len(), expected, "a batch was half-applied or lost");
    assert!(
        listed
            .iter()
            .all(|item| matches!(item, ListedEntry::Entry(_)))
    );
    vault
        .add_account(totp("After", "room", &[9; 20]), 0)
        .unwrap();
}

/// The header's entry format number, as stored.
fn stored_format(path: &Path) -> u32 {
    raw(path)
        .query_row("SELECT format FROM vault", [], |row| row.get(0))
        .unwrap()
}

/// The v1 fixture keeps its stored entry format (1) after the schema
/// upgrade: its entries' associated data binds that number, so they read
/// (a build binding its own, newer number would call every entry damaged,
/// and one refusing any other number would call the file newer). The first
/// unlock seals the first integrity manifest (trust on first use); a
/// password change re-seals everything under the current format.
#[test]
fn v1_fixture_keeps_its_entry_format_until_rekeyed() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_fixture(1, dir.path());
    assert_eq!(stored_format(&path), 1);
    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_password(b"fixture password", 0).unwrap();
    let report = vault.integrity().unwrap();
    assert!(report.intact, "{:?}", report.problems);
    assert_eq!(report.generation, 1, "first manifest sealed at unlock");
    assert_eq!(stored_format(&path), 1);
    let listed = vault.list("").unwrap();
    assert!(
        listed
            .iter()
            .all(|item| matches!(item, ListedEntry::Entry(_)))
    );
    // The HOTP entry's mark starts at its stored counter (7).
    let hotp = listed[1].id();
    assert_eq!(vault.hotp_next(&hotp, 1).unwrap().as_str().len(), 8);

    vault
        .change_password(b"new fixture password", KdfParams::MINIMUM, 0)
        .unwrap();
    drop(vault);
    assert_eq!(stored_format(&path), ward_core::vault::ENTRY_FORMAT);
    let vault = Vault::open(&path).unwrap();
    vault
        .unlock_with_password(b"new fixture password", 0)
        .unwrap();
    assert!(vault.integrity().unwrap().intact);
    assert_eq!(vault.list("").unwrap().len(), FIXTURE_URIS.len());
    assert!(
        vault
            .list("")
            .unwrap()
            .iter()
            .all(|item| matches!(item, ListedEntry::Entry(_)))
    );
}

#[test]
fn a_newer_entry_format_is_refused_an_older_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    drop(vault);
    let newer = ward_core::vault::ENTRY_FORMAT + 1;
    raw(&path)
        .execute("UPDATE vault SET format = ?1", [newer])
        .unwrap();
    assert_eq!(
        Vault::open(&path).err(),
        Some(VaultError::NewerSchema {
            found: newer,
            supported: ward_core::vault::ENTRY_FORMAT
        })
    );
}

/// A password change re-keys: none of the old slots' bytes (the sealed
/// master key, the salt) is left in the file, its WAL or its shared memory
/// when the call returns, with the vault still open.
#[test]
fn password_change_leaves_no_old_slot_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    vault.add_account(totp("A", "a", &[1; 20]), 0).unwrap();
    let old: Vec<(Vec<u8>, Vec<u8>)> = {
        let conn = raw(&path);
        let mut statement = conn
            .prepare("SELECT params, sealed_key FROM slots")
            .unwrap();
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(old.len(), 2);
    vault
        .change_password(b"a brand new password", KdfParams::MINIMUM, 0)
        .unwrap();
    for file in files_of(&path) {
        let bytes = std::fs::read(&file).unwrap();
        for (params, sealed_key) in &old {
            assert!(
                !contains(&bytes, sealed_key),
                "an old sealed key is still in {}",
                file.display()
            );
            // The password slot's salt is the last 32 bytes of its params.
            let salt = &params[params.len().saturating_sub(32)..];
            assert!(
                params.len() < 32 || !contains(&bytes, salt),
                "an old slot's parameters are still in {}",
                file.display()
            );
        }
    }
    drop(vault);
    let vault = Vault::open(&path).unwrap();
    vault
        .unlock_with_password(b"a brand new password", 0)
        .unwrap();
    assert_eq!(vault.list("").unwrap().len(), 1);
}

/// The vault and its -wal and -shm are readable by their owner only.
#[test]
fn vault_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    vault.add_account(totp("A", "a", &[1; 20]), 0).unwrap();
    let files = files_of(&path);
    assert!(files.len() >= 3, "{files:?}");
    for file in files {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
}
