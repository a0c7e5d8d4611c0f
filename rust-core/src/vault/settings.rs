//! The vault's own encrypted settings (schema 2, issue 13): where automatic
//! backups go, how many to keep, and the last result.
//!
//! Each setting is one row of the `settings` table, sealed with AES-256-GCM
//! under the master key; its associated data binds the label, the format,
//! the vault id and the setting's name, so a row cannot be moved to
//! another name or vault. Reading or writing settings needs the vault
//! unlocked. The backup folder is opaque to the core: a path on desktop
//! and iOS, a Storage Access Framework tree URI on Android.

use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::cache::{FORMAT, Unlocked};
use super::db;
use super::error::{InputError, VaultError};

/// How many backups are kept when the user has not said.
pub const DEFAULT_KEEP: u32 = 10;

/// The longest failure message kept (characters).
const MAX_ERROR_CHARS: usize = 500;

/// The name of the backup settings row.
const BACKUP: &str = "backup";

/// The backup settings and the last result (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupStatus {
    /// Where automatic backups go; `None` when they are off.
    pub location: Option<String>,
    /// How many backups to keep (at least 1).
    pub keep: u32,
    /// When the last backup was written and verified.
    pub last_success: Option<u64>,
    /// When the last backup failed.
    pub last_failure: Option<u64>,
    /// Why the last backup failed (one sentence, no secrets).
    pub last_error: Option<String>,
}

impl Default for BackupStatus {
    fn default() -> Self {
        BackupStatus {
            location: None,
            keep: DEFAULT_KEEP,
            last_success: None,
            last_failure: None,
            last_error: None,
        }
    }
}

impl BackupStatus {
    /// True when automatic backups are on.
    pub fn enabled(&self) -> bool {
        self.location.is_some()
    }
}

/// A setting's associated data: label, format, vault id, name.
fn setting_aad(vault_id: &[u8; 16], name: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(13 + 4 + 16 + name.len());
    aad.extend_from_slice(b"ward/setting\0");
    aad.extend_from_slice(&FORMAT.to_le_bytes());
    aad.extend_from_slice(vault_id);
    aad.extend_from_slice(name.as_bytes());
    aad
}

/// The backup settings, or the defaults when none were saved.
///
/// Errors: [`VaultError::Storage`] when the row does not authenticate (it
/// is left as it is).
pub fn backup_status(conn: &Connection, state: &Unlocked) -> Result<BackupStatus, VaultError> {
    let Some(sealed) = db::setting(conn, BACKUP)? else {
        return Ok(BackupStatus::default());
    };
    let plain = state
        .open_bytes(&setting_aad(state.vault_id(), BACKUP), &sealed)
        .ok_or_else(|| {
            VaultError::Storage(
                "the backup settings are damaged; set the backup folder again".into(),
            )
        })?;
    serde_json::from_slice(&plain).map_err(|_| {
        VaultError::Storage(
            "the backup settings are unreadable; set the backup folder again".into(),
        )
    })
}

/// Saves the backup settings (inside the caller's transaction).
pub fn save_backup_status(
    tx: &Transaction<'_>,
    state: &Unlocked,
    status: &BackupStatus,
) -> Result<(), VaultError> {
    if status.keep == 0 {
        return Err(InputError::KeepZero.into());
    }
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(status).map_err(|error| VaultError::Storage(error.to_string()))?,
    );
    let sealed = state.seal_bytes(&setting_aad(state.vault_id(), BACKUP), &plain)?;
    db::put_setting(tx, BACKUP, &sealed)
}

/// `status` with the result of a backup at `now`: success clears nothing
/// but sets `last_success`; a failure sets `last_failure` and the message.
pub fn with_result(mut status: BackupStatus, now: u64, error: Option<&str>) -> BackupStatus {
    match error {
        None => status.last_success = Some(now),
        Some(message) => {
            status.last_failure = Some(now);
            status.last_error = Some(message.chars().take(MAX_ERROR_CHARS).collect());
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_recorded_and_long_messages_cut() {
        let status = with_result(BackupStatus::default(), 10, None);
        assert_eq!(status.last_success, Some(10));
        let long = "x".repeat(2000);
        let status = with_result(status, 20, Some(&long));
        assert_eq!(status.last_success, Some(10));
        assert_eq!(status.last_failure, Some(20));
        assert_eq!(status.last_error.unwrap().len(), MAX_ERROR_CHARS);
    }

    #[test]
    fn aad_binds_vault_and_name() {
        assert_ne!(
            setting_aad(&[1; 16], "backup"),
            setting_aad(&[2; 16], "backup")
        );
        assert_ne!(
            setting_aad(&[1; 16], "backup"),
            setting_aad(&[1; 16], "other")
        );
    }
}
