//! Automatic encrypted backups and restore (issue 13): backups to a folder
//! and as bytes, pruning to N, the encrypted settings, restore round trips
//! over every entry kind, wrong passwords, and merging a snapshot through
//! the normal import.

mod common;

use std::path::{Path, PathBuf};

use common::{PASSWORD, fixed_keystore, new_vault, raw};
use ward_core::crypto::KdfParams;
use ward_core::vault::{BackupStatus, Entry, ListedEntry, SlotKind, Vault, VaultError};

const NOW: u64 = 1_795_994_552;

/// A vault with one entry of every kind: TOTP (with a note, favourite),
/// HOTP moved to counter 9, Steam; then reordered.
fn varied_vault(dir: &Path) -> (PathBuf, Vault) {
    let (path, vault) = new_vault(dir);
    let totp = vault
        .add_uri(
            "otpauth://totp/AWS:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=AWS&digits=8&algorithm=SHA512&period=60",
            NOW,
        )
        .unwrap();
    let hotp = vault
        .add_uri(
            "otpauth://hotp/Example:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=7",
            NOW,
        )
        .unwrap();
    let steam = vault
        .add_uri("otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXQ", NOW)
        .unwrap();
    vault.hotp_next(&hotp, NOW + 1).unwrap();
    vault.hotp_next(&hotp, NOW + 2).unwrap();
    let mut entry = vault.get(&totp).unwrap();
    entry.note = "recovery codes in the safe".into();
    entry.favourite = true;
    entry.icon = Some("aws".into());
    vault.update(&entry, NOW + 3).unwrap();
    vault.reorder(&[steam, totp, hotp]).unwrap();
    (path, vault)
}

/// Every entry in full, in list order.
fn entries(vault: &Vault) -> Vec<Entry> {
    vault
        .list("")
        .unwrap()
        .iter()
        .map(|item| match item {
            ListedEntry::Entry(summary) => vault.get(&summary.id).unwrap(),
            ListedEntry::Damaged { id, .. } => panic!("damaged entry {id}"),
        })
        .collect()
}

fn backups_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn backup_restores_every_entry_kind_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let (_, vault) = varied_vault(dir.path());
    let outcome = vault.backup_to_dir(&backups, 10, NOW + 10).unwrap();
    assert_eq!(outcome.file_name, "ward-backup-20261129-232242.ward");
    let file = backups.join(&outcome.file_name);
    assert_eq!(std::fs::metadata(&file).unwrap().len(), outcome.bytes);

    let restored_path = dir.path().join("restored.ward");
    let restored = Vault::restore(&file, &restored_path, PASSWORD).unwrap();
    assert!(restored.is_unlocked());
    let original = entries(&vault);
    let copy = entries(&restored);
    assert_eq!(original.len(), 3);
    assert!(original == copy, "restored entries differ");
    assert_eq!(copy[2].account.params.kind().counter(), Some(9));
    assert_eq!(copy[1].note, "recovery codes in the safe");
    assert!(copy[1].favourite);
    // Codes agree too.
    let at = NOW + 100;
    let codes = |v: &Vault| {
        v.codes_at(at)
            .unwrap()
            .into_iter()
            .map(|c| format!("{:?}", c.state))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&vault), codes(&restored));

    // The password is the backup's; platform slots are not carried over.
    let slots = restored.slots().unwrap();
    assert_eq!(slots.len(), 1);
    assert!(matches!(slots[0].kind, SlotKind::Password { .. }));
    drop(restored);
    let reopened = Vault::open(&restored_path).unwrap();
    reopened.unlock_with_password(PASSWORD).unwrap();
    assert!(matches!(
        reopened.unlock_with_keystore(&fixed_keystore()),
        Err(VaultError::NoSuchSlotKind(_))
    ));
    // A restored vault is a normal vault: it changes and backs up.
    reopened
        .add_uri("otpauth://totp/New:dave?secret=JBSWY3DPEHPK3PXR", NOW + 20)
        .unwrap();
    assert_eq!(reopened.backup_status().unwrap(), BackupStatus::default());
}

