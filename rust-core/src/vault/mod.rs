//! The encrypted vault: the accounts a person adds, stored in SQLite and
//! sealed with AES-256-GCM under a random master key that key slots
//! (password, platform key store) unlock.
//!
//! - [`Vault`]: the object an app holds (this file);
//! - `db`: all SQL; `schema`: the schema and its migrations;
//! - [`slots`]: password and platform key slots;
//! - [`entry`]: the [`Entry`] record and its sealed payload;
//! - [`keystore`]: the [`KeyStore`] trait the app implements;
//! - `cache`: the decrypted state, wiped on [`Vault::lock`];
//! - [`manifest`]: the sealed integrity manifest that shows changes made
//!   to the file outside Ward ([`Vault::integrity`]);
//! - `proof` and `reauth`: the fresh proof (password or device unlock
//!   within [`REAUTH_WINDOW_SECONDS`]) that exports, password changes and
//!   enabling device unlock need;
//! - `backup`, `snapshot`, `settings`, `restore`: automatic encrypted
//!   backups, their verification, the encrypted settings, and restore
//!   (issue 13, `docs/backups.md`).
//!
//! The on-disk format is described in `docs/vault-format.md`.
//!
//! Every method that changes anything runs one SQLite transaction
//! (`BEGIN IMMEDIATE`, WAL, `synchronous=FULL`), so when it returns `Ok`
//! the change is on disk, and when it fails nothing was changed. Nothing
//! is ever deleted or overwritten because it failed to decrypt. Time is
//! always a parameter (`now`, Unix seconds).

mod backup;
mod cache;
mod db;
pub mod entry;
mod error;
pub mod keystore;
pub mod manifest;
mod proof;
mod reauth;
mod restore;
mod schema;
mod secrets;
mod settings;
pub mod slots;
mod snapshot;
mod views;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

pub use backup::BackupOutcome;
pub use cache::FORMAT as ENTRY_FORMAT;
pub use entry::{BadEntryId, Entry, EntryEdit, EntryId};
pub use error::{InputError, VaultError};
pub use keystore::{KeyStore, KeyStoreError, MemoryKeyStore};
pub use manifest::{IntegrityProblem, IntegrityReport};
pub use proof::REAUTH_WINDOW_SECONDS;
pub use reauth::Exported;
pub use restore::import_snapshot;
pub use schema::VERSION as SCHEMA_VERSION;
pub use settings::{BackupStatus, DEFAULT_KEEP as DEFAULT_BACKUP_KEEP};
pub use slots::{SlotId, SlotInfo, SlotKind};
pub use snapshot::looks_like_vault;
pub use views::{
    Code, CodeState, EntrySummary, ImportReport, ListedEntry, SkippedDuplicate, SummaryFields,
};

use zeroize::Zeroizing;

use crate::account::Account;
use crate::crypto::{KdfParams, SecretKey, random};
use crate::otp::{Generator, OtpCode};
use cache::{Cache, Cached, FORMAT, ManifestState, Unlocked};
use db::Db;
use manifest::{Manifest, Recorded, blob_digest, recorded_digest};
use proof::Proof;
use secrets::same_bytes;

/// `Result` with [`VaultError`].
pub type Result<T, E = VaultError> = std::result::Result<T, E>;

/// An open vault file, locked or unlocked.
///
/// `Vault` is `Send + Sync`: every method takes `&self` and runs under an
/// internal lock, so the FFI layer can share one instance across threads.
pub struct Vault {
    inner: Mutex<Inner>,
}

struct Inner {
    db: Db,
    vault_id: [u8; 16],
    /// The entry format stored in the header (bound into entries' AAD).
    format: u32,
    unlocked: Option<Unlocked>,
    /// The last proof of the user's identity; forgotten on lock.
    proof: Proof,
}

/// The manifest a write transaction changes; refused while it is missing
/// or does not open (the user first decides, [`Vault::accept_integrity_state`]).
fn manifest_to_change(cache: &Cache) -> Result<Manifest> {
    cache.manifest.writable().ok_or_else(|| VaultError::Tampered {
        message: "its integrity record is missing or does not open, so Ward makes no change: check the entries, then keep the vault as it is (accept its state) or restore a backup".into(),
    })
}

/// Raises the generation and writes the sealed manifest (inside the
/// caller's transaction).
fn save_manifest(
    tx: &rusqlite::Transaction<'_>,
    state: &Unlocked,
    manifest: &mut Manifest,
) -> Result<()> {
    manifest.generation += 1;
    db::put_manifest(tx, &state.seal_manifest(manifest)?)
}

/// Ward never leaves a vault without a key slot ([`VaultError::LastSlot`]),
/// so a vault with none was changed outside Ward; nothing can be checked
/// or decrypted without a slot.
fn no_slot_is_tampering(slots: Vec<db::SlotRow>) -> Result<Vec<db::SlotRow>> {
    if slots.is_empty() {
        return Err(VaultError::Tampered {
            message: "it has no key slot left (they were deleted), so nothing in it can be opened: restore the vault from a backup".into(),
        });
    }
    Ok(slots)
}

