//! `ward scan <IMAGE>`: reads the QR codes in a picture and adds what they
//! hold to the vault: one account (otpauth://) or a Google Authenticator
//! export (otpauth-migration://), all in one transaction.

use std::path::PathBuf;

use ward_core::import;
use ward_core::qr::{AuthenticatorQr, QrError, authenticator_qr};
use zeroize::Zeroizing;

use crate::commands::code::unix_now;
use crate::commands::decode_qr;
use crate::commands::import::{nothing_found, print_skipped};
use crate::failure::Failure;
use crate::session;

/// Arguments of `ward scan`.
#[derive(clap::Args)]
pub struct Args {
    /// A PNG or JPEG picture of the QR code (a screenshot of the site's
    /// two-factor page or of Google Authenticator's export screen).
    image: PathBuf,
}

/// Decodes the picture, imports every authenticator code in it and prints
/// one line per account: `added: ISSUER (ACCOUNT)` or `already in the
/// vault: ...`. Fails (exit 2, vault untouched) when the picture has no QR
/// code, or only codes that are not authenticator codes (the message says
/// what they are).
pub fn run(vault: Option<PathBuf>, args: Args) -> Result<(), Failure> {
    let texts = Zeroizing::new(decode_qr::texts_in(&args.image)?);
    let mut uris = Vec::new();
    let mut refused: Option<QrError> = None;
    for text in texts.iter() {
        match authenticator_qr(text) {
            Ok(AuthenticatorQr::Otpauth(uri) | AuthenticatorQr::Migration(uri)) => uris.push(uri),
            Err(error) => {
                refused.get_or_insert(error);
            }
        }
    }
    if uris.is_empty() {
        let error = refused.unwrap_or(QrError::NoCode);
        return Err(ward_core::Error::from(error).into());
    }
    let joined = Zeroizing::new(uris.join("\n"));
    let report = import::import(joined.as_bytes(), None).map_err(Failure::input)?;
    if report.entries.is_empty() {
        return Err(nothing_found(&report));
    }
    let opened = session::open_unlocked(vault)?;
    let written = opened.import_entries(report.entries.clone(), unix_now()?)?;
    for (index, entry) in report.entries.iter().enumerate() {
        let account = &entry.account;
        if written.duplicates.iter().any(|d| d.index == index) {
            println!(
                "already in the vault: {} ({})",
                account.issuer, account.name
            );
        } else {
            println!("added: {} ({})", account.issuer, account.name);
        }
    }
    print_skipped(&report);
    crate::commands::backup::after_change(&opened);
    Ok(())
}
