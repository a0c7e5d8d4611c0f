//! All of the vault's SQL: opening the file with the right settings, and
//! one function per query. Nothing here encrypts or decrypts; rows go in
//! and out as ids, positions and sealed bytes.

use std::cell::Cell;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, MAIN_DB, OpenFlags, Transaction, TransactionBehavior, params};

use super::entry::EntryId;
use super::error::VaultError;
use super::schema;

/// How long a writer waits for another process's lock before [`VaultError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// SQLite page size given to NEW vault files; existing files keep the
/// size in their header (SQLite's default, 4096, for every vault made
/// before this). Unlocking reads every row, the index and the 64 KiB
/// manifest: with larger pages that is about a quarter of the reads and
/// B-tree pages. It must be set before the first page is written.
pub const NEW_VAULT_PAGE_SIZE: u32 = 16384;

/// A stored entry as it is on disk.
pub struct EntryRow {
    /// The id.
    pub id: EntryId,
    /// Sort position.
    pub position: i64,
    /// `nonce || ciphertext || tag`.
    pub sealed: Vec<u8>,
}

/// A stored key slot.
pub struct SlotRow {
    /// 16 random bytes.
    pub id: [u8; 16],
    /// 1 = password, 2 = platform.
    pub kind: u8,
    /// Kind-specific parameters (authenticated as associated data).
    pub params: Vec<u8>,
    /// The master key sealed under the slot key.
    pub sealed_key: Vec<u8>,
}

/// The vault's SQLite connection.
pub struct Db {
    conn: Connection,
    /// Whether the settings that only matter to writing (WAL, fsync,
    /// secure delete, WAL size) are applied yet: opening a vault to read
    /// it does not parse and run them ([`Db::write`] does, once).
    writer_ready: Cell<bool>,
}

impl Db {
    /// Opens an existing vault file. Checks the header before writing
    /// anything (a newer or foreign file is refused untouched), sets the
    /// busy timeout, and upgrades an older schema. WAL, `synchronous=FULL`,
    /// foreign keys, secure delete and the WAL size limit are set before
    /// the first write ([`Db::write`], the upgrade, a checkpoint): a vault
    /// created by Ward is in WAL mode already (it is stored in the file),
    /// and reading needs none of them.
    ///
    /// Returns the vault's id and entry format (its header row) with it.
    pub fn open(path: &Path) -> Result<(Db, ([u8; 16], u32)), VaultError> {
        let missing = || VaultError::Missing {
            path: path.display().to_string(),
        };
        // Without SQLITE_OPEN_CREATE a missing file fails to open; whether
        // it exists is only asked then (one system call fewer per open).
        let conn = match Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) {
            Ok(conn) => conn,
            Err(_) if !path.exists() => return Err(missing()),
            Err(error) => return Err(error.into()),
        };
        // SQLite falls back to read-only when the file or its folder cannot
        // be written; a WAL vault cannot work that way, so say so plainly.
        if conn.is_readonly(MAIN_DB)? {
            return Err(VaultError::ReadOnly);
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The header checks and the vault's header row in one read
        // transaction (each statement outside one would take and release
        // the file's read locks on its own).
        let (found, header) = {
            let tx = conn.unchecked_transaction()?;
            let found = schema::check(&tx)?;
            let header = match found {
                schema::Found::Current => Some(vault_header(&tx)?),
                schema::Found::Older(_) => None,
            };
            tx.commit()?;
            (found, header)
        };
        let mut db = Db {
            conn,
            writer_ready: Cell::new(false),
        };
        let header = match (found, header) {
            (schema::Found::Older(version), _) => {
                db.configure()?;
                schema::upgrade(&mut db.conn, version)?;
                vault_header(&db.conn)?
            }
            (schema::Found::Current, Some(header)) => header,
            (schema::Found::Current, None) => return Err(VaultError::NotAVault),
        };
        Ok((db, header))
    }

