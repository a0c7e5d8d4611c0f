//! `ward next <ID>`: the next HOTP code; the counter is saved first.

use std::path::PathBuf;

use ward_core::vault::EntryId;

use crate::commands::code::unix_now;
use crate::failure::Failure;
use crate::session;

/// Arguments of `ward next`.
#[derive(clap::Args)]
pub struct Args {
    /// The HOTP entry's id, as `ward list` prints it.
    id: String,
}

/// Prints the next HOTP code after saving the advanced counter.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let id: EntryId = args.id.parse().map_err(Failure::input)?;
    let vault = session::open_unlocked(vault)?;
    let code = vault.hotp_next(&id, unix_now()?)?;
    println!("{code}");
    crate::commands::backup::after_change(&vault);
    Ok(())
}
