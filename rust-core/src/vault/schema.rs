//! The vault's SQL schema and its migrations.
//!
//! The schema version is `PRAGMA user_version`; the file is marked as a
//! Ward vault by `PRAGMA application_id`. A fresh vault gets the newest
//! schema directly; an older one is upgraded one version at a time
//! ([`upgrade_from`]), all steps inside one transaction, so a crash leaves
//! either the old or the new schema. A file newer than [`VERSION`] is
//! refused before anything is written to it.
//!
//! Each released schema is frozen as a fixture in `tests/fixtures/vault/`
//! and the upgrade from it is tested.

use rusqlite::{Connection, Transaction};

use super::error::VaultError;

/// The schema version this build writes and reads.
pub const VERSION: u32 = 2;

/// `PRAGMA application_id` of a Ward vault: "WARD" in ASCII.
pub const APPLICATION_ID: i32 = 0x5741_5244;

/// The newest schema, created in one go for a fresh vault.
const CREATE_V1: &str = "
CREATE TABLE vault (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    vault_id  BLOB NOT NULL CHECK (length(vault_id) = 16),
    format    INTEGER NOT NULL
);
CREATE TABLE slots (
    id         BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    kind       INTEGER NOT NULL,
    params     BLOB NOT NULL,
    sealed_key BLOB NOT NULL
);
CREATE TABLE entries (
    id       BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    position INTEGER NOT NULL,
    sealed   BLOB NOT NULL
);
CREATE INDEX entries_by_position ON entries (position, id);
";

/// Version 2, issue 13 (backups): the vault's own encrypted settings. One
/// row per setting; `sealed` is AES-256-GCM under the master key with the
/// setting's name bound in (see `vault::settings`). Kept apart from the
/// other version-2 additions so the steps can be merged into one.
const CREATE_V2_SETTINGS: &str = "
CREATE TABLE settings (
    name   TEXT PRIMARY KEY NOT NULL,
    sealed BLOB NOT NULL
);
";

/// What [`check`] found in an existing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The current schema.
    Current,
    /// An older schema that [`upgrade`] will bring up to date.
    Older(u32),
}

/// Reads the file's header without writing: refuses files that are not
/// Ward vaults and files from a newer Ward.
pub fn check(conn: &Connection) -> Result<Found, VaultError> {
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if application_id != APPLICATION_ID || version == 0 {
        return Err(VaultError::NotAVault);
    }
    if version > VERSION {
        return Err(VaultError::NewerSchema {
            found: version,
            supported: VERSION,
        });
    }
    Ok(if version == VERSION {
        Found::Current
    } else {
        Found::Older(version)
    })
}

/// Creates the newest schema in a fresh file (inside the caller's
/// transaction, which also writes the vault's first rows).
pub fn create(tx: &Transaction<'_>) -> Result<(), VaultError> {
    tx.execute_batch(CREATE_V1)?;
    add_v2_settings(tx)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", VERSION)?;
    Ok(())
}

/// Upgrades an older schema to [`VERSION`], every step in one transaction.
pub fn upgrade(conn: &mut Connection, from: u32) -> Result<(), VaultError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have upgraded.
    let mut version: u32 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > VERSION {
        return Err(VaultError::NewerSchema {
            found: version,
            supported: VERSION,
        });
    }
    if version != from {
        log::info!("vault schema was upgraded meanwhile to version {version}");
    }
    while version < VERSION {
        upgrade_from(&tx, version)?;
        version += 1;
        log::info!("vault schema upgraded to version {version}");
    }
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    Ok(())
}

/// One step: from `version` to `version + 1`. Files at version 0 are not
/// vaults and never reach here (`check` refuses them).
fn upgrade_from(tx: &Transaction<'_>, version: u32) -> Result<(), VaultError> {
    match version {
        1 => add_v2_settings(tx),
        _ => Err(VaultError::Storage(format!(
            "no upgrade step from schema version {version}"
        ))),
    }
}

/// The version-2 step of issue 13: the encrypted settings table.
fn add_v2_settings(tx: &Transaction<'_>) -> Result<(), VaultError> {
    tx.execute_batch(CREATE_V2_SETTINGS)?;
    Ok(())
}
