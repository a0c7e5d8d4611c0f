//! Automatic encrypted backups (issue 13): the vault's methods that write a
//! verified snapshot to a folder or return it as bytes, and the folder
//! work (names, temporary file, fsync, rename, pruning).
//!
//! A backup is a snapshot of the vault file ([`super::snapshot`]), so the
//! vault's password alone opens it. In a folder, one run:
//!
//! 1. removes stale temporaries of an interrupted run (`.ward-backup-*.tmp`);
//! 2. writes the snapshot to `.ward-backup-….tmp` (a name starting with a
//!    dot) and fsyncs it;
//! 3. reads it back and verifies it against the live vault
//!    ([`super::snapshot::verify`]);
//! 4. only then prunes the oldest backups so that, with the new one, at
//!    most `keep` remain, renames the temporary to
//!    `ward-backup-YYYYMMDD-HHMMSS[-N].ward` and fsyncs the folder.
//!
//! So a crash at any moment leaves only complete, verified backups under
//! Ward's names, never more than `keep` of them, and the newest one is a
//! state the vault really had. Only files whose names match Ward's pattern
//! are ever removed.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::{InputError, VaultError};
use super::settings::{self, BackupStatus};
use super::{Inner, Result, Vault, db, snapshot};

/// What one backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupOutcome {
    /// The new file's name inside the folder.
    pub file_name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The vault's generation at the snapshot (the integrity manifest's
    /// number, issue 12; 0 until the manifest exists).
    pub generation: u64,
}

/// The prefix of every backup file's name.
const PREFIX: &str = "ward-backup-";
/// The extension of every backup file's name.
const SUFFIX: &str = ".ward";
/// The extension of a temporary file (whose name is `.` + name + this).
const TEMP_SUFFIX: &str = ".tmp";

impl Vault {
    /// Writes a verified backup of the vault into the folder `dir`, keeps
    /// the newest `keep` backups there, and records the result (success or
    /// failure, at `now`) in the vault's encrypted settings. The folder
    /// must exist. Needs the vault unlocked; no re-authentication (the
    /// backup is sealed as the vault is).
    ///
    /// Errors: [`VaultError::Locked`], [`InputError::KeepZero`],
    /// [`VaultError::Backup`] (the folder is missing or unwritable, the
    /// disk is full, the copy did not verify): the vault itself is never
    /// changed by a failed backup, except for the recorded failure.
    pub fn backup_to_dir(
        &self,
        dir: impl AsRef<Path>,
        keep: u32,
        now: u64,
    ) -> Result<BackupOutcome> {
        let result = self.write_backup(dir.as_ref(), keep, now);
        let message = result.as_ref().err().map(ToString::to_string);
        if !matches!(result, Err(VaultError::Locked)) {
            // The backup's own result matters more than failing to record it.
            if let Err(error) = self.record_backup_result(now, message.as_deref()) {
                log::warn!("could not record the backup result: {error}");
            }
        }
        match &result {
            Ok(outcome) => log::info!("backup written: {} bytes", outcome.bytes),
            Err(error) => log::warn!("backup failed: {error}"),
        }
        result
    }

    /// A verified snapshot of the vault as bytes (for a Storage Access
    /// Framework document). Nothing is recorded: after writing it, the app
    /// calls [`Vault::record_backup_result`]. Needs the vault unlocked.
    pub fn backup_bytes(&self, _now: u64) -> Result<Vec<u8>> {
        self.verified_snapshot(|bytes| Ok(bytes.to_vec()))
    }

    /// Records the result of a backup the app wrote itself: `error` is
    /// `None` for a success, else the reason (one sentence, cut to 500
    /// characters). One transaction. Needs the vault unlocked.
    pub fn record_backup_result(&self, now: u64, error: Option<&str>) -> Result<()> {
        self.change_backup_status(|status| Ok(settings::with_result(status, now, error)))
    }

    /// The backup settings and the last result. Needs the vault unlocked
    /// (the settings are encrypted).
    pub fn backup_status(&self) -> Result<BackupStatus> {
        let inner = self.inner();
        let state = inner.unlocked.as_ref().ok_or(VaultError::Locked)?;
        settings::backup_status(inner.db.conn(), state)
    }

    /// Turns automatic backups on (`Some(location)`) or off (`None`), keeping
    /// `keep` backups (at least 1). `location` is opaque to the core. The
    /// last results are kept. One transaction; needs the vault unlocked.
    /// Overwrites settings that no longer decrypt (the user's explicit choice).
    pub fn set_backup_settings(&self, location: Option<String>, keep: u32) -> Result<()> {
        if keep == 0 {
            return Err(InputError::KeepZero.into());
        }
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_ref().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let mut status = settings::backup_status(&tx, state).unwrap_or_default();
        status.location = location;
        status.keep = keep;
        settings::save_backup_status(&tx, state, &status)?;
        tx.commit()?;
        log::info!(
            "backup settings changed (automatic backups {})",
            if status.enabled() { "on" } else { "off" }
        );
        Ok(())
    }

