//! `ward parse <URI> --json`

use serde::Serialize;
use ward_core::{Account, OtpKind};

use crate::failure::Failure;

/// Arguments of `ward parse`.
#[derive(clap::Args)]
pub struct Args {
    /// The otpauth URI to read.
    uri: String,
    /// Print one JSON object: kind, issuer, account, secret, algorithm,
    /// digits, and period or counter.
    #[arg(long)]
    json: bool,
}

/// The JSON shape of one account, shared with `ward import --dry-run --json`.
/// It carries the secret: print it only where the user asked for it.
#[derive(Serialize)]
pub struct AccountJson {
    kind: &'static str,
    issuer: String,
    account: String,
    secret: String,
    algorithm: &'static str,
    digits: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

impl AccountJson {
    /// The account's fields in the CLI's JSON vocabulary.
    pub fn new(account: &Account) -> Self {
        let kind = account.params.kind();
        AccountJson {
            kind: kind.name(),
            issuer: account.issuer.clone(),
            account: account.name.clone(),
            secret: account.params.secret().to_base32().to_string(),
            algorithm: account.params.algorithm().name(),
            digits: account.params.digits(),
            period: kind.period(),
            counter: match kind {
                OtpKind::Hotp { counter } => Some(counter),
                _ => None,
            },
        }
    }
}

/// Prints what the URI contains: JSON with `--json`, else readable lines.
pub fn run(args: Args) -> Result<(), Failure> {
    let account = ward_core::uri::parse(&args.uri)?;
    let json = AccountJson::new(&account);
    if args.json {
        let text = serde_json::to_string(&json).map_err(Failure::input)?;
        println!("{text}");
        return Ok(());
    }
    let kind = account.params.kind();
    println!("kind:      {}", kind.name());
    println!("issuer:    {}", account.issuer);
    println!("account:   {}", account.name);
    println!("algorithm: {}", account.params.algorithm());
    println!("digits:    {}", account.params.digits());
    match kind {
        OtpKind::Hotp { counter } => println!("counter:   {counter}"),
        OtpKind::Totp { period } | OtpKind::Steam { period } => println!("period:    {period}s"),
    }
    if account.params.secret().is_below_rfc4226_minimum() {
        println!(
            "note:      the secret is {} bits, below RFC 4226's 128-bit minimum",
            account.params.secret().len() * 8
        );
    }
    Ok(())
}
