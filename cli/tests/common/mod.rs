//! Helpers shared by the CLI's vault tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `ward` on the vault at `vault` with `WARD_PASSPHRASE=passphrase`.
pub fn ward(vault: &Path, passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(args)
        .env("WARD_VAULT", vault)
        .env("WARD_PASSPHRASE", passphrase)
        .env_remove("WARD_NEW_PASSPHRASE")
        .output()
        .unwrap()
}

/// The stdout of a command that must have succeeded.
pub fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
