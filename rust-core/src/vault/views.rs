//! What the vault hands back to an app: list rows, codes, import reports.
//! None of these carries a secret.

use std::fmt;
use std::sync::Arc;

use crate::crypto::aead::wipe_vec;

use super::secrets::reserve_wiping;

use super::entry::EntryId;
use super::error::VaultError;
use crate::account::OtpKind;
use crate::otp::OtpCode;

/// One row of [`Vault::list`](super::Vault::list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListedEntry {
    /// An entry that decrypted. The summary is shared with the unlocked
    /// vault's cache (built once when the entry was decrypted), so listing
    /// copies no text; it holds no secret.
    Entry(EntrySummary),
    /// An entry whose stored data does not authenticate or decode. It is
    /// kept untouched; only its id and position are known.
    Damaged {
        /// The entry's id.
        id: EntryId,
        /// Its sort position.
        position: i64,
    },
}

impl ListedEntry {
    /// The entry's id, damaged or not.
    pub fn id(&self) -> EntryId {
        match self {
            ListedEntry::Entry(summary) => summary.id,
            ListedEntry::Damaged { id, .. } => *id,
        }
    }
}

/// An entry without its secret: what a list screen shows.
///
/// A summary is a cheap handle (cloning it copies no text) on one row of
/// the summaries decrypted together: the entries an unlock decrypts share
/// one block, their text (issuer, account, note, icon) one after another
/// in one buffer, so that unlocking 1,000 entries allocates a few buffers
/// instead of two allocations per entry (issue 12: with the frees they
/// cause, a tenth of an unlock). Its plain fields ([`SummaryFields`]: id,
/// position, kind, ...) are read through `Deref`, its text through
/// [`EntrySummary::issuer`] and the like.
///
/// The block, and with it every summary's text, is wiped when its last
/// handle is dropped (the cache's go on lock). `Debug` shows the id,
/// position and kind only. Two summaries are equal when their fields and
/// text are, wherever they are stored.
#[derive(Clone)]
pub struct EntrySummary {
    block: Arc<SummaryBlock>,
    index: u32,
}

/// The plain fields of an [`EntrySummary`] (its text is read through the
/// summary's methods).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryFields {
    /// The entry's id.
    pub id: EntryId,
    /// Sort position.
    pub position: i64,
    /// TOTP, HOTP (with its counter) or Steam.
    pub kind: OtpKind,
    /// Marked as a favourite.
    pub favourite: bool,
    /// When added (Unix seconds, as given by the caller).
    pub created_at: u64,
    /// When last changed.
    pub updated_at: u64,
}

/// One row of a [`SummaryBlock`]: the plain fields, and where its text
/// fields end in the block's text.
struct SummaryRow {
    fields: SummaryFields,
    /// Where the issuer starts, then where the issuer, account, note and
    /// icon end (the icon is empty when there is none).
    ends: [u32; 5],
    has_icon: bool,
}

/// Summaries built together (one unlock's entries): their rows, and all
/// their text in one buffer, wiped when the block is dropped.
struct SummaryBlock {
    text: String,
    rows: Vec<SummaryRow>,
}

impl Drop for SummaryBlock {
    fn drop(&mut self) {
        // The whole allocation, spare capacity included.
        wipe_vec(&mut std::mem::take(&mut self.text).into_bytes());
    }
}

/// The text fields of an [`EntrySummary`], to build one, as the bytes of
/// the payload they come from ([`Summaries::push`] checks that they are
/// UTF-8).
pub(crate) struct SummaryText<'a> {
    pub(crate) issuer: &'a [u8],
    pub(crate) account: &'a [u8],
    pub(crate) note: &'a [u8],
    pub(crate) icon: Option<&'a [u8]>,
}

/// Builds a block of summaries one row at a time ([`Summaries::push`]),
/// then hands out a handle per row ([`Summaries::finish`]).
///
/// The text buffer never reallocates in place: when it is full, the text
/// moves to a buffer twice as large and the old one is wiped before it is
/// freed, so no copy of any text is left behind.
pub(crate) struct Summaries {
    /// Every row's text so far, each row's checked to be UTF-8 when added.
    text: Vec<u8>,
    rows: Vec<SummaryRow>,
}

