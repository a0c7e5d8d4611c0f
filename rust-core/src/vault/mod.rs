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
mod restore;
mod schema;
mod settings;
pub mod slots;
mod snapshot;
mod views;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

pub use backup::BackupOutcome;
pub use entry::{BadEntryId, Entry, EntryId};
pub use error::{InputError, VaultError};
pub use keystore::{KeyStore, KeyStoreError, MemoryKeyStore};
pub use restore::import_snapshot;
pub use schema::VERSION as SCHEMA_VERSION;
pub use settings::{BackupStatus, DEFAULT_KEEP as DEFAULT_BACKUP_KEEP};
pub use slots::{SlotId, SlotInfo, SlotKind};
pub use snapshot::looks_like_vault;
pub use views::{Code, CodeState, EntrySummary, ImportReport, ListedEntry, SkippedDuplicate};

use zeroize::Zeroizing;

use crate::account::Account;
use crate::crypto::{KdfParams, SecretKey, random};
use crate::otp::{Generator, OtpCode};
use cache::{Cached, FORMAT, Unlocked};
use db::Db;

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
    unlocked: Option<Unlocked>,
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
            let tx = db.write()?;
            schema::create(&tx)?;
            db::insert_header(&tx, &vault_id, FORMAT)?;
            db::insert_slot(&tx, &slot)?;
            tx.commit()?;
            Ok((vault_id, master))
        })();
        match created {
            Ok((vault_id, master)) => {
                log::info!("vault created (schema version {})", schema::VERSION);
                Ok(Vault {
                    inner: Mutex::new(Inner {
                        db,
                        vault_id,
                        unlocked: Some(Unlocked::new(vault_id, master)),
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
    /// upgraded in one transaction.
    pub fn open(path: impl AsRef<Path>) -> Result<Vault> {
        let db = Db::open(path.as_ref())?;
        let (vault_id, format) = db::vault_header(db.conn())?;
        if format != FORMAT {
            return Err(VaultError::NewerSchema {
                found: format,
                supported: FORMAT,
            });
        }
        Ok(Vault {
            inner: Mutex::new(Inner {
                db,
                vault_id,
                unlocked: None,
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
    /// for each password slot until one opens.
    ///
    /// Errors: [`VaultError::WrongPassword`] (nothing changes),
    /// [`VaultError::NoSuchSlotKind`] if the vault has no password slot.
    pub fn unlock_with_password(&self, password: &[u8]) -> Result<()> {
        let mut inner = self.inner();
        let slots = db::slots(inner.db.conn())?;
        let master = slots::unlock_with_password(&inner.vault_id, &slots, password)?;
        inner.unlocked = Some(Unlocked::new(inner.vault_id, master));
        Ok(())
    }

    /// Unlocks with the app's platform key store.
    ///
    /// Errors: [`VaultError::WrongPlatformKey`], [`VaultError::KeyStore`]
    /// (cancelled, key invalidated), [`VaultError::NoSuchSlotKind`].
    pub fn unlock_with_keystore(&self, keystore: &dyn KeyStore) -> Result<()> {
        let mut inner = self.inner();
        let slots = db::slots(inner.db.conn())?;
        let master = slots::unlock_with_keystore(&inner.vault_id, &slots, keystore)?;
        inner.unlocked = Some(Unlocked::new(inner.vault_id, master));
        Ok(())
    }

    /// Locks: zeroizes the master key, every decrypted entry and every code
    /// generator. The vault stays open; unlock it again to use it.
    pub fn lock(&self) {
        let mut inner = self.inner();
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
        Ok(cache
            .items
            .iter()
            .filter_map(|item| match item {
                Cached::Entry { entry, .. } => {
                    let matches = needle.is_empty()
                        || entry.account.issuer.to_lowercase().contains(&needle)
                        || entry.account.name.to_lowercase().contains(&needle);
                    matches.then(|| ListedEntry::Entry(EntrySummary::of(entry)))
                }
                Cached::Damaged { id, position } => {
                    needle.is_empty().then_some(ListedEntry::Damaged {
                        id: *id,
                        position: *position,
                    })
                }
            })
            .collect())
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
            Some(Cached::Entry { entry, .. }) => Ok(entry.clone()),
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
        {
            let cache = state.cache(&tx)?;
            let mut known: HashMap<(&str, &str), Vec<(EntryId, &Account)>> = HashMap::new();
            for item in &cache.items {
                if let Cached::Entry { entry, .. } = item {
                    known
                        .entry((&entry.account.issuer, &entry.account.name))
                        .or_default()
                        .push((entry.id, &entry.account));
                }
            }
            for (index, account) in entries.iter().map(|e| &e.account).enumerate() {
                let same = known
                    .get(&(account.issuer.as_str(), account.name.as_str()))
                    .and_then(|existing| {
                        existing
                            .iter()
                            .find(|(_, other)| other.same_as(account))
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
                    .push((id, account));
            }
        }
        let mut position = db::max_position(&tx)?;
        let mut new_entries = Vec::with_capacity(entries.len() - report.duplicates.len());
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
            report.added.push(entry.id);
            new_entries.push(entry);
        }
        tx.commit()?;
        if let Some(cache) = state.cached() {
            cache
                .items
                .extend(new_entries.into_iter().map(|entry| Cached::Entry {
                    entry,
                    generator: None,
                }));
        }
        Ok(report)
    }

    /// Replaces an entry's account, note, favourite flag and icon with
    /// `entry`'s; keeps its position and creation time; sets `updated_at`
    /// to `now`. Re-sealed under a fresh nonce.
    ///
    /// Errors: [`VaultError::NotFound`]; [`VaultError::Damaged`] (a damaged
    /// entry is never overwritten).
    pub fn update(&self, entry: &Entry, now: u64) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let cache = state.cache(&tx)?;
        let index = cache
            .find(&entry.id)
            .ok_or(VaultError::NotFound { id: entry.id })?;
        let Cached::Entry { entry: stored, .. } = &cache.items[index] else {
            return Err(VaultError::Damaged { id: entry.id });
        };
        let mut updated = entry.clone();
        updated.position = stored.position;
        updated.created_at = stored.created_at;
        updated.updated_at = now;
        let sealed = state.seal(&updated)?;
        if !db::update_entry(&tx, &updated.id, &sealed)? {
            return Err(VaultError::NotFound { id: entry.id });
        }
        tx.commit()?;
        if let Some(cache) = state.cached() {
            cache.items[index] = Cached::Entry {
                entry: updated,
                generator: None,
            };
        }
        Ok(())
    }

    /// Deletes an entry (damaged or not: this is the user's explicit
    /// choice). Its bytes are overwritten on disk (`secure_delete`).
    pub fn delete(&self, id: &EntryId) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        if !db::delete_entry(&tx, id)? {
            return Err(VaultError::NotFound { id: *id });
        }
        tx.commit()?;
        log::info!("entry {id} deleted");
        if let Some(cache) = state.cached()
            && let Some(index) = cache.find(id)
        {
            cache.items.remove(index);
        }
        Ok(())
    }

    /// Puts the entries in the given order. `order` must list every entry
    /// (damaged ones included) exactly once.
    pub fn reorder(&self, order: &[EntryId]) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let mut existing = db::entry_ids(&tx)?;
        let mut wanted = order.to_vec();
        existing.sort();
        wanted.sort();
        if existing != wanted {
            return Err(InputError::NotAPermutation.into());
        }
        for (position, id) in order.iter().enumerate() {
            db::set_position(&tx, id, position as i64)?;
        }
        tx.commit()?;
        if let Some(cache) = state.cached() {
            for item in cache.items.iter_mut() {
                let id = item.id();
                let position = order.iter().position(|other| *other == id).unwrap_or(0) as i64;
                match item {
                    Cached::Entry { entry, .. } => entry.position = position,
                    Cached::Damaged { position: p, .. } => *p = position,
                }
            }
            cache.sort();
        }
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
        let mut codes = Vec::with_capacity(cache.items.len());
        for item in cache.items.iter_mut() {
            codes.push(match item {
                Cached::Entry { entry, generator } => {
                    let kind = entry.account.params.kind();
                    let state = match kind.period() {
                        Some(period) => {
                            let generator = generator
                                .get_or_insert_with(|| Generator::new(&entry.account.params));
                            let timed = generator.code_at(unix_time);
                            CodeState::Timed {
                                code: timed.current,
                                next_code: timed.next,
                                seconds_remaining: timed.seconds_remaining,
                                period,
                            }
                        }
                        None => CodeState::Hotp {
                            counter: kind.counter().unwrap_or(0),
                        },
                    };
                    Code {
                        id: entry.id,
                        position: entry.position,
                        issuer: entry.account.issuer.clone(),
                        account: entry.account.name.clone(),
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
    /// Errors: [`VaultError::NotFound`], [`VaultError::Damaged`], and
    /// [`InputError::NotHotp`] for a time-based entry.
    pub fn hotp_next(&self, id: &EntryId, now: u64) -> Result<OtpCode> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let cache = state.cache(&tx)?;
        let index = cache.find(id).ok_or(VaultError::NotFound { id: *id })?;
        let Cached::Entry { entry, .. } = &cache.items[index] else {
            return Err(VaultError::Damaged { id: *id });
        };
        let Some(counter) = entry.account.params.kind().counter() else {
            return Err(InputError::NotHotp.into());
        };
        let next = counter.checked_add(1).ok_or(InputError::CounterExhausted)?;
        let code = Generator::new(&entry.account.params).code_for_counter(counter);
        let mut updated = entry.clone();
        updated.account.params = updated.account.params.clone().with_counter(next);
        updated.updated_at = now;
        let sealed = state.seal(&updated)?;
        if !db::update_entry(&tx, id, &sealed)? {
            return Err(VaultError::NotFound { id: *id });
        }
        tx.commit()?;
        if let Some(cache) = state.cached() {
            cache.items[index] = Cached::Entry {
                entry: updated,
                generator: None,
            };
        }
        Ok(code)
    }

    /// Replaces every password slot with one for `new_password` (runs
    /// Argon2id once). Other slots are kept. Needs the vault unlocked.
    pub fn change_password(&self, new_password: &[u8], kdf: KdfParams) -> Result<SlotId> {
        let mut inner = self.inner();
        let Inner {
            db,
            unlocked,
            vault_id,
        } = &mut *inner;
        let state = unlocked.as_ref().ok_or(VaultError::Locked)?;
        let slot = slots::new_password_slot(vault_id, state.master(), new_password, kdf)?;
        let tx = db.write()?;
        db::delete_slots_of_kind(&tx, slots::KIND_PASSWORD)?;
        db::insert_slot(&tx, &slot)?;
        tx.commit()?;
        log::info!("vault password changed");
        Ok(SlotId(slot.id))
    }

    /// Adds a password slot (a second password, e.g. a recovery one).
    pub fn add_password_slot(&self, password: &[u8], kdf: KdfParams) -> Result<SlotId> {
        let mut inner = self.inner();
        let Inner {
            db,
            unlocked,
            vault_id,
        } = &mut *inner;
        let state = unlocked.as_ref().ok_or(VaultError::Locked)?;
        let slot = slots::new_password_slot(vault_id, state.master(), password, kdf)?;
        let tx = db.write()?;
        db::insert_slot(&tx, &slot)?;
        tx.commit()?;
        log::info!("password slot {} added", SlotId(slot.id));
        Ok(SlotId(slot.id))
    }

    /// Adds a platform slot: a new slot key, wrapped by `keystore`.
    pub fn add_platform_slot(&self, keystore: &dyn KeyStore) -> Result<SlotId> {
        let mut inner = self.inner();
        let Inner {
            db,
            unlocked,
            vault_id,
        } = &mut *inner;
        let state = unlocked.as_ref().ok_or(VaultError::Locked)?;
        let slot = slots::new_platform_slot(vault_id, state.master(), keystore)?;
        let tx = db.write()?;
        db::insert_slot(&tx, &slot)?;
        tx.commit()?;
        log::info!("platform slot {} added", SlotId(slot.id));
        Ok(SlotId(slot.id))
    }

    /// Removes a key slot, never the last one ([`VaultError::LastSlot`]).
    /// Needs the vault unlocked, so that a thief with the file open cannot
    /// remove the user's slots.
    pub fn remove_slot(&self, id: &SlotId) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        unlocked.as_ref().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let exists = db::slots(&tx)?.iter().any(|slot| slot.id == id.0);
        if !exists {
            return Err(VaultError::SlotNotFound(id.to_string()));
        }
        if db::count_slots(&tx)? <= 1 {
            return Err(VaultError::LastSlot);
        }
        db::delete_slot(&tx, &id.0)?;
        tx.commit()?;
        log::info!("key slot {id} removed");
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

#[cfg(test)]
mod tests;
