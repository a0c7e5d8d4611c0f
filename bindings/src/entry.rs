//! Records for the vault's entries and their codes, as the apps show them.
//! None carries a secret. Entry ids are 32 hex digits.

use ward_core::vault::{self as core_vault, CodeState as CoreCodeState};

use crate::account::OtpKind;
use crate::error::WardError;

/// An entry as list and edit screens show it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EntryRecord {
    /// The entry's id (32 hex digits), stable for the entry's life.
    pub id: String,
    /// Sort position: smaller first.
    pub position: i64,
    /// The service, e.g. "Amazon Web Services"; may be empty.
    pub issuer: String,
    /// The account at that service; may be empty.
    pub name: String,
    /// TOTP, HOTP or Steam.
    pub kind: OtpKind,
    /// The user's note.
    pub note: String,
    /// Marked as a favourite.
    pub favourite: bool,
    /// An icon reference (icon pack name or file name), if any.
    pub icon: Option<String>,
    /// When added (Unix seconds, as given by the app).
    pub created_at: u64,
    /// When last changed.
    pub updated_at: u64,
}

/// One row of `Vault.list`: an entry, or one that is damaged (kept on
/// disk untouched; only its id and position are known).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ListedEntry {
    /// An entry that decrypted.
    Entry {
        /// The entry.
        entry: EntryRecord,
    },
    /// An entry that does not decrypt: show it as damaged, offer delete or
    /// restore from a backup.
    Damaged {
        /// Its id.
        id: String,
        /// Its sort position.
        position: i64,
    },
}

/// What the user may change about an entry. The secret and code
/// parameters cannot be edited: delete the entry and add it again.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EntryEdit {
    /// The service.
    pub issuer: String,
    /// The account at the service.
    pub name: String,
    /// The user's note.
    pub note: String,
    /// Marked as a favourite.
    pub favourite: bool,
    /// An icon reference, or none.
    pub icon: Option<String>,
}

/// One row of `Vault.codes`: an entry and its code at the time asked for.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EntryCode {
    /// The entry's id.
    pub id: String,
    /// Sort position.
    pub position: i64,
    /// The service (empty for a damaged entry).
    pub issuer: String,
    /// The account (empty for a damaged entry).
    pub name: String,
    /// The code, or why there is none.
    pub state: CodeState,
}

/// An entry's code, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CodeState {
    /// A TOTP or Steam entry's code at the time asked for.
    Timed {
        /// The code, with the next one and the seconds left.
        code: crate::codes::CodeRecord,
        /// Steam (5 characters) or TOTP.
        kind: OtpKind,
    },
    /// An HOTP entry: no code is shown until the user asks for one with
    /// `Vault.hotpNext`, which advances the counter.
    Hotp {
        /// The counter the next code will use.
        counter: u64,
    },
    /// The entry is damaged; it was kept as it is.
    Damaged,
}

impl From<&core_vault::EntrySummary> for EntryRecord {
    fn from(summary: &core_vault::EntrySummary) -> Self {
        EntryRecord {
            id: summary.id.to_string(),
            position: summary.position,
            issuer: summary.issuer().to_owned(),
            name: summary.account().to_owned(),
            kind: OtpKind::of(&summary.kind),
            note: summary.note().to_owned(),
            favourite: summary.favourite,
            icon: summary.icon().map(str::to_owned),
            created_at: summary.created_at,
            updated_at: summary.updated_at,
        }
    }
}

impl From<core_vault::ListedEntry> for ListedEntry {
    fn from(listed: core_vault::ListedEntry) -> Self {
        match listed {
            core_vault::ListedEntry::Entry(summary) => ListedEntry::Entry {
                entry: EntryRecord::from(&summary),
            },
            core_vault::ListedEntry::Damaged { id, position } => ListedEntry::Damaged {
                id: id.to_string(),
                position,
            },
        }
    }
}

impl EntryCode {
    /// The record for a row of the core's `codes_at(unix_time)`.
    pub(crate) fn new(code: core_vault::Code, unix_time: u64) -> Self {
        let state = match code.state {
            CoreCodeState::Timed {
                code: current,
                next_code,
                seconds_remaining,
                period,
            } => CodeState::Timed {
                code: crate::codes::CodeRecord {
                    code: current.as_str().to_owned(),
                    next_code: next_code.as_str().to_owned(),
                    seconds_remaining,
                    period,
                    counter: unix_time.checked_div(period).unwrap_or(0),
                },
                kind: code.kind.as_ref().map_or(OtpKind::Totp, OtpKind::of),
            },
            CoreCodeState::Hotp { counter } => CodeState::Hotp { counter },
            CoreCodeState::Damaged { .. } => CodeState::Damaged,
        };
        EntryCode {
            id: code.id.to_string(),
            position: code.position,
            issuer: code.issuer,
            name: code.account,
            state,
        }
    }
}

/// Reads an entry id given by the app.
pub(crate) fn entry_id(id: &str) -> Result<core_vault::EntryId, WardError> {
    id.parse::<core_vault::EntryId>()
        .map_err(|error| WardError::from_core(core_vault::VaultError::from(error).into()))
}
