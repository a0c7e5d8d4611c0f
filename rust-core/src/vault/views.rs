//! What the vault hands back to an app: list rows, codes, import reports.
//! None of these carries a secret.

use std::fmt;
use std::sync::Arc;

use zeroize::Zeroize;

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
    Entry(Arc<EntrySummary>),
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
/// Its text (issuer, account, note, icon) is held in one allocation, read
/// through [`EntrySummary::issuer`] and the like: unlocking builds one
/// summary per entry, so every allocation saved is one per entry. The text
/// is wiped when the last copy is dropped (as [`Entry`]'s is), and `Debug`
/// shows the id, position and kind only.
///
/// [`Entry`]: super::Entry
#[derive(Clone, PartialEq, Eq)]
pub struct EntrySummary {
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
    /// Issuer, account, note and icon, one after another.
    text: String,
    /// Where the issuer, the account and the note end in `text` (the icon,
    /// if any, is the rest).
    ends: [u32; 3],
    has_icon: bool,
}

/// The text fields of an [`EntrySummary`], to build one.
pub(crate) struct SummaryText<'a> {
    pub(crate) issuer: &'a str,
    pub(crate) account: &'a str,
    pub(crate) note: &'a str,
    pub(crate) icon: Option<&'a str>,
}

impl EntrySummary {
    /// A summary with these fields; the text is copied into one allocation
    /// of exactly its length (so it never moves, leaving no copy behind).
    ///
    /// Fields longer than 4 GiB cannot occur (an entry's payload stores
    /// each length in 32 bits); their ends would be clamped.
    pub(crate) fn new(
        id: EntryId,
        position: i64,
        kind: OtpKind,
        text: SummaryText<'_>,
        favourite: bool,
        created_at: u64,
        updated_at: u64,
    ) -> Self {
        let SummaryText {
            issuer,
            account,
            note,
            icon,
        } = text;
        let icon_text = icon.unwrap_or("");
        let mut all =
            String::with_capacity(issuer.len() + account.len() + note.len() + icon_text.len());
        let mut ends = [0u32; 3];
        for (end, field) in ends.iter_mut().zip([issuer, account, note]) {
            all.push_str(field);
            *end = u32::try_from(all.len()).unwrap_or(u32::MAX);
        }
        all.push_str(icon_text);
        EntrySummary {
            id,
            position,
            kind,
            favourite,
            created_at,
            updated_at,
            text: all,
            ends,
            has_icon: icon.is_some(),
        }
    }

    /// The text between two ends.
    fn field(&self, start: u32, end: u32) -> &str {
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The service.
    pub fn issuer(&self) -> &str {
        self.field(0, self.ends[0])
    }

    /// The account at the service.
    pub fn account(&self) -> &str {
        self.field(self.ends[0], self.ends[1])
    }

    /// The user's note.
    pub fn note(&self) -> &str {
        self.field(self.ends[1], self.ends[2])
    }

    /// Icon reference.
    pub fn icon(&self) -> Option<&str> {
        self.has_icon
            .then(|| self.text.get(self.ends[2] as usize..).unwrap_or_default())
    }
}

impl Drop for EntrySummary {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

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

    fn summary(issuer: &str, account: &str, note: &str, icon: Option<&str>) -> EntrySummary {
        EntrySummary::new(
            EntryId::from_bytes([3; 16]),
            7,
            OtpKind::Totp { period: 30 },
            SummaryText {
                issuer,
                account,
                note,
                icon,
            },
            true,
            1,
            2,
        )
    }

    /// The four text fields share one allocation and each reads back as
    /// given: empty fields, multi-byte characters at the seams, an empty
    /// icon told apart from none.
    #[test]
    fn text_fields_read_back_as_given() {
        for (issuer, account, note, icon) in [
            ("ACME", "alice@example.com", "", None),
            ("", "", "", None),
            ("", "", "", Some("")),
            ("Zürich ✓", "ü", "note ✓", Some("icön")),
            ("a", "", "b", Some("c")),
        ] {
            let shown = summary(issuer, account, note, icon);
            assert_eq!(
                (shown.issuer(), shown.account(), shown.note(), shown.icon()),
                (issuer, account, note, icon)
            );
            assert_eq!(
                shown.text.capacity(),
                issuer.len() + account.len() + note.len() + icon.map_or(0, str::len),
                "one allocation, exactly the text's size"
            );
            let copy = shown.clone();
            assert_eq!(copy, shown);
        }
        assert_ne!(
            summary("ab", "c", "", None),
            summary("a", "bc", "", None),
            "the same text split differently is another summary"
        );
    }
}
