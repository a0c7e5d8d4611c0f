//! `ward codes [--json] [--at SECS] [--watch]`. Exits 3 after printing
//! every readable entry's code when the vault was changed outside Ward.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;
use ward_core::vault::{Code, CodeState, Vault};

use crate::commands::code::unix_now;
use crate::failure::Failure;
use crate::session;

/// Arguments of `ward codes`.
#[derive(clap::Args)]
pub struct Args {
    /// Print a JSON array of {id, issuer, account, code, seconds_remaining,
    /// next_code}; damaged entries have "code": null and an "error".
    #[arg(long)]
    json: bool,
    /// Codes for this time (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS", conflicts_with = "watch")]
    at: Option<u64>,
    /// Redraw every second with a countdown, until interrupted.
    #[arg(long)]
    watch: bool,
}

#[derive(Serialize)]
struct Row {
    id: String,
    issuer: String,
    account: String,
    kind: &'static str,
    code: Option<String>,
    next_code: Option<String>,
    seconds_remaining: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn row(code: Code) -> Row {
    let mut row = Row {
        id: code.id.to_string(),
        issuer: code.issuer,
        account: code.account,
        kind: code.kind.map_or("damaged", |kind| kind.name()),
        code: None,
        next_code: None,
        seconds_remaining: None,
        period: None,
        counter: None,
        error: None,
    };
    match code.state {
        CodeState::Timed {
            code,
            next_code,
            seconds_remaining,
            period,
        } => {
            row.code = Some(code.to_string());
            row.next_code = Some(next_code.to_string());
            row.seconds_remaining = Some(seconds_remaining);
            row.period = Some(period);
        }
        CodeState::Hotp { counter } => row.counter = Some(counter),
        CodeState::Damaged { error } => row.error = Some(error.to_string()),
    }
    row
}

/// Prints every entry's code once, or redraws every second with `--watch`.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let vault = session::open_unlocked(vault)?;
    if !args.watch {
        let now = args.at.map_or_else(unix_now, Ok)?;
        print(&vault, now, args.json)?;
        return Failure::unless_intact(&vault);
    }
    loop {
        let now = unix_now()?;
        if !args.json {
            // Clear the screen and go home, like the phone's list redrawing.
            print!("\x1b[2J\x1b[H");
        }
        print(&vault, now, args.json)?;
        let _ = std::io::stdout().flush();
        // Wake just after the next whole second, so the countdown ticks
        // in step with the clock.
        let into_second = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.subsec_millis())
            .unwrap_or(0);
        std::thread::sleep(Duration::from_millis(u64::from(1000 - into_second) + 5));
    }
}

fn print(vault: &Vault, now: u64, json: bool) -> Result<(), Failure> {
    let rows: Vec<Row> = vault.codes_at(now)?.into_iter().map(row).collect();
    if json {
        println!("{}", serde_json::to_string(&rows).map_err(Failure::input)?);
        return Ok(());
    }
    for row in rows {
        let label = format!("{} {}", row.issuer, row.account);
        match (&row.code, &row.error) {
            (Some(code), _) => println!(
                "{:<10} {:>3}s  next {:<10} {}",
                code,
                row.seconds_remaining.unwrap_or(0),
                row.next_code.as_deref().unwrap_or(""),
                label.trim()
            ),
            (None, Some(error)) => println!("{}  DAMAGED: {error}", row.id),
            (None, None) => println!(
                "{:<10} hotp   counter {:<5} {}  (ward next {})",
                "------",
                row.counter.unwrap_or(0),
                label.trim(),
                row.id
            ),
        }
    }
    Ok(())
}
