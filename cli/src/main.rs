//! `ward`: the Ward authenticator on the desktop, driving the same core as
//! the phone apps.
//!
//! Exit status: 0 on success, 2 on bad input or a wrong passphrase, 1 when
//! the vault cannot be read or written (a one-line message on stderr,
//! nothing on stdout), 3 when the vault was changed outside Ward (`list`
//! and `codes` still print every readable entry first) or `next` refused
//! to repeat a used HOTP code; never a panic.

mod commands;
mod failure;
mod picture;
mod session;

use std::process::ExitCode;

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};

/// Ward: one-time codes from otpauth URIs, offline.
#[derive(Parser)]
#[command(name = "ward", version, about, long_about = None)]
struct Cli {
    /// The vault file (default: vault.ward in your data directory, e.g.
    /// ~/.local/share/ward/). The passphrase comes from WARD_PASSPHRASE
    /// when set, else from a prompt.
    #[arg(long, global = true, env = "WARD_VAULT", value_name = "PATH")]
    vault: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the current code for an otpauth URI (TOTP, HOTP or Steam).
    ///
    /// For hotp URIs the code for the URI's counter is printed.
    Code(commands::code::Args),
    /// Show what an otpauth URI contains.
    Parse(commands::parse::Args),
    /// Print the text of every QR code in a PNG or JPEG picture, one per line.
    DecodeQr(commands::decode_qr::Args),
    /// Add the accounts in a QR code picture (otpauth or Google Authenticator export) to the vault.
    Scan(commands::scan::Args),
    /// Create a new encrypted vault.
    Init(commands::init::Args),
    /// Add an account from an otpauth URI; prints its id.
    Add(commands::add::Args),
    /// Import accounts from another authenticator's export, in one
    /// transaction (detects the format; encrypted files ask for their
    /// password or read WARD_IMPORT_PASSWORD).
    Import(commands::import::Args),
    /// Export accounts as otpauth URIs, Google Authenticator QR codes, or an
    /// encrypted Ward backup.
    Export(commands::export::Args),
    /// List the vault's entries (never their secrets).
    List(commands::list::Args),
    /// Remove an entry.
    Remove(commands::remove::Args),
    /// Print the next code of an HOTP entry (the counter is saved first).
    Next(commands::next::Args),
    /// Change the vault passphrase.
    Passwd(commands::passwd::Args),
    /// Print every entry's current code.
    Codes(commands::codes::Args),
    /// Check the vault for changes made outside Ward (exit 3 if any);
    /// --accept keeps the vault as it is now.
    Verify(commands::verify::Args),
    /// Automatic encrypted backups: --dir DIR [--keep N] turns them on,
    /// --off turns them off, no option shows the settings and last result.
    Backup(commands::backup::Args),
    /// Create the vault (--vault / WARD_VAULT, never overwritten) from a
    /// backup file, opened with its passphrase (WARD_PASSPHRASE).
    Restore(commands::restore::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    let result = match cli.command {
        Command::Code(args) => commands::code::run(args),
        Command::Parse(args) => commands::parse::run(args),
        Command::DecodeQr(args) => commands::decode_qr::run(args),
        Command::Scan(args) => commands::scan::run(cli.vault, args),
        Command::Init(args) => commands::init::run(cli.vault, args),
        Command::Add(args) => commands::add::run(cli.vault, args),
        Command::Import(args) => commands::import::run(cli.vault, args),
        Command::Export(args) => commands::export::run(cli.vault, args),
        Command::List(args) => commands::list::run(cli.vault, args),
        Command::Remove(args) => commands::remove::run(cli.vault, args),
        Command::Next(args) => commands::next::run(cli.vault, args),
        Command::Passwd(args) => commands::passwd::run(cli.vault, args),
        Command::Codes(args) => commands::codes::run(cli.vault, args),
        Command::Verify(args) => commands::verify::run(cli.vault, args),
        Command::Backup(args) => commands::backup::run(cli.vault, args),
        Command::Restore(args) => commands::restore::run(cli.vault, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// `--help` and `--version` print and succeed; a bare `ward` shows the help
/// (status 2); any other argument error is bad input: one line on stderr,
/// status 2, like every other failure.
fn usage_error(error: clap::Error) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = error.print();
        return ExitCode::from(2);
    }
    let rendered = error.render().to_string();
    let message = rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with("Usage:") && !line.starts_with("For more information"))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    failure::Failure::input(format!("{message} (see ward --help)")).report()
}
