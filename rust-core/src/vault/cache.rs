//! The unlocked state: the master key, its prepared cipher, and a cache of
//! decrypted entries (with their code generators) that lives only while
//! the vault is unlocked and is wiped on lock.
//!
//! The cache is checked against `PRAGMA data_version` before each use, so
//! a change committed by another process (another `ward` command, the
//! crash-test writer) is seen. Each time it is built, the rows are checked
//! against the integrity manifest ([`super::manifest`]).

use rusqlite::Connection;

use super::db::{self, EntryRow, EntryRows};
use super::entry::{Entry, EntryId};
use super::error::VaultError;
use super::manifest::{
    IntegrityProblem, IntegrityReport, Manifest, Recorded, Row, recorded_digest,
};
use super::secrets::{CachedParams, SecretRange, Secrets, SharedSecrets};
use super::views::{EntrySummary, SharedSummaries, Summaries};
use crate::account::{Account, OtpParams, ParamsShape};
use crate::crypto::aead::OpenBuffer;
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

/// A decrypted entry as the cache keeps it: its public summary, built
/// once at unlock and shared with every [`Vault::list`](super::Vault::list)
/// result, and its code parameters apart. The secret is only in `params`
/// (in the unlock's block of secrets, see [`super::secrets`], held by the
/// cache alone), never in the shared summary, so it goes with the cache on
/// lock.
pub struct CachedEntry {
    /// What a list shows (no secret).
    pub summary: EntrySummary,
    /// The code parameters, the secret in the shared block.
    pub params: CachedParams,
}

impl CachedEntry {
    /// The entry's id.
    pub fn id(&self) -> EntryId {
        self.summary.id
    }

    /// The code parameters with their own copy of the secret (to compute
    /// codes, change or export the entry).
    pub fn params(&self) -> Result<OtpParams, VaultError> {
        // Decoding never lets an empty secret through, so this holds.
        self.params
            .to_params()
            .ok_or(VaultError::Damaged { id: self.id() })
    }

    /// A full copy of the entry (secret included), to change or re-seal.
    pub fn to_entry(&self) -> Result<Entry, VaultError> {
        Ok(Entry::from_parts(&self.params()?, &self.summary))
    }

    /// A copy of the account (secret included), to export.
    pub fn account(&self) -> Result<Account, VaultError> {
        Ok(Account {
            issuer: self.summary.issuer().to_owned(),
            name: self.summary.account().to_owned(),
            params: self.params()?,
        })
    }
}