    /// Creates a new, empty file; refuses if anything exists at `path`.
    /// The schema is written later, with the first rows, by
    /// [`Db::write`] and [`schema::create`].
    pub fn create(path: &Path) -> Result<Db, VaultError> {
        if path.exists() {
            return Err(VaultError::AlreadyExists {
                path: path.display().to_string(),
            });
        }
        create_private_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Before anything is written: switching to WAL writes the header.
        conn.pragma_update(None, "page_size", NEW_VAULT_PAGE_SIZE)?;
        let db = Db {
            conn,
            writer_ready: Cell::new(false),
        };
        db.configure()?;
        Ok(db)
    }

    /// Applies the writer settings, once per connection.
    fn configure(&self) -> Result<(), VaultError> {
        if self.writer_ready.get() {
            return Ok(());
        }
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            log::warn!("vault journal mode is {mode}, not WAL");
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        // After a checkpoint resets the WAL, cut it back to empty rather
        // than leaving old frames (old key slots, old entries) in it.
        let _: i64 = self
            .conn
            .query_row("PRAGMA journal_size_limit = 0", [], |row| row.get(0))?;
        self.writer_ready.set(true);
        Ok(())
    }

    /// Copies every committed page into the file and truncates the WAL to
    /// zero bytes (`wal_checkpoint(TRUNCATE)`), so that page versions a
    /// transaction replaced are no longer in the `-wal` file. False if
    /// another connection's reader kept it from completing.
    pub fn checkpoint_truncate(&self) -> Result<bool, VaultError> {
        self.configure()?;
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        Ok(busy == 0)
    }

    /// Starts a write transaction, taking the write lock at once
    /// (`BEGIN IMMEDIATE`) so that a busy vault fails before any work.
    pub fn write(&mut self) -> Result<Transaction<'_>, VaultError> {
        self.configure()?;
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// The connection, for reads (writes go through [`Db::write`]).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Creates an empty file readable and writable by its owner only (mode
/// 0600 on unix; SQLite gives the `-wal` and `-shm` files the same mode).
/// Fails if anything exists at `path`.
fn create_private_file(path: &Path) -> Result<(), VaultError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(VaultError::AlreadyExists {
                path: path.display().to_string(),
            })
        }
        Err(error) => Err(VaultError::Storage(error.to_string())),
    }
}

/// `PRAGMA data_version`: changes when another connection commits.
pub fn data_version(conn: &Connection) -> Result<i64, VaultError> {
    let mut statement = conn.prepare_cached("PRAGMA data_version")?;
    Ok(statement.query_row([], |row| row.get(0))?)
}

/// Runs `read` inside one read transaction, so that everything it reads
/// comes from the same committed state even if another process commits
/// meanwhile (the entries, the slots and the manifest must agree, or the
/// integrity check would report a change that is only half seen). Inside
/// the caller's own transaction, `read` simply runs in it.
pub fn read_snapshot<R>(
    conn: &Connection,
    read: impl FnOnce() -> Result<R, VaultError>,
) -> Result<R, VaultError> {
    if !conn.is_autocommit() {
        return read();
    }
    let tx = conn.unchecked_transaction()?;
    let result = read()?;
    // Read only: ending it cannot lose anything.
    tx.commit()?;
    Ok(result)
}

/// The vault's id and format version.
pub fn vault_header(conn: &Connection) -> Result<([u8; 16], u32), VaultError> {
    let (id, format): (Vec<u8>, u32) = conn
        .query_row(
            "SELECT vault_id, format FROM vault WHERE singleton = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .map_err(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => VaultError::NotAVault,
            other => other.into(),
        })?;
    let id = id.try_into().map_err(|_| VaultError::NotAVault)?;
    Ok((id, format))
}

