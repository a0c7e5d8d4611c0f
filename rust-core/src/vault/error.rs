//! [`VaultError`]: what went wrong with the vault, in terms a caller can
//! act on. Messages say what to do; none contains a password, key, secret,
//! issuer or account name (entry ids and file paths are not secret).

use rusqlite::ErrorCode;

use super::entry::{BadEntryId, EntryId};
use super::keystore::KeyStoreError;
use crate::account::ParamsError;
use crate::crypto::{CryptoError, KdfError};
use crate::uri::UriError;

/// Any error the vault reports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// No password slot opened with this password. Nothing was changed.
    #[error("wrong password: nothing was changed; check the password and try again")]
    WrongPassword,
    /// The platform slot did not open with the key store's key (another
    /// device's key, or a replaced key). Nothing was changed.
    #[error(
        "the device key does not open this vault: unlock with the password, then turn device unlock on again"
    )]
    WrongPlatformKey,
    /// The app's key store failed or the user cancelled it.
    #[error(transparent)]
    KeyStore(#[from] KeyStoreError),
    /// The vault has no slot of the kind asked for.
    #[error("this vault has no {0} slot: unlock it another way")]
    NoSuchSlotKind(&'static str),
    /// The operation needs the vault unlocked.
    #[error("the vault is locked: unlock it first")]
    Locked,
    /// This entry's stored data does not authenticate or decode. It is kept
    /// as it is (never overwritten); the other entries work.
    #[error(
        "entry {id} is damaged and cannot be read; it is kept unchanged: restore it from a backup or delete it"
    )]
    Damaged {
        /// The damaged entry.
        id: EntryId,
    },
    /// No entry with this id.
    #[error("no entry with id {id}: list the entries to see their ids")]
    NotFound {
        /// The id asked for.
        id: EntryId,
    },
    /// No key slot with this id.
    #[error("no key slot with id {0}")]
    SlotNotFound(String),
    /// Removing this slot would leave the vault with no way to unlock it.
    #[error("this is the vault's only key slot: add another slot before removing it")]
    LastSlot,
    /// The account is already in the vault (same secret, issuer and account).
    #[error("this account is already in the vault as entry {id}")]
    Duplicate {
        /// The existing entry.
        id: EntryId,
    },
    /// Another process holds the vault's write lock for too long.
    #[error("the vault is busy in another app or window: close it and try again")]
    Busy,
    /// The file was written by a newer Ward; it is left untouched.
    #[error(
        "this vault was written by a newer version of Ward (format {found}, this version reads up to {supported}): update Ward; the file was not changed"
    )]
    NewerSchema {
        /// The file's schema version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
    /// The file is not a Ward vault, or its structure is damaged.
    #[error(
        "this file is not a Ward vault, or it is damaged: check the path, or restore the vault from a backup"
    )]
    NotAVault,
    /// No vault file at the path.
    #[error("there is no vault at {path}: create one first (ward init)")]
    Missing {
        /// The path looked at.
        path: String,
    },
    /// Creating a vault where a file already exists.
    #[error("a file already exists at {path}: Ward will not overwrite it")]
    AlreadyExists {
        /// The path.
        path: String,
    },
    /// The disk (or the vault's size limit) is full. The last change was
    /// not saved; everything saved before is intact.
    #[error("the disk is full: the last change was not saved; free some space and try again")]
    DiskFull,
    /// The vault file or its folder is read-only. Nothing was changed.
    #[error("the vault file is read-only: the change was not saved; check the file's permissions")]
    ReadOnly,
    /// Another storage or I/O failure, with SQLite's description.
    #[error("the vault could not be read or written ({0}): check the disk and try again")]
    Storage(String),
    /// Input the vault refused: a URI, parameters, an id, an ordering.
    #[error(transparent)]
    InvalidInput(#[from] InputError),
    /// The system random generator failed; nothing was written.
    #[error("the system random number generator failed: nothing was written; try again")]
    Random,
    /// A backup could not be written, verified or read; the sentence says
    /// what failed and what to do. The vault itself is unchanged.
    #[error("{0}")]
    Backup(String),
}

/// Input refused by the vault before anything was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// An otpauth URI that does not parse.
    #[error(transparent)]
    Uri(#[from] UriError),
    /// Code parameters out of range.
    #[error(transparent)]
    Params(#[from] ParamsError),
    /// Password-hashing parameters refused.
    #[error(transparent)]
    Kdf(#[from] KdfError),
    /// An entry id that does not parse.
    #[error(transparent)]
    EntryId(#[from] BadEntryId),
    /// A new order that is not exactly the vault's entries.
    #[error("the new order must list every entry exactly once")]
    NotAPermutation,
    /// `hotp_next` on a time-based entry.
    #[error(
        "this entry is time-based (TOTP or Steam): its code changes by itself; only HOTP entries have a next code"
    )]
    NotHotp,
    /// An HOTP counter at its maximum.
    #[error("this HOTP entry's counter is at its maximum: the account must be set up again")]
    CounterExhausted,
    /// An empty password.
    #[error("the password is empty: choose a password")]
    EmptyPassword,
    /// Keeping zero backups.
    #[error("the number of backups to keep must be at least 1")]
    KeepZero,
}

impl From<UriError> for VaultError {
    fn from(error: UriError) -> Self {
        VaultError::InvalidInput(InputError::Uri(error))
    }
}

impl From<KdfError> for VaultError {
    fn from(error: KdfError) -> Self {
        VaultError::InvalidInput(InputError::Kdf(error))
    }
}

impl From<BadEntryId> for VaultError {
    fn from(error: BadEntryId) -> Self {
        VaultError::InvalidInput(InputError::EntryId(error))
    }
}

impl From<CryptoError> for VaultError {
    /// Only randomness failures reach here; authentication failures are
    /// turned into `WrongPassword` or `Damaged` where they happen.
    fn from(error: CryptoError) -> Self {
        match error {
            CryptoError::Kdf(kdf) => kdf.into(),
            CryptoError::Random => VaultError::Random,
            CryptoError::Authentication | CryptoError::Truncated => VaultError::NotAVault,
        }
    }
}

impl From<rusqlite::Error> for VaultError {
    fn from(error: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(failure, _) = &error {
            match failure.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return VaultError::Busy,
                ErrorCode::DiskFull => return VaultError::DiskFull,
                ErrorCode::ReadOnly => return VaultError::ReadOnly,
                ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                    return VaultError::NotAVault;
                }
                _ => {}
            }
        }
        // SQLite's messages name tables and constraints, never values:
        // every value is bound as a parameter.
        VaultError::Storage(error.to_string())
    }
}
