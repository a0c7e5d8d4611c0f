//! Opening and unlocking the vault from the CLI's global arguments: the
//! one place every vault command gets its `Vault` from.
//!
//! - The path: `--vault PATH`, else `$WARD_VAULT`, else `vault.ward` in the
//!   user's data directory (`~/.local/share/ward/` on Linux,
//!   `~/Library/Application Support/ward/` on macOS, `%APPDATA%\ward\` on
//!   Windows).
//! - The passphrase: `$WARD_PASSPHRASE` when set (for scripts), else a
//!   prompt on the terminal that does not echo.

use std::path::PathBuf;

use ward_core::vault::{Vault, VaultError};
use zeroize::Zeroizing;

use crate::commands::code::unix_now;
use crate::failure::Failure;

/// Environment variable holding the passphrase for scripts.
pub const PASSPHRASE_ENV: &str = "WARD_PASSPHRASE";
/// Environment variable holding the new passphrase for `ward passwd`.
pub const NEW_PASSPHRASE_ENV: &str = "WARD_NEW_PASSPHRASE";

/// Where the vault is: the `--vault` argument (or `$WARD_VAULT`, which
/// clap folds into it), else the default in the user's data directory.
pub fn vault_path(given: Option<PathBuf>) -> Result<PathBuf, Failure> {
    if let Some(path) = given {
        return Ok(path);
    }
    let data = dirs::data_dir().ok_or_else(|| {
        Failure::input("cannot find your data directory: pass --vault PATH or set WARD_VAULT")
    })?;
    Ok(data.join("ward").join("vault.ward"))
}

/// The passphrase from `$WARD_PASSPHRASE`, else asked for without echo.
pub fn passphrase(prompt: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    secret_from(PASSPHRASE_ENV, prompt)
}

/// A new passphrase: from `env` when set, else asked for twice.
pub fn new_passphrase(env: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    if let Some(value) = std::env::var_os(env) {
        return Ok(Zeroizing::new(value.into_encoded_bytes()));
    }
    let first = ask("New vault passphrase: ")?;
    let second = ask("Repeat the passphrase: ")?;
    if *first != *second {
        return Err(Failure::input(
            "the two passphrases differ: nothing was changed; try again",
        ));
    }
    Ok(first)
}

fn secret_from(env: &str, prompt: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    match std::env::var_os(env) {
        Some(value) => Ok(Zeroizing::new(value.into_encoded_bytes())),
        None => ask(prompt),
    }
}

fn ask(prompt: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let text = rpassword::prompt_password(prompt).map_err(|_| {
        Failure::input(format!(
            "cannot read a passphrase from the terminal: set {PASSPHRASE_ENV} or run ward in a terminal"
        ))
    })?;
    Ok(Zeroizing::new(text.into_bytes()))
}

/// Opens the vault at `path` and unlocks it with the passphrase.
pub fn open_unlocked(path: Option<PathBuf>) -> Result<Vault, Failure> {
    let path = vault_path(path)?;
    let vault = Vault::open(&path)?;
    let password = passphrase("Vault passphrase: ")?;
    match vault.unlock_with_password(&password, unix_now()?) {
        Ok(()) => Ok(vault),
        Err(VaultError::WrongPassword) => Err(Failure::input(format!(
            "wrong passphrase for {}: nothing was changed; check it and try again",
            path.display()
        ))),
        Err(error) => Err(error.into()),
    }
}

/// The proof a sensitive command (export, passwd) needs: the current
/// passphrase asked for again (`$WARD_PASSPHRASE` when set, as for
/// unlocking, else a prompt without echo) and checked by the vault.
/// Returns the time of the proof, to pass to the sensitive call.
pub fn reauthenticate(vault: &Vault) -> Result<u64, Failure> {
    let password = passphrase("Vault passphrase again, to confirm: ")?;
    let now = unix_now()?;
    match vault.reauthenticate(&password, now) {
        Ok(()) => Ok(now),
        Err(VaultError::WrongPassword) => Err(Failure::input(
            "wrong passphrase: nothing was exported or changed; check it and try again",
        )),
        Err(error) => Err(error.into()),
    }
}
