//! Tampering with the stored file: any changed byte of any entry blob or
//! key slot, and blobs swapped between entries or copied from another
//! vault, are detected; so are (through the integrity manifest) rows
//! deleted, put back or rolled back, positions swapped, slots removed and
//! the manifest itself deleted or changed. The other entries keep working
//! and nothing is rewritten until the user accepts the vault's state.

mod common;

use common::{PASSWORD, fixed_keystore, new_vault, raw, totp};
use ward_core::crypto::KdfParams;
use ward_core::vault::{EntryEdit, EntryId, IntegrityReport, ListedEntry, Vault, VaultError};
use ward_core::{Account, Algorithm, OtpKind, OtpParams, Secret};

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
    let edit = EntryEdit::of(&vault.get(&ids[0]).unwrap());
    assert_eq!(
        vault.update(&ids[1], &edit, 1),
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

// ---------------------------------------------------------------------------
// Changes that every row still authenticates through: only the integrity
// manifest shows them.

fn report(vault: &Vault) -> IntegrityReport {
    vault.integrity().unwrap()
}

/// The entries a report names, and the words of each problem.
fn named(report: &IntegrityReport) -> Vec<(Option<EntryId>, String)> {
    report
        .problems
        .iter()
        .map(|problem| (problem.entry_id, problem.description.clone()))
        .collect()
}

fn readable(vault: &Vault) -> Vec<EntryId> {
    vault
        .list("")
        .unwrap()
        .iter()
        .filter_map(|item| match item {
            ListedEntry::Entry(entry) => Some(entry.id),
            ListedEntry::Damaged { .. } => None,
        })
        .collect()
}

fn three(vault: &Vault) -> [EntryId; 3] {
    ["a", "b", "c"].map(|name| {
        vault
            .add_account(
                totp("Issuer", name, name.as_bytes().repeat(20).as_slice()),
                0,
            )
            .unwrap()
    })
}

fn row(conn: &rusqlite::Connection, id: &EntryId) -> (i64, Vec<u8>) {
    conn.query_row(
        "SELECT position, sealed FROM entries WHERE id = ?1",
        [id.as_bytes().as_slice()],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .unwrap()
}

fn hotp(name: &str) -> Account {
    Account {
        issuer: "Hotp".into(),
        name: name.into(),
        params: OtpParams::new(
            Secret::from_bytes(b"12345678901234567890".to_vec()).unwrap(),
            Algorithm::Sha1,
            6,
            OtpKind::Hotp { counter: 0 },
        )
        .unwrap(),
    }
}

#[test]
fn an_untouched_vault_is_intact_and_its_generation_grows() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let first = vault.generation().unwrap();
    assert!(first >= 2, "created, then a platform slot added: {first}");
    let [a, b, _] = three(&vault);
    vault.reorder(&[b, a, readable(&vault)[2]]).unwrap();
    let h = vault.add_account(hotp("h"), 0).unwrap();
    vault.hotp_next(&h, 1).unwrap();
    vault.delete(&a).unwrap();
    let mut edit = EntryEdit::of(&vault.get(&b).unwrap());
    edit.note = "n".into();
    vault.update(&b, &edit, 2).unwrap();
    let report = report(&vault);
    assert!(report.intact, "{:?}", report.problems);
    assert_eq!(report.generation, first + 8);
    // Positions close up after a delete: no gap shows where it was.
    let positions: Vec<i64> = vault
        .list("")
        .unwrap()
        .iter()
        .map(|e| match e {
            ListedEntry::Entry(entry) => entry.position,
            ListedEntry::Damaged { position, .. } => *position,
        })
        .collect();
    assert_eq!(positions, [0, 1, 2]);
    drop(vault);
    let vault = Vault::open(&path).unwrap();
    assert_eq!(vault.generation(), Err(VaultError::Locked));
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    assert_eq!(vault.generation().unwrap(), first + 8);
}

#[test]
fn a_row_deleted_outside_ward_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let [a, b, c] = three(&vault);
    raw(&path)
        .execute(
            "DELETE FROM entries WHERE id = ?1",
            [b.as_bytes().as_slice()],
        )
        .unwrap();
    let report = report(&vault);
    assert!(!report.intact);
    let problems = named(&report);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, Some(b));
    assert!(
        problems[0].1.contains("deleted outside Ward"),
        "{problems:?}"
    );
    assert_eq!(readable(&vault), [a, c]);
    assert_eq!(vault.codes_at(59).unwrap().len(), 2);
    // Nothing was rewritten: the remaining rows are as they were.
    let before = row(&raw(&path), &a);
    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    assert!(!report.intact);
    assert_eq!(row(&raw(&path), &a), before);
}

