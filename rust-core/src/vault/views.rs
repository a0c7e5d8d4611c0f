//! What the vault hands back to an app: list rows, codes, import reports.
//! None of these carries a secret.

use std::fmt;
use std::sync::Arc;

use super::entry::{EntryId, wipe_text};
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
/// Its text is wiped when the last copy is dropped (as [`Entry`]'s is),
/// and `Debug` shows the id, position and kind only.
///
/// [`Entry`]: super::Entry
#[derive(Clone, PartialEq, Eq)]
pub struct EntrySummary {
    /// The entry's id.
    pub id: EntryId,
    /// Sort position.
    pub position: i64,
    /// The service.
    pub issuer: String,
    /// The account at the service.
    pub account: String,
    /// TOTP, HOTP (with its counter) or Steam.
    pub kind: OtpKind,
    /// The user's note.
    pub note: String,
    /// Marked as a favourite.
    pub favourite: bool,
    /// Icon reference.
    pub icon: Option<String>,
    /// When added (Unix seconds, as given by the caller).
    pub created_at: u64,
    /// When last changed.
    pub updated_at: u64,
}

impl Drop for EntrySummary {
    fn drop(&mut self) {
        wipe_text(
            [&mut self.issuer, &mut self.account, &mut self.note],
            &mut self.icon,
        );
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
