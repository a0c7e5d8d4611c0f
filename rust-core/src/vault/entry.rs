//! One stored account: the [`Entry`] record, its id, and the byte format of
//! its sealed payload.
//!
//! Everything about an entry except its id and sort position is sealed
//! (see `docs/vault-format.md`). The payload is a small fixed binary layout
//! rather than JSON: decoding 10,000 entries at unlock stays well under a
//! millisecond per thousand, and there is no optional parser to fuzz.

use std::fmt;
use std::str::FromStr;

use zeroize::{Zeroize, Zeroizing};

use crate::account::{Account, Algorithm, OtpKind, OtpParams, ParamsShape};
use crate::crypto::{CryptoError, random};
#[cfg(test)]
use crate::secret::Secret;

use super::views::{EntrySummary, Summaries, SummaryFields, SummaryText};

/// An entry's id: 128 random bits, written as 32 lowercase hex digits.
///
/// Random rather than SQLite rowids: an id never changes when entries are
/// reordered, exported and imported again, or merged from another device;
/// it does not reveal how many entries were added or in which order; and
/// it is bound into the entry's associated data, so a rowid reuse after a
/// delete can never make an old ciphertext open under a new entry.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId([u8; 16]);

impl EntryId {
    /// A fresh random id.
    pub fn generate() -> Result<Self, CryptoError> {
        Ok(EntryId(random::array()?))
    }

    /// The 16 id bytes (as bound into the associated data).
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The id from its 16 bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        EntryId(bytes)
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EntryId({self})")
    }
}

/// Text that is not an entry id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an entry id: ids are 32 hex digits, as printed by `ward list`")]
pub struct BadEntryId(pub String);

impl FromStr for EntryId {
    type Err = BadEntryId;

    /// Reads 32 hex digits, either case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadEntryId(text.chars().take(40).collect());
        let bytes = text.as_bytes();
        if bytes.len() != 32 {
            return Err(bad());
        }
        let mut id = [0u8; 16];
        for (index, pair) in bytes.chunks_exact(2).enumerate() {
            let high = hex_value(pair[0]).ok_or_else(bad)?;
            let low = hex_value(pair[1]).ok_or_else(bad)?;
            id[index] = high << 4 | low;
        }
        Ok(EntryId(id))
    }
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// One account in the vault with what the app shows around it.
///
/// Timestamps are Unix seconds supplied by the caller (the core never
/// reads the clock). Text fields are wiped when the entry is dropped, and
/// the secret inside `account` zeroizes itself.
#[derive(Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's id.
    pub id: EntryId,
    /// Sort position: smaller first. Kept in clear; not authenticated.
    pub position: i64,
    /// Issuer, account name and code parameters.
    pub account: Account,
    /// The user's free-text note.
    pub note: String,
    /// Marked as a favourite (shown first by apps that choose to).
    pub favourite: bool,
    /// A reference to an icon (an icon pack name or a file name), if any.
    pub icon: Option<String>,
    /// When the entry was added.
    pub created_at: u64,
    /// When the entry was last changed (the HOTP counter included).
    pub updated_at: u64,
}

impl Drop for Entry {
    fn drop(&mut self) {
        wipe_text(
            [
                &mut self.account.issuer,
                &mut self.account.name,
                &mut self.note,
            ],
            &mut self.icon,
        );
    }
}

/// Zeroizes an entry's text fields (issuer, name, note, and the icon).
pub(crate) fn wipe_text(texts: [&mut String; 3], icon: &mut Option<String>) {
    for text in texts {
        text.zeroize();
    }
    if let Some(icon) = icon.as_mut() {
        icon.zeroize();
    }
}

impl fmt::Debug for Entry {
    /// Shows the id, position and kind only: never issuer, name or secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("id", &self.id)
            .field("position", &self.position)
            .field("kind", &self.account.params.kind().name())
            .finish_non_exhaustive()
    }
}

/// Payload layout version 1 (the first byte of every sealed payload):
/// the fields, nothing after them. Still read; no longer written.
pub(crate) const PAYLOAD_V1: u8 = 1;
/// Payload layout version 2: version 1's fields followed by zero bytes up
/// to a size bucket ([`padded_len`]), so that the sealed length does not
/// show how long the issuer, account name, note or icon are.
pub(crate) const PAYLOAD_V2: u8 = 2;

/// The smallest padded payload: holds an entry with a 32-byte secret and
/// about 180 bytes of issuer, name, note and icon together.
const MIN_BUCKET: usize = 256;
/// Above this, payloads grow in steps of this size instead of doubling.
const LARGE_BUCKET: usize = 4096;

