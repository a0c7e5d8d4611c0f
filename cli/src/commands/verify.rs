//! `ward verify [--accept]`: checks the vault against its integrity
//! manifest and prints every change made outside Ward, one per line
//! (exit 3 if there is any); `--accept` keeps the vault as it is now.

use std::path::PathBuf;

use crate::commands::code::unix_now;
use crate::failure::Failure;
use crate::session;

/// Arguments of `ward verify`.
#[derive(clap::Args)]
pub struct Args {
    /// Keep the vault as it is now: seal its integrity record again over
    /// the current entries and key slots (rolled-back HOTP entries move
    /// forward to their first unused counter).
    #[arg(long)]
    accept: bool,
}

/// Prints the integrity report, or accepts the vault's current state.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let vault = session::open_unlocked(vault)?;
    if args.accept {
        vault.accept_integrity_state(unix_now()?)?;
    }
    let report = vault.integrity()?;
    println!("generation {}", report.generation);
    for problem in &report.problems {
        println!("{}", problem.description);
    }
    if report.intact {
        println!("intact: the vault is as Ward last saved it");
        Ok(())
    } else {
        Err(Failure::tampered(report.summary()))
    }
}