#[test]
fn wrong_password_is_a_clean_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault) = varied_vault(dir.path());
    let bytes = vault.backup_bytes(NOW).unwrap();
    let target = dir.path().join("restored.ward");
    let error = Vault::restore_bytes(&bytes, &target, b"not the password").unwrap_err();
    assert_eq!(error, VaultError::WrongPassword);
    assert!(
        backups_in(dir.path())
            .iter()
            .all(|n| !n.contains("restored"))
    );
    // Garbage and a missing file are clean errors too.
    assert_eq!(
        Vault::restore_bytes(b"hello", &target, PASSWORD).unwrap_err(),
        VaultError::NotAVault
    );
    assert!(matches!(
        Vault::restore(dir.path().join("missing.ward"), &target, PASSWORD),
        Err(VaultError::Backup(_))
    ));
    assert!(!target.exists());
}

#[test]
fn restore_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = varied_vault(dir.path());
    let bytes = vault.backup_bytes(NOW).unwrap();
    let before = entries(&vault);
    assert!(matches!(
        Vault::restore_bytes(&bytes, &path, PASSWORD),
        Err(VaultError::AlreadyExists { .. })
    ));
    drop(vault);
    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_password(PASSWORD).unwrap();
    assert!(entries(&vault) == before);
}

#[test]
fn folder_keeps_n_newest_and_cleans_stale_temporaries() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("b");
    std::fs::create_dir(&backups).unwrap();
    std::fs::write(backups.join("holiday.jpg"), b"not ours").unwrap();
    std::fs::write(
        backups.join(".ward-backup-20200101-000000.ward.tmp"),
        b"half a backup",
    )
    .unwrap();
    let (_, vault) = new_vault(dir.path());
    let mut written = Vec::new();
    for i in 0..6 {
        vault
            .add_uri(
                &format!("otpauth://totp/I:n{i}?secret=JBSWY3DPEHPK3PXP"),
                NOW,
            )
            .unwrap();
        written.push(vault.backup_to_dir(&backups, 3, NOW + i).unwrap().file_name);
        let ours = backups_in(&backups)
            .into_iter()
            .filter(|n| n.starts_with("ward-backup-"))
            .count();
        assert!(ours <= 3);
    }
    let mut expected: Vec<String> = written[3..].to_vec();
    expected.insert(0, "holiday.jpg".into());
    assert_eq!(backups_in(&backups), expected);
    // The newest holds the last state.
    let newest = backups.join(written.last().unwrap());
    let restored = Vault::restore(&newest, dir.path().join("r.ward"), PASSWORD).unwrap();
    assert_eq!(restored.list("").unwrap().len(), 6);
    assert_eq!(vault.backup_status().unwrap().last_success, Some(NOW + 5));
}

#[test]
fn failures_are_recorded_and_the_vault_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault) = new_vault(dir.path());
    let missing = dir.path().join("unplugged-drive");
    let error = vault.backup_to_dir(&missing, 10, NOW).unwrap_err();
    assert!(matches!(error, VaultError::Backup(_)));
    assert!(error.to_string().contains("does not exist"), "{error}");
    let status = vault.backup_status().unwrap();
    assert_eq!(status.last_failure, Some(NOW));
    assert_eq!(status.last_error, Some(error.to_string()));
    assert_eq!(status.last_success, None);
    assert!(matches!(
        vault.backup_to_dir(dir.path(), 0, NOW),
        Err(VaultError::InvalidInput(_))
    ));
    vault.lock();
    assert_eq!(
        vault.backup_to_dir(dir.path(), 3, NOW),
        Err(VaultError::Locked)
    );
    assert_eq!(vault.backup_bytes(NOW), Err(VaultError::Locked));
}