/// The refusal for a write to an entry the integrity check flagged.
fn flagged(id: &EntryId) -> VaultError {
    VaultError::Tampered {
        message: format!(
            "entry {id} is not as Ward saved it, so Ward does not change it: check it, then keep the vault as it is (accept its state) or restore a backup"
        ),
    }
}

impl Vault {
    /// Creates a vault at `path` with one password slot, and returns it
    /// unlocked.
    ///
    /// Refuses an existing file ([`VaultError::AlreadyExists`]), an empty
    /// password and Argon2id parameters outside the accepted range
    /// ([`VaultError::InvalidInput`]). If creation fails part-way, the new
    /// file is removed.
    pub fn create(path: impl AsRef<Path>, password: &[u8], kdf: KdfParams) -> Result<Vault> {
        let path = path.as_ref();
        if password.is_empty() {
            return Err(InputError::EmptyPassword.into());
        }
        kdf.check()?;
        let mut db = Db::create(path)?;
        let created = (|| {
            let vault_id: [u8; 16] = random::array()?;
            let master = SecretKey::generate()?;
            let slot = slots::new_password_slot(&vault_id, &master, password, kdf)?;
            let state = Unlocked::new(vault_id, FORMAT, master);
            let mut manifest = Manifest::default();
            manifest.set_slots(vec![slot.id]);
            let tx = db.write()?;
            schema::create(&tx)?;
            db::insert_header(&tx, &vault_id, FORMAT)?;
            db::insert_slot(&tx, &slot)?;
            save_manifest(&tx, &state, &mut manifest)?;
            tx.commit()?;
            Ok((vault_id, state))
        })();
        match created {
            Ok((vault_id, state)) => {
                log::info!("vault created (schema version {})", schema::VERSION);
                Ok(Vault {
                    inner: Mutex::new(Inner {
                        db,
                        vault_id,
                        format: FORMAT,
                        unlocked: Some(state),
                        proof: Proof::default(),
                    }),
                })
            }
            Err(error) => {
                drop(db);
                remove_vault_files(path);
                Err(error)
            }
        }
    }