#[test]
fn a_deleted_row_put_back_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let [a, b, c] = three(&vault);
    let conn = raw(&path);
    let (position, sealed) = row(&conn, &b);
    vault.delete(&b).unwrap();
    assert!(report(&vault).intact);
    conn.execute(
        "INSERT INTO entries (id, position, sealed) VALUES (?1, ?2, ?3)",
        rusqlite::params![b.as_bytes().as_slice(), position, sealed],
    )
    .unwrap();
    let problems = named(&report(&vault));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, Some(b));
    assert!(
        problems[0].1.contains("not written by Ward"),
        "{problems:?}"
    );
    // It still reads (the user decides), and so do the others.
    let mut ids = readable(&vault);
    ids.sort();
    let mut all = vec![a, b, c];
    all.sort();
    assert_eq!(ids, all);
}

#[test]
fn an_older_copy_of_a_row_put_back_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let [a, b, _] = three(&vault);
    let conn = raw(&path);
    let (_, old) = row(&conn, &a);
    let mut edit = EntryEdit::of(&vault.get(&a).unwrap());
    edit.note = "changed".into();
    vault.update(&a, &edit, 5).unwrap();
    set_blob(&conn, a.as_bytes(), &old);
    let problems = named(&report(&vault));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, Some(a));
    assert!(problems[0].1.contains("older copy"), "{problems:?}");
    assert_eq!(vault.get(&a).unwrap().note, "", "the old row still reads");
    // Ward does not write over it (which would hide the change).
    assert!(matches!(
        vault.update(&a, &edit, 6),
        Err(VaultError::Tampered { .. })
    ));
    assert!(vault.update(&b, &edit, 6).is_ok());
}

#[test]
fn swapped_positions_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let [a, b, c] = three(&vault);
    let conn = raw(&path);
    let (pa, _) = row(&conn, &a);
    let (pc, _) = row(&conn, &c);
    conn.execute(
        "UPDATE entries SET position = CASE id WHEN ?1 THEN ?4 WHEN ?2 THEN ?3 END WHERE id IN (?1, ?2)",
        rusqlite::params![a.as_bytes().as_slice(), c.as_bytes().as_slice(), pa, pc],
    )
    .unwrap();
    let report = report(&vault);
    let mut ids: Vec<_> = report
        .problems
        .iter()
        .map(|p| p.entry_id.unwrap())
        .collect();
    ids.sort();
    let mut expected = vec![a, c];
    expected.sort();
    assert_eq!(ids, expected, "{:?}", report.problems);
    assert!(
        report
            .problems
            .iter()
            .all(|p| p.description.contains("moved"))
    );
    assert_eq!(readable(&vault), [c, b, a], "listed in the order found");
}

#[test]
fn a_removed_slot_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    vault.add_account(totp("A", "a", &[1; 20]), 0).unwrap();
    drop(vault);
    for kind in [2, 1] {
        let copy = dir.path().join(format!("copy-{kind}.ward"));
        std::fs::copy(&path, &copy).unwrap();
        raw(&copy)
            .execute("DELETE FROM slots WHERE kind = ?1", [kind])
            .unwrap();
        let vault = Vault::open(&copy).unwrap();
        if kind == 2 {
            vault.unlock_with_password(PASSWORD, 0).unwrap();
        } else {
            vault.unlock_with_keystore(&fixed_keystore(), 0).unwrap();
        }
        let problems = named(&report(&vault));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, None);
        assert!(problems[0].1.contains("key slot"), "{problems:?}");
        assert!(
            problems[0].1.contains("removed outside Ward"),
            "{problems:?}"
        );
        assert_eq!(readable(&vault).len(), 1);
    }
}

#[test]
fn a_rolled_back_hotp_row_never_gives_a_used_code() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let id = vault.add_account(hotp("h"), 0).unwrap();
    let conn = raw(&path);
    let (_, at_zero) = row(&conn, &id);
    let mut issued = vec![
        vault.hotp_next(&id, 1).unwrap().as_str().to_owned(),
        vault.hotp_next(&id, 2).unwrap().as_str().to_owned(),
    ];
    assert_eq!(issued, ["755224", "287082"], "RFC 4226 appendix D");
    set_blob(&conn, id.as_bytes(), &at_zero);
    let refused = vault.hotp_next(&id, 3);
    let Err(VaultError::Tampered { message }) = refused else {
        panic!("a used code was issued again: {refused:?}");
    };
    assert!(message.contains("counter 0 is below 2"), "{message}");
    // The row is left as found until the user decides.
    assert_eq!(row(&conn, &id).1, at_zero);
    // Reopening changes nothing: the mark is in the sealed manifest.
    let reopened = Vault::open(&path).unwrap();
    reopened.unlock_with_password(PASSWORD, 0).unwrap();
    assert!(matches!(
        reopened.hotp_next(&id, 3),
        Err(VaultError::Tampered { .. })
    ));
    // Accepting the vault moves the entry to its first unused counter.
    reopened.accept_integrity_state(4).unwrap();
    assert!(report(&reopened).intact);
    let next = reopened.hotp_next(&id, 5).unwrap().as_str().to_owned();
    assert!(!issued.contains(&next));
    assert_eq!(next, "359152", "counter 2");
    issued.push(next);
}