/// One cached row.
pub enum Cached {
    /// Decrypted (its code generator is in [`Cache::generators`]).
    Entry {
        /// The decrypted entry.
        entry: CachedEntry,
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
            Cached::Entry { entry, .. } => entry.summary.id,
            Cached::Damaged { id, .. } => *id,
        }
    }

    /// The row's position.
    pub fn position(&self) -> i64 {
        match self {
            Cached::Entry { entry, .. } => entry.summary.position,
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
    /// The code generator of each of `items` (same index), built on first
    /// use; empty until codes are first asked for. Kept apart from the
    /// entries because a keyed HMAC state is large: unlocking builds none,
    /// and the entries stay small to move.
    pub generators: Vec<Option<Generator>>,
    /// The manifest found.
    pub manifest: ManifestState,
    /// The rows checked against it.
    pub report: IntegrityReport,
    /// Every key slot's id, read in the same snapshot as the rows.
    pub slots: Vec<[u8; 16]>,
}

impl Cache {
    /// The index of the row with this id.
    pub fn find(&self, id: &EntryId) -> Option<usize> {
        self.items.iter().position(|item| item.id() == *id)
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
        Ok(db::read_snapshot(conn, || self.load(conn))?.report)
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
        let mut summaries = Summaries::with_capacity(1, 0);
        let mut secrets = Secrets::with_capacity(0);
        let opened = self.open_sealed(
            row.id,
            row.position,
            &row.sealed,
            &mut OpenBuffer::new(),
            (&mut summaries, &mut secrets),
        );
        opened.cached(&summaries.finish(), &secrets.finish())
    }

    /// Opens one sealed entry, decrypting in `buffer` (reused from row to
    /// row, wiped when dropped), its summary added to `summaries` and its
    /// secret to `secrets`; a row that fails is returned as damaged.
    fn open_sealed(
        &self,
        id: EntryId,
        position: i64,
        sealed: &[u8],
        buffer: &mut OpenBuffer,
        (summaries, secrets): (&mut Summaries, &mut Secrets),
    ) -> Opened {
        let opened = self
            .cipher
            .open_into(&entry_aad(self.format, &self.vault_id, &id), sealed, buffer)
            .ok()
            .and_then(|payload| Entry::decode_parts(id, position, payload, summaries).ok());
        match opened {
            Some((shape, secret, summary)) => Opened::Entry {
                shape,
                secret: secrets.push(secret),
                summary,
            },
            None => {
                log::warn!("entry {id} is damaged: it does not authenticate");
                Opened::Damaged { id, position }
            }
        }
    }

    /// Reads every entry row, opens each into the list order (position,
    /// then id) and checks the rows against the manifest.
    ///
    /// The rows come in id order, their blobs packed in one buffer; each is
    /// decrypted in one reused plaintext buffer; the entries are built once,
    /// in their final place; the manifest check walks the rows and the
    /// manifest (both by id) side by side.
    fn load(&self, conn: &Connection) -> Result<Loaded, VaultError> {
        // The manifest first: it says how many rows to expect.
        let stored = self.stored_manifest(conn)?;
        let expected = match &stored {
            Stored::Sealed(Some(manifest)) => manifest.entries.len(),
            _ => 0,
        };
        let packed = db::entry_rows(conn, expected)?;
        let rows = &packed.rows;
        let order = list_order(rows);
        let mut opens = vec![false; rows.len()];
        let mut opened = Vec::with_capacity(rows.len());
        let mut buffer = OpenBuffer::new();
        // Every summary in one block (see `Summaries`); the text hint is
        // generous for an issuer and an account, and the block grows if not.
        let mut summaries = Summaries::with_capacity(rows.len(), rows.len() * SUMMARY_TEXT_HINT);
        // Every secret in one block too (see `Secrets`).
        let mut secrets = Secrets::with_capacity(rows.len() * SECRET_HINT);
        for &index in &order {
            let row = &rows[index as usize];
            let item = self.open_sealed(
                row.id,
                row.position,
                packed.sealed(row),
                &mut buffer,
                (&mut summaries, &mut secrets),
            );
            opens[index as usize] = matches!(item, Opened::Entry { .. });
            opened.push(item);
        }
        drop(buffer);
        let summaries = summaries.finish();
        let secrets = secrets.finish();
        let items: Vec<Cached> = opened
            .into_iter()
            .map(|item| item.cached(&summaries, &secrets))
            .collect();
        drop((summaries, secrets));
        log::debug!("decrypted {} vault entries", items.len());
        let facts = facts(&packed, &opens);
        let slots = db::slot_ids(conn)?;
        let (manifest, report) = check(stored, &facts, &slots, &items);
        Ok(Loaded {
            items,
            manifest,
            report,
            slots,
        })
    }

    /// The stored manifest, opened.
    fn stored_manifest(&self, conn: &Connection) -> Result<Stored, VaultError> {
        Ok(match db::manifest(conn)? {
            None => Stored::Missing,
            Some(None) => Stored::NotSealedYet,
            Some(Some(sealed)) => {
                Stored::Sealed(Manifest::open(&self.cipher, &self.vault_id, sealed))
            }
        })
    }

    /// The cache, reloaded from `conn` if it is missing or another
    /// connection committed since it was built.
    pub fn cache(&mut self, conn: &Connection) -> Result<&mut Cache, VaultError> {
        let fresh = match &self.cache {
            Some(cache) => cache.data_version == db::data_version(conn)?,
            None => false,
        };
        if !fresh {
            // The old cache goes first: its entries are wiped now rather
            // than after the new ones are built.
            self.cache = None;
            // The version is read in the snapshot the rows come from (no
            // read transaction of its own), so it is exactly theirs.
            let (
                version,
                Loaded {
                    items,
                    manifest,
                    report,
                    slots,
                },
            ) = db::read_snapshot(conn, || Ok((db::data_version(conn)?, self.load(conn)?)))?;
            if !report.intact {
                log::warn!(
                    "the vault differs from its integrity manifest in {} ways",
                    report.problems.len()
                );
            }
            self.cache = Some(Cache {
                data_version: version,
                items,
                generators: Vec::new(),
                manifest,
                report,
                slots,
            });
        }
        match self.cache.as_mut() {
            Some(cache) => Ok(cache),
            None => Err(VaultError::Locked),
        }
    }
}

impl Unlocked {
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

    /// The cache as last built, without checking that it is still fresh
    /// (for the unlock that has just built it).
    pub fn loaded_cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    /// Drops the cache (after a failure that may have left it stale).
    pub fn forget_cache(&mut self) {
        self.cache = None;
    }
}

/// Bytes of summary text to expect per entry when unlocking (a hint: an
/// issuer and an account name; the block grows when they are longer).
const SUMMARY_TEXT_HINT: usize = 48;

/// Bytes of secret to expect per entry when unlocking (a hint: 20 for
/// SHA-1 keys, 32 or 64 for the others; the block grows when they are
/// longer).
const SECRET_HINT: usize = 32;

/// A row as [`Unlocked::open_sealed`] opened it, before its summary's
/// block is finished.
enum Opened {
    /// Decrypted: its checked parameters, where its secret is in the
    /// block of secrets, and its summary's index in the block of summaries.
    Entry {
        shape: ParamsShape,
        secret: SecretRange,
        summary: u32,
    },
    /// Did not authenticate or decode.
    Damaged { id: EntryId, position: i64 },
}

impl Opened {
    /// The cached row, its summary a handle on `summaries`, its secret a
    /// handle on `secrets`.
    fn cached(self, summaries: &SharedSummaries, secrets: &SharedSecrets) -> Cached {
        match self {
            Opened::Entry {
                shape,
                secret,
                summary,
            } => Cached::Entry {
                entry: CachedEntry {
                    summary: summaries.get(summary),
                    params: secrets.params(secret, shape),
                },
            },
            Opened::Damaged { id, position } => Cached::Damaged { id, position },
        }
    }
}

/// What [`Unlocked::load`] read and checked in one snapshot.
struct Loaded {
    items: Vec<Cached>,
    manifest: ManifestState,
    report: IntegrityReport,
    slots: Vec<[u8; 16]>,
}

/// The manifest row as found.
enum Stored {
    /// Deleted.
    Missing,
    /// The schema was just upgraded from version 1 (sealed on first use).
    NotSealedYet,
    /// Sealed; `None` if it does not open.
    Sealed(Option<Manifest>),
}

/// Compares the rows (`rows`, by id, and `items`, the entries opened from
/// them) with the stored manifest.
fn check(
    stored: Stored,
    rows: &[Row<'_>],
    slots: &[[u8; 16]],
    items: &[Cached],
) -> (ManifestState, IntegrityReport) {
    let unusable = |description: &str| {
        (
            ManifestState::Unusable,
            IntegrityReport::new(0, vec![IntegrityProblem::vault(description.into())]),
        )
    };
    match stored {
        Stored::Missing => unusable("the vault's integrity record was deleted outside Ward"),
        Stored::NotSealedYet => {
            let manifest = first_manifest(rows, slots, items);
            let report = IntegrityReport::new(manifest.generation, Vec::new());
            (ManifestState::FirstUse(manifest), report)
        }
        Stored::Sealed(None) => {
            unusable("the vault's integrity record does not open: it was changed outside Ward")
        }
        Stored::Sealed(Some(manifest)) => {
            let problems = manifest.compare(rows, slots);
            let report = IntegrityReport::new(manifest.generation, problems);
            (ManifestState::Trusted(manifest), report)
        }
    }
}

/// The list order of `rows` (which are by id): indices sorted by position,
/// then id. Ward keeps positions 0 to n - 1, each once, so each row goes
/// straight to its place; any other positions (changed outside Ward) are
/// sorted.
fn list_order(rows: &[db::PackedRow]) -> Vec<u32> {
    const FREE: u32 = u32::MAX;
    let mut order = vec![FREE; rows.len()];
    let dense = rows
        .iter()
        .enumerate()
        .all(|(index, row)| match usize::try_from(row.position) {
            Ok(place) if place < order.len() && order[place] == FREE => {
                order[place] = index as u32;
                true
            }
            _ => false,
        });
    if !dense {
        order = (0..rows.len() as u32).collect();
        // Stable, and the rows are by id: ties stay in id order.
        order.sort_by_key(|&index| rows[index as usize].position);
    }
    order
}

/// What the manifest check needs of each row, in id order: `opens[i]` says
/// whether row `i` opened.
fn facts<'a>(packed: &'a EntryRows, opens: &[bool]) -> Vec<Row<'a>> {
    packed
        .rows
        .iter()
        .zip(opens)
        .map(|(row, opens)| Row {
            id: row.id,
            position: row.position,
            sealed: packed.sealed(row),
            opens: *opens,
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
            && let Some(counter) = entry.params.kind().counter()
            && let Some(recorded) = manifest.entries.get_mut(&entry.summary.id)
        {
            recorded.hotp_issued = counter;
        }
    }
    manifest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(positions: &[i64]) -> Vec<db::PackedRow> {
        positions
            .iter()
            .enumerate()
            .map(|(i, position)| db::PackedRow::bare(EntryId::from_bytes([i as u8; 16]), *position))
            .collect()
    }

    /// The order `list_order` must give: by position, then id.
    fn sorted(rows: &[db::PackedRow]) -> Vec<u32> {
        let mut order: Vec<u32> = (0..rows.len() as u32).collect();
        order.sort_by_key(|&i| (rows[i as usize].position, rows[i as usize].id));
        order
    }

    #[test]
    fn list_order_places_dense_positions_and_sorts_any_others() {
        for positions in [
            &[][..],
            &[0],
            &[2, 0, 1, 3],
            &[1, 0, 1, 3],
            &[0, 5, 1, 2],
            &[-1, 0, 2, 1],
            &[3, 3, 3, 3],
            &[i64::MAX, i64::MIN, 0, 1],
        ] {
            let rows = rows(positions);
            assert_eq!(list_order(&rows), sorted(&rows), "{positions:?}");
        }
    }
}
