//! The integrity manifest: one sealed record that says what the vault
//! looked like after Ward's last committed change, so that changes made
//! to the file outside Ward are seen.
//!
//! Each entry row authenticates on its own (its associated data binds the
//! vault id and entry id), which cannot show a row deleted, a deleted row
//! put back, an older copy of a row put back, rows reordered or a key slot
//! removed. The manifest covers exactly those:
//!
//! - a generation number, raised by every write transaction;
//! - every entry's id, position and the fingerprint of its sealed blob
//!   (its AES-GCM nonce and tag, [`blob_digest`]);
//! - each HOTP entry's high-water mark (one past the highest counter Ward
//!   issued a code for), so that `next` never repeats a code;
//! - the key slot ids.
//!
//! It is sealed (AES-256-GCM) under the master key with associated data
//! binding the vault id, and rewritten in the same transaction as every
//! change, by applying that change to the previous manifest (never by
//! reading the rows back: a write must not bless a row changed outside
//! Ward). It can only be checked while the vault is unlocked.

use ring::digest::{SHA256, digest};

use super::entry::EntryId;
use crate::crypto::aead::{NONCE_BYTES, TAG_BYTES};
use crate::crypto::{Cipher, CryptoError};

/// Length of a blob digest in the manifest: the nonce and tag of the
/// sealed blob, zero-filled to the 32 bytes of the SHA-256 digest that
/// manifests written before it recorded.
pub const DIGEST_LEN: usize = 32;

/// Layout version of the manifest's plaintext (its first byte).
const MANIFEST_V1: u8 = 1;

/// Bytes one entry takes in the manifest: id, position, digest, mark.
const ENTRY_LEN: usize = 16 + 8 + DIGEST_LEN + 8;

/// The fingerprint of an entry's sealed blob, as the manifest records it:
/// its AES-GCM nonce (first 12 bytes) and tag (last 16), then 4 zero bytes.
///
/// Why this identifies the blob as well as a hash of all of it (the
/// argument is in docs/vault-format.md, "Integrity manifest"): every row
/// is opened when the manifest is checked, and a row that does not open is
/// a problem ([`Manifest::compare`] with [`Row::opens`]). A row that opens was sealed by Ward
/// under this vault's key for this entry id (AES-GCM's tag authenticates
/// nonce, associated data and ciphertext; forging one without the key
/// succeeds with probability about 2^-128 per try), and two blobs Ward
/// sealed never share a nonce (96 random bits each), so a row that opens
/// and carries the recorded nonce and tag is the very blob Ward recorded.
/// Digesting the nonce and tag costs nothing; hashing each whole padded
/// blob with SHA-256 was most of the unlock time (issue 12). Rows that do
/// not open are recorded and compared by [`recorded_digest`] instead.
///
/// A blob shorter than nonce + tag (only a damaged row) gets its bytes,
/// zero-filled.
pub fn blob_digest(sealed: &[u8]) -> [u8; DIGEST_LEN] {
    let mut out = [0u8; DIGEST_LEN];
    if sealed.len() < NONCE_BYTES + TAG_BYTES {
        out[..sealed.len()].copy_from_slice(sealed);
        return out;
    }
    out[..NONCE_BYTES].copy_from_slice(&sealed[..NONCE_BYTES]);
    out[NONCE_BYTES..NONCE_BYTES + TAG_BYTES].copy_from_slice(&sealed[sealed.len() - TAG_BYTES..]);
    out
}

/// The SHA-256 of a whole sealed blob. Manifests sealed before the
/// nonce-and-tag fingerprint recorded it for every row, and it is still
/// what a row that does not open is recorded with (trust on first use,
/// `accept_integrity_state`): for such a row the fingerprint proves
/// nothing, so any later change of its bytes must still show.
fn whole_blob_digest(sealed: &[u8]) -> [u8; DIGEST_LEN] {
    let mut out = [0u8; DIGEST_LEN];
    out.copy_from_slice(digest(&SHA256, sealed).as_ref());
    out
}

