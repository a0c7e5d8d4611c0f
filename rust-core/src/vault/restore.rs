//! Reading backups (issue 13): restoring a new vault from a backup
//! snapshot, and reading a snapshot's entries for a merge through the
//! normal import.
//!
//! A restore opens the snapshot in memory, unlocks it with the backup's
//! password (Argon2id, once), drops the platform key slots (another
//! device's keys) and the old settings (another device's backup folder),
//! writes the file beside the target under a temporary name starting with
//! a dot, fsyncs and renames it. The restored vault keeps the backup's
//! password slots, so its password is the backup's.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use rusqlite::Connection;

use super::cache::{Cached, FORMAT, Unlocked};
use super::db::{self, Db};
use super::error::VaultError;
use super::proof::Proof;
use super::{Inner, Result, Vault, schema, slots, snapshot};
use crate::import::{Format, ImportError, ImportReport, ImportedEntry, limits};

/// The largest backup file read (a vault of 10,000 entries is about 3 MB).
const MAX_BACKUP_BYTES: u64 = 256 * 1024 * 1024;

impl Vault {
    /// Creates a new vault at `vault_path` from the backup file at
    /// `backup_path`, opened with `password` (the backup's password, which
    /// the new vault keeps), and returns it unlocked. Platform key slots
    /// and backup settings are not carried over.
    ///
    /// Errors: [`VaultError::AlreadyExists`] (never overwrites),
    /// [`VaultError::WrongPassword`] (nothing is written),
    /// [`VaultError::NotAVault`], [`VaultError::NewerSchema`],
    /// [`VaultError::Backup`] when the backup cannot be read.
    pub fn restore(
        backup_path: impl AsRef<Path>,
        vault_path: impl AsRef<Path>,
        password: &[u8],
    ) -> Result<Vault> {
        let backup_path = backup_path.as_ref();
        let unreadable = |error: std::io::Error| {
            VaultError::Backup(format!(
                "cannot read the backup {} ({error}): check the path",
                backup_path.display()
            ))
        };
        let size = fs::metadata(backup_path).map_err(unreadable)?.len();
        if size > MAX_BACKUP_BYTES {
            return Err(VaultError::NotAVault);
        }
        let bytes = fs::read(backup_path).map_err(unreadable)?;
        Vault::restore_bytes(&bytes, vault_path, password)
    }

    /// [`Vault::restore`] from the backup's bytes (a document the app read).
    pub fn restore_bytes(
        backup: &[u8],
        vault_path: impl AsRef<Path>,
        password: &[u8],
    ) -> Result<Vault> {
        let path = vault_path.as_ref();
        refuse_existing(path)?;
        let (vault_id, format, state, bytes) = prepare(backup, password)?;
        write_new_file(path, &bytes)?;
        let db = match Db::open(path) {
            Ok((db, _header)) => db,
            Err(error) => {
                drop(bytes);
                super::remove_vault_files(path);
                return Err(error);
            }
        };
        log::info!("vault restored from a backup");
        let mut inner = Inner {
            db,
            vault_id,
            format,
            unlocked: Some(state),
            proof: Proof::default(),
        };
        // A backup from schema 1 was upgraded on open: its first manifest
        // is sealed now, as on a first unlock.
        inner.check_after_unlock()?;
        Ok(Vault {
            inner: std::sync::Mutex::new(inner),
        })
    }
}

fn refuse_existing(path: &Path) -> Result<()> {
    if path.exists() {
        return Err(VaultError::AlreadyExists {
            path: path.display().to_string(),
        });
    }
    Ok(())
}

/// Checks and unlocks the snapshot in memory and returns the bytes to
/// write: platform slots and settings removed, and (schema 2) the
/// integrity manifest re-sealed without the platform slots, so the
/// restored vault is intact.
fn prepare(backup: &[u8], password: &[u8]) -> Result<([u8; 16], u32, Unlocked, Vec<u8>)> {
    let mut copy = snapshot::open_copy(backup, false)?;
    let found = schema::check(&copy)?;
    let (vault_id, format) = db::vault_header(&copy)?;
    if format > FORMAT {
        return Err(VaultError::NewerSchema {
            found: format,
            supported: FORMAT,
        });
    }
    let slot_rows = db::slots(&copy)?;
    let opened = slots::unlock_with_password(&vault_id, &slot_rows, password)?;
    let mut state = Unlocked::new(vault_id, format, opened.master);
    let platform: Vec<[u8; 16]> = slot_rows
        .iter()
        .filter(|row| row.kind == slots::KIND_PLATFORM)
        .map(|row| row.id)
        .collect();
    let tx = copy.transaction()?;
    db::delete_slots_of_kind(&tx, slots::KIND_PLATFORM)?;
    if found == schema::Found::Current {
        db::clear_settings(&tx)?;
        if let Some(mut manifest) = state.cache(&tx)?.manifest.writable() {
            manifest.slots.retain(|id| !platform.contains(id));
            super::save_manifest(&tx, &state, &mut manifest)?;
        }
    }
    tx.commit()?;
    state.forget_cache();
    let bytes = snapshot::to_bytes(&mut copy)?;
    Ok((vault_id, format, state, bytes))
}

