//! `ward`: the Ward authenticator on the desktop, driving the same core as
//! the phone apps.
//!
//! Exit status: 0 on success, 2 on bad input (a one-line message on stderr,
//! nothing on stdout), never a panic.

mod commands;
mod failure;
mod picture;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Ward: one-time codes from otpauth URIs, offline.
#[derive(Parser)]
#[command(name = "ward", version, about, long_about = None)]
struct Cli {
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
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Code(args) => commands::code::run(args),
        Command::Parse(args) => commands::parse::run(args),
        Command::DecodeQr(args) => commands::decode_qr::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