/// The digest to record for a row as it stands (the first manifest after
/// an upgrade, or the user accepting the vault as it is): the fingerprint
/// when the row opens, else the SHA-256 of the whole blob.
pub fn recorded_digest(sealed: &[u8], opens: bool) -> [u8; DIGEST_LEN] {
    if opens {
        blob_digest(sealed)
    } else {
        whole_blob_digest(sealed)
    }
}

/// What the file holds now for one entry row, as [`Manifest::compare`]
/// checks it.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The row's id.
    pub id: EntryId,
    /// The row's position.
    pub position: i64,
    /// The sealed blob.
    pub sealed: &'a [u8],
    /// True when the blob opened (authenticated and decoded) under the
    /// vault's key and this id.
    pub opens: bool,
}

impl Row<'_> {
    /// True when `recorded` is this row's blob: the row opens and its
    /// fingerprint matches, or the SHA-256 of the whole blob matches (a
    /// manifest sealed before the fingerprint, or a row recorded while it
    /// did not open). The hash is computed only when the first test fails.
    fn matches(&self, recorded: &[u8; DIGEST_LEN]) -> bool {
        (self.opens && *recorded == blob_digest(self.sealed))
            || *recorded == whole_blob_digest(self.sealed)
    }
}

/// What the manifest records about one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// Sort position Ward last wrote.
    pub position: i64,
    /// SHA-256 of the sealed blob Ward last wrote.
    pub digest: [u8; DIGEST_LEN],
    /// For HOTP entries: one past the highest counter a code was issued
    /// for (0 when none was). A row whose counter is below it was rolled
    /// back, and its next code would repeat a used one.
    pub hotp_issued: u64,
}

/// The decrypted manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Raised by at least 1 by every committed change.
    pub generation: u64,
    /// Every entry Ward wrote and did not delete, by id (the order they
    /// are sealed in, and the order [`Manifest::compare`] walks them).
    pub entries: Records,
    /// Every key slot's id, sorted.
    pub slots: Vec<[u8; 16]>,
}

/// The label and vault id the manifest's associated data binds.
fn aad(vault_id: &[u8; 16]) -> [u8; 30] {
    let mut aad = [0u8; 30];
    aad[..14].copy_from_slice(b"ward/manifest\0");
    aad[14..].copy_from_slice(vault_id);
    aad
}

impl Manifest {
    /// Seals the manifest under the vault's cipher (fresh nonce).
    pub fn seal(&self, cipher: &Cipher, vault_id: &[u8; 16]) -> Result<Vec<u8>, CryptoError> {
        cipher.seal(&aad(vault_id), &self.encode())
    }

    /// Opens a sealed manifest; `None` if it does not authenticate or
    /// decode (changed outside Ward, or sealed under another key).
    pub fn open(cipher: &Cipher, vault_id: &[u8; 16], sealed: Vec<u8>) -> Option<Manifest> {
        let plain = cipher.open_owned(&aad(vault_id), sealed).ok()?;
        let manifest = Manifest::decode(&plain);
        crate::crypto::aead::wipe(plain);
        manifest
    }

    /// Sets the slot ids (sorted, so the comparison ignores storage order).
    pub fn set_slots(&mut self, mut slots: Vec<[u8; 16]>) {
        slots.sort_unstable();
        self.slots = slots;
    }