/// Every key slot, sorted by kind, then id (sorted here: an `ORDER BY`
/// would make SQLite set up a sorter for the two or three rows on every
/// unlock).
pub fn slots(conn: &Connection) -> Result<Vec<SlotRow>, VaultError> {
    let mut statement = conn.prepare_cached("SELECT id, kind, params, sealed_key FROM slots")?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, Vec<u8>>(0)?,
            row.get::<_, u8>(1)?,
            row.get(2)?,
            row.get(3)?,
        ))
    })?;
    let mut slots = Vec::new();
    for row in rows {
        let (id, kind, params, sealed_key) = row?;
        let Ok(id) = id.try_into() else {
            log::warn!("skipping a key slot with a malformed id");
            continue;
        };
        slots.push(SlotRow {
            id,
            kind,
            params,
            sealed_key,
        });
    }
    slots.sort_unstable_by_key(|slot| (slot.kind, slot.id));
    Ok(slots)
}

/// Every entry row, sorted by position, then id (a sequential scan, cheaper
/// than walking the position index for a full read, then a sort of the
/// small rows).
pub fn entries(conn: &Connection) -> Result<Vec<EntryRow>, VaultError> {
    let mut statement = conn.prepare_cached("SELECT id, position, sealed FROM entries")?;
    let mut rows = statement.query([])?;
    let mut entries = Vec::new();
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
        let Ok(id) = <[u8; 16]>::try_from(id) else {
            log::warn!("skipping an entry row with a malformed id");
            continue;
        };
        entries.push(EntryRow {
            id: EntryId::from_bytes(id),
            position: row.get(1)?,
            sealed: row.get(2)?,
        });
    }
    // In list order here, while the rows are small: the decrypted entries
    // built from them (with their code generators) are large, and sorting
    // those was a fifth of the unlock time (benches/vault.rs, perf).
    entries.sort_unstable_by_key(|row| (row.position, row.id));
    Ok(entries)
}

/// One entry row of [`EntryRows`]: its sealed blob is a range of the
/// shared buffer.
pub struct PackedRow {
    /// The id.
    pub id: EntryId,
    /// Sort position.
    pub position: i64,
    start: usize,
    end: usize,
}

/// Every entry row in id order, the sealed blobs packed one after another
/// in one buffer (one allocation for all of them instead of one each;
/// they are ciphertext, so nothing needs wiping).
pub struct EntryRows {
    /// The rows, by id.
    pub rows: Vec<PackedRow>,
    blobs: Vec<u8>,
}

impl PackedRow {
    /// A row whose blob is not in any buffer (for tests of ordering).
    #[cfg(test)]
    pub fn bare(id: EntryId, position: i64) -> Self {
        PackedRow {
            id,
            position,
            start: 0,
            end: 0,
        }
    }
}

impl EntryRows {
    /// A row's sealed blob (`nonce || ciphertext || tag`).
    pub fn sealed(&self, row: &PackedRow) -> &[u8] {
        &self.blobs[row.start..row.end]
    }
}

/// Every entry row in id order (the order of the `WITHOUT ROWID` table
/// itself, so SQLite scans it without sorting), blobs read in place.
/// `expected` (a hint: the number of rows the manifest records) sizes the
/// buffers once, from the first blob's length (most entries share a size
/// bucket), instead of growing them step by step.
pub fn entry_rows(conn: &Connection, expected: usize) -> Result<EntryRows, VaultError> {
    let mut statement =
        conn.prepare_cached("SELECT id, position, sealed FROM entries ORDER BY id")?;
    let mut rows = statement.query([])?;
    let mut packed = EntryRows {
        rows: Vec::with_capacity(expected),
        blobs: Vec::new(),
    };
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
        let Ok(id) = <[u8; 16]>::try_from(id) else {
            log::warn!("skipping an entry row with a malformed id");
            continue;
        };
        let sealed = row.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?;
        if packed.blobs.capacity() == 0 {
            // A row changed outside Ward may be any size: the estimate
            // counts at most one 4 KiB bucket per row.
            let per_row = sealed.len().min(4096 + crate::crypto::aead::OVERHEAD);
            packed
                .blobs
                .reserve(expected.max(1).saturating_mul(per_row));
        }
        let start = packed.blobs.len();
        packed.blobs.extend_from_slice(sealed);
        packed.rows.push(PackedRow {
            id: EntryId::from_bytes(id),
            position: row.get(1)?,
            start,
            end: packed.blobs.len(),
        });
    }
    Ok(packed)
}