    /// Opens an existing vault, locked.
    ///
    /// Refuses a missing file ([`VaultError::Missing`]), a file that is not
    /// a Ward vault ([`VaultError::NotAVault`]) and one from a newer Ward
    /// ([`VaultError::NewerSchema`], nothing written). An older schema is
    /// upgraded in one transaction. An older entry format is read as it
    /// is (its number is what the entries' associated data binds).
    pub fn open(path: impl AsRef<Path>) -> Result<Vault> {
        let (db, (vault_id, format)) = Db::open(path.as_ref())?;
        if format > FORMAT || format == 0 {
            return Err(VaultError::NewerSchema {
                found: format,
                supported: FORMAT,
            });
        }
        Ok(Vault {
            inner: Mutex::new(Inner {
                db,
                vault_id,
                format,
                unlocked: None,
                proof: Proof::default(),
            }),
        })
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        match self.inner.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                // A panic mid-operation: the database rolled back, but the
                // cache may be stale, so drop it.
                let mut guard = poisoned.into_inner();
                if let Some(state) = guard.unlocked.as_mut() {
                    state.forget_cache();
                }
                self.inner.clear_poison();
                guard
            }
        }
    }

    /// Unlocks with a password (the bytes the user typed). Runs Argon2id
    /// for each password slot until one opens, outside the vault's lock
    /// (so [`Vault::lock`] never waits for it). A successful unlock counts
    /// as a fresh proof at `now` (see [`Vault::reauthenticate`]).
    ///
    /// Errors: [`VaultError::WrongPassword`] (nothing changes),
    /// [`VaultError::NoSuchSlotKind`] if the vault has no password slot.
    ///
    /// Unlocking decrypts the entries and checks them against the integrity
    /// manifest ([`Vault::integrity`] tells the result; tampering does not
    /// stop the unlock). The first unlock after an upgrade from schema 1
    /// seals the first manifest over the rows as found (trust on first use).
    pub fn unlock_with_password(&self, password: &[u8], now: u64) -> Result<()> {
        let (vault_id, rows) = self.slot_rows()?;
        let opened = slots::unlock_with_password(&vault_id, &rows, password);
        self.finish_unlock(opened, VaultError::WrongPassword, now)
    }

    /// Unlocks with the app's platform key store (one prompt for the usual
    /// single platform slot; a cancelled prompt stops at once). The prompt
    /// runs outside the vault's lock. Counts as a fresh proof at `now`.
    ///
    /// Errors: [`VaultError::WrongPlatformKey`], [`VaultError::KeyStore`]
    /// (cancelled, key invalidated), [`VaultError::NoSuchSlotKind`].
    pub fn unlock_with_keystore(&self, keystore: &dyn KeyStore, now: u64) -> Result<()> {
        let (vault_id, rows) = self.slot_rows()?;
        let opened = slots::unlock_with_keystore(&vault_id, &rows, keystore);
        self.finish_unlock(opened, VaultError::WrongPlatformKey, now)
    }

    /// The vault id and its slots, read under the lock, so that keys can
    /// be derived (or the platform prompt shown) without holding it. No
    /// slot at all is tampering.
    fn slot_rows(&self) -> Result<([u8; 16], Vec<db::SlotRow>)> {
        let inner = self.inner();
        let rows = no_slot_is_tampering(db::slots(inner.db.conn())?)?;
        Ok((inner.vault_id, rows))
    }

    /// Installs the master key a slot gave, if that slot is still in the
    /// vault (it may have been removed or replaced while the key was being
    /// derived: then `gone` is returned), then checks the entries against
    /// the manifest.
    fn finish_unlock(
        &self,
        opened: Result<slots::Opened>,
        gone: VaultError,
        now: u64,
    ) -> Result<()> {
        let opened = opened?;
        let mut inner = self.inner();
        inner.unlocked = Some(Unlocked::new(inner.vault_id, inner.format, opened.master));
        // The slot is looked for among the slot ids the cache read in the
        // same snapshot as the rows (one read of the slots fewer). Nothing
        // stays unlocked if the slot is gone or the rows cannot be read.
        let Inner { db, unlocked, .. } = &mut *inner;
        let slot_found = unlocked
            .as_mut()
            .ok_or(VaultError::Locked)
            .and_then(|state| Ok(state.cache(db.conn())?.slots.contains(&opened.slot.0)));
        match slot_found {
            Ok(true) => {}
            Ok(false) => {
                inner.unlocked = None;
                return Err(gone);
            }
            Err(error) => {
                inner.unlocked = None;
                return Err(error);
            }
        }
        inner.proof.record(now);
        log::info!("vault unlocked with slot {}", opened.slot);
        inner.check_after_unlock()
    }

    /// The result of checking the file against the integrity manifest: its
    /// generation, and every entry deleted, put back, rolled back or moved
    /// and every slot added or removed outside Ward. Reading never stops
    /// because of tampering: [`Vault::list`] and [`Vault::codes_at`] still
    /// return every readable entry, and nothing is deleted or rewritten
    /// until the user decides ([`Vault::accept_integrity_state`]).
    ///
    /// Needs the vault unlocked (the manifest is sealed under the master
    /// key). Re-checked whenever another process changed the file.
    pub fn integrity(&self) -> Result<IntegrityReport> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        Ok(state.cache(db.conn())?.report.clone())
    }

    /// The manifest's generation: raised by at least 1 by every committed
    /// change. An app keeps the highest it has seen in the platform's
    /// secure storage and warns when a vault opens with a lower one (the
    /// whole file was replaced by an older copy, which the manifest alone
    /// cannot show). 0 while the manifest is missing or does not open.
    pub fn generation(&self) -> Result<u64> {
        Ok(self.integrity()?.generation)
    }

    /// The user keeps the vault as it is now: seals a new manifest over the
    /// current rows and slots (generation raised). HOTP entries whose row
    /// was rolled back below a counter Ward already used are moved forward
    /// to the first unused counter, so no used code is ever issued again.
    /// Damaged entries are kept as they are.
    ///
    /// Needs a fresh proof of the user at `now` ([`VaultError::ReauthRequired`]),
    /// like the other sensitive calls; `now` also dates the HOTP entries moved.
    pub fn accept_integrity_state(&self, now: u64) -> Result<()> {
        let mut inner = self.inner();
        let Inner {
            db,
            unlocked,
            proof,
            ..
        } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        proof.require(now)?;
        let tx = db.write()?;
        let (old, forward) = {
            let cache = state.cache(&tx)?;
            let old = cache.manifest.writable();
            let mut forward = Vec::new();
            for item in &cache.items {
                let Cached::Entry { entry, .. } = item else {
                    continue;
                };
                let issued = old
                    .as_ref()
                    .and_then(|manifest| manifest.entries.get(&entry.id()))
                    .map_or(0, |recorded| recorded.hotp_issued);
                if let Some(counter) = entry.params.kind().counter()
                    && counter < issued
                {
                    let mut moved = entry.to_entry()?;
                    moved.account.params = moved.account.params.clone().with_counter(issued);
                    moved.updated_at = now;
                    forward.push(moved);
                }
            }
            (old, forward)
        };
        for entry in &forward {
            db::update_entry(&tx, &entry.id, &state.seal(entry)?)?;
        }
        let mut manifest = Manifest {
            generation: old.as_ref().map_or(0, |manifest| manifest.generation),
            ..Manifest::default()
        };
        manifest.set_slots(db::slot_ids(&tx)?);
        let rows = db::entries(&tx)?;
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            let opens = matches!(state.open_row(&row), Cached::Entry { .. });
            let recorded = old
                .as_ref()
                .and_then(|manifest| manifest.entries.get(&row.id));
            let counter = forward
                .iter()
                .find(|entry| entry.id == row.id)
                .and_then(|entry| entry.account.params.kind().counter());
            records.push((
                row.id,
                Recorded {
                    position: row.position,
                    digest: recorded_digest(&row.sealed, opens),
                    hotp_issued: counter
                        .or(recorded.map(|recorded| recorded.hotp_issued))
                        .unwrap_or(0),
                },
            ));
        }
        manifest.entries.extend(records);
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        state.forget_cache();
        log::info!(
            "vault state accepted by the user (generation {}, {} HOTP entries moved forward)",
            manifest.generation,
            forward.len()
        );
        Ok(())
    }

    /// Locks: zeroizes the master key, every decrypted entry and every code
    /// generator. The vault stays open; unlock it again to use it.
    pub fn lock(&self) {
        let mut inner = self.inner();
        inner.proof.forget();
        if inner.unlocked.take().is_some() {
            log::info!("vault locked");
        }
    }

    /// True while unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.inner().unlocked.is_some()
    }

    /// The key slots (no key material). Works while locked.
    pub fn slots(&self) -> Result<Vec<SlotInfo>> {
        let inner = self.inner();
        Ok(db::slots(inner.db.conn())?
            .iter()
            .map(slots::info)
            .collect())
    }

    /// The entries sorted by position, damaged ones included (as
    /// [`ListedEntry::Damaged`]). A non-empty `filter` keeps entries whose
    /// issuer or account contains it, ignoring case (damaged entries have
    /// neither, so they are left out).
    pub fn list(&self, filter: &str) -> Result<Vec<ListedEntry>> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let cache = state.cache(db.conn())?;
        let needle = filter.to_lowercase();
        // Sized once (filtering keeps at most every row): collecting from a
        // filter grows the vector step by step, copying it each time.
        let mut listed = Vec::with_capacity(if needle.is_empty() {
            cache.items.len()
        } else {
            0
        });
        listed.extend(cache.items.iter().filter_map(|item| match item {
            Cached::Entry { entry, .. } => {
                let summary = &entry.summary;
                let matches = needle.is_empty()
                    || summary.issuer().to_lowercase().contains(&needle)
                    || summary.account().to_lowercase().contains(&needle);
                matches.then(|| ListedEntry::Entry(summary.clone()))
            }
            Cached::Damaged { id, position } => needle.is_empty().then_some(ListedEntry::Damaged {
                id: *id,
                position: *position,
            }),
        }));
        Ok(listed)
    }

    /// One entry in full, secret included (for editing or export).
    ///
    /// Errors: [`VaultError::NotFound`], [`VaultError::Damaged`].
    pub fn get(&self, id: &EntryId) -> Result<Entry> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let cache = state.cache(db.conn())?;
        match cache.find(id).map(|index| &cache.items[index]) {
            Some(Cached::Entry { entry, .. }) => entry.to_entry(),
            Some(Cached::Damaged { .. }) => Err(VaultError::Damaged { id: *id }),
            None => Err(VaultError::NotFound { id: *id }),
        }
    }

    /// Adds the account an otpauth URI describes; returns the new id.
    pub fn add_uri(&self, uri: &str, now: u64) -> Result<EntryId> {
        let account = crate::uri::parse(uri)?;
        self.add_account(account, now)
    }

    /// Adds an account at the end of the list; returns the new id.
    ///
    /// Errors: [`VaultError::Duplicate`] if the vault already has the same
    /// secret, issuer and account ([`Account::same_as`]).
    pub fn add_account(&self, account: Account, now: u64) -> Result<EntryId> {
        let report = self.import_inner(vec![crate::import::ImportedEntry::plain(account)], now)?;
        if let Some(duplicate) = report.duplicates.first() {
            return Err(VaultError::Duplicate {
                id: duplicate.existing,
            });
        }
        report
            .added
            .first()
            .copied()
            .ok_or_else(|| VaultError::Storage("the entry was not added".into()))
    }

    /// Adds many accounts in one transaction: all are added or none.
    /// Accounts already in the vault, or repeated within `accounts`, are
    /// skipped and reported.
    pub fn import(&self, accounts: Vec<Account>, now: u64) -> Result<ImportReport> {
        let entries = accounts
            .into_iter()
            .map(crate::import::ImportedEntry::plain)
            .collect();
        self.import_entries(entries, now)
    }

    /// [`Vault::import`] for entries read by [`crate::import`], keeping
    /// their notes and favourite flags: one transaction, all or none,
    /// duplicates skipped and reported.
    pub fn import_entries(
        &self,
        entries: Vec<crate::import::ImportedEntry>,
        now: u64,
    ) -> Result<ImportReport> {
        let report = self.import_inner(entries, now)?;
        log::info!(
            "imported {} entries, skipped {} duplicates",
            report.added.len(),
            report.duplicates.len()
        );
        Ok(report)
    }

    fn import_inner(
        &self,
        entries: Vec<crate::import::ImportedEntry>,
        now: u64,
    ) -> Result<ImportReport> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let mut report = ImportReport::default();
        // Which accounts to add, and their new ids: decided first, while the
        // cache is borrowed, without copying any account.
        let mut id_bytes = Zeroizing::new(vec![0u8; 16 * entries.len()]);
        random::fill(&mut id_bytes)?;
        let mut accepted = vec![None; entries.len()];
        let mut manifest = {
            let cache = state.cache(&tx)?;
            let manifest = manifest_to_change(cache)?;
            // Same issuer and name (the key) and same secret: a duplicate
            // (`Account::same_as`).
            let mut known: HashMap<(&str, &str), Vec<KnownSecret<'_>>> = HashMap::new();
            for item in &cache.items {
                if let Cached::Entry { entry, .. } = item {
                    known
                        .entry((entry.summary.issuer(), entry.summary.account()))
                        .or_default()
                        .push((entry.id(), entry.params.secret_bytes()));
                }
            }
            for (index, account) in entries.iter().map(|e| &e.account).enumerate() {
                let same = known
                    .get(&(account.issuer.as_str(), account.name.as_str()))
                    .and_then(|existing| {
                        existing
                            .iter()
                            .find(|(_, secret)| {
                                same_bytes(secret, account.params.secret().as_bytes())
                            })
                            .map(|(id, _)| *id)
                    });
                if let Some(existing) = same {
                    report.duplicates.push(SkippedDuplicate {
                        index,
                        issuer: account.issuer.clone(),
                        account: account.name.clone(),
                        existing,
                    });
                    continue;
                }
                let mut bytes = [0u8; 16];
                bytes.copy_from_slice(&id_bytes[index * 16..index * 16 + 16]);
                let id = EntryId::from_bytes(bytes);
                accepted[index] = Some(id);
                known
                    .entry((&account.issuer, &account.name))
                    .or_default()
                    .push((id, account.params.secret().as_bytes()));
            }
            manifest
        };
        let mut position = db::max_position(&tx)?;
        let mut added = Vec::with_capacity(entries.len());
        for (imported, id) in entries.into_iter().zip(accepted) {
            let Some(id) = id else { continue };
            let crate::import::ImportedEntry {
                account,
                note,
                favorite,
            } = imported;
            position += 1;
            let entry = Entry {
                id,
                position,
                account,
                note: note.unwrap_or_default(),
                favourite: favorite,
                icon: None,
                created_at: now,
                updated_at: now,
            };
            let sealed = state.seal(&entry)?;
            db::insert_entry(&tx, &entry.id, entry.position, &sealed)?;
            added.push((
                entry.id,
                Recorded {
                    position,
                    digest: blob_digest(&sealed),
                    hotp_issued: 0,
                },
            ));
            report.added.push(entry.id);
        }
        // Recorded together: the records are a sorted list, sorted once.
        manifest.entries.extend(added);
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        // Rebuilt (and re-checked) on the next read.
        state.forget_cache();
        Ok(report)
    }

    /// Applies a metadata edit (issuer, account name, note, favourite,
    /// icon) to an entry, inside the write transaction: the secret, the
    /// code parameters and the HOTP counter are the stored ones, never the
    /// caller's. Keeps position and creation time; sets `updated_at` to
    /// `now`; re-sealed under a fresh nonce.
    ///
    /// Errors: [`VaultError::NotFound`]; [`VaultError::Damaged`] (a damaged
    /// entry is never overwritten); [`VaultError::Tampered`] for an entry
    /// the integrity check flagged.
    pub fn update(&self, id: &EntryId, edit: &EntryEdit, now: u64) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let (mut manifest, mut updated) = {
            let cache = state.cache(&tx)?;
            let manifest = manifest_to_change(cache)?;
            let index = cache.find(id).ok_or(VaultError::NotFound { id: *id })?;
            let Cached::Entry { entry: stored, .. } = &cache.items[index] else {
                return Err(VaultError::Damaged { id: *id });
            };
            if cache.report.names(id) {
                return Err(flagged(id));
            }
            (manifest, stored.to_entry()?)
        };
        edit.apply(&mut updated);
        updated.updated_at = now;
        let sealed = state.seal(&updated)?;
        if !db::update_entry(&tx, id, &sealed)? {
            return Err(VaultError::NotFound { id: *id });
        }
        let recorded = manifest.entries.get_mut(id).ok_or_else(|| flagged(id))?;
        recorded.digest = blob_digest(&sealed);
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        state.forget_cache();
        Ok(())
    }

    /// Deletes an entry (damaged or not: this is the user's explicit
    /// choice). Its bytes are overwritten on disk (`secure_delete`).
    ///
    /// The positions after it move up by one, so no gap shows where it
    /// was. An entry the integrity check reports as deleted outside Ward
    /// can be deleted too: that removes it from the manifest.
    pub fn delete(&self, id: &EntryId) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let mut manifest = manifest_to_change(state.cache(&tx)?)?;
        let row_position = db::position_of(&tx, id)?;
        let recorded = manifest.entries.remove(id);
        if row_position.is_none() && recorded.is_none() {
            return Err(VaultError::NotFound { id: *id });
        }
        if let Some(position) = row_position {
            db::delete_entry(&tx, id)?;
            db::close_position_gap(&tx, position)?;
        }
        if let Some(recorded) = recorded {
            for other in manifest.entries.values_mut() {
                if other.position > recorded.position {
                    other.position -= 1;
                }
            }
        }
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        log::info!("entry {id} deleted");
        state.forget_cache();
        Ok(())
    }

    /// Puts the entries in the given order. `order` must list every entry
    /// (damaged ones included) exactly once.
    pub fn reorder(&self, order: &[EntryId]) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let mut manifest = manifest_to_change(state.cache(&tx)?)?;
        let mut existing = db::entry_ids(&tx)?;
        let mut wanted = order.to_vec();
        existing.sort();
        wanted.sort();
        if existing != wanted {
            return Err(InputError::NotAPermutation.into());
        }
        for (position, id) in order.iter().enumerate() {
            db::set_position(&tx, id, position as i64)?;
            if let Some(recorded) = manifest.entries.get_mut(id) {
                recorded.position = position as i64;
            }
        }
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        state.forget_cache();
        Ok(())
    }

    /// The code of every entry at `unix_time`, in list order. TOTP and
    /// Steam entries get the current code, the next one and the seconds
    /// left; HOTP entries their counter (see [`CodeState::Hotp`]); damaged
    /// entries are reported as damaged, never left out.
    pub fn codes_at(&self, unix_time: u64) -> Result<Vec<Code>> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let cache = state.cache(db.conn())?;
        if cache.generators.len() != cache.items.len() {
            cache.generators.resize_with(cache.items.len(), || None);
        }
        let mut codes = Vec::with_capacity(cache.items.len());
        for (item, generator) in cache.items.iter().zip(cache.generators.iter_mut()) {
            codes.push(match item {
                Cached::Entry { entry } => {
                    let kind = entry.params.kind();
                    let state = match kind.period() {
                        Some(period) => {
                            if generator.is_none() {
                                // Built once, from a copy of the secret
                                // wiped as soon as the generator holds it.
                                *generator = entry.params().ok().map(|p| Generator::new(&p));
                            }
                            match generator {
                                Some(generator) => {
                                    let timed = generator.code_at(unix_time);
                                    CodeState::Timed {
                                        code: timed.current,
                                        next_code: timed.next,
                                        seconds_remaining: timed.seconds_remaining,
                                        period,
                                    }
                                }
                                None => CodeState::Damaged {
                                    error: VaultError::Damaged { id: entry.id() },
                                },
                            }
                        }
                        None => CodeState::Hotp {
                            counter: kind.counter().unwrap_or(0),
                        },
                    };
                    Code {
                        id: entry.summary.id,
                        position: entry.summary.position,
                        issuer: entry.summary.issuer().to_owned(),
                        account: entry.summary.account().to_owned(),
                        kind: Some(kind),
                        state,
                    }
                }
                Cached::Damaged { id, position } => Code {
                    id: *id,
                    position: *position,
                    issuer: String::new(),
                    account: String::new(),
                    kind: None,
                    state: CodeState::Damaged {
                        error: VaultError::Damaged { id: *id },
                    },
                },
            });
        }
        Ok(codes)
    }

    /// The next HOTP code of an entry (RFC 4226 §5.3 at its stored
    /// counter). The incremented counter is committed to disk before the
    /// code is returned, so a code is never given out twice, even across a
    /// crash.
    ///
    /// The manifest keeps each HOTP entry's high-water mark: a row whose
    /// counter is below it (an older copy of the row was put back) is
    /// refused, so a code already used is never issued again.
    ///
    /// Errors: [`VaultError::NotFound`], [`VaultError::Damaged`],
    /// [`VaultError::Tampered`] (rolled back or otherwise changed outside
    /// Ward), and [`InputError::NotHotp`] for a time-based entry.
    pub fn hotp_next(&self, id: &EntryId, now: u64) -> Result<OtpCode> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let (mut manifest, code, updated) = {
            let cache = state.cache(&tx)?;
            let manifest = manifest_to_change(cache)?;
            let index = cache.find(id).ok_or(VaultError::NotFound { id: *id })?;
            let Cached::Entry { entry, .. } = &cache.items[index] else {
                return Err(VaultError::Damaged { id: *id });
            };
            let Some(counter) = entry.params.kind().counter() else {
                return Err(InputError::NotHotp.into());
            };
            let issued = manifest
                .entries
                .get(id)
                .map_or(0, |recorded| recorded.hotp_issued);
            if counter < issued {
                return Err(VaultError::Tampered {
                    message: format!(
                        "entry {id} was put back to an older copy: its HOTP counter {counter} is below {issued}, the first one not used yet; Ward never issues a used code again: check the vault, then keep it as it is (accept its state) to continue from counter {issued}"
                    ),
                });
            }
            if cache.report.names(id) {
                return Err(flagged(id));
            }
            let next = counter.checked_add(1).ok_or(InputError::CounterExhausted)?;
            let code = Generator::new(&entry.params()?).code_for_counter(counter);
            let mut updated = entry.to_entry()?;
            updated.account.params = updated.account.params.clone().with_counter(next);
            updated.updated_at = now;
            (manifest, code, updated)
        };
        let sealed = state.seal(&updated)?;
        if !db::update_entry(&tx, id, &sealed)? {
            return Err(VaultError::NotFound { id: *id });
        }
        let recorded = manifest.entries.get_mut(id).ok_or_else(|| flagged(id))?;
        recorded.digest = blob_digest(&sealed);
        recorded.hotp_issued = updated.account.params.kind().counter().unwrap_or(0);
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        state.forget_cache();
        Ok(code)
    }

    /// Changes the password by re-keying the vault: a new master key, one
    /// new password slot for `new_password` (Argon2id runs once, before the
    /// write lock is taken), every readable entry and the manifest
    /// re-sealed under the new key, and every other slot dropped (platform
    /// slots included: the app enrols its key again), all in one
    /// transaction. Then the WAL is checkpointed and truncated, so the old
    /// slots' bytes are in neither the file, its `-wal` nor its `-shm`
    /// (`secure_delete` zeroes deleted rows). An old copy of the file,
    /// opened with the old password, decrypts nothing written afterwards.
    ///
    /// Entries that do not decrypt are kept as they are. Needs the vault
    /// unlocked and a fresh proof at `now` ([`VaultError::ReauthRequired`]);
    /// refused ([`VaultError::Tampered`]) while its manifest is
    /// missing or does not open.
    pub fn change_password(&self, new_password: &[u8], kdf: KdfParams, now: u64) -> Result<SlotId> {
        let mut inner = self.inner();
        let Inner {
            db,
            unlocked,
            vault_id,
            format,
            proof,
        } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        proof.require(now)?;
        if new_password.is_empty() {
            return Err(InputError::EmptyPassword.into());
        }
        let master = SecretKey::generate()?;
        let slot = slots::new_password_slot(vault_id, &master, new_password, kdf)?;
        let rekeyed = Unlocked::new(*vault_id, FORMAT, master);
        let tx = db.write()?;
        let cache = state.cache(&tx)?;
        let old = manifest_to_change(cache)?;
        let mut manifest = Manifest {
            generation: old.generation,
            ..Manifest::default()
        };
        manifest.set_slots(vec![slot.id]);
        let mut kept = Vec::with_capacity(cache.items.len());
        for item in &cache.items {
            let id = item.id();
            let recorded = old.entries.get(&id).copied();
            match item {
                Cached::Entry { entry, .. } => {
                    let sealed = rekeyed.seal(&entry.to_entry()?)?;
                    db::update_entry(&tx, &id, &sealed)?;
                    match recorded {
                        // Flagged entries keep their old record, so they
                        // stay flagged until the user decides.
                        Some(recorded) if !cache.report.names(&id) => {
                            kept.push((
                                id,
                                Recorded {
                                    digest: blob_digest(&sealed),
                                    ..recorded
                                },
                            ));
                        }
                        Some(recorded) => {
                            kept.push((id, recorded));
                        }
                        None => {}
                    }
                }
                Cached::Damaged { .. } => {
                    if let Some(recorded) = recorded {
                        kept.push((id, recorded));
                    }
                }
            }
        }
        manifest.entries.extend(kept);
        // Entries deleted outside Ward stay in the manifest (still reported).
        let deleted: Vec<_> = old
            .entries
            .iter()
            .filter(|(id, _)| manifest.entries.get(id).is_none())
            .map(|(id, recorded)| (*id, *recorded))
            .collect();
        manifest.entries.extend(deleted);
        db::delete_all_slots(&tx)?;
        db::insert_slot(&tx, &slot)?;
        db::set_format(&tx, FORMAT)?;
        settings::reseal(&tx, state, &rekeyed)?;
        save_manifest(&tx, &rekeyed, &mut manifest)?;
        tx.commit()?;
        *unlocked = Some(rekeyed);
        *format = FORMAT;
        if !db.checkpoint_truncate()? {
            log::warn!(
                "after the password change another reader kept the WAL from being truncated; it is truncated at the next checkpoint"
            );
        }
        log::info!("vault re-keyed for a new password");
        Ok(SlotId(slot.id))
    }

    /// Adds a password slot (a second password, e.g. a recovery one).
    pub fn add_password_slot(&self, password: &[u8], kdf: KdfParams) -> Result<SlotId> {
        let mut inner = self.inner();
        let Inner {
            db,
            unlocked,
            vault_id,
            ..
        } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let slot = slots::new_password_slot(vault_id, state.master(), password, kdf)?;
        let tx = db.write()?;
        let mut manifest = manifest_to_change(state.cache(&tx)?)?;
        db::insert_slot(&tx, &slot)?;
        manifest.add_slot(slot.id);
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        state.forget_cache();
        log::info!("password slot {} added", SlotId(slot.id));
        Ok(SlotId(slot.id))
    }

    /// Turns device unlock on: a new slot key, wrapped by `keystore`,
    /// REPLACES any platform slot in one transaction (slots never stack:
    /// an old slot whose platform key is gone would only cost a prompt).
    /// Needs the vault unlocked and a fresh proof at `now`
    /// ([`VaultError::ReauthRequired`]). The key store may prompt; the
    /// vault's lock is not held while it does.
    pub fn replace_platform_slot(&self, keystore: &dyn KeyStore, now: u64) -> Result<SlotId> {
        // Checked first, so a refused call never shows a platform prompt.
        self.inner().require_proof(now)?;
        let slot_key = slots::new_platform_slot_key(keystore)?;
        let mut inner = self.inner();
        let Inner {
            db,
            unlocked,
            vault_id,
            proof,
            ..
        } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        // Locked and unlocked again while the key store was busy: the
        // proof must still hold.
        proof.require(now)?;
        let slot = slots::new_platform_slot_from(vault_id, state.master(), slot_key)?;
        let tx = db.write()?;
        let mut manifest = manifest_to_change(state.cache(&tx)?)?;
        let old: Vec<[u8; 16]> = db::slots(&tx)?
            .iter()
            .filter(|row| row.kind == slots::KIND_PLATFORM)
            .map(|row| row.id)
            .collect();
        let removed = db::delete_slots_of_kind(&tx, slots::KIND_PLATFORM)?;
        db::insert_slot(&tx, &slot)?;
        manifest.slots.retain(|id| !old.contains(id));
        manifest.add_slot(slot.id);
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        state.forget_cache();
        log::info!(
            "platform slot {} added, replacing {removed}",
            SlotId(slot.id)
        );
        Ok(SlotId(slot.id))
    }

    /// Turns device unlock off: removes every platform slot in one
    /// transaction and returns how many there were. Password slots are
    /// never removed; if the vault has no other slot, nothing is removed
    /// ([`VaultError::LastSlot`]). Needs the vault unlocked.
    pub fn remove_platform_slots(&self) -> Result<usize> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let rows = db::slots(&tx)?;
        let platform: Vec<[u8; 16]> = rows
            .iter()
            .filter(|row| row.kind == slots::KIND_PLATFORM)
            .map(|row| row.id)
            .collect();
        if platform.is_empty() {
            return Ok(0);
        }
        if platform.len() == rows.len() {
            return Err(VaultError::LastSlot);
        }
        let mut manifest = manifest_to_change(state.cache(&tx)?)?;
        db::delete_slots_of_kind(&tx, slots::KIND_PLATFORM)?;
        manifest.slots.retain(|id| !platform.contains(id));
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        state.forget_cache();
        log::info!("{} platform slot(s) removed", platform.len());
        Ok(platform.len())
    }

    /// Removes a key slot, never the last one ([`VaultError::LastSlot`]).
    /// Needs the vault unlocked, so that a thief with the file open cannot
    /// remove the user's slots.
    pub fn remove_slot(&self, id: &SlotId) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let mut manifest = manifest_to_change(state.cache(&tx)?)?;
        let exists = db::slots(&tx)?.iter().any(|slot| slot.id == id.0);
        if !exists {
            return Err(VaultError::SlotNotFound(id.to_string()));
        }
        if db::count_slots(&tx)? <= 1 {
            return Err(VaultError::LastSlot);
        }
        db::delete_slot(&tx, &id.0)?;
        manifest.slots.retain(|slot| *slot != id.0);
        save_manifest(&tx, state, &mut manifest)?;
        tx.commit()?;
        state.forget_cache();
        log::info!("key slot {id} removed");
        Ok(())
    }
}