    /// Records a new slot.
    pub fn add_slot(&mut self, id: [u8; 16]) {
        self.slots.push(id);
        self.slots.sort_unstable();
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            1 + 8 + 4 + 16 * self.slots.len() + 4 + ENTRY_LEN * self.entries.len(),
        );
        out.push(MANIFEST_V1);
        out.extend_from_slice(&self.generation.to_le_bytes());
        out.extend_from_slice(&(self.slots.len() as u32).to_le_bytes());
        for slot in &self.slots {
            out.extend_from_slice(slot);
        }
        out.extend_from_slice(&(self.entries.len() as u32).to_le_bytes());
        for (id, recorded) in &self.entries {
            out.extend_from_slice(id.as_bytes());
            out.extend_from_slice(&recorded.position.to_le_bytes());
            out.extend_from_slice(&recorded.digest);
            out.extend_from_slice(&recorded.hotp_issued.to_le_bytes());
        }
        out
    }

    fn decode(bytes: &[u8]) -> Option<Manifest> {
        let (&version, rest) = bytes.split_first()?;
        if version != MANIFEST_V1 {
            return None;
        }
        let (generation, rest) = take_u64(rest)?;
        let (slot_count, mut rest) = take_u32(rest)?;
        let mut slots = Vec::with_capacity((slot_count as usize).min(rest.len() / 16));
        for _ in 0..slot_count {
            let (slot, tail) = take::<16>(rest)?;
            slots.push(slot);
            rest = tail;
        }
        let (entry_count, mut rest) = take_u32(rest)?;
        if rest.len() != entry_count as usize * ENTRY_LEN {
            return None;
        }
        let mut entries = Vec::with_capacity(entry_count as usize);
        for _ in 0..entry_count {
            let (id, tail) = take::<16>(rest)?;
            let (position, tail) = take_u64(tail)?;
            let (digest, tail) = take::<DIGEST_LEN>(tail)?;
            let (hotp_issued, tail) = take_u64(tail)?;
            rest = tail;
            entries.push((
                EntryId::from_bytes(id),
                Recorded {
                    position: position as i64,
                    digest,
                    hotp_issued,
                },
            ));
        }
        // Sealed in id order since the fingerprint change, so this is the
        // list as it is; older manifests (any order) are sorted here. A
        // repeated id keeps its last record, as it always did.
        let entries = Records::from_pairs(entries);
        Some(Manifest {
            generation,
            entries,
            slots,
        })
    }

    /// Compares the manifest with what the file holds now: each entry row's
    /// id, position, blob fingerprint and whether it opens, and the slot
    /// ids. Returns one problem per difference, sorted (entries by id, then
    /// slots).
    ///
    /// `rows` may come in any order, but in id order (as
    /// [`db::entry_rows`](super::db::entry_rows) reads them) the walk is
    /// one pass over both lists, with no lookup and no hashing. Row ids are
    /// unique (the table's primary key).
    pub fn compare(&self, rows: &[Row<'_>], slots: &[[u8; 16]]) -> Vec<IntegrityProblem> {
        let mut problems = Vec::new();
        let mut recorded_rows = 0usize;
        let records = self.entries.as_slice();
        let mut cursor = 0usize;
        for row in rows {
            let id = &row.id;
            let position = row.position;
            // In id order, the row's record is at the cursor or just after
            // records without a row; otherwise look it up.
            while cursor < records.len() && records[cursor].0 < *id {
                cursor += 1;
            }
            let recorded = match records.get(cursor) {
                Some((other, recorded)) if other == id => {
                    cursor += 1;
                    Some(recorded)
                }
                _ => self.entries.get(id),
            };
            if recorded.is_some() {
                recorded_rows += 1;
            }
            match recorded {
                None => problems.push(IntegrityProblem::entry(
                    *id,
                    format!(
                        "entry {id} was not written by Ward: a deleted entry was put back, or a row was added to the file"
                    ),
                )),
                // The fingerprint alone is not the proof: the row must also
                // open (see `blob_digest`).
                Some(recorded) if !row.matches(&recorded.digest) => {
                    problems.push(IntegrityProblem::entry(
                        *id,
                        format!(
                            "entry {id} is not the version Ward saved last: an older copy was put back, or it was changed"
                        ),
                    ))
                }
                Some(recorded) if recorded.position != position => {
                    problems.push(IntegrityProblem::entry(
                        *id,
                        format!(
                            "entry {id} was moved outside Ward (position {position}, Ward saved {})",
                            recorded.position
                        ),
                    ))
                }
                Some(_) => {}
            }
        }
        // Every recorded entry has its row unless fewer rows were found
        // in the manifest than it records (ids are unique on both sides).
        if recorded_rows < self.entries.len() {
            let mut present: Vec<EntryId> = rows.iter().map(|row| row.id).collect();
            present.sort_unstable();
            for id in self.entries.keys() {
                if present.binary_search(id).is_err() {
                    problems.push(IntegrityProblem::entry(
                        *id,
                        format!("entry {id} was deleted outside Ward"),
                    ));
                }
            }
        }
        problems.sort_by_key(|problem| problem.entry_id);
        for slot in &self.slots {
            if !slots.contains(slot) {
                problems.push(IntegrityProblem::vault(format!(
                    "key slot {} was removed outside Ward",
                    super::SlotId(*slot)
                )));
            }
        }
        for slot in slots {
            if !self.slots.contains(slot) {
                problems.push(IntegrityProblem::vault(format!(
                    "key slot {} was added outside Ward",
                    super::SlotId(*slot)
                )));
            }
        }
        problems
    }
}

