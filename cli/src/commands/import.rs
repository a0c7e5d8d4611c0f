//! `ward import <FILE>`: reading the file into accounts, then writing them
//! to the vault in one transaction, are separate steps so that other
//! formats only add a reader.

use std::path::{Path, PathBuf};

use ward_core::Account;
use ward_core::vault::{ImportReport, Vault};

use crate::commands::code::unix_now;
use crate::failure::Failure;
use crate::session;

/// Arguments of `ward import`.
#[derive(clap::Args)]
pub struct Args {
    /// A text file of otpauth URIs, one per line (blank lines and lines
    /// starting with # are skipped).
    file: PathBuf,
}

/// Reads the file, then imports every account in one transaction.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let accounts = read_file(&args.file)?;
    let vault = session::open_unlocked(vault)?;
    let report = write_to_vault(&vault, accounts)?;
    print_report(&report);
    Ok(())
}

/// Reads an import file into accounts. Nothing is imported if any line is
/// bad: the error names the line.
pub fn read_file(path: &Path) -> Result<Vec<Account>, Failure> {
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path)
            .map_err(|error| Failure::input(format!("cannot read {}: {error}", path.display())))?,
    );
    read_otpauth_lines(&text)
}

/// Parses otpauth URIs, one per line.
pub fn read_otpauth_lines(text: &str) -> Result<Vec<Account>, Failure> {
    let mut accounts = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let account = ward_core::uri::parse(line).map_err(|error| {
            Failure::input(format!(
                "line {}: {error} (nothing was imported)",
                index + 1
            ))
        })?;
        accounts.push(account);
    }
    Ok(accounts)
}

/// Adds the accounts to the vault in one transaction (all or nothing),
/// skipping duplicates.
pub fn write_to_vault(vault: &Vault, accounts: Vec<Account>) -> Result<ImportReport, Failure> {
    Ok(vault.import(accounts, unix_now()?)?)
}

/// One line for the result, one per skipped duplicate.
pub fn print_report(report: &ImportReport) {
    println!(
        "imported {} accounts, skipped {} duplicates",
        report.added.len(),
        report.duplicates.len()
    );
    for duplicate in &report.duplicates {
        println!(
            "skipped #{}: {} {} (already in the vault as {})",
            duplicate.index + 1,
            duplicate.issuer,
            duplicate.account,
            duplicate.existing
        );
    }
}