#[test]
fn an_edit_cannot_move_a_counter_or_change_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, vault) = new_vault(dir.path());
    let id = vault.add_account(hotp("h"), 0).unwrap();
    vault.hotp_next(&id, 1).unwrap();
    // An edit made from a stale copy (counter 0) of the entry.
    let mut edit = EntryEdit::of(&vault.get(&id).unwrap());
    vault.hotp_next(&id, 2).unwrap();
    edit.issuer = "Renamed".into();
    vault.update(&id, &edit, 3).unwrap();
    let entry = vault.get(&id).unwrap();
    assert_eq!(entry.account.issuer, "Renamed");
    assert_eq!(entry.account.params.kind(), OtpKind::Hotp { counter: 2 });
    assert_eq!(vault.hotp_next(&id, 4).unwrap().as_str(), "359152");
}

#[test]
fn a_missing_or_changed_manifest_stops_writes_not_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let [a, ..] = three(&vault);
    let conn = raw(&path);
    let sealed: Vec<u8> = conn
        .query_row("SELECT sealed FROM manifest", [], |row| row.get(0))
        .unwrap();
    let mut flipped = sealed.clone();
    flipped[20] ^= 1;
    for change in ["delete", "flip"] {
        if change == "delete" {
            conn.execute("DELETE FROM manifest", []).unwrap();
        } else {
            conn.execute("INSERT OR REPLACE INTO manifest VALUES (1, ?1)", [&flipped])
                .unwrap();
        }
        let report = report(&vault);
        assert!(!report.intact, "{change}");
        assert_eq!(report.generation, 0, "{change}");
        assert_eq!(readable(&vault).len(), 3, "{change}");
        assert!(vault.get(&a).is_ok());
        assert!(
            matches!(
                vault.add_account(totp("X", change, &[9; 20]), 0),
                Err(VaultError::Tampered { .. })
            ),
            "{change}"
        );
        vault.accept_integrity_state(1).unwrap();
        let after = vault.integrity().unwrap();
        assert!(after.intact, "{change}: {:?}", after.problems);
    }
    // An older manifest put back: what changed since is named, and the
    // generation went back (the app's stored copy catches that).
    let before: Vec<u8> = conn
        .query_row("SELECT sealed FROM manifest", [], |row| row.get(0))
        .unwrap();
    let seen = vault.generation().unwrap();
    let x = vault.add_account(totp("X", "x", &[9; 20]), 0).unwrap();
    conn.execute("INSERT OR REPLACE INTO manifest VALUES (1, ?1)", [&before])
        .unwrap();
    let report = report(&vault);
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].entry_id, Some(x));
    assert!(report.generation < seen + 1);
}

#[test]
fn issuer_length_does_not_show_in_the_blob_length() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let short = vault.add_account(totp("A", "same", &[1; 20]), 0).unwrap();
    let long = vault
        .add_account(totp(&"A".repeat(40), "same", &[1; 20]), 0)
        .unwrap();
    let conn = raw(&path);
    assert_eq!(row(&conn, &short).1.len(), row(&conn, &long).1.len());
}

#[test]
fn an_old_copy_decrypts_nothing_written_after_a_password_change() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    let [a, ..] = three(&vault);
    drop(vault);
    let old_copy = dir.path().join("old.ward");
    std::fs::copy(&path, &old_copy).unwrap();

    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    vault
        .change_password(b"the new password", KdfParams::MINIMUM, 0)
        .unwrap();
    let added = vault.add_account(totp("New", "new", &[7; 20]), 1).unwrap();
    let mut edit = EntryEdit::of(&vault.get(&a).unwrap());
    edit.note = "after".into();
    vault.update(&a, &edit, 2).unwrap();
    let conn = raw(&path);
    let (_, added_blob) = row(&conn, &added);
    let (_, a_blob) = row(&conn, &a);
    drop(vault);

    // Carry what was written after the change into the old copy.
    let old = raw(&old_copy);
    old.execute(
        "INSERT INTO entries (id, position, sealed) VALUES (?1, 9, ?2)",
        rusqlite::params![added.as_bytes().as_slice(), added_blob],
    )
    .unwrap();
    set_blob(&old, a.as_bytes(), &a_blob);
    let vault = Vault::open(&old_copy).unwrap();
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    let mut broken = damaged(&vault);
    broken.sort();
    let mut expected = vec![a.to_string(), added.to_string()];
    expected.sort();
    assert_eq!(broken, expected);
}
