//! `ward backup`: automatic encrypted backups (issue 13).
//!
//! - `ward backup --dir DIR [--keep N]` turns them on (DIR is created if
//!   missing; N defaults to 10) and writes a first backup at once;
//! - `ward backup --off` turns them off (existing backups stay);
//! - `ward backup` shows the settings and the last result.
//!
//! With backups on, every command that changes the vault calls
//! [`after_change`] before it exits: a verified backup lands in DIR, or a
//! warning goes to stderr and the command still succeeds (its change was
//! committed).

use std::path::PathBuf;

use ward_core::vault::{DEFAULT_BACKUP_KEEP, Vault};

use crate::commands::code::unix_now;
use crate::failure::Failure;
use crate::session;

/// Arguments of `ward backup`.
#[derive(clap::Args)]
pub struct Args {
    /// Turn automatic backups on, into this folder (created if missing).
    #[arg(long, value_name = "DIR", conflicts_with = "off")]
    dir: Option<PathBuf>,
    /// How many backups to keep in the folder (at least 1; default 10).
    #[arg(long, value_name = "N", requires = "dir")]
    keep: Option<u32>,
    /// Turn automatic backups off (the backups already written stay).
    #[arg(long)]
    off: bool,
}

/// Changes or shows the backup settings.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    if args.keep == Some(0) {
        return Err(Failure::input(
            "--keep must be at least 1: Ward always keeps the newest backup",
        ));
    }
    let vault = session::open_unlocked(vault)?;
    if args.off {
        let keep = vault.backup_status()?.keep;
        vault.set_backup_settings(None, keep)?;
        println!("automatic backups are off (the backups already written are kept)");
        return Ok(());
    }
    let Some(dir) = args.dir else {
        return show(&vault);
    };
    std::fs::create_dir_all(&dir).map_err(|error| {
        Failure::input(format!(
            "cannot create the folder {}: {error}",
            dir.display()
        ))
    })?;
    let dir = std::fs::canonicalize(&dir).map_err(|error| {
        Failure::input(format!("cannot use the folder {}: {error}", dir.display()))
    })?;
    let keep = args.keep.unwrap_or(DEFAULT_BACKUP_KEEP);
    vault.set_backup_settings(Some(dir.display().to_string()), keep)?;
    println!(
        "automatic backups are on: {} (keeping the newest {keep})",
        dir.display()
    );
    let outcome = vault.backup_to_dir(&dir, keep, unix_now()?)?;
    println!("backed up to {}", dir.join(outcome.file_name).display());
    Ok(())
}

/// Prints the settings and the last result.
fn show(vault: &Vault) -> Result<(), Failure> {
    let status = vault.backup_status()?;
    match &status.location {
        Some(location) => println!("automatic backups: on, to {location}"),
        None => println!("automatic backups: off (turn them on with ward backup --dir DIR)"),
    }
    println!("keep: {}", status.keep);
    println!("last backup: {}", when(status.last_success));
    if let Some(failed) = status.last_failure
        && status.last_success.is_none_or(|ok| failed >= ok)
    {
        println!(
            "last failure: {} ({})",
            when(Some(failed)),
            status.last_error.as_deref().unwrap_or("no reason recorded")
        );
    }
    Ok(())
}

fn when(time: Option<u64>) -> String {
    match time {
        None => "never".into(),
        Some(seconds) => {
            let ago = unix_now().unwrap_or(seconds).saturating_sub(seconds);
            format!("{seconds} (Unix time, {} ago)", ago_text(ago))
        }
    }
}

fn ago_text(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min", seconds / 60),
        3600..86_400 => format!("{} h", seconds / 3600),
        _ => format!("{} days", seconds / 86_400),
    }
}

/// After a command changed the vault: with automatic backups on, writes a
/// verified backup; a failure is a warning on stderr (the change itself
/// was committed, so the command still succeeds). The result is recorded
/// in the vault's settings either way.
pub fn after_change(vault: &Vault) {
    let status = match vault.backup_status() {
        Ok(status) => status,
        Err(error) => {
            eprintln!("ward: warning: could not read the backup settings: {error}");
            return;
        }
    };
    let Some(location) = status.location else {
        return;
    };
    let now = match unix_now() {
        Ok(now) => now,
        Err(_) => {
            eprintln!("ward: warning: no backup was made: the system clock is wrong");
            return;
        }
    };
    if let Err(error) = vault.backup_to_dir(&location, status.keep, now) {
        eprintln!("ward: warning: the change was saved, but the automatic backup failed: {error}");
    }
}
