//! Tampering with the stored file: any changed byte of any entry blob or
//! key slot, and blobs swapped between entries or copied from another
//! vault, are detected; the other entries keep working and nothing is
//! rewritten.

mod common;

use common::{PASSWORD, fixed_keystore, new_vault, raw, totp};
use ward_core::vault::{ListedEntry, Vault, VaultError};

fn blob(conn: &rusqlite::Connection, id: &[u8]) -> Vec<u8> {
    conn.query_row("SELECT sealed FROM entries WHERE id = ?1", [id], |row| {
        row.get(0)
    })
    .unwrap()
}

fn set_blob(conn: &rusqlite::Connection, id: &[u8], sealed: &[u8]) {
    conn.execute(
        "UPDATE entries SET sealed = ?2 WHERE id = ?1",
        rusqlite::params![id, sealed],
    )
    .unwrap();
}

fn damaged(vault: &Vault) -> Vec<String> {
    vault
        .list("")
        .unwrap()
        .iter()
        .filter_map(|item| match item {
            ListedEntry::Damaged { id, .. } => Some(id.to_string()),
            ListedEntry::Entry(_) => None,
        })
        .collect()
}

#[test]
fn every_flipped_entry_byte_is_detected_and_others_still_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let ids: Vec<_> = (0..3)
        .map(|i| {
            vault
                .add_account(totp("Issuer", &format!("user{i}"), &[i as u8 + 1; 20]), 0)
                .unwrap()
        })
        .collect();
    let conn = raw(&path);
    let target = ids[1].as_bytes().to_vec();
    let original = blob(&conn, &target);
    for index in 0..original.len() {
        let mut changed = original.clone();
        changed[index] ^= 0x80;
        set_blob(&conn, &target, &changed);
        assert_eq!(damaged(&vault), [ids[1].to_string()], "byte {index}");
        assert_eq!(vault.get(&ids[1]), Err(VaultError::Damaged { id: ids[1] }));
        assert!(vault.get(&ids[0]).is_ok() && vault.get(&ids[2]).is_ok());
        let codes = vault.codes_at(59).unwrap();
        assert_eq!(codes.len(), 3, "a damaged entry is reported, not dropped");
    }
    // Truncated and empty blobs too.
    for len in [0, 1, 12, 27, original.len() - 1] {
        set_blob(&conn, &target, &original[..len]);
        assert_eq!(damaged(&vault), [ids[1].to_string()], "length {len}");
    }
    // Writes never overwrite a damaged entry.
    let mut edited = vault.get(&ids[0]).unwrap();
    edited.id = ids[1];
    assert_eq!(
        vault.update(&edited, 1),
        Err(VaultError::Damaged { id: ids[1] })
    );
    assert_eq!(blob(&conn, &target), &original[..original.len() - 1]);
    set_blob(&conn, &target, &original);
    assert!(damaged(&vault).is_empty());
}

#[test]
fn swapped_and_foreign_blobs_do_not_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let a = vault.add_account(totp("A", "a", &[1; 20]), 0).unwrap();
    let b = vault.add_account(totp("B", "b", &[2; 20]), 0).unwrap();
    let c = vault.add_account(totp("C", "c", &[3; 20]), 0).unwrap();
    let conn = raw(&path);
    let (blob_a, blob_b) = (blob(&conn, a.as_bytes()), blob(&conn, b.as_bytes()));
    set_blob(&conn, a.as_bytes(), &blob_b);
    set_blob(&conn, b.as_bytes(), &blob_a);
    let mut found = damaged(&vault);
    found.sort();
    let mut expected = vec![a.to_string(), b.to_string()];
    expected.sort();
    assert_eq!(found, expected);
    assert!(vault.get(&c).is_ok());

    // A blob from another vault under the same id: damaged too.
    let other_dir = tempfile::tempdir().unwrap();
    let (other_path, other) = new_vault(other_dir.path());
    other.add_account(totp("A", "a", &[1; 20]), 0).unwrap();
    let other_conn = raw(&other_path);
    let (other_id, other_blob): (Vec<u8>, Vec<u8>) = other_conn
        .query_row("SELECT id, sealed FROM entries", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    set_blob(&conn, a.as_bytes(), &blob_a);
    set_blob(&conn, b.as_bytes(), &blob_b);
    conn.execute(
        "INSERT INTO entries (id, position, sealed) VALUES (?1, 99, ?2)",
        rusqlite::params![other_id, other_blob],
    )
    .unwrap();
    assert_eq!(damaged(&vault).len(), 1);
    assert_eq!(vault.list("").unwrap().len(), 4);
}

#[test]
fn every_flipped_slot_byte_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    vault.add_account(totp("A", "a", &[1; 20]), 0).unwrap();
    drop(vault);
    let conn = raw(&path);
    let (slot_id, params, sealed): (Vec<u8>, Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT id, params, sealed_key FROM slots WHERE kind = 2",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    let store = fixed_keystore();
    for column in ["params", "sealed_key"] {
        let original = if column == "params" { &params } else { &sealed };
        for index in 0..original.len() {
            let mut changed = original.clone();
            changed[index] ^= 0x01;
            conn.execute(
                &format!("UPDATE slots SET {column} = ?2 WHERE id = ?1"),
                rusqlite::params![slot_id, changed],
            )
            .unwrap();
            let vault = Vault::open(&path).unwrap();
            let result = vault.unlock_with_keystore(&store, 0);
            assert!(
                matches!(
                    result,
                    Err(VaultError::WrongPlatformKey | VaultError::KeyStore(_))
                ),
                "{column} byte {index}: {result:?}"
            );
            assert!(!vault.is_unlocked());
        }
        conn.execute(
            &format!("UPDATE slots SET {column} = ?2 WHERE id = ?1"),
            rusqlite::params![slot_id, original],
        )
        .unwrap();
    }
    // The password slot: every byte of the sealed key (each try runs Argon2id).
    let (slot_id, sealed): (Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT id, sealed_key FROM slots WHERE kind = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    for index in (0..sealed.len()).step_by(7) {
        let mut changed = sealed.clone();
        changed[index] ^= 0x01;
        conn.execute(
            "UPDATE slots SET sealed_key = ?2 WHERE id = ?1",
            rusqlite::params![slot_id, changed],
        )
        .unwrap();
        let vault = Vault::open(&path).unwrap();
        assert_eq!(
            vault.unlock_with_password(PASSWORD, 0),
            Err(VaultError::WrongPassword)
        );
    }
    conn.execute(
        "UPDATE slots SET sealed_key = ?2 WHERE id = ?1",
        rusqlite::params![slot_id, sealed],
    )
    .unwrap();
    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    vault.unlock_with_keystore(&store, 0).unwrap();
    assert_eq!(vault.list("").unwrap().len(), 1);
}