/// The size bucket a payload of `len` bytes is padded to: 256, 512, 1024,
/// 2048, 4096, then the next multiple of 4096.
pub(crate) fn padded_len(len: usize) -> usize {
    if len <= LARGE_BUCKET {
        len.max(MIN_BUCKET).next_power_of_two()
    } else {
        len.div_ceil(LARGE_BUCKET) * LARGE_BUCKET
    }
}

/// The metadata edit of an entry: the fields a user may change after
/// adding it. The secret, the code parameters and the HOTP counter are
/// not in it, so an edit can never change them.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct EntryEdit {
    /// The service.
    pub issuer: String,
    /// The account at the service.
    pub name: String,
    /// The user's note.
    pub note: String,
    /// Marked as a favourite.
    pub favourite: bool,
    /// Icon reference.
    pub icon: Option<String>,
}

impl Drop for EntryEdit {
    fn drop(&mut self) {
        wipe_text(
            [&mut self.issuer, &mut self.name, &mut self.note],
            &mut self.icon,
        );
    }
}

impl fmt::Debug for EntryEdit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntryEdit").finish_non_exhaustive()
    }
}

impl EntryEdit {
    /// The entry's current metadata, to change some of it.
    pub fn of(entry: &Entry) -> Self {
        EntryEdit {
            issuer: entry.account.issuer.clone(),
            name: entry.account.name.clone(),
            note: entry.note.clone(),
            favourite: entry.favourite,
            icon: entry.icon.clone(),
        }
    }

    /// Applies the edit to `entry` (metadata only).
    pub(crate) fn apply(&self, entry: &mut Entry) {
        entry.account.issuer.clone_from(&self.issuer);
        entry.account.name.clone_from(&self.name);
        entry.note.clone_from(&self.note);
        entry.favourite = self.favourite;
        entry.icon.clone_from(&self.icon);
    }
}

/// The payload could not be decoded (only possible if the format is
/// broken, since the payload authenticated).
#[derive(Debug)]
pub(crate) struct Malformed;

impl Entry {
    /// The exact length of the unpadded payload.
    fn payload_len(&self) -> usize {
        // version, kind, algorithm, digits, factor; four length prefixes;
        // icon flag, favourite, two timestamps.
        const FIXED: usize = 4 + 8 + 4 * 4 + 2 + 16;
        FIXED
            + self.account.params.secret().len()
            + self.account.issuer.len()
            + self.account.name.len()
            + self.note.len()
            + self.icon.as_ref().map_or(0, |icon| 4 + icon.len())
    }

    /// The sealed payload: every field but id and position, padded to its
    /// size bucket ([`padded_len`]). The buffer is allocated once at its
    /// final size, so no copy of the secret is left behind by a growing
    /// vector.
    pub(crate) fn encode(&self) -> Zeroizing<Vec<u8>> {
        let params = &self.account.params;
        let padded = padded_len(self.payload_len());
        let mut out = Zeroizing::new(Vec::with_capacity(padded));
        out.push(PAYLOAD_V2);
        let (kind, factor) = match params.kind() {
            OtpKind::Totp { period } => (0u8, period),
            OtpKind::Hotp { counter } => (1, counter),
            OtpKind::Steam { period } => (2, period),
        };
        out.push(kind);
        out.push(match params.algorithm() {
            Algorithm::Sha1 => 0,
            Algorithm::Sha256 => 1,
            Algorithm::Sha512 => 2,
        });
        out.push(params.digits());
        out.extend_from_slice(&factor.to_le_bytes());
        put_bytes(&mut out, params.secret().as_bytes());
        put_bytes(&mut out, self.account.issuer.as_bytes());
        put_bytes(&mut out, self.account.name.as_bytes());
        put_bytes(&mut out, self.note.as_bytes());
        match &self.icon {
            None => out.push(0),
            Some(icon) => {
                out.push(1);
                put_bytes(&mut out, icon.as_bytes());
            }
        }
        out.push(u8::from(self.favourite));
        out.extend_from_slice(&self.created_at.to_le_bytes());
        out.extend_from_slice(&self.updated_at.to_le_bytes());
        debug_assert_eq!(out.len(), self.payload_len());
        out.resize(padded, 0);
        out
    }

    /// Reads a payload made by [`Entry::encode`].
    #[cfg(test)]
    pub(crate) fn decode(id: EntryId, position: i64, payload: &[u8]) -> Result<Entry, Malformed> {
        let mut summaries = Summaries::with_capacity(1, 0);
        let (shape, secret, index) = Entry::decode_parts(id, position, payload, &mut summaries)?;
        let secret = Secret::from_bytes(secret.to_vec()).map_err(|_| Malformed)?;
        let params = OtpParams::with_shape(secret, shape);
        Ok(Entry::from_parts(&params, &summaries.finish().get(index)))
    }