/// Writes the vault's header row (once, at creation).
pub fn insert_header(
    tx: &Transaction<'_>,
    vault_id: &[u8; 16],
    format: u32,
) -> Result<(), VaultError> {
    tx.execute(
        "INSERT INTO vault (singleton, vault_id, format) VALUES (1, ?1, ?2)",
        params![vault_id.as_slice(), format],
    )?;
    Ok(())
}

/// Adds a key slot.
pub fn insert_slot(tx: &Transaction<'_>, slot: &SlotRow) -> Result<(), VaultError> {
    tx.execute(
        "INSERT INTO slots (id, kind, params, sealed_key) VALUES (?1, ?2, ?3, ?4)",
        params![slot.id.as_slice(), slot.kind, slot.params, slot.sealed_key],
    )?;
    Ok(())
}

/// Removes a key slot; false if there was none with that id.
pub fn delete_slot(tx: &Transaction<'_>, id: &[u8; 16]) -> Result<bool, VaultError> {
    Ok(tx.execute("DELETE FROM slots WHERE id = ?1", [id.as_slice()])? > 0)
}

/// How many key slots the vault has.
pub fn count_slots(tx: &Transaction<'_>) -> Result<i64, VaultError> {
    Ok(tx.query_row("SELECT count(*) FROM slots", [], |row| row.get(0))?)
}

/// The largest position in use, or -1 for an empty vault.
pub fn max_position(tx: &Transaction<'_>) -> Result<i64, VaultError> {
    Ok(tx.query_row(
        "SELECT coalesce(max(position), -1) FROM entries",
        [],
        |row| row.get(0),
    )?)
}

/// Adds an entry row.
pub fn insert_entry(
    tx: &Transaction<'_>,
    id: &EntryId,
    position: i64,
    sealed: &[u8],
) -> Result<(), VaultError> {
    let mut statement =
        tx.prepare_cached("INSERT INTO entries (id, position, sealed) VALUES (?1, ?2, ?3)")?;
    statement.execute(params![id.as_bytes().as_slice(), position, sealed])?;
    Ok(())
}

/// Replaces an entry's sealed payload; false if the entry is gone.
pub fn update_entry(tx: &Transaction<'_>, id: &EntryId, sealed: &[u8]) -> Result<bool, VaultError> {
    Ok(tx.execute(
        "UPDATE entries SET sealed = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), sealed],
    )? > 0)
}

/// Sets an entry's position; false if the entry is gone.
pub fn set_position(tx: &Transaction<'_>, id: &EntryId, position: i64) -> Result<bool, VaultError> {
    let mut statement = tx.prepare_cached("UPDATE entries SET position = ?2 WHERE id = ?1")?;
    Ok(statement.execute(params![id.as_bytes().as_slice(), position])? > 0)
}

/// Deletes an entry; false if there was none.
pub fn delete_entry(tx: &Transaction<'_>, id: &EntryId) -> Result<bool, VaultError> {
    Ok(tx.execute(
        "DELETE FROM entries WHERE id = ?1",
        [id.as_bytes().as_slice()],
    )? > 0)
}

/// Every entry id, for checking a new order.
pub fn entry_ids(tx: &Transaction<'_>) -> Result<Vec<EntryId>, VaultError> {
    let mut statement = tx.prepare_cached("SELECT id FROM entries")?;
    let rows = statement.query_map([], |row| row.get::<_, Vec<u8>>(0))?;
    let mut ids = Vec::new();
    for row in rows {
        if let Ok(bytes) = <[u8; 16]>::try_from(row?) {
            ids.push(EntryId::from_bytes(bytes));
        }
    }
    Ok(ids)
}

