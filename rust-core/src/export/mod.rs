//! Exporting accounts so a person can move them elsewhere, or keep a backup.
//!
//! - [`otpauth`]: a plain list of `otpauth://` URIs (unencrypted: callers
//!   must warn and confirm);
//! - [`google`]: Google Authenticator migration payloads, in batches small
//!   enough that each QR code stays easy to scan, reporting the accounts
//!   the format cannot carry instead of changing them;
//! - [`backup`]: Ward's own password-encrypted backup (Argon2id +
//!   AES-256-GCM, `docs/backup-format.md`), verified by decrypting it once
//!   before it is handed back.
//!
//! Exports live apart from [`crate::import`] because they answer a
//! different question (what a format can carry, how to split it), but they
//! share its types: a backup holds [`ImportedEntry`] values and reads back
//! through [`crate::import::import`], and the Google messages are the ones
//! the importer decodes.

pub mod backup;
pub mod google;
pub mod otpauth;

pub use crate::import::ImportedEntry;

/// An account an export format cannot carry, left out and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// 0-based position in the list given to the exporter.
    pub index: usize,
    /// "Issuer: name" (never the secret).
    pub label: String,
    /// Why the format cannot carry it.
    pub reason: String,
}