    fn change_backup_status(
        &self,
        change: impl FnOnce(BackupStatus) -> Result<BackupStatus>,
    ) -> Result<()> {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_ref().ok_or(VaultError::Locked)?;
        let tx = db.write()?;
        let status = change(settings::backup_status(&tx, state)?)?;
        settings::save_backup_status(&tx, state, &status)?;
        tx.commit()?;
        Ok(())
    }

    /// Takes a snapshot inside one read transaction, hands it to `write`
    /// (which returns the bytes as stored, read back), verifies those
    /// against the live vault as of the same transaction, and returns what
    /// `write` returned.
    fn verified_snapshot<T>(&self, write: impl FnOnce(&[u8]) -> Result<T>) -> Result<T>
    where
        T: AsRef<[u8]>,
    {
        let mut inner = self.inner();
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        // One read transaction: the snapshot and the live view agree even
        // if another process commits meanwhile.
        let tx = db.conn().unchecked_transaction()?;
        tx.query_row("SELECT count(*) FROM vault", [], |_| Ok(()))?;
        let bytes = snapshot::take(&tx)?;
        let stored = write(&bytes)?;
        let live_slots = db::slots(&tx)?;
        state.with_cache(&tx, |state, live| {
            snapshot::verify(stored.as_ref(), state, &live_slots, live)
        })??;
        Ok(stored)
    }

    fn write_backup(&self, dir: &Path, keep: u32, now: u64) -> Result<BackupOutcome> {
        if keep == 0 {
            return Err(InputError::KeepZero.into());
        }
        if !self.is_unlocked() {
            return Err(VaultError::Locked);
        }
        let folder = Folder::open(dir)?;
        folder.remove_stale_temporaries();
        let name = folder.next_name(now)?;
        let temp = folder.path.join(format!(".{name}{TEMP_SUFFIX}"));
        let written = self.verified_snapshot(|bytes| {
            folder.write_temporary(&temp, bytes)?;
            fs::read(&temp)
                .map_err(|error| folder.error("could not read the new backup back", &error))
        });
        let written = match written {
            Ok(written) => written,
            Err(error) => {
                let _ = fs::remove_file(&temp);
                return Err(error);
            }
        };
        folder.prune(keep - 1)?;
        fs::rename(&temp, folder.path.join(&name))
            .map_err(|error| folder.error("could not rename the new backup", &error))?;
        folder.sync();
        Ok(BackupOutcome {
            file_name: name,
            bytes: written.len() as u64,
            generation: 0,
        })
    }
}

/// The backup folder.
struct Folder {
    path: PathBuf,
}

/// A backup file's place in time: (date, time, same-second counter).
type Stamp = (u32, u32, u32);

impl Folder {
    fn open(path: &Path) -> Result<Folder> {
        if !path.is_dir() {
            return Err(VaultError::Backup(format!(
                "the backup folder {} does not exist or is not a folder: connect the drive or choose another folder",
                path.display()
            )));
        }
        Ok(Folder {
            path: path.to_path_buf(),
        })
    }

    fn error(&self, what: &str, error: &std::io::Error) -> VaultError {
        VaultError::Backup(format!(
            "{what} in {} ({error}): check that the folder is writable and the disk is not full",
            self.path.display()
        ))
    }

    /// Names in the folder (unreadable entries are skipped).
    fn names(&self) -> Result<Vec<String>> {
        let entries = fs::read_dir(&self.path)
            .map_err(|error| self.error("could not list the backup folder", &error))?;
        Ok(entries
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect())
    }

    /// Ward's backups, oldest first.
    fn backups(&self) -> Result<Vec<(Stamp, String)>> {
        let mut found: Vec<(Stamp, String)> = self
            .names()?
            .into_iter()
            .filter_map(|name| Some((parse_name(&name)?, name)))
            .collect();
        found.sort();
        Ok(found)
    }

    fn remove_stale_temporaries(&self) {
        for name in self.names().unwrap_or_default() {
            let is_ours = name
                .strip_prefix('.')
                .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
                .is_some_and(|rest| parse_name(rest).is_some());
            if is_ours {
                log::info!("removing an interrupted backup's temporary file");
                let _ = fs::remove_file(self.path.join(name));
            }
        }
    }

