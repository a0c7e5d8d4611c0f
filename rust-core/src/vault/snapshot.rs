//! Snapshots of the vault file (issue 13): a consistent copy taken with
//! SQLite's online backup API, as bytes, and its verification.
//!
//! A snapshot is a complete vault file in rollback-journal mode (one file,
//! no `-wal`): sealed exactly as the vault is, so its password slots open
//! it and nothing else does. It is verified before it counts by
//! [`verify`], which opens the copy in memory and decrypts it with the
//! in-memory master key (the key never leaves memory).

use std::io::Read;

use rusqlite::{Connection, MAIN_DB, backup::Backup};

use super::cache::{Cache, Cached, Unlocked};
use super::db::{self, SlotRow};
use super::error::VaultError;
use super::schema;
use super::slots::KIND_PASSWORD;

/// Offset of the file-format write/read version bytes in the SQLite header
/// (2 = WAL, 1 = rollback journal).
const HEADER_JOURNAL_BYTES: std::ops::Range<usize> = 18..20;

/// The SQLite file header's first 16 bytes.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// True when `bytes` look like a Ward vault file or snapshot: the SQLite
/// header and `application_id` "WARD" (big-endian at offset 68).
pub fn looks_like_vault(bytes: &[u8]) -> bool {
    bytes.len() >= 100
        && bytes.starts_with(SQLITE_MAGIC)
        && bytes[68..72] == schema::APPLICATION_ID.to_be_bytes()
}

/// Copies the database behind `conn` as one consistent snapshot, in
/// rollback-journal mode. `conn` may be inside a read transaction (then
/// the snapshot is that transaction's view).
pub fn take(conn: &Connection) -> Result<Vec<u8>, VaultError> {
    let mut memory = Connection::open_in_memory()?;
    {
        let backup = Backup::new(conn, &mut memory)?;
        // -1: every page in one step, under one read lock.
        backup.step(-1)?;
    }
    let data = memory.serialize(MAIN_DB)?;
    let mut bytes = data.to_vec();
    if bytes.len() < 100 {
        return Err(VaultError::Backup(
            "the vault snapshot came out empty: nothing was written; try again".into(),
        ));
    }
    bytes[HEADER_JOURNAL_BYTES].copy_from_slice(&[1, 1]);
    Ok(bytes)
}

/// Opens snapshot bytes as an in-memory database (a private copy; `bytes`
/// is not changed). A WAL-mode header is read as rollback mode, since an
/// in-memory copy has no `-wal` file.
pub fn open_copy(bytes: &[u8], read_only: bool) -> Result<Connection, VaultError> {
    if !looks_like_vault(bytes) {
        return Err(VaultError::NotAVault);
    }
    let mut conn = Connection::open_in_memory()?;
    let reader = bytes[..HEADER_JOURNAL_BYTES.start]
        .chain(&[1u8, 1][..])
        .chain(&bytes[HEADER_JOURNAL_BYTES.end..]);
    conn.deserialize_read_exact(MAIN_DB, reader, bytes.len(), read_only)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(VaultError::NotAVault);
    }
    Ok(conn)
}

/// Serializes an in-memory copy back to bytes (rollback-journal mode).
pub fn to_bytes(conn: &mut Connection) -> Result<Vec<u8>, VaultError> {
    let data = conn.serialize(MAIN_DB)?;
    let mut bytes = data.to_vec();
    if bytes.len() >= 100 {
        bytes[HEADER_JOURNAL_BYTES].copy_from_slice(&[1, 1]);
    }
    Ok(bytes)
}

/// Verifies a snapshot against the live vault it was taken from: the copy
/// is a sound SQLite file of the current schema, with this vault's id,
/// exactly the live key slots (at least one password slot, so the password
/// alone opens it), and entries that decrypt with the in-memory master key
/// to exactly the live entries (same ids, positions, accounts, counters,
/// notes; damaged rows damaged in both), and whose integrity manifest
/// opens and reports of the copy exactly what the live vault's reports of
/// the vault. Returns the copy's manifest generation.
pub fn verify(
    bytes: &[u8],
    state: &Unlocked,
    live_slots: &[SlotRow],
    live: &Cache,
) -> Result<u64, VaultError> {
    let fail = |what: &str| {
        VaultError::Backup(format!(
            "the new backup does not match the vault ({what}): it was not kept; check the backup folder's disk and try again"
        ))
    };
    let copy = open_copy(bytes, true).map_err(|_| fail("it is not a readable vault file"))?;
    if schema::check(&copy).map_err(|_| fail("bad header"))? != schema::Found::Current {
        return Err(fail("old schema"));
    }
    let (vault_id, format) = db::vault_header(&copy).map_err(|_| fail("no vault header"))?;
    if vault_id != *state.vault_id() || format != state.format() {
        return Err(fail("another vault's header"));
    }
    let slots = db::slots(&copy)?;
    let same_slots = slots.len() == live_slots.len()
        && slots.iter().zip(live_slots).all(|(a, b)| {
            a.id == b.id && a.kind == b.kind && a.params == b.params && a.sealed_key == b.sealed_key
        });
    if !same_slots || !slots.iter().any(|slot| slot.kind == KIND_PASSWORD) {
        return Err(fail("key slots differ"));
    }
    let mut items: Vec<Cached> = db::entries(&copy)?
        .into_iter()
        .map(|row| state.open_row(&row))
        .collect();
    items.sort_by_key(|item| (item.position(), item.id()));
    if items.len() != live.items.len() {
        return Err(fail("entry count differs"));
    }
    for (copied, original) in items.iter().zip(&live.items) {
        let same = match (copied, original) {
            (Cached::Entry { entry: a, .. }, Cached::Entry { entry: b, .. }) => {
                a.summary == b.summary && a.params == b.params
            }
            (Cached::Damaged { id: a, position: p }, Cached::Damaged { id: b, position: q }) => {
                a == b && p == q
            }
            _ => false,
        };
        if !same {
            return Err(fail(&format!("entry {} differs", original.id())));
        }
    }
    // The copy's integrity manifest opens and says of the copy exactly what
    // the live vault's says of the vault (intact, or the same problems).
    let copied = state
        .integrity_of(&copy)
        .map_err(|_| fail("its integrity record is unreadable"))?;
    if copied != live.report {
        return Err(fail("its integrity record differs"));
    }
    Ok(copied.generation)
}