    /// Reads a payload made by [`Entry::encode`] as its two halves: the
    /// code parameters (checked as [`OtpParams::new`] checks them) with the
    /// secret, never empty, still in `payload` (the caller copies it where
    /// it keeps secrets), and the public summary, added to `summaries` (its
    /// text copied straight from the payload) at the index returned.
    /// Nothing is added to `summaries` when the payload is malformed.
    pub(crate) fn decode_parts<'a>(
        id: EntryId,
        position: i64,
        payload: &'a [u8],
        summaries: &mut Summaries,
    ) -> Result<(ParamsShape, &'a [u8], u32), Malformed> {
        let mut reader = Reader { rest: payload };
        let padded = match reader.byte()? {
            PAYLOAD_V1 => false,
            PAYLOAD_V2 => true,
            _ => return Err(Malformed),
        };
        let kind = reader.byte()?;
        let algorithm = match reader.byte()? {
            0 => Algorithm::Sha1,
            1 => Algorithm::Sha256,
            2 => Algorithm::Sha512,
            _ => return Err(Malformed),
        };
        let digits = reader.byte()?;
        let factor = reader.u64()?;
        let kind = match kind {
            0 => OtpKind::Totp { period: factor },
            1 => OtpKind::Hotp { counter: factor },
            2 => OtpKind::Steam { period: factor },
            _ => return Err(Malformed),
        };
        let secret = reader.bytes()?;
        if secret.is_empty() {
            // What `Secret::from_bytes` refuses.
            return Err(Malformed);
        }
        let shape =
            ParamsShape::check(algorithm, u32::from(digits), kind).map_err(|_| Malformed)?;
        // The text fields are checked to be UTF-8 by `Summaries::push`.
        let issuer = reader.bytes()?;
        let name = reader.bytes()?;
        let note = reader.bytes()?;
        let icon = match reader.byte()? {
            0 => None,
            1 => Some(reader.bytes()?),
            _ => return Err(Malformed),
        };
        let favourite = match reader.byte()? {
            0 => false,
            1 => true,
            _ => return Err(Malformed),
        };
        let created_at = reader.u64()?;
        let updated_at = reader.u64()?;
        let padding_ok = if padded {
            // OR-ing every byte (no early exit) lets the compiler check
            // many bytes per instruction; a byte-at-a-time loop over the
            // padding was a twentieth of the unlock time (issue 12, perf).
            reader.rest.iter().fold(0u8, |any, byte| any | byte) == 0
        } else {
            reader.rest.is_empty()
        };
        if !padding_ok {
            return Err(Malformed);
        }
        let index = summaries
            .push(
                SummaryFields {
                    id,
                    position,
                    kind: shape.kind(),
                    favourite,
                    created_at,
                    updated_at,
                },
                SummaryText {
                    issuer,
                    account: name,
                    note,
                    icon,
                },
            )
            .ok_or(Malformed)?;
        Ok((shape, secret, index))
    }

    /// The entry put back together from the halves the unlock cache keeps
    /// (copies of the summary's text, and of the parameters).
    pub(crate) fn from_parts(params: &OtpParams, summary: &EntrySummary) -> Entry {
        Entry {
            id: summary.id,
            position: summary.position,
            account: Account {
                issuer: summary.issuer().to_owned(),
                name: summary.account().to_owned(),
                params: params.clone(),
            },
            note: summary.note().to_owned(),
            favourite: summary.favourite,
            icon: summary.icon().map(str::to_owned),
            created_at: summary.created_at,
            updated_at: summary.updated_at,
        }
    }
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    // Every field is far below 4 GiB (URIs are capped at 16 KiB).
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], Malformed> {
        if self.rest.len() < len {
            return Err(Malformed);
        }
        let (head, tail) = self.rest.split_at(len);
        self.rest = tail;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, Malformed> {
        Ok(self.take(1)?[0])
    }

    fn u64(&mut self) -> Result<u64, Malformed> {
        let bytes = self.take(8)?;
        Ok(u64::from_le_bytes(bytes.try_into().map_err(|_| Malformed)?))
    }

    fn bytes(&mut self) -> Result<&'a [u8], Malformed> {
        let len = self.take(4)?;
        let len = u32::from_le_bytes(len.try_into().map_err(|_| Malformed)?);
        self.take(len as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: OtpKind) -> Entry {
        let secret = Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap();
        Entry {
            id: EntryId::generate().unwrap(),
            position: 3,
            account: Account {
                issuer: "Amazon Web Services".into(),
                name: "alice@example.com".into(),
                params: OtpParams::new(secret, Algorithm::Sha256, 8, kind).unwrap(),
            },
            note: "root account ✓".into(),
            favourite: true,
            icon: Some("aws".into()),
            created_at: 1_700_000_000,
            updated_at: 1_700_000_123,
        }
    }

    #[test]
    fn payload_round_trips() {
        for kind in [
            OtpKind::Totp { period: 30 },
            OtpKind::Hotp { counter: u64::MAX },
            OtpKind::Steam { period: 30 },
        ] {
            let original = entry(kind);
            let payload = original.encode();
            let back = Entry::decode(original.id, original.position, &payload).unwrap();
            assert_eq!(back, original);
        }
        let mut plain = entry(OtpKind::Totp { period: 60 });
        plain.icon = None;
        plain.favourite = false;
        let back = Entry::decode(plain.id, 0, &plain.encode()).unwrap();
        assert_eq!((back.icon.clone(), back.favourite), (None, false));
    }

    #[test]
    fn truncated_or_extended_payloads_are_refused() {
        let original = entry(OtpKind::Totp { period: 30 });
        let payload = original.encode();
        let id = EntryId::from_bytes([0; 16]);
        let fields = original.payload_len();
        for len in 0..fields {
            assert!(Entry::decode(id, 0, &payload[..len]).is_err(), "{len}");
        }
        // Non-zero padding is refused; so are bytes after a version 1 payload.
        let mut dirty = payload.to_vec();
        *dirty.last_mut().unwrap() = 1;
        assert!(Entry::decode(id, 0, &dirty).is_err());
        let mut v1 = payload[..fields].to_vec();
        v1[0] = PAYLOAD_V1;
        assert!(Entry::decode(id, 0, &v1).is_ok());
        v1.push(0);
        assert!(Entry::decode(id, 0, &v1).is_err());
    }

    #[test]
    fn payloads_are_padded_to_buckets() {
        assert_eq!(
            [1, 200, 256, 257, 4096, 4097, 9000].map(padded_len),
            [256, 256, 256, 512, 4096, 8192, 12288]
        );
        let mut short = entry(OtpKind::Totp { period: 30 });
        short.account.issuer = "A".into();
        let mut long = entry(OtpKind::Totp { period: 30 });
        long.account.issuer = "A".repeat(40);
        assert_eq!(short.encode().len(), long.encode().len());
    }

    /// The payload buffer is allocated once at its final size (icon
    /// included): a vector that grows leaves a copy of the secret in the
    /// memory it gave back.
    #[test]
    fn encode_never_reallocates() {
        for icon_len in [0, 1, 100, 180, 300, 5000] {
            let mut original = entry(OtpKind::Hotp { counter: 1 });
            original.icon = Some("i".repeat(icon_len));
            let payload = original.encode();
            assert_eq!(payload.capacity(), payload.len(), "icon {icon_len}");
        }
    }

    #[test]
    fn edits_change_metadata_only() {
        let mut stored = entry(OtpKind::Hotp { counter: 9 });
        let secret = stored.account.params.secret().clone();
        let mut edit = EntryEdit::of(&stored);
        edit.issuer = "New".into();
        edit.icon = None;
        edit.apply(&mut stored);
        assert_eq!(stored.account.issuer, "New");
        assert_eq!(stored.icon, None);
        assert_eq!(stored.account.params.kind(), OtpKind::Hotp { counter: 9 });
        assert_eq!(stored.account.params.secret(), &secret);
    }

    proptest::proptest! {
        /// Any bytes: decoding never panics (the payload is authenticated
        /// before decoding, but the decoder must not trust it anyway).
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = Entry::decode(EntryId::from_bytes([0; 16]), 0, &bytes);
        }

        /// Any single changed byte of a valid payload decodes or fails cleanly.
        #[test]
        fn changed_payloads_never_panic(index in 0usize..120, value in proptest::num::u8::ANY) {
            let mut payload = entry(OtpKind::Hotp { counter: 5 }).encode().to_vec();
            let index = index % payload.len();
            payload[index] = value;
            let _ = Entry::decode(EntryId::from_bytes([0; 16]), 0, &payload);
        }
    }

    #[test]
    fn ids_round_trip_as_hex() {
        let id = EntryId::generate().unwrap();
        let text = id.to_string();
        assert_eq!(text.len(), 32);
        assert_eq!(text.parse::<EntryId>().unwrap(), id);
        assert_eq!(text.to_uppercase().parse::<EntryId>().unwrap(), id);
        assert!("xyz".parse::<EntryId>().is_err());
        assert!("g".repeat(32).parse::<EntryId>().is_err());
    }

    #[test]
    fn debug_shows_no_account_data() {
        let shown = format!("{:?}", entry(OtpKind::Totp { period: 30 }));
        assert!(
            !shown.contains("alice") && !shown.contains("Amazon"),
            "{shown}"
        );
    }
}