/// Writes a new file at `path` through a temporary name starting with a
/// dot in the same folder: write, fsync, rename, fsync the folder.
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| VaultError::Backup(format!("{} is not a file path", path.display())))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(".restoring");
    let temp = folder.join(temp_name);
    let failed = |error: std::io::Error| {
        VaultError::Backup(format!(
            "cannot write the restored vault at {} ({error}): check the folder and free disk space",
            path.display()
        ))
    };
    let _ = fs::remove_file(&temp);
    let written = (|| -> std::io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temp);
        return Err(failed(error));
    }
    if let Err(error) = refuse_existing(path) {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    if let Err(error) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(failed(error));
    }
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Reads a Ward vault file or backup snapshot for `ward import`: every
/// entry with its note and favourite flag, in the snapshot's order.
/// Entries that do not decrypt are skipped and reported. The password's
/// Argon2id costs are checked against the import caps ([`limits`]) first.
///
/// Errors: [`ImportError::NeedsPassword`], [`ImportError::WrongPassword`],
/// [`ImportError::KdfTooExpensive`], [`ImportError::Malformed`] and
/// [`ImportError::Unsupported`] (a newer Ward's file).
pub fn import_snapshot(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let format = Format::WardVault;
    let malformed = |detail: &str| ImportError::Malformed {
        format,
        detail: detail.into(),
    };
    let copy: Connection = snapshot::open_copy(bytes, true)
        .map_err(|_| malformed("it is not a readable SQLite database"))?;
    match schema::check(&copy) {
        Ok(_) => {}
        Err(VaultError::NewerSchema { .. }) => {
            return Err(ImportError::Unsupported {
                format,
                detail: "it was written by a newer version of Ward: update Ward".into(),
            });
        }
        Err(_) => return Err(malformed("its header is not a Ward vault's")),
    }
    let (vault_id, entry_format) =
        db::vault_header(&copy).map_err(|_| malformed("it has no vault header"))?;
    let slot_rows = db::slots(&copy).map_err(|_| malformed("its key slots are unreadable"))?;
    for kdf in slot_rows.iter().filter_map(slots::password_kdf) {
        limits::check_argon2(
            kdf.memory_kib.into(),
            kdf.iterations.into(),
            kdf.parallelism.into(),
        )
        .map_err(|detail| ImportError::KdfTooExpensive { format, detail })?;
    }
    let Some(password) = password else {
        return Err(ImportError::NeedsPassword { format });
    };
    let master = match slots::unlock_with_password(&vault_id, &slot_rows, password) {
        Ok(opened) => opened.master,
        Err(VaultError::NoSuchSlotKind(_)) => {
            return Err(ImportError::Unsupported {
                format,
                detail: "it has no password slot: open it in Ward and export a backup".into(),
            });
        }
        Err(_) => return Err(ImportError::WrongPassword { format }),
    };
    let state = Unlocked::new(vault_id, entry_format, master);
    let rows = db::entries(&copy).map_err(|_| malformed("its entries are unreadable"))?;
    let mut items: Vec<Cached> = rows.into_iter().map(|row| state.open_row(&row)).collect();
    items.sort_by_key(|item| (item.position(), item.id()));
    let mut report = ImportReport::new(format);
    report.encrypted = true;
    for (index, item) in items.iter().enumerate() {
        let opened = match item {
            Cached::Entry { entry, .. } => entry.account().ok().map(|account| (entry, account)),
            Cached::Damaged { .. } => None,
        };
        match opened {
            Some((entry, account)) => report.entries.push(ImportedEntry {
                account,
                note: (!entry.summary.note().is_empty()).then(|| entry.summary.note().to_owned()),
                favorite: entry.summary.favourite,
            }),
            None => report.skip(
                format!("entry {}", index + 1),
                "",
                "it does not decrypt (damaged in this file): restore it from another backup",
            ),
        }
    }
    Ok(report)
}
