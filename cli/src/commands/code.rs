//! `ward code <URI> [--at <unix-seconds>]`

use std::time::{SystemTime, UNIX_EPOCH};

use ward_core::otp::Generator;

use crate::failure::Failure;

/// Arguments of `ward code`.
#[derive(clap::Args)]
pub struct Args {
    /// The otpauth URI, e.g. otpauth://totp/Issuer:me?secret=JBSWY3DPEHPK3PXP
    uri: String,
    /// Compute the code for this time (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS")]
    at: Option<u64>,
}

/// Prints the code valid at the given time (or now) on one line.
pub fn run(args: Args) -> Result<(), Failure> {
    let account = ward_core::uri::parse(&args.uri)?;
    let now = args.at.map_or_else(unix_now, Ok)?;
    let code = Generator::new(&account.params).current_code(now);
    println!("{code}");
    Ok(())
}

/// The clock lives in the shells, never in the core.
pub fn unix_now() -> Result<u64, Failure> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .map_err(|_| Failure::input("the system clock is set before 1970: fix the date and time"))
}