impl Summaries {
    /// A builder for `rows` summaries with about `text` bytes of text
    /// (hints: both grow as needed).
    pub(crate) fn with_capacity(rows: usize, text: usize) -> Self {
        Summaries {
            text: Vec::with_capacity(text),
            rows: Vec::with_capacity(rows),
        }
    }

    /// Adds a row; returns its index (for the handles of
    /// [`SharedSummaries::get`]), or `None`, adding nothing, if a text
    /// field is not UTF-8.
    ///
    /// The four fields are copied in one after another and checked as one
    /// string, with each seam on a character boundary: the same as checking
    /// each field, in one pass (checking each short field on its own was a
    /// twentieth of an unlock, issue 12). Fields longer than 4 GiB cannot
    /// occur (an entry's payload stores each length in 32 bits); their ends
    /// would be clamped.
    pub(crate) fn push(&mut self, fields: SummaryFields, text: SummaryText<'_>) -> Option<u32> {
        let SummaryText {
            issuer,
            account,
            note,
            icon,
        } = text;
        let icon_text = icon.unwrap_or_default();
        let needed = issuer.len() + account.len() + note.len() + icon_text.len();
        let buffer = &mut self.text;
        reserve_wiping(buffer, needed);
        let start = buffer.len();
        let end = |text: &Vec<u8>| u32::try_from(text.len()).unwrap_or(u32::MAX);
        let mut ends = [end(buffer); 5];
        for (slot, field) in ends[1..].iter_mut().zip([issuer, account, note, icon_text]) {
            buffer.extend_from_slice(field);
            *slot = end(buffer);
        }
        let valid = std::str::from_utf8(&buffer[start..]).is_ok_and(|row| {
            ends[1..4]
                .iter()
                .all(|&seam| row.is_char_boundary(seam as usize - start))
        });
        if !valid {
            // Left in the spare capacity, wiped with the rest.
            buffer.truncate(start);
            return None;
        }
        let index = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        self.rows.push(SummaryRow {
            fields,
            ends,
            has_icon: icon.is_some(),
        });
        Some(index)
    }

    /// The block, shared: [`SharedSummaries::get`] gives each row's handle.
    pub(crate) fn finish(mut self) -> SharedSummaries {
        // Every row was checked, so the whole text is UTF-8 (checked once
        // more here, in one pass; it moves, it is not copied). Should it
        // ever fail, the bytes are wiped and every text reads as empty.
        let text = match String::from_utf8(std::mem::take(&mut self.text)) {
            Ok(text) => text,
            Err(error) => {
                wipe_vec(&mut error.into_bytes());
                String::new()
            }
        };
        SharedSummaries(Arc::new(SummaryBlock {
            text,
            rows: std::mem::take(&mut self.rows),
        }))
    }
}

impl Drop for Summaries {
    fn drop(&mut self) {
        // A builder dropped unfinished (or the spare text `finish` left).
        wipe_vec(&mut self.text);
    }
}

/// A finished block of summaries (see [`Summaries`]).
pub(crate) struct SharedSummaries(Arc<SummaryBlock>);

impl SharedSummaries {
    /// The handle on row `index` (as [`Summaries::push`] returned it).
    pub(crate) fn get(&self, index: u32) -> EntrySummary {
        EntrySummary {
            block: Arc::clone(&self.0),
            index,
        }
    }
}

impl EntrySummary {
    /// One summary in a block of its own; `None` if a field is not UTF-8.
    #[cfg(test)]
    pub(crate) fn new(fields: SummaryFields, text: SummaryText<'_>) -> Option<Self> {
        let size = text.issuer.len()
            + text.account.len()
            + text.note.len()
            + text.icon.map_or(0, <[u8]>::len);
        let mut block = Summaries::with_capacity(1, size);
        let index = block.push(fields, text)?;
        Some(block.finish().get(index))
    }

    fn row(&self) -> &SummaryRow {
        // Handles are only made for rows that exist (`SharedSummaries::get`
        // with an index `push` returned).
        &self.block.rows[self.index as usize]
    }

