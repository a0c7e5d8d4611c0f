//! The unlocked state: the master key, its prepared cipher, and a cache of
//! decrypted entries (with their code generators) that lives only while
//! the vault is unlocked and is wiped on lock.
//!
//! The cache is checked against `PRAGMA data_version` before each use, so
//! a change committed by another process (another `ward` command, the
//! crash-test writer) is seen.

use rusqlite::Connection;

use super::db::{self, EntryRow};
use super::entry::{Entry, EntryId};
use super::error::VaultError;
use crate::crypto::{Cipher, SecretKey};
use crate::otp::Generator;

/// Entry payload format version, bound into every entry's associated data.
pub const FORMAT: u32 = 1;

/// Length of an entry's associated data.
const ENTRY_AAD_LEN: usize = 11 + 4 + 16 + 16;

/// An entry's associated data: a label, the format version, the vault id
/// and the entry id. A row copied under another id or into another vault
/// does not open.
fn entry_aad(vault_id: &[u8; 16], id: &EntryId) -> [u8; ENTRY_AAD_LEN] {
    let mut aad = [0u8; ENTRY_AAD_LEN];
    aad[..11].copy_from_slice(b"ward/entry\0");
    aad[11..15].copy_from_slice(&FORMAT.to_le_bytes());
    aad[15..31].copy_from_slice(vault_id);
    aad[31..].copy_from_slice(id.as_bytes());
    aad
}

/// One cached row.
// Nearly every row is an entry, so boxing it would only add an allocation
// per entry at unlock.
#[allow(clippy::large_enum_variant)]
pub enum Cached {
    /// Decrypted; the generator is built on first use.
    Entry {
        /// The decrypted entry.
        entry: Entry,
        /// Its code generator, once needed.
        generator: Option<Generator>,
    },
    /// Did not authenticate or decode.
    Damaged {
        /// The id.
        id: EntryId,
        /// The position.
        position: i64,
    },
}

impl Cached {
    /// The row's id.
    pub fn id(&self) -> EntryId {
        match self {
            Cached::Entry { entry, .. } => entry.id,
            Cached::Damaged { id, .. } => *id,
        }
    }

    /// The row's position.
    pub fn position(&self) -> i64 {
        match self {
            Cached::Entry { entry, .. } => entry.position,
            Cached::Damaged { position, .. } => *position,
        }
    }
}

/// Decrypted rows sorted by position, then id.
pub struct Cache {
    data_version: i64,
    /// The rows.
    pub items: Vec<Cached>,
}

impl Cache {
    /// The index of the row with this id.
    pub fn find(&self, id: &EntryId) -> Option<usize> {
        self.items.iter().position(|item| item.id() == *id)
    }

    /// Restores the sort order after positions changed.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|item| (item.position(), item.id()));
    }
}

/// The vault while unlocked.
pub struct Unlocked {
    vault_id: [u8; 16],
    cipher: Cipher,
    // Kept so that it is zeroized, with everything else, on lock.
    _master: SecretKey,
    cache: Option<Cache>,
}

impl Unlocked {
    /// The unlocked state for `master`.
    pub fn new(vault_id: [u8; 16], master: SecretKey) -> Self {
        Unlocked {
            vault_id,
            cipher: Cipher::new(&master),
            _master: master,
            cache: None,
        }
    }

    /// The master key (for sealing it into a new slot).
    pub fn master(&self) -> &SecretKey {
        &self._master
    }

    /// The vault's id.
    pub fn vault_id(&self) -> &[u8; 16] {
        &self.vault_id
    }

    /// Seals any other payload (a setting) under the master key, bound to
    /// `aad`, under a fresh nonce.
    pub fn seal_bytes(&self, aad: &[u8], payload: &[u8]) -> Result<Vec<u8>, VaultError> {
        Ok(self.cipher.seal(aad, payload)?)
    }

    /// Opens what [`Unlocked::seal_bytes`] sealed; `None` if it does not
    /// authenticate under `aad`.
    pub fn open_bytes(&self, aad: &[u8], sealed: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
        self.cipher.open(aad, sealed).ok()
    }

    /// Seals an entry's payload under a fresh nonce.
    pub fn seal(&self, entry: &Entry) -> Result<Vec<u8>, VaultError> {
        let payload = entry.encode();
        Ok(self
            .cipher
            .seal(&entry_aad(&self.vault_id, &entry.id), &payload)?)
    }

    /// Opens a stored row; a row that fails is returned as damaged.
    pub fn open_row(&self, row: EntryRow) -> Cached {
        let opened = self
            .cipher
            .open_owned(&entry_aad(&self.vault_id, &row.id), row.sealed)
            .ok()
            .and_then(|payload| Entry::decode(row.id, row.position, &payload).ok());
        match opened {
            Some(entry) => Cached::Entry {
                entry,
                generator: None,
            },
            None => {
                log::warn!("entry {} is damaged: it does not authenticate", row.id);
                Cached::Damaged {
                    id: row.id,
                    position: row.position,
                }
            }
        }
    }

    /// The cache, reloaded from `conn` if it is missing or another
    /// connection committed since it was built.
    pub fn cache(&mut self, conn: &Connection) -> Result<&mut Cache, VaultError> {
        let version = db::data_version(conn)?;
        let fresh = matches!(&self.cache, Some(cache) if cache.data_version == version);
        if !fresh {
            let rows = db::entries(conn)?;
            let items: Vec<Cached> = rows.into_iter().map(|row| self.open_row(row)).collect();
            log::debug!("decrypted {} vault entries", items.len());
            let mut cache = Cache {
                data_version: version,
                items,
            };
            cache.sort();
            self.cache = Some(cache);
        }
        match self.cache.as_mut() {
            Some(cache) => Ok(cache),
            None => Err(VaultError::Locked),
        }
    }
}

impl Unlocked {
    /// The cache as it is, without checking the database (after this
    /// process's own commit, which does not change `data_version`).
    pub fn cached(&mut self) -> Option<&mut Cache> {
        self.cache.as_mut()
    }

    /// Runs `f` with the fresh cache (as [`Unlocked::cache`]) beside the
    /// unlocked state itself, both shared.
    pub fn with_cache<R>(
        &mut self,
        conn: &Connection,
        f: impl FnOnce(&Unlocked, &Cache) -> R,
    ) -> Result<R, VaultError> {
        self.cache(conn)?;
        let cache = self.cache.as_ref().ok_or(VaultError::Locked)?;
        Ok(f(self, cache))
    }

    /// Drops the cache (after a failure that may have left it stale).
    pub fn forget_cache(&mut self) {
        self.cache = None;
    }
}