/// The manifest's entry records: a list sorted by id, each id once (what
/// the manifest seals, in that order). A sorted list rather than a tree:
/// opening the manifest at every unlock copies the records in as they
/// are, and [`Manifest::compare`] walks them beside the rows, also by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    sorted: Vec<(EntryId, Recorded)>,
}

impl Records {
    /// The records from pairs in any order; a repeated id keeps its last
    /// record. Pairs already sorted by id (as sealed) are taken as they are.
    fn from_pairs(mut pairs: Vec<(EntryId, Recorded)>) -> Self {
        if !pairs.windows(2).all(|pair| pair[0].0 < pair[1].0) {
            // Stable: among equal ids the last one given ends up last.
            pairs.sort_by_key(|(id, _)| *id);
            let mut kept: Vec<(EntryId, Recorded)> = Vec::with_capacity(pairs.len());
            for pair in pairs {
                match kept.last_mut() {
                    Some(last) if last.0 == pair.0 => *last = pair,
                    _ => kept.push(pair),
                }
            }
            pairs = kept;
        }
        Records { sorted: pairs }
    }

    /// The records, by id.
    pub fn as_slice(&self) -> &[(EntryId, Recorded)] {
        &self.sorted
    }

    /// How many entries are recorded.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// True when no entry is recorded.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Where `id`'s record is (`Ok`), or where it would go (`Err`).
    fn search(&self, id: &EntryId) -> Result<usize, usize> {
        self.sorted.binary_search_by_key(id, |(other, _)| *other)
    }

    /// The record of `id`.
    pub fn get(&self, id: &EntryId) -> Option<&Recorded> {
        let index = self.search(id).ok()?;
        Some(&self.sorted[index].1)
    }

    /// The record of `id`, to change.
    pub fn get_mut(&mut self, id: &EntryId) -> Option<&mut Recorded> {
        let index = self.search(id).ok()?;
        Some(&mut self.sorted[index].1)
    }

    /// Records `id` (replacing its record, which is returned, if it had
    /// one). For many entries at once, [`Records::extend`] sorts once.
    pub fn insert(&mut self, id: EntryId, recorded: Recorded) -> Option<Recorded> {
        match self.search(&id) {
            Ok(index) => Some(std::mem::replace(&mut self.sorted[index].1, recorded)),
            Err(index) => {
                self.sorted.insert(index, (id, recorded));
                None
            }
        }
    }

    /// Records many entries (as [`Records::insert`] one after another: a
    /// repeated id keeps its last record), sorting once.
    pub fn extend(&mut self, pairs: impl IntoIterator<Item = (EntryId, Recorded)>) {
        let mut all = std::mem::take(&mut self.sorted);
        all.extend(pairs);
        *self = Records::from_pairs(all);
    }

    /// Forgets `id`; returns its record if it had one.
    pub fn remove(&mut self, id: &EntryId) -> Option<Recorded> {
        let index = self.search(id).ok()?;
        Some(self.sorted.remove(index).1)
    }

    /// The records by id.
    pub fn iter(&self) -> impl Iterator<Item = (&EntryId, &Recorded)> {
        self.sorted.iter().map(|(id, recorded)| (id, recorded))
    }

    /// The recorded ids, in order.
    pub fn keys(&self) -> impl Iterator<Item = &EntryId> {
        self.sorted.iter().map(|(id, _)| id)
    }

    /// Every record, to change (the ids stay as they are).
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Recorded> {
        self.sorted.iter_mut().map(|(_, recorded)| recorded)
    }
}

