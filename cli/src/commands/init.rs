//! `ward init [--kdf-memory-mib N] [--kdf-iterations N]`

use std::path::PathBuf;

use ward_core::crypto::KdfParams;
use ward_core::vault::Vault;

use crate::failure::Failure;
use crate::session;

/// Arguments of `ward init`.
#[derive(clap::Args)]
pub struct Args {
    /// Argon2id memory in MiB (at least 19; default 64).
    #[arg(long, value_name = "MIB", default_value_t = KdfParams::DEFAULT.memory_kib / 1024)]
    kdf_memory_mib: u32,
    /// Argon2id passes (at least 2; default 3).
    #[arg(long, value_name = "N", default_value_t = KdfParams::DEFAULT.iterations)]
    kdf_iterations: u32,
}

/// Creates a new vault protected by a passphrase.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let path = session::vault_path(vault)?;
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|error| {
            Failure::input(format!("cannot create {}: {error}", parent.display()))
        })?;
    }
    let kdf = KdfParams {
        memory_kib: args.kdf_memory_mib.saturating_mul(1024),
        iterations: args.kdf_iterations,
        parallelism: 1,
    };
    let password = session::new_passphrase(session::PASSPHRASE_ENV)?;
    Vault::create(&path, &password, kdf)?;
    println!("created {}", path.display());
    Ok(())
}
