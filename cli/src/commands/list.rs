//! `ward list [--json]`: ids, issuers, accounts and kinds; never secrets.
//! Exits 3 after the list when the vault was changed outside Ward.

use std::path::PathBuf;

use serde::Serialize;
use ward_core::vault::ListedEntry;

use crate::failure::Failure;
use crate::session;

/// Arguments of `ward list`.
#[derive(clap::Args)]
pub struct Args {
    /// Print a JSON array of {id, issuer, account, kind}.
    #[arg(long)]
    json: bool,
    /// Only entries whose issuer or account contains this text.
    #[arg(long, default_value = "")]
    filter: String,
}

#[derive(Serialize)]
struct Row {
    id: String,
    issuer: Option<String>,
    account: Option<String>,
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Prints the entries in list order.
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let vault = session::open_unlocked(vault)?;
    let rows: Vec<Row> = vault
        .list(&args.filter)?
        .into_iter()
        .map(|listed| match listed {
            ListedEntry::Entry(entry) => Row {
                id: entry.id.to_string(),
                issuer: Some(entry.issuer().to_owned()),
                account: Some(entry.account().to_owned()),
                kind: Some(entry.kind.name()),
                error: None,
            },
            ListedEntry::Damaged { id, .. } => Row {
                id: id.to_string(),
                issuer: None,
                account: None,
                kind: None,
                error: Some(ward_core::vault::VaultError::Damaged { id }.to_string()),
            },
        })
        .collect();
    if args.json {
        println!("{}", serde_json::to_string(&rows).map_err(Failure::input)?);
        return Failure::unless_intact(&vault);
    }
    for row in rows {
        match row.error {
            Some(error) => println!("{}  DAMAGED: {error}", row.id),
            None => println!(
                "{}  {:<5}  {}  {}",
                row.id,
                row.kind.unwrap_or(""),
                row.issuer.unwrap_or_default(),
                row.account.unwrap_or_default()
            ),
        }
    }
    Failure::unless_intact(&vault)
}