/// Every key slot's id (works while locked; no key material).
pub fn slot_ids(conn: &Connection) -> Result<Vec<[u8; 16]>, VaultError> {
    Ok(slots(conn)?.into_iter().map(|slot| slot.id).collect())
}

/// The stored manifest: `None` if its row is missing, `Some(None)` if the
/// schema was upgraded and it is not sealed yet, else the sealed bytes.
pub fn manifest(conn: &Connection) -> Result<Option<Option<Vec<u8>>>, VaultError> {
    let mut statement = conn.prepare_cached("SELECT sealed FROM manifest WHERE singleton = 1")?;
    let mut rows = statement.query([])?;
    match rows.next()? {
        None => Ok(None),
        Some(row) => Ok(Some(row.get(0)?)),
    }
}

/// Writes the sealed manifest (inserting its row if it was deleted).
pub fn put_manifest(tx: &Transaction<'_>, sealed: &[u8]) -> Result<(), VaultError> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO manifest (singleton, sealed) VALUES (1, ?1) \
         ON CONFLICT (singleton) DO UPDATE SET sealed = excluded.sealed",
    )?;
    statement.execute([sealed])?;
    Ok(())
}

/// Sets the entry format number in the header (after a re-key re-sealed
/// every entry under the current format).
pub fn set_format(tx: &Transaction<'_>, format: u32) -> Result<(), VaultError> {
    tx.execute("UPDATE vault SET format = ?1 WHERE singleton = 1", [format])?;
    Ok(())
}

/// Deletes every key slot of one kind (inside the caller's transaction);
/// returns how many there were.
pub fn delete_slots_of_kind(tx: &Transaction<'_>, kind: u8) -> Result<usize, VaultError> {
    Ok(tx.execute("DELETE FROM slots WHERE kind = ?1", [kind])?)
}

/// Removes every key slot (re-key: the new slot is inserted in the same
/// transaction).
pub fn delete_all_slots(tx: &Transaction<'_>) -> Result<usize, VaultError> {
    Ok(tx.execute("DELETE FROM slots", [])?)
}

/// Closes the gap a deleted entry left at `position`, so positions do not
/// show where deletions happened.
pub fn close_position_gap(tx: &Transaction<'_>, position: i64) -> Result<(), VaultError> {
    tx.execute(
        "UPDATE entries SET position = position - 1 WHERE position > ?1",
        [position],
    )?;
    Ok(())
}

/// A setting's sealed value (schema 2), if it is set.
pub fn setting(conn: &Connection, name: &str) -> Result<Option<Vec<u8>>, VaultError> {
    let mut statement = conn.prepare_cached("SELECT sealed FROM settings WHERE name = ?1")?;
    let mut rows = statement.query([name])?;
    Ok(match rows.next()? {
        Some(row) => Some(row.get(0)?),
        None => None,
    })
}

/// Sets a setting's sealed value.
pub fn put_setting(tx: &Transaction<'_>, name: &str, sealed: &[u8]) -> Result<(), VaultError> {
    tx.execute(
        "INSERT INTO settings (name, sealed) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed",
        params![name, sealed],
    )?;
    Ok(())
}

/// An entry's stored position, if the row exists.
pub fn position_of(tx: &Transaction<'_>, id: &EntryId) -> Result<Option<i64>, VaultError> {
    let mut statement = tx.prepare_cached("SELECT position FROM entries WHERE id = ?1")?;
    let mut rows = statement.query([id.as_bytes().as_slice()])?;
    match rows.next()? {
        None => Ok(None),
        Some(row) => Ok(Some(row.get(0)?)),
    }
}

/// Removes every setting (a restored vault starts without the old
/// device's settings).
pub fn clear_settings(tx: &Transaction<'_>) -> Result<(), VaultError> {
    tx.execute("DELETE FROM settings", [])?;
    Ok(())
}
