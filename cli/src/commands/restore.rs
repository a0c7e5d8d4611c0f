//! `ward restore FILE`: a new vault from a backup (issue 13).
//!
//! The vault is created at `--vault`/`WARD_VAULT` (an existing file is
//! never overwritten); the backup's password comes from `WARD_PASSPHRASE`
//! or a prompt, and the restored vault keeps it. Automatic backups start
//! off in the restored vault.

use std::path::PathBuf;

use ward_core::vault::{Vault, VaultError};

use crate::failure::Failure;
use crate::session;

/// Arguments of `ward restore`.
#[derive(clap::Args)]
pub struct Args {
    /// The backup file (e.g. ward-backup-20261128-231500.ward).
    file: PathBuf,
}

/// Creates the vault from the backup.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let path = session::vault_path(vault)?;
    if path.exists() {
        return Err(Failure::input(format!(
            "a vault already exists at {}: Ward will not overwrite it; restore to another path with --vault, or merge the backup with ward import",
            path.display()
        )));
    }
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|error| {
            Failure::input(format!("cannot create {}: {error}", parent.display()))
        })?;
    }
    let password = session::passphrase("Backup passphrase: ")?;
    let restored = match Vault::restore(&args.file, &path, &password) {
        Ok(vault) => vault,
        Err(VaultError::WrongPassword) => {
            return Err(Failure::input(format!(
                "wrong passphrase for the backup {}: nothing was created; check it and try again",
                args.file.display()
            )));
        }
        Err(error) => return Err(error.into()),
    };
    let count = restored.list("")?.len();
    println!(
        "restored {count} entries to {}; automatic backups are off: turn them on with ward backup --dir DIR",
        path.display()
    );
    Ok(())
}
