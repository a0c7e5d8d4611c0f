//! Automatic encrypted backups and restore (issue 13): the `Vault` methods
//! of the contract's "Backups" section and their records. Each is a short
//! adapter over `ward_core::vault::Vault`.
//!
//! A backup is a verified snapshot of the vault file, sealed as the vault
//! is: the vault's password alone opens it, so no re-authentication is
//! needed to write one. `location` is opaque to the core: a folder path on
//! desktop and iOS, a Storage Access Framework tree URI on Android (where
//! the app writes `backupBytes` itself and reports with
//! `recordBackupResult`).

use std::sync::Arc;

use zeroize::Zeroizing;

use ward_core::vault::Vault as CoreVault;

use crate::error::WardError;
use crate::vault::Vault;

/// What one backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BackupOutcome {
    /// The new file's name inside the folder
    /// (`ward-backup-YYYYMMDD-HHMMSS[-N].ward`).
    pub file_name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The vault's generation at the snapshot (issue 12's manifest; 0
    /// until it exists).
    pub generation: u64,
}

impl From<ward_core::vault::BackupOutcome> for BackupOutcome {
    fn from(outcome: ward_core::vault::BackupOutcome) -> Self {
        BackupOutcome {
            file_name: outcome.file_name,
            bytes: outcome.bytes,
            generation: outcome.generation,
        }
    }
}

/// The backup settings and the last result, for "last backup: 2 hours
/// ago" and the reminder. Times are Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BackupStatus {
    /// True when automatic backups are on (`location` is set).
    pub enabled: bool,
    /// Where backups go (opaque to the core).
    pub location: Option<String>,
    /// How many backups are kept (default 10).
    pub keep: u32,
    /// When the last backup was written and verified.
    pub last_success: Option<u64>,
    /// When the last backup failed.
    pub last_failure: Option<u64>,
    /// Why it failed, one sentence to show.
    pub last_error: Option<String>,
}

impl From<ward_core::vault::BackupStatus> for BackupStatus {
    fn from(status: ward_core::vault::BackupStatus) -> Self {
        BackupStatus {
            enabled: status.enabled(),
            location: status.location,
            keep: status.keep,
            last_success: status.last_success,
            last_failure: status.last_failure,
            last_error: status.last_error,
        }
    }
}

#[uniffi::export]
impl Vault {
    /// Creates a new vault at `vault_path` from the backup file at
    /// `backup_path`, opened with the backup's `password` (which the new
    /// vault keeps), and returns it unlocked. Refuses an existing file.
    /// Device unlock is not carried over (turn it on again) and automatic
    /// backups start off. `WrongPassword` writes nothing.
    #[uniffi::constructor]
    pub fn restore(
        backup_path: String,
        vault_path: String,
        password: Vec<u8>,
    ) -> Result<Arc<Self>, WardError> {
        let password = Zeroizing::new(password);
        let core = CoreVault::restore(&backup_path, &vault_path, &password)?;
        Ok(Arc::new(Vault { core }))
    }

    /// `restore` from the backup's bytes (a document the app read).
    #[uniffi::constructor]
    pub fn restore_bytes(
        backup: Vec<u8>,
        vault_path: String,
        password: Vec<u8>,
    ) -> Result<Arc<Self>, WardError> {
        let password = Zeroizing::new(password);
        let core = CoreVault::restore_bytes(&backup, &vault_path, &password)?;
        Ok(Arc::new(Vault { core }))
    }

    /// Writes a verified backup into the folder `dir` (it must exist),
    /// keeps the newest `keep` there, and records the result at `now` in
    /// the vault's settings. A crash never leaves a partial backup under a
    /// backup's name. Needs the vault unlocked.
    pub fn backup_to_dir(
        &self,
        dir: String,
        keep: u32,
        now: u64,
    ) -> Result<BackupOutcome, WardError> {
        Ok(self.core.backup_to_dir(&dir, keep, now)?.into())
    }

    /// A verified snapshot as bytes, to write to a document; then call
    /// `recordBackupResult`. Needs the vault unlocked.
    pub fn backup_bytes(&self, now: u64) -> Result<Vec<u8>, WardError> {
        Ok(self.core.backup_bytes(now)?)
    }

    /// Records the result of a backup the app wrote: `error` is null for
    /// a success, else the reason to show later.
    pub fn record_backup_result(&self, now: u64, error: Option<String>) -> Result<(), WardError> {
        Ok(self.core.record_backup_result(now, error.as_deref())?)
    }

    /// The backup settings and the last result. Needs the vault unlocked.
    pub fn backup_status(&self) -> Result<BackupStatus, WardError> {
        Ok(self.core.backup_status()?.into())
    }

    /// Turns automatic backups on (`location`) or off (null), keeping
    /// `keep` backups (at least 1).
    pub fn set_backup_settings(
        &self,
        location: Option<String>,
        keep: u32,
    ) -> Result<(), WardError> {
        Ok(self.core.set_backup_settings(location, keep)?)
    }
}
