//! `ward import <FILE|URI> [--dry-run] [--json]`: reads another
//! authenticator's export (any format `ward_core::import` detects, plain or
//! encrypted), reports what it found and what it skipped, and writes the
//! accounts to the vault in one transaction (notes and favourites kept,
//! accounts already in the vault skipped and reported).
//!
//! The password of an encrypted export comes from `$WARD_IMPORT_PASSWORD`,
//! else from a prompt that does not echo.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use ward_core::import::{self, ImportReport, MAX_IMPORT_BYTES};
use zeroize::Zeroizing;

use crate::commands::code::unix_now;
use crate::commands::parse::AccountJson;
use crate::failure::Failure;
use crate::session;

/// Environment variable holding the password of an encrypted export.
pub const IMPORT_PASSWORD_ENV: &str = "WARD_IMPORT_PASSWORD";

/// Arguments of `ward import`.
#[derive(clap::Args)]
pub struct Args {
    /// The export file (Google Authenticator URIs, Aegis, 2FAS, andOTP,
    /// Bitwarden, Ente, FreeOTP+, Proton, Ward backup, otpauth list), `-` for
    /// standard input, or a single otpauth:// or otpauth-migration:// URI.
    source: String,
    /// Show what would be imported without opening or changing the vault.
    #[arg(long)]
    dry_run: bool,
    /// Print the accounts as a JSON array (each with the keys of
    /// `ward parse --json`); skipped items go to stderr.
    #[arg(long)]
    json: bool,
}

/// Reads the source, then (unless `--dry-run`) adds every account found to
/// the vault in one transaction.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let report = read_source(&args.source)?;
    if report.entries.is_empty() {
        return Err(nothing_found(&report));
    }
    if args.dry_run {
        print_found(&report, args.json, "would import")?;
        return Ok(());
    }
    write_to_vault(vault, report, args.json)
}

/// Reads and imports a source given on the command line: a URI, `-`, or a
/// file path. Asks for a password only when the file is encrypted.
pub fn read_source(source: &str) -> Result<ImportReport, Failure> {
    let bytes = read_bytes(source)?;
    let (format, encrypted) = match import::identify(&bytes) {
        Ok(found) => found,
        // A headerless file (andOTP before 0.6.3) can only be recognised by
        // opening it: done when a password is already in the environment.
        Err(unknown @ import::ImportError::UnknownFormat { .. }) => {
            let Some(value) = std::env::var_os(IMPORT_PASSWORD_ENV) else {
                return Err(Failure::input(unknown));
            };
            let password = Zeroizing::new(value.into_encoded_bytes());
            return import::import(&bytes, Some(&password)).map_err(Failure::input);
        }
        Err(other) => return Err(Failure::input(other)),
    };
    let password = if encrypted {
        Some(password(format)?)
    } else {
        None
    };
    import::import(&bytes, password.as_deref().map(Vec::as_slice)).map_err(Failure::input)
}

fn read_bytes(source: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let lowered = source.trim_start().to_ascii_lowercase();
    if lowered.starts_with("otpauth://") || lowered.starts_with("otpauth-migration://") {
        return Ok(Zeroizing::new(source.as_bytes().to_vec()));
    }
    let limit = MAX_IMPORT_BYTES as u64 + 1;
    let mut bytes = Zeroizing::new(Vec::new());
    if source == "-" {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|error| Failure::input(format!("cannot read standard input: {error}")))?;
    } else {
        let path = Path::new(source);
        let file = std::fs::File::open(path).map_err(|error| {
            Failure::input(format!(
                "cannot read {}: {error} (give a file exported by another authenticator, or an otpauth:// URI)",
                path.display()
            ))
        })?;
        file.take(limit)
            .read_to_end(&mut bytes)
            .map_err(|error| Failure::input(format!("cannot read {}: {error}", path.display())))?;
    }
    Ok(bytes)
}

/// The export's password: `$WARD_IMPORT_PASSWORD`, else a prompt naming
/// the format.
fn password(format: import::Format) -> Result<Zeroizing<Vec<u8>>, Failure> {
    if let Some(value) = std::env::var_os(IMPORT_PASSWORD_ENV) {
        return Ok(Zeroizing::new(value.into_encoded_bytes()));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::input(format!(
            "this {format} is encrypted: set {IMPORT_PASSWORD_ENV} or run ward in a terminal to type the password"
        )));
    }
    let text = rpassword::prompt_password(format!("This {format} is encrypted. Its password: "))
        .map_err(|_| {
            Failure::input(format!(
                "cannot read a password from the terminal: set {IMPORT_PASSWORD_ENV}"
            ))
        })?;
    Ok(Zeroizing::new(text.into_bytes()))
}

