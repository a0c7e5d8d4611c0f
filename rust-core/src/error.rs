//! The crate's internal error type: one enum that wraps each module's own
//! error, so callers can use `?` everywhere and still match on the cause.
//! The FFI crate maps it onto the small public enum the apps see.
//!
//! No variant carries secret material; messages say what is wrong and what
//! to do.

use crate::account::{ParamsError, UnknownAlgorithm};
use crate::export::backup::BackupError;
use crate::import::ImportError;
use crate::qr::QrError;
use crate::secret::SecretError;
use crate::uri::UriError;
use crate::vault::VaultError;

/// Any error `ward-core` reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An otpauth URI was refused.
    #[error(transparent)]
    Uri(#[from] UriError),
    /// A secret was refused.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// Digits or period out of range.
    #[error(transparent)]
    Params(#[from] ParamsError),
    /// An algorithm name that is not SHA1, SHA256 or SHA512.
    #[error(transparent)]
    Algorithm(#[from] UnknownAlgorithm),
    /// A QR code could not be read, or is not an authenticator code.
    #[error(transparent)]
    Qr(#[from] QrError),
    /// The encrypted vault failed (wrong password, locked, damaged entry,
    /// storage).
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// An import failed as a whole (unknown format, wrong password, ...).
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A Ward backup could not be written.
    #[error(transparent)]
    Backup(#[from] BackupError),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