    /// Text field `field` (0 issuer, 1 account, 2 note, 3 icon).
    fn field(&self, field: usize) -> &str {
        let ends = &self.row().ends;
        self.block
            .text
            .get(ends[field] as usize..ends[field + 1] as usize)
            .unwrap_or_default()
    }

    /// The service.
    pub fn issuer(&self) -> &str {
        self.field(0)
    }

    /// The account at the service.
    pub fn account(&self) -> &str {
        self.field(1)
    }

    /// The user's note.
    pub fn note(&self) -> &str {
        self.field(2)
    }

    /// Icon reference.
    pub fn icon(&self) -> Option<&str> {
        self.row().has_icon.then(|| self.field(3))
    }

    /// True when both handles are on the same row of the same block (the
    /// same summary, not merely an equal one).
    pub fn same_storage(&self, other: &EntrySummary) -> bool {
        Arc::ptr_eq(&self.block, &other.block) && self.index == other.index
    }

    /// How many handles share this summary's block (the cache's, one per
    /// entry of the unlock, and any an app holds).
    #[cfg(test)]
    pub(crate) fn block_handles(&self) -> usize {
        Arc::strong_count(&self.block)
    }
}

impl std::ops::Deref for EntrySummary {
    type Target = SummaryFields;

    fn deref(&self) -> &SummaryFields {
        &self.row().fields
    }
}

impl PartialEq for EntrySummary {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
            && self.issuer() == other.issuer()
            && self.account() == other.account()
            && self.note() == other.note()
            && self.icon() == other.icon()
    }
}

impl Eq for EntrySummary {}

impl fmt::Debug for EntrySummary {
    /// Shows the id, position and kind only: never issuer, name or note.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntrySummary")
            .field("id", &self.id)
            .field("position", &self.position)
            .field("kind", &self.kind.name())
            .finish_non_exhaustive()
    }
}

/// One entry's code at a moment: a row of [`Vault::codes_at`](super::Vault::codes_at).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The entry's id.
    pub id: EntryId,
    /// Sort position.
    pub position: i64,
    /// The service (empty for a damaged entry).
    pub issuer: String,
    /// The account (empty for a damaged entry).
    pub account: String,
    /// TOTP, HOTP or Steam; `None` for a damaged entry.
    pub kind: Option<OtpKind>,
    /// The code, or why there is none.
    pub state: CodeState,
}

/// An entry's code, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeState {
    /// A TOTP or Steam code.
    Timed {
        /// The code valid at the time asked for.
        code: OtpCode,
        /// The code of the next time step.
        next_code: OtpCode,
        /// Seconds until `code` expires (1 to `period`).
        seconds_remaining: u64,
        /// The time step in seconds.
        period: u64,
    },
    /// An HOTP entry: its code is not shown until asked for with
    /// [`Vault::hotp_next`](super::Vault::hotp_next), which advances the
    /// counter, so a code is never shown twice or used twice.
    Hotp {
        /// The counter the next code will use.
        counter: u64,
    },
    /// The entry is damaged; the error says so and what to do.
    Damaged {
        /// Always [`VaultError::Damaged`] for this entry.
        error: VaultError,
    },
}

/// The result of a bulk import.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Ids of the entries added, in input order.
    pub added: Vec<EntryId>,
    /// Accounts skipped because the vault (or an earlier account of the
    /// same import) already has the same secret, issuer and account.
    pub duplicates: Vec<SkippedDuplicate>,
}

