//! `ward`: the Ward authenticator on the desktop, driving the same core as
//! the phone apps.
//!
//! Exit status: 0 on success, 2 on bad input (a one-line message on stderr,
//! nothing on stdout), never a panic.

mod commands;
mod failure;

use std::process::ExitCode;

use clap::error::ErrorKind;
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
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    let result = match cli.command {
        Command::Code(args) => commands::code::run(args),
        Command::Parse(args) => commands::parse::run(args),
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
