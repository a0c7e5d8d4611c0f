//! `ward export --format otpauth|google|backup [-o FILE] [--qr] [--yes]`:
//! writes the vault's accounts (or, with `--from`, those of an import
//! source) as an otpauth URI list, Google Authenticator migration QR codes,
//! or a password-encrypted Ward backup.
//!
//! The otpauth and google formats are unencrypted: ward says so and asks
//! for confirmation unless `--yes` is given. Files are created readable by
//! their owner only.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use qrcode::render::unicode::Dense1x2;
use qrcode::{EcLevel, QrCode};
use ward_core::Account;
use ward_core::export::{backup, google, otpauth};
use ward_core::import::ImportedEntry;
use zeroize::Zeroizing;

use crate::commands::import::{print_skipped, read_source};
use crate::failure::Failure;
use crate::session;

/// Environment variable holding the password for a new backup.
pub const BACKUP_PASSWORD_ENV: &str = "WARD_BACKUP_PASSWORD";

/// The export formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// otpauth:// URIs, one per line (unencrypted).
    Otpauth,
    /// Google Authenticator migration QR codes / URIs (unencrypted).
    Google,
    /// Ward's encrypted backup (Argon2id + AES-256-GCM).
    Backup,
}

/// Arguments of `ward export`.
#[derive(clap::Args)]
pub struct Args {
    /// What to write.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With --format google: draw the QR codes in the terminal, one after
    /// another, for Google Authenticator to scan.
    #[arg(long)]
    qr: bool,
    /// Do not ask before writing secrets unencrypted.
    #[arg(long)]
    yes: bool,
    /// Export the accounts of this import source (file or URI) instead of
    /// the vault's: converts between formats without a vault.
    #[arg(long, value_name = "FILE|URI")]
    from: Option<String>,
}

/// Runs the export.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let entries = match &args.from {
        Some(source) => {
            let report = read_source(source)?;
            print_skipped(&report);
            report.entries
        }
        None => vault_entries(vault)?,
    };
    if entries.is_empty() {
        return Err(Failure::input("there are no accounts to export"));
    }
    match args.format {
        ExportFormat::Otpauth => {
            confirm_plain(&args, entries.len())?;
            let accounts: Vec<Account> = entries.into_iter().map(|e| e.account).collect();
            let text = otpauth::to_text(&accounts);
            write_output(args.output.as_deref(), text.as_bytes())?;
            eprintln!(
                "ward: exported {} accounts as otpauth URIs (unencrypted)",
                accounts.len()
            );
            Ok(())
        }
        ExportFormat::Google => export_google(&args, entries),
        ExportFormat::Backup => {
            if args.qr {
                return Err(Failure::input("--qr works with --format google only"));
            }
            let password = new_password()?;
            let bytes = backup::seal(&entries, &password).map_err(Failure::input)?;
            write_output(args.output.as_deref(), &bytes)?;
            eprintln!(
                "ward: wrote an encrypted backup of {} accounts and verified it by decrypting it",
                entries.len()
            );
            Ok(())
        }
    }
}

fn export_google(args: &Args, entries: Vec<ImportedEntry>) -> Result<(), Failure> {
    let accounts: Vec<Account> = entries.into_iter().map(|e| e.account).collect();
    let export = google::export(&accounts, google::random_batch_id());
    for left in &export.left_out {
        eprintln!("ward: not exported: {}: {}", left.label, left.reason);
    }
    if export.uris.is_empty() {
        return Err(Failure::input(
            "none of these accounts can be carried by a Google Authenticator export",
        ));
    }
    confirm_plain(args, accounts.len() - export.left_out.len())?;
    if args.qr {
        return draw_codes(&export.uris);
    }
    let mut text = Zeroizing::new(String::new());
    for uri in &export.uris {
        text.push_str(uri);
        text.push('\n');
    }
    write_output(args.output.as_deref(), text.as_bytes())?;
    eprintln!(
        "ward: exported {} accounts in {} Google Authenticator QR payloads ({} left out)",
        accounts.len() - export.left_out.len(),
        export.uris.len(),
        export.left_out.len()
    );
    Ok(())
}

/// Draws each QR code, waiting for Enter between codes.
fn draw_codes(uris: &[Zeroizing<String>]) -> Result<(), Failure> {
    let stdin = std::io::stdin();
    let total = uris.len();
    for (index, uri) in uris.iter().enumerate() {
        let code =
            QrCode::with_error_correction_level(uri.as_bytes(), EcLevel::M).map_err(|_| {
                Failure::input("a QR code could not be drawn: the payload is too large")
            })?;
        let drawn = Zeroizing::new(
            code.render::<Dense1x2>()
                .dark_color(Dense1x2::Light)
                .light_color(Dense1x2::Dark)
                .quiet_zone(true)
                .build(),
        );
        println!(
            "\nQR code {} of {total}: in Google Authenticator choose Transfer accounts > Import accounts and scan it",
            index + 1
        );
        println!("{}", drawn.as_str());
        if index + 1 < total {
            print!("Press Enter for the next code... ");
            let _ = std::io::stdout().flush();
            let mut line = String::new();
            stdin.lock().read_line(&mut line).map_err(|error| {
                Failure::input(format!("cannot read from the terminal: {error}"))
            })?;
        }
    }
    println!("\ndone: {total} of {total} codes shown");
    Ok(())
}

/// Unencrypted output needs `--yes` or a "y" typed at the terminal.
fn confirm_plain(args: &Args, count: usize) -> Result<(), Failure> {
    if args.yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::input(
            "this export is unencrypted (anyone who sees it can make your codes): add --yes to confirm, or use --format backup",
        ));
    }
    eprint!(
        "This writes the secrets of {count} accounts UNENCRYPTED: anyone who sees them can make your codes. Continue? [y/N] "
    );
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|error| Failure::input(format!("cannot read the answer: {error}")))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(Failure::input("export cancelled: nothing was written"))
    }
}

fn new_password() -> Result<Zeroizing<Vec<u8>>, Failure> {
    if let Some(value) = std::env::var_os(BACKUP_PASSWORD_ENV) {
        return Ok(Zeroizing::new(value.into_encoded_bytes()));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(|text| Zeroizing::new(text.into_bytes()))
            .map_err(|_| {
                Failure::input(format!(
                    "cannot read a password from the terminal: set {BACKUP_PASSWORD_ENV}"
                ))
            })
    };
    let first = ask("Backup password: ")?;
    let second = ask("Repeat the backup password: ")?;
    if *first != *second {
        return Err(Failure::input(
            "the two passwords differ: nothing was written",
        ));
    }
    Ok(first)
}

/// Writes to the file (created owner-only on Unix) or to standard output.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|error| Failure::input(format!("cannot write the export: {error}")));
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|error| Failure::input(format!("cannot write {}: {error}", path.display())))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|error| Failure::input(format!("cannot write {}: {error}", path.display())))
}

/// The vault's entries with their secrets, in the vault's order, once
/// the passphrase was given again (the proof every export needs). Damaged
/// entries cannot be exported: each is named on stderr, and the export
/// goes on without it.
fn vault_entries(vault: Option<PathBuf>) -> Result<Vec<ImportedEntry>, Failure> {
    let opened = session::open_unlocked(vault)?;
    let now = session::reauthenticate(&opened)?;
    let exported = opened.export_entries(now)?;
    for id in exported.damaged {
        eprintln!("ward: entry {id} is damaged and cannot be exported (it stays in the vault)");
    }
    Ok(exported.entries)
}
