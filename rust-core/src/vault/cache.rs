//! The unlocked state: the master key, its prepared cipher, and a cache of
//! decrypted entries (with their code generators) that lives only while
//! the vault is unlocked and is wiped on lock.
//!
//! The cache is checked against `PRAGMA data_version` before each use, so
//! a change committed by another process (another `ward` command, the
//! crash-test writer) is seen. Each time it is built, the rows are checked
//! against the integrity manifest ([`super::manifest`]).

use rusqlite::Connection;

use super::db::{self, EntryRow};
use super::entry::{Entry, EntryId};
use super::error::VaultError;
use super::manifest::{
    IntegrityProblem, IntegrityReport, Manifest, Recorded, Row, recorded_digest,
};
use crate::crypto::{Cipher, SecretKey};
use crate::otp::Generator;

/// The entry format this build writes: stored in the vault's header and
/// bound into every entry's associated data. Format 2 adds padded
/// payloads and the integrity manifest; a vault of format 1 (written
/// before them) is read with format 1 in its associated data until a
/// password change re-seals it.
pub const FORMAT: u32 = 2;

/// Length of an entry's associated data.
const ENTRY_AAD_LEN: usize = 11 + 4 + 16 + 16;

/// An entry's associated data: a label, the vault's stored format number,
/// the vault id and the entry id. A row copied under another id or into
/// another vault does not open.
fn entry_aad(format: u32, vault_id: &[u8; 16], id: &EntryId) -> [u8; ENTRY_AAD_LEN] {
    let mut aad = [0u8; ENTRY_AAD_LEN];
    aad[..11].copy_from_slice(b"ward/entry\0");
    aad[11..15].copy_from_slice(&format.to_le_bytes());
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

/// The manifest as found when the cache was built.
#[derive(Clone)]
pub enum ManifestState {
    /// Opened: changes are applied to it.
    Trusted(Manifest),
    /// The schema was just upgraded from version 1 and has none yet: this
    /// one was built from the rows as found (trust on first use) and is
    /// written by the next write transaction.
    FirstUse(Manifest),
    /// Missing or not opening: nothing can be checked, and writes are
    /// refused until the user accepts the vault as it is.
    Unusable,
}

impl ManifestState {
    /// The manifest to apply a change to, unless it is unusable.
    pub fn writable(&self) -> Option<Manifest> {
        match self {
            ManifestState::Trusted(manifest) | ManifestState::FirstUse(manifest) => {
                Some(manifest.clone())
            }
            ManifestState::Unusable => None,
        }
    }
}

/// Decrypted rows sorted by position, then id, with the integrity check of
/// the rows they came from.
pub struct Cache {
    data_version: i64,
    /// The rows.
    pub items: Vec<Cached>,
    /// The manifest found.
    pub manifest: ManifestState,
    /// The rows checked against it.
    pub report: IntegrityReport,
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
    format: u32,
    cipher: Cipher,
    // Kept so that it is zeroized, with everything else, on lock.
    _master: SecretKey,
    cache: Option<Cache>,
}

impl Unlocked {
    /// The unlocked state for `master`, for a vault whose header stores
    /// entry format `format`.
    pub fn new(vault_id: [u8; 16], format: u32, master: SecretKey) -> Self {
        Unlocked {
            vault_id,
            format,
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

    /// The entry format stored in the vault's header.
    pub fn format(&self) -> u32 {
        self.format
    }

    /// Checks another copy of this vault (a backup snapshot open at
    /// `conn`) against the integrity manifest stored in that copy, without
    /// touching this vault's cache.
    pub fn integrity_of(&self, conn: &Connection) -> Result<IntegrityReport, VaultError> {
        let rows = db::entries(conn)?;
        let items: Vec<Cached> = rows.iter().map(|row| self.open_row(row)).collect();
        let slots = db::slot_ids(conn)?;
        Ok(self.check(conn, &facts(&rows, &items), &slots, &items)?.1)
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
            .seal(&entry_aad(self.format, &self.vault_id, &entry.id), &payload)?)
    }

    /// Seals the manifest.
    pub fn seal_manifest(&self, manifest: &Manifest) -> Result<Vec<u8>, VaultError> {
        Ok(manifest.seal(&self.cipher, &self.vault_id)?)
    }

    /// Opens a stored row; a row that fails is returned as damaged.
    pub fn open_row(&self, row: &EntryRow) -> Cached {
        let opened = self
            .cipher
            .open(
                &entry_aad(self.format, &self.vault_id, &row.id),
                &row.sealed,
            )
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
            let items: Vec<Cached> = rows.iter().map(|row| self.open_row(row)).collect();
            log::debug!("decrypted {} vault entries", items.len());
            let slots = db::slot_ids(conn)?;
            let (manifest, report) = self.check(conn, &facts(&rows, &items), &slots, &items)?;
            if !report.intact {
                log::warn!(
                    "the vault differs from its integrity manifest in {} ways",
                    report.problems.len()
                );
            }
            let mut cache = Cache {
                data_version: version,
                items,
                manifest,
                report,
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
    /// Opens the stored manifest and compares the rows with it.
    fn check(
        &self,
        conn: &Connection,
        rows: &[Row<'_>],
        slots: &[[u8; 16]],
        items: &[Cached],
    ) -> Result<(ManifestState, IntegrityReport), VaultError> {
        let unusable = |description: &str| {
            (
                ManifestState::Unusable,
                IntegrityReport::new(0, vec![IntegrityProblem::vault(description.into())]),
            )
        };
        Ok(match db::manifest(conn)? {
            None => unusable("the vault's integrity record was deleted outside Ward"),
            Some(None) => {
                let manifest = first_manifest(rows, slots, items);
                let report = IntegrityReport::new(manifest.generation, Vec::new());
                (ManifestState::FirstUse(manifest), report)
            }
            Some(Some(sealed)) => match Manifest::open(&self.cipher, &self.vault_id, &sealed) {
                None => unusable(
                    "the vault's integrity record does not open: it was changed outside Ward",
                ),
                Some(manifest) => {
                    let problems = manifest.compare(rows, slots);
                    let report = IntegrityReport::new(manifest.generation, problems);
                    (ManifestState::Trusted(manifest), report)
                }
            },
        })
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

/// What the manifest check needs of each row: `items` are `rows` opened, in
/// the same order.
fn facts<'a>(rows: &'a [EntryRow], items: &[Cached]) -> Vec<Row<'a>> {
    rows.iter()
        .zip(items)
        .map(|(row, item)| Row {
            id: row.id,
            position: row.position,
            sealed: &row.sealed,
            opens: matches!(item, Cached::Entry { .. }),
        })
        .collect()
}

/// The manifest of a vault upgraded from schema 1, built from its rows as
/// they are (trust on first use): generation 0, each HOTP entry's mark at
/// its stored counter.
fn first_manifest(rows: &[Row<'_>], slots: &[[u8; 16]], items: &[Cached]) -> Manifest {
    let mut manifest = Manifest::default();
    manifest.set_slots(slots.to_vec());
    for row in rows {
        manifest.entries.insert(
            row.id,
            Recorded {
                position: row.position,
                digest: recorded_digest(row.sealed, row.opens),
                hotp_issued: 0,
            },
        );
    }
    for item in items {
        if let Cached::Entry { entry, .. } = item
            && let Some(counter) = entry.account.params.kind().counter()
            && let Some(recorded) = manifest.entries.get_mut(&entry.id)
        {
            recorded.hotp_issued = counter;
        }
    }
    manifest
}