impl Inner {
    /// `Ok` when the vault is unlocked and the user proved who they are
    /// within the window before `now`.
    fn require_proof(&self, now: u64) -> Result<()> {
        self.unlocked.as_ref().ok_or(VaultError::Locked)?;
        self.proof.require(now)
    }

    /// `gone` unless a slot with this id is in the vault.
    fn check_slot_exists(&self, slot: &SlotId, gone: VaultError) -> Result<()> {
        if db::slots(self.db.conn())?
            .iter()
            .any(|row| row.id == slot.0)
        {
            Ok(())
        } else {
            Err(gone)
        }
    }

    /// Builds the cache (decrypting and checking every entry) right after
    /// an unlock; after an upgrade from schema 1, seals the first manifest.
    /// A failure to write that first manifest is logged, not returned: the
    /// next write transaction writes it.
    fn check_after_unlock(&mut self) -> Result<()> {
        let Inner { db, unlocked, .. } = self;
        let Some(state) = unlocked.as_mut() else {
            return Err(VaultError::Locked);
        };
        // The cache the unlock has just built, in this same call: asking
        // `PRAGMA data_version` again (one more read transaction) would only
        // confirm it. The write below re-reads under the write lock anyway.
        let first_use = match state.loaded_cache() {
            Some(cache) => matches!(cache.manifest, ManifestState::FirstUse(_)),
            None => matches!(state.cache(db.conn())?.manifest, ManifestState::FirstUse(_)),
        };
        if !first_use {
            return Ok(());
        }
        let sealed = (|| {
            let tx = db.write()?;
            let ManifestState::FirstUse(mut manifest) = state.cache(&tx)?.manifest.clone() else {
                return Ok(());
            };
            save_manifest(&tx, state, &mut manifest)?;
            tx.commit()?;
            log::info!("integrity manifest sealed on the first unlock after the upgrade");
            Ok::<(), VaultError>(())
        })();
        state.forget_cache();
        if let Err(error) = sealed {
            log::warn!("the first integrity manifest was not written yet: {error}");
        }
        Ok(())
    }
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("unlocked", &self.is_unlocked())
            .finish_non_exhaustive()
    }
}

/// Removes a vault file and its WAL and shared-memory files (after a
/// failed creation only).
fn remove_vault_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

/// An entry's id and secret bytes, to find duplicates among (an import's
/// entries against the vault's and each other).
type KnownSecret<'a> = (EntryId, &'a [u8]);

#[cfg(test)]
mod tests;