#[test]
fn settings_are_encrypted_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let location = "content://com.android.externalstorage.documents/tree/primary%3AWardBackups";
    vault.set_backup_settings(Some(location.into()), 4).unwrap();
    vault.record_backup_result(NOW, None).unwrap();
    vault
        .record_backup_result(NOW + 60, Some("the folder is gone"))
        .unwrap();
    drop(vault);
    for file in [
        path.clone(),
        PathBuf::from(format!("{}-wal", path.display())),
    ] {
        if let Ok(bytes) = std::fs::read(&file) {
            assert!(
                !bytes.windows(11).any(|w| w == b"WardBackups"),
                "location in clear in {}",
                file.display()
            );
        }
    }
    let vault = Vault::open(&path).unwrap();
    assert_eq!(vault.backup_status(), Err(VaultError::Locked));
    vault.unlock_with_password(PASSWORD).unwrap();
    let status = vault.backup_status().unwrap();
    assert!(status.enabled());
    assert_eq!(status.location.as_deref(), Some(location));
    assert_eq!(status.keep, 4);
    assert_eq!(status.last_success, Some(NOW));
    assert_eq!(status.last_failure, Some(NOW + 60));
    assert_eq!(status.last_error.as_deref(), Some("the folder is gone"));
    vault.set_backup_settings(None, 4).unwrap();
    let status = vault.backup_status().unwrap();
    assert!(!status.enabled());
    assert_eq!(status.last_success, Some(NOW));
    // A settings row moved to another name does not open.
    raw(&path)
        .execute("UPDATE settings SET name = 'other'", [])
        .unwrap();
    raw(&path)
        .execute("UPDATE settings SET name = 'backup'", [])
        .unwrap();
    assert!(vault.backup_status().is_ok());
}

#[test]
fn bytes_backup_restores_and_another_password_after_passwd() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault) = varied_vault(dir.path());
    vault
        .change_password(b"the new passphrase", KdfParams::MINIMUM)
        .unwrap();
    let bytes = vault.backup_bytes(NOW).unwrap();
    assert!(ward_core::vault::looks_like_vault(&bytes));
    let target = dir.path().join("r.ward");
    assert_eq!(
        Vault::restore_bytes(&bytes, &target, PASSWORD).unwrap_err(),
        VaultError::WrongPassword
    );
    let restored = Vault::restore_bytes(&bytes, &target, b"the new passphrase").unwrap();
    assert!(entries(&vault) == entries(&restored));
}

#[test]
fn a_frozen_v1_vault_file_restores_and_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/vault/v1.ward");
    let target = dir.path().join("from-v1.ward");
    let restored = Vault::restore(&v1, &target, b"fixture password").unwrap();
    assert_eq!(restored.list("").unwrap().len(), 3);
    assert_eq!(restored.backup_status().unwrap(), BackupStatus::default());
    let version: u32 = raw(&target)
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, ward_core::vault::SCHEMA_VERSION);
}

#[test]
fn import_merges_a_snapshot_and_reports_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault) = varied_vault(dir.path());
    let bytes = vault.backup_bytes(NOW).unwrap();
    let (format, encrypted) = ward_core::import::identify(&bytes).unwrap();
    assert_eq!(format, ward_core::import::Format::WardVault);
    assert!(encrypted);
    assert!(matches!(
        ward_core::import::import(&bytes, None),
        Err(ward_core::import::ImportError::NeedsPassword { .. })
    ));
    assert!(matches!(
        ward_core::import::import(&bytes, Some(b"wrong")),
        Err(ward_core::import::ImportError::WrongPassword { .. })
    ));
    let report = ward_core::import::import(&bytes, Some(PASSWORD)).unwrap();
    assert_eq!(report.entries.len(), 3);
    assert_eq!(
        report.entries[1].note.as_deref(),
        Some("recovery codes in the safe")
    );
    assert!(report.entries[1].favorite);
    // Into the same vault: every entry is a duplicate.
    let merged = vault.import_entries(report.entries.clone(), NOW).unwrap();
    assert_eq!((merged.added.len(), merged.duplicates.len()), (0, 3));
    // Into another vault: all added, HOTP counter kept.
    let other_dir = tempfile::tempdir().unwrap();
    let (_, other) = new_vault(other_dir.path());
    let merged = other.import_entries(report.entries, NOW).unwrap();
    assert_eq!(merged.added.len(), 3);
    let hotp = entries(&other)
        .into_iter()
        .find_map(|e| e.account.params.kind().counter());
    assert_eq!(hotp, Some(9));
}
