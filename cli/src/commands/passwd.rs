//! `ward passwd`: change the vault passphrase (the current one from
//! `$WARD_PASSPHRASE` or a prompt, asked again to confirm, the new one from
//! `$WARD_NEW_PASSPHRASE` or two prompts).

use std::path::PathBuf;

use ward_core::crypto::KdfParams;

use crate::failure::Failure;
use crate::session;

/// Arguments of `ward passwd`.
#[derive(clap::Args)]
pub struct Args {
    /// Argon2id memory in MiB for the new passphrase (at least 19).
    #[arg(long, value_name = "MIB", default_value_t = KdfParams::DEFAULT.memory_kib / 1024)]
    kdf_memory_mib: u32,
    /// Argon2id passes for the new passphrase (at least 2).
    #[arg(long, value_name = "N", default_value_t = KdfParams::DEFAULT.iterations)]
    kdf_iterations: u32,
}

/// Replaces the passphrase; the old one stops working.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let vault = session::open_unlocked(vault)?;
    let now = session::reauthenticate(&vault)?;
    let kdf = KdfParams {
        memory_kib: args.kdf_memory_mib.saturating_mul(1024),
        iterations: args.kdf_iterations,
        parallelism: 1,
    };
    let password = session::new_passphrase(session::NEW_PASSPHRASE_ENV)?;
    vault.change_password(&password, kdf, now)?;
    println!("passphrase changed");
    crate::commands::backup::after_change(&vault);
    Ok(())
}