impl<'a> IntoIterator for &'a Records {
    type Item = (&'a EntryId, &'a Recorded);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (EntryId, Recorded)>,
        fn(&'a (EntryId, Recorded)) -> (&'a EntryId, &'a Recorded),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.sorted.iter().map(|(id, recorded)| (id, recorded))
    }
}

fn take<const N: usize>(bytes: &[u8]) -> Option<([u8; N], &[u8])> {
    if bytes.len() < N {
        return None;
    }
    let (head, tail) = bytes.split_at(N);
    Some((head.try_into().ok()?, tail))
}

fn take_u64(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (head, tail) = take::<8>(bytes)?;
    Some((u64::from_le_bytes(head), tail))
}

fn take_u32(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (head, tail) = take::<4>(bytes)?;
    Some((u32::from_le_bytes(head), tail))
}

/// One difference between the manifest and the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityProblem {
    /// The entry concerned, when one is.
    pub entry_id: Option<EntryId>,
    /// One sentence: what is wrong.
    pub description: String,
}

impl IntegrityProblem {
    fn entry(id: EntryId, description: String) -> Self {
        IntegrityProblem {
            entry_id: Some(id),
            description,
        }
    }

    /// A problem with the vault as a whole (a slot, the manifest itself).
    pub fn vault(description: String) -> Self {
        IntegrityProblem {
            entry_id: None,
            description,
        }
    }
}

/// The result of checking the vault against its manifest
/// ([`Vault::integrity`](super::Vault::integrity)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityReport {
    /// The manifest's generation (0 if it is missing or does not open).
    pub generation: u64,
    /// True when the file is exactly what Ward last wrote.
    pub intact: bool,
    /// What differs, one sentence each; empty when intact.
    pub problems: Vec<IntegrityProblem>,
}

impl IntegrityReport {
    /// The report for a manifest and the problems found against it.
    pub fn new(generation: u64, problems: Vec<IntegrityProblem>) -> Self {
        IntegrityReport {
            generation,
            intact: problems.is_empty(),
            problems,
        }
    }