    /// The new backup's name: `now` as UTC date and time, after every
    /// existing backup (a clock set back still sorts the new one last).
    fn next_name(&self, now: u64) -> Result<String> {
        let (date, time) = civil(now);
        let mut stamp = (date, time, 0);
        if let Some((newest, _)) = self.backups()?.last()
            && *newest >= stamp
        {
            stamp = (newest.0, newest.1, newest.2 + 1);
        }
        Ok(format_name(stamp))
    }

    fn write_temporary(&self, temp: &Path, bytes: &[u8]) -> Result<()> {
        let _ = fs::remove_file(temp);
        let write = || -> std::io::Result<()> {
            let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
            file.write_all(bytes)?;
            file.sync_all()
        };
        write().map_err(|error| self.error("could not write the new backup", &error))
    }

    /// Removes the oldest backups until at most `keep` remain.
    fn prune(&self, keep: u32) -> Result<()> {
        let backups = self.backups()?;
        let excess = backups.len().saturating_sub(keep as usize);
        for (_, name) in &backups[..excess] {
            fs::remove_file(self.path.join(name))
                .map_err(|error| self.error("could not remove an old backup", &error))?;
        }
        Ok(())
    }

    /// fsyncs the folder so the rename and removals are durable.
    fn sync(&self) {
        if let Ok(dir) = File::open(&self.path)
            && let Err(error) = dir.sync_all()
        {
            log::warn!("could not sync the backup folder: {error}");
        }
    }
}

/// `ward-backup-YYYYMMDD-HHMMSS[-N].ward` for a stamp (N only when > 0).
fn format_name((date, time, n): Stamp) -> String {
    if n == 0 {
        format!("{PREFIX}{date:08}-{time:06}{SUFFIX}")
    } else {
        format!("{PREFIX}{date:08}-{time:06}-{n}{SUFFIX}")
    }
}

/// The stamp of a backup's file name, `None` for any other name.
fn parse_name(name: &str) -> Option<Stamp> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let mut parts = middle.split('-');
    let date = digits(parts.next()?, 8)?;
    let time = digits(parts.next()?, 6)?;
    let n = match parts.next() {
        Some(n) if !n.is_empty() && n.len() <= 6 => digits(n, n.len())?,
        Some(_) => return None,
        None => 0,
    };
    parts.next().is_none().then_some((date, time, n))
}

fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Unix seconds as UTC (YYYYMMDD, HHMMSS), by the proleptic Gregorian
/// calendar (days-to-civil conversion).
fn civil(unix: u64) -> (u32, u32) {
    let days = (unix / 86_400) as i64;
    let secs = unix % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let date = (year.clamp(0, 9999) * 10_000 + month * 100 + day) as u32;
    let time = ((secs / 3600) * 10_000 + (secs / 60 % 60) * 100 + secs % 60) as u32;
    (date, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_time_matches_known_dates() {
        assert_eq!(civil(0), (19700101, 0));
        assert_eq!(civil(951_782_400), (20000229, 0));
        assert_eq!(civil(1_795_994_552), (20261129, 232232));
    }

    #[test]
    fn names_round_trip_and_others_are_ignored() {
        for stamp in [(20261128, 232232, 0), (20261128, 5, 12)] {
            assert_eq!(parse_name(&format_name(stamp)), Some(stamp));
        }
        for other in [
            "ward-backup-2026112-232232.ward",
            "ward-backup-20261128-232232.ward.bak",
            "ward-backup-20261128-232232-.ward",
            "ward-backup-20261128-232232-1-2.ward",
            "vault.ward",
            ".ward-backup-20261128-232232.ward.tmp",
            "notes.txt",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    #[test]
    fn next_name_sorts_after_existing_even_if_the_clock_went_back() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::open(dir.path()).unwrap();
        let first = folder.next_name(1_795_994_552).unwrap();
        fs::write(dir.path().join(&first), b"x").unwrap();
        let same_second = folder.next_name(1_795_994_552).unwrap();
        assert_eq!(same_second, "ward-backup-20261129-232232-1.ward");
        fs::write(dir.path().join(&same_second), b"x").unwrap();
        let earlier = folder.next_name(1_000).unwrap();
        assert_eq!(earlier, "ward-backup-20261129-232232-2.ward");
    }

    #[test]
    fn prune_and_cleanup_touch_only_wards_files() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::open(dir.path()).unwrap();
        for name in [
            "ward-backup-20260101-000000.ward",
            "ward-backup-20260102-000000.ward",
            "ward-backup-20260103-000000.ward",
            ".ward-backup-20260104-000000.ward.tmp",
            ".other.tmp",
            "photo.jpg",
        ] {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        folder.remove_stale_temporaries();
        folder.prune(1).unwrap();
        let mut left = folder.names().unwrap();
        left.sort();
        assert_eq!(
            left,
            [
                ".other.tmp",
                "photo.jpg",
                "ward-backup-20260103-000000.ward"
            ]
        );
    }
}
