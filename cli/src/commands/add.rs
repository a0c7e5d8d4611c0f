//! `ward add <URI>`

use std::path::PathBuf;

use crate::commands::code::unix_now;
use crate::failure::Failure;
use crate::session;

/// Arguments of `ward add`.
#[derive(clap::Args)]
pub struct Args {
    /// The otpauth URI, e.g. from a QR code.
    uri: String,
}

/// Adds one account and prints its id.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let account = ward_core::uri::parse(&args.uri)?;
    let vault = session::open_unlocked(vault)?;
    let id = vault.add_account(account, unix_now()?)?;
    println!("{id}");
    crate::commands::backup::after_change(&vault);
    Ok(())
}