/// An account an import skipped as a duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDuplicate {
    /// Its index in the imported list (0-based).
    pub index: usize,
    /// Its issuer.
    pub issuer: String,
    /// Its account name.
    pub account: String,
    /// The entry it duplicates.
    pub existing: EntryId,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> SummaryFields {
        SummaryFields {
            id: EntryId::from_bytes([3; 16]),
            position: 7,
            kind: OtpKind::Totp { period: 30 },
            favourite: true,
            created_at: 1,
            updated_at: 2,
        }
    }

    fn text<'a>(
        issuer: &'a str,
        account: &'a str,
        note: &'a str,
        icon: Option<&'a str>,
    ) -> SummaryText<'a> {
        SummaryText {
            issuer: issuer.as_bytes(),
            account: account.as_bytes(),
            note: note.as_bytes(),
            icon: icon.map(str::as_bytes),
        }
    }

    const CASES: [(&str, &str, &str, Option<&str>); 5] = [
        ("ACME", "alice@example.com", "", None),
        ("", "", "", None),
        ("", "", "", Some("")),
        ("Zürich ✓", "ü", "note ✓", Some("icön")),
        ("a", "", "b", Some("c")),
    ];

    /// Each text field reads back as given: empty fields, multi-byte
    /// characters at the seams, an empty icon told apart from none; alone
    /// in a block of its own (exactly the text's size) or among others.
    #[test]
    fn text_fields_read_back_as_given() {
        for (issuer, account, note, icon) in CASES {
            let shown = EntrySummary::new(fields(), text(issuer, account, note, icon)).unwrap();
            assert_eq!(
                (shown.issuer(), shown.account(), shown.note(), shown.icon()),
                (issuer, account, note, icon)
            );
            assert_eq!(
                shown.block.text.capacity(),
                issuer.len() + account.len() + note.len() + icon.map_or(0, str::len),
                "one allocation, exactly the text's size"
            );
            assert_eq!(
                (shown.id, shown.position, shown.favourite),
                (fields().id, 7, true)
            );
            let copy = shown.clone();
            assert_eq!(copy, shown);
            assert!(copy.same_storage(&shown));
        }
        assert_ne!(
            EntrySummary::new(fields(), text("ab", "c", "", None)).unwrap(),
            EntrySummary::new(fields(), text("a", "bc", "", None)).unwrap(),
            "the same text split differently is another summary"
        );
    }

    /// Many summaries in one block, its text buffer starting too small (it
    /// grows several times): each reads back as given, equal to the same
    /// summary built alone, and all share the block.
    #[test]
    fn summaries_built_together_read_back_as_given() {
        let mut block = Summaries::with_capacity(2, 1);
        let indices: Vec<u32> = (0..40)
            .map(|i| {
                let (issuer, account, note, icon) = CASES[i % CASES.len()];
                block
                    .push(fields(), text(issuer, account, note, icon))
                    .unwrap()
            })
            .collect();
        let shared = block.finish();
        let summaries: Vec<EntrySummary> = indices.iter().map(|&i| shared.get(i)).collect();
        drop(shared);
        for (i, summary) in summaries.iter().enumerate() {
            let (issuer, account, note, icon) = CASES[i % CASES.len()];
            assert_eq!(
                (
                    summary.issuer(),
                    summary.account(),
                    summary.note(),
                    summary.icon()
                ),
                (issuer, account, note, icon)
            );
            assert_eq!(
                *summary,
                EntrySummary::new(fields(), text(issuer, account, note, icon)).unwrap()
            );
            assert!(!summary.same_storage(&summaries[(i + 1) % summaries.len()]));
        }
        assert_eq!(summaries[0].block_handles(), summaries.len());
    }

    /// A field that is not UTF-8 is refused, and so is a character split
    /// across two fields (the row's text as one string would be valid);
    /// nothing of a refused row is kept, and later rows read back as given.
    #[test]
    fn text_that_is_not_utf8_field_by_field_is_refused() {
        let u_umlaut = "ü".as_bytes();
        let refused: [[&[u8]; 4]; 5] = [
            [b"\xff", b"", b"", b""],
            [b"", b"", b"\xc3", b""],
            [b"", b"", b"", b"\x80"],
            [&u_umlaut[..1], &u_umlaut[1..], b"", b""],
            [b"a", &u_umlaut[..1], &u_umlaut[1..], b""],
        ];
        let mut block = Summaries::with_capacity(1, 0);
        for [issuer, account, note, icon] in refused {
            let row = SummaryText {
                issuer,
                account,
                note,
                icon: Some(icon),
            };
            assert_eq!(
                block.push(fields(), row),
                None,
                "{issuer:?} {account:?} {note:?}"
            );
        }
        let index = block.push(fields(), text("Zürich", "ü", "", None)).unwrap();
        assert_eq!(index, 0);
        let summary = block.finish().get(index);
        assert_eq!((summary.issuer(), summary.account()), ("Zürich", "ü"));
        assert_eq!(summary.block.text, "Zürichü");
    }
}