/// The failure when a source yields no account at all.
pub fn nothing_found(report: &ImportReport) -> Failure {
    print_skipped(report);
    let first = report
        .skipped
        .first()
        .map(|item| format!(": {item}"))
        .unwrap_or_default();
    Failure::input(format!(
        "no account could be imported from this {} ({} items skipped{first}); nothing was changed",
        report.format,
        report.skipped_count()
    ))
}

/// Prints the accounts (JSON array or readable lines) and the report's
/// warnings. With `json`, stdout holds only the JSON array.
pub fn print_found(report: &ImportReport, json: bool, verb: &str) -> Result<(), Failure> {
    if json {
        let accounts: Vec<AccountJson> = report
            .entries
            .iter()
            .map(|entry| AccountJson::new(&entry.account))
            .collect();
        let text = Zeroizing::new(serde_json::to_string(&accounts).map_err(Failure::input)?);
        println!("{}", text.as_str());
    } else {
        let encrypted = if report.encrypted { " (encrypted)" } else { "" };
        let count = report.entries.len();
        let noun = if count == 1 { "account" } else { "accounts" };
        println!(
            "{verb} {count} {noun} from the {}{encrypted}:",
            report.format
        );
        for entry in &report.entries {
            let account = &entry.account;
            let label = match (account.issuer.is_empty(), account.name.is_empty()) {
                (false, false) => format!("{}: {}", account.issuer, account.name),
                (false, true) => account.issuer.clone(),
                _ => account.name.clone(),
            };
            println!("  {label} ({})", account.params.kind().name());
        }
    }
    print_skipped(report);
    Ok(())
}

/// Skipped items, missing Google batches and non-OTP items, on stderr.
pub fn print_skipped(report: &ImportReport) {
    for item in &report.skipped {
        eprintln!("ward: skipped {item}");
    }
    if report.skipped_more > 0 {
        eprintln!(
            "ward: skipped {} more items (only the first {} are listed)",
            report.skipped_more,
            report.skipped.len()
        );
    }
    for batches in &report.google_batches {
        if !batches.missing.is_empty() {
            let missing: Vec<String> = batches
                .missing
                .iter()
                .map(|index| (index + 1).to_string())
                .collect();
            eprintln!(
                "ward: this Google Authenticator export has {} QR codes and QR {} of them {} missing: import those too (in any order, together with these)",
                batches.batch_size,
                missing.join(", "),
                if missing.len() == 1 { "is" } else { "are" }
            );
        }
    }
    if report.without_otp > 0 {
        eprintln!(
            "ward: {} items have no one-time-password key and were left out",
            report.without_otp
        );
    }
}

/// Writes the report's entries (with notes and favourites) to the vault in
/// one transaction, skipping accounts it already holds, then reports.
fn write_to_vault(vault: Option<PathBuf>, report: ImportReport, json: bool) -> Result<(), Failure> {
    let opened = session::open_unlocked(vault)?;
    let written = opened.import_entries(report.entries.clone(), unix_now()?)?;
    if json {
        let added: Vec<AccountJson> = report
            .entries
            .iter()
            .enumerate()
            .filter(|(index, _)| !written.duplicates.iter().any(|d| d.index == *index))
            .map(|(_, entry)| AccountJson::new(&entry.account))
            .collect();
        let text = Zeroizing::new(serde_json::to_string(&added).map_err(Failure::input)?);
        println!("{}", text.as_str());
    } else {
        println!(
            "imported {} accounts, skipped {} duplicates (from the {})",
            written.added.len(),
            written.duplicates.len(),
            report.format
        );
        for duplicate in &written.duplicates {
            println!(
                "skipped #{}: {} {} (already in the vault as {})",
                duplicate.index + 1,
                duplicate.issuer,
                duplicate.account,
                duplicate.existing
            );
        }
    }
    print_skipped(&report);
    crate::commands::backup::after_change(&opened);
    Ok(())
}
