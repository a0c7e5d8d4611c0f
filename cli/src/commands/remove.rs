//! `ward remove <ID>`

use std::path::PathBuf;

use ward_core::vault::EntryId;

use crate::failure::Failure;
use crate::session;

/// Arguments of `ward remove`.
#[derive(clap::Args)]
pub struct Args {
    /// The entry's id, as `ward list` prints it.
    id: String,
}

/// Deletes one entry.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let id: EntryId = args.id.parse().map_err(Failure::input)?;
    let vault = session::open_unlocked(vault)?;
    vault.delete(&id)?;
    println!("removed {id}");
    crate::commands::backup::after_change(&vault);
    Ok(())
}