    /// True if a problem names this entry.
    pub fn names(&self, id: &EntryId) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.entry_id.as_ref() == Some(id))
    }

    /// One line for a command-line user: the first problem, how many more,
    /// and what to do.
    pub fn summary(&self) -> String {
        match self.problems.split_first() {
            None => "the vault is as Ward last saved it".into(),
            Some((first, rest)) => {
                let more = match rest.len() {
                    0 => String::new(),
                    1 => " (and 1 more problem)".into(),
                    n => format!(" (and {n} more problems)"),
                };
                format!(
                    "{}{more}; nothing was deleted or rewritten: check the entries, restore a backup if needed",
                    first.description
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::SecretKey;

    fn sample() -> Manifest {
        let mut manifest = Manifest {
            generation: 42,
            ..Manifest::default()
        };
        for i in 0..5u8 {
            manifest.entries.insert(
                EntryId::from_bytes([i; 16]),
                Recorded {
                    position: i64::from(i),
                    digest: [i + 100; DIGEST_LEN],
                    hotp_issued: u64::from(i) * 7,
                },
            );
        }
        manifest.set_slots(vec![[9; 16], [3; 16]]);
        manifest
    }

    #[test]
    fn seals_and_opens_only_in_its_vault() {
        let cipher = Cipher::new(&SecretKey::generate().unwrap());
        let manifest = sample();
        let sealed = manifest.seal(&cipher, &[1; 16]).unwrap();
        assert_eq!(
            Manifest::open(&cipher, &[1; 16], sealed.clone()),
            Some(manifest)
        );
        assert_eq!(Manifest::open(&cipher, &[2; 16], sealed.clone()), None);
        let other = Cipher::new(&SecretKey::generate().unwrap());
        assert_eq!(Manifest::open(&other, &[1; 16], sealed), None);
    }

    #[test]
    fn decode_refuses_truncated_and_extended() {
        let plain = sample().encode();
        for len in 0..plain.len() {
            assert_eq!(Manifest::decode(&plain[..len]), None, "{len}");
        }
        let mut longer = plain.clone();
        longer.push(0);
        assert_eq!(Manifest::decode(&longer), None);
    }

    proptest::proptest! {
        /// Any bytes decode or fail without panicking (or allocating wildly).
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = Manifest::decode(&bytes);
        }
    }

    fn record(position: i64) -> Recorded {
        Recorded {
            position,
            digest: [position as u8; DIGEST_LEN],
            hotp_issued: 0,
        }
    }

    proptest::proptest! {
        /// The sorted list behaves as the map it replaced: the same records
        /// after any inserts, batch inserts and removals (a repeated id
        /// keeps its last record), always sorted by id, each id once.
        #[test]
        fn records_behave_as_a_map(
            steps in proptest::collection::vec((0u8..4, 0u8..12, 0i64..100), 0..60)
        ) {
            let mut records = Records::default();
            let mut map = std::collections::BTreeMap::new();
            for (op, id, position) in steps {
                let id = EntryId::from_bytes([id; 16]);
                match op {
                    0 => proptest::prop_assert_eq!(
                        records.insert(id, record(position)),
                        map.insert(id, record(position))
                    ),
                    1 => proptest::prop_assert_eq!(records.remove(&id), map.remove(&id)),
                    2 => {
                        let batch = [(id, record(position)), (id, record(position + 1))];
                        records.extend(batch);
                        map.extend(batch);
                    }
                    _ => {
                        if let Some(found) = records.get_mut(&id) {
                            found.position = position;
                        }
                        if let Some(found) = map.get_mut(&id) {
                            found.position = position;
                        }
                    }
                }
                let listed: Vec<_> = records.iter().map(|(id, r)| (*id, *r)).collect();
                let expected: Vec<_> = map.iter().map(|(id, r)| (*id, *r)).collect();
                proptest::prop_assert_eq!(listed, expected);
                proptest::prop_assert_eq!(records.get(&id), map.get(&id));
            }
        }
    }

    #[test]
    fn an_unsorted_manifest_opens_sorted_keeping_the_last_record_of_an_id() {
        let (a, b) = (EntryId::from_bytes([2; 16]), EntryId::from_bytes([1; 16]));
        let mut plain = vec![MANIFEST_V1];
        plain.extend_from_slice(&7u64.to_le_bytes());
        plain.extend_from_slice(&0u32.to_le_bytes());
        plain.extend_from_slice(&3u32.to_le_bytes());
        for (id, position) in [(a, 1i64), (b, 2), (a, 3)] {
            plain.extend_from_slice(id.as_bytes());
            plain.extend_from_slice(&position.to_le_bytes());
            plain.extend_from_slice(&[0; DIGEST_LEN]);
            plain.extend_from_slice(&0u64.to_le_bytes());
        }
        let manifest = Manifest::decode(&plain).unwrap();
        let positions: Vec<_> = manifest
            .entries
            .iter()
            .map(|(id, r)| (*id, r.position))
            .collect();
        assert_eq!(positions, [(b, 2), (a, 3)]);
    }

    /// A blob for entry `i` whose fingerprint is `[i; 12]` nonce, `[i; 16]` tag.
    fn sealed(i: u8) -> Vec<u8> {
        let mut blob = vec![i; NONCE_BYTES];
        blob.extend_from_slice(&[0xee; 40]);
        blob.extend_from_slice(&[i; TAG_BYTES]);
        blob
    }

    /// `sample()` with each entry's digest the fingerprint of `sealed(i)`.
    fn sample_with_blobs() -> (Manifest, Vec<Vec<u8>>) {
        let mut manifest = sample();
        let blobs: Vec<_> = (0..5u8).map(sealed).collect();
        for (i, blob) in blobs.iter().enumerate() {
            manifest
                .entries
                .get_mut(&EntryId::from_bytes([i as u8; 16]))
                .unwrap()
                .digest = blob_digest(blob);
        }
        (manifest, blobs)
    }

    fn rows_of<'a>(manifest: &Manifest, blobs: &'a [Vec<u8>]) -> Vec<Row<'a>> {
        let mut rows: Vec<_> = manifest
            .entries
            .iter()
            .map(|(id, r)| Row {
                id: *id,
                position: r.position,
                sealed: &blobs[id.as_bytes()[0] as usize],
                opens: true,
            })
            .collect();
        rows.sort_by_key(|row| row.id);
        rows
    }

    #[test]
    fn compare_names_each_difference() {
        let (manifest, blobs) = sample_with_blobs();
        let rows = rows_of(&manifest, &blobs);
        assert!(manifest.compare(&rows, &manifest.slots).is_empty());

        let other_blob = sealed(0x42);
        let extra_blob = sealed(7);
        let mut changed: Vec<_> = rows
            .iter()
            .copied()
            .filter(|row| row.id != EntryId::from_bytes([0; 16]))
            .collect();
        for row in changed.iter_mut() {
            if row.id == EntryId::from_bytes([1; 16]) {
                row.sealed = &other_blob;
            }
            if row.id == EntryId::from_bytes([2; 16]) {
                row.position = 99;
            }
        }
        changed.push(Row {
            id: EntryId::from_bytes([7; 16]),
            position: 7,
            sealed: &extra_blob,
            opens: true,
        });
        let problems = manifest.compare(&changed, &[[9; 16]]);
        let named: Vec<_> = problems.iter().map(|p| p.entry_id).collect();
        assert_eq!(
            named,
            [0u8, 1, 2, 7]
                .iter()
                .map(|b| Some(EntryId::from_bytes([*b; 16])))
                .chain([None])
                .collect::<Vec<_>>()
        );
        assert!(problems[0].description.contains("deleted"));
        assert!(problems[1].description.contains("older copy"));
        assert!(problems[2].description.contains("moved"));
        assert!(problems[3].description.contains("put back"));
        assert!(problems[4].description.contains("removed"));
    }

    #[test]
    fn the_fingerprint_is_the_nonce_and_the_tag() {
        let blob = sealed(3);
        let digest = blob_digest(&blob);
        assert_eq!(digest[..NONCE_BYTES], [3; NONCE_BYTES]);
        assert_eq!(digest[NONCE_BYTES..NONCE_BYTES + TAG_BYTES], [3; TAG_BYTES]);
        assert_eq!(digest[NONCE_BYTES + TAG_BYTES..], [0; 4]);
        // The ciphertext between them is not digested: opening the row is
        // what covers it (a row with the recorded fingerprint that does not
        // open is a problem, next test).
        let mut other = blob.clone();
        other[NONCE_BYTES] ^= 1;
        assert_eq!(blob_digest(&other), digest);
    }

    #[test]
    fn a_row_with_the_recorded_fingerprint_that_does_not_open_is_a_problem() {
        let (manifest, blobs) = sample_with_blobs();
        let mut rows = rows_of(&manifest, &blobs);
        rows[3].opens = false;
        let problems = manifest.compare(&rows, &manifest.slots);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].entry_id, Some(EntryId::from_bytes([3; 16])));
        assert!(problems[0].description.contains("changed"));
    }

    #[test]
    fn whole_blob_digests_still_match_and_record_rows_that_do_not_open() {
        let (mut manifest, blobs) = sample_with_blobs();
        // Manifests sealed before the fingerprint recorded SHA-256 of the
        // whole blob: they still match, whether the row opens or not.
        let id = EntryId::from_bytes([2; 16]);
        manifest.entries.get_mut(&id).unwrap().digest = whole_blob_digest(&blobs[2]);
        let mut rows = rows_of(&manifest, &blobs);
        assert!(manifest.compare(&rows, &manifest.slots).is_empty());
        rows[2].opens = false;
        assert!(manifest.compare(&rows, &manifest.slots).is_empty());
        // A row that does not open is recorded by its whole bytes, so a
        // change anywhere in it still shows.
        assert_eq!(
            recorded_digest(&blobs[2], false),
            whole_blob_digest(&blobs[2])
        );
        assert_eq!(recorded_digest(&blobs[2], true), blob_digest(&blobs[2]));
        let mut changed = blobs[2].clone();
        changed[NONCE_BYTES + 1] ^= 1;
        rows[2].sealed = &changed;
        assert_eq!(manifest.compare(&rows, &manifest.slots).len(), 1);
    }
}
