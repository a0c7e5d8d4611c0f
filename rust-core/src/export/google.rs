//! Export to Google Authenticator: `otpauth-migration://offline?data=` URIs,
//! one per QR code, that Google Authenticator's "Transfer accounts > Import"
//! scans.
//!
//! The format carries SHA-1/SHA-256/SHA-512, 6 or 8 digits, TOTP with a
//! 30-second period, and HOTP with a counter up to 2^63 - 1. Accounts it cannot carry (7, 9 or 10 digits,
//! another period, Steam) are left out and listed in
//! [`GoogleExport::left_out`], never silently changed.
//!
//! Dense QR codes fail to scan first, so accounts are split into batches by
//! size: at most [`MAX_ACCOUNTS_PER_BATCH`] accounts and
//! [`MAX_PAYLOAD_BYTES`] bytes of payload per code. Measured with the
//! `qr_batch_sizes` example (QR at error-correction level M): one typical
//! account (20-byte secret, 12-character issuer, 20-character name) gives
//! version 8; 4 per code version 17, 8 per code version 24, 10 per code
//! version 27. The 240-byte budget puts 3 typical accounts in a code at
//! version 15 or below (77 x 77 modules, which fits a terminal and scans
//! easily from a screen), and long names (30 + 40 characters) one per
//! code at version 11.

use prost::Message;
use zeroize::Zeroizing;

use super::LeftOut;
use crate::account::{Account, Algorithm, OtpKind};
use crate::import::google::{MigrationPayload, OtpParameters, encode_uri};
use crate::import::label_of;

/// Most accounts in one QR code.
pub const MAX_ACCOUNTS_PER_BATCH: usize = 10;
/// Most payload bytes (before base64) in one QR code. One account larger
/// than this still gets a code of its own.
pub const MAX_PAYLOAD_BYTES: usize = 240;

/// The URIs of one export and the accounts left out.
#[derive(Debug)]
pub struct GoogleExport {
    /// One `otpauth-migration://` URI per QR code, in batch order. Each holds
    /// secrets and is zeroized on drop.
    pub uris: Vec<Zeroizing<String>>,
    /// Accounts the format cannot carry.
    pub left_out: Vec<LeftOut>,
}

/// Why Google's format cannot carry an account, if it cannot.
pub fn unsupported_reason(account: &Account) -> Option<String> {
    let params = &account.params;
    match params.kind() {
        OtpKind::Steam { .. } => {
            return Some("Google Authenticator does not support Steam accounts".into());
        }
        OtpKind::Totp { period } if period != 30 => {
            return Some(format!(
                "Google Authenticator's export carries only 30-second codes; this one uses {period} seconds"
            ));
        }
        OtpKind::Hotp { counter } if i64::try_from(counter).is_err() => {
            return Some("its HOTP counter is larger than Google's export can carry".into());
        }
        _ => {}
    }
    if !matches!(params.digits(), 6 | 8) {
        return Some(format!(
            "Google Authenticator's export carries only 6- or 8-digit codes; this one has {}",
            params.digits()
        ));
    }
    None
}

/// Splits the accounts into migration URIs with the default batch limits.
/// `batch_id` ties the codes of one export together (use a random one,
/// e.g. [`random_batch_id`]).
pub fn export(accounts: &[Account], batch_id: i32) -> GoogleExport {
    export_with_limits(
        accounts,
        batch_id,
        MAX_ACCOUNTS_PER_BATCH,
        MAX_PAYLOAD_BYTES,
    )
}

/// [`export`] with explicit limits (at least one account per batch).
pub fn export_with_limits(
    accounts: &[Account],
    batch_id: i32,
    max_accounts: usize,
    max_payload_bytes: usize,
) -> GoogleExport {
    let max_accounts = max_accounts.max(1);
    let mut left_out = Vec::new();
    let mut batches: Vec<Vec<OtpParameters>> = Vec::new();
    let mut current: Vec<OtpParameters> = Vec::new();
    let mut current_bytes = 0usize;
    for (index, account) in accounts.iter().enumerate() {
        if let Some(reason) = unsupported_reason(account) {
            left_out.push(LeftOut {
                index,
                label: label_of(&account.issuer, &account.name),
                reason,
            });
            continue;
        }
        let parameters = parameters(account);
        // Field 1 tag + length prefix + message.
        let size = parameters.encoded_len() + 3;
        if !current.is_empty()
            && (current.len() == max_accounts || current_bytes + size > max_payload_bytes)
        {
            batches.push(std::mem::take(&mut current));
            current_bytes = 0;
        }
        current_bytes += size;
        current.push(parameters);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    let batch_size = i32::try_from(batches.len()).unwrap_or(i32::MAX);
    let uris = batches
        .into_iter()
        .enumerate()
        .map(|(index, otp_parameters)| {
            encode_uri(&MigrationPayload {
                otp_parameters,
                version: 1,
                batch_size,
                batch_index: i32::try_from(index).unwrap_or(i32::MAX),
                batch_id,
            })
        })
        .collect();
    GoogleExport { uris, left_out }
}

/// A random non-negative batch id from the system's secure random source.
pub fn random_batch_id() -> i32 {
    let mut bytes = [0u8; 4];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    i32::from_be_bytes(bytes) & i32::MAX
}

/// The Google message for one account. The name is written as
/// `Issuer:name` (as Google Authenticator itself does), or `:name` when
/// there is no issuer and the name has a colon, so it reads back unchanged.
fn parameters(account: &Account) -> OtpParameters {
    let params = &account.params;
    let name = if !account.issuer.is_empty() {
        format!("{}:{}", account.issuer, account.name)
    } else if account.name.contains(':') {
        format!(":{}", account.name)
    } else {
        account.name.clone()
    };
    let (r#type, counter) = match params.kind() {
        OtpKind::Hotp { counter } => (1, i64::try_from(counter).unwrap_or(i64::MAX)), // checked above
        _ => (2, 0),
    };
    OtpParameters {
        secret: params.secret().as_bytes().to_vec(),
        name,
        issuer: account.issuer.clone(),
        algorithm: match params.algorithm() {
            Algorithm::Sha1 => 1,
            Algorithm::Sha256 => 2,
            Algorithm::Sha512 => 3,
        },
        digits: if params.digits() == 8 { 2 } else { 1 },
        r#type,
        counter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::OtpParams;
    use crate::import::google::import_uris;
    use crate::secret::Secret;

    fn account(n: usize, digits: u32, kind: OtpKind) -> Account {
        Account {
            issuer: format!("Issuer {n}"),
            name: format!("user{n}@example.com"),
            params: OtpParams::new(
                Secret::from_bytes(vec![n as u8; 20]).unwrap(),
                Algorithm::Sha1,
                digits,
                kind,
            )
            .unwrap(),
        }
    }

    #[test]
    fn splits_reports_and_round_trips() {
        let mut accounts: Vec<Account> = (0..20)
            .map(|n| account(n, 6, OtpKind::Totp { period: 30 }))
            .collect();
        accounts.push(account(90, 7, OtpKind::Totp { period: 30 }));
        accounts.push(account(91, 6, OtpKind::Totp { period: 60 }));
        accounts.push(account(92, 6, OtpKind::Steam { period: 30 }));
        let export = export(&accounts, 5);
        assert_eq!(export.left_out.len(), 3);
        assert!(export.uris.len() >= 3);
        let uris: Vec<&str> = export.uris.iter().rev().map(|u| u.as_str()).collect();
        let report = import_uris(&uris);
        assert_eq!(report.entries.len(), 20);
        for (imported, original) in report.entries.iter().zip(&accounts) {
            assert_eq!(&imported.account, original);
        }
        assert!(report.google_batches[0].missing.is_empty());
    }

    #[test]
    fn colon_names_survive() {
        let mut a = account(1, 8, OtpKind::Hotp { counter: 7 });
        a.issuer = String::new();
        a.name = "a:b".into();
        let mut b = account(2, 6, OtpKind::Totp { period: 30 });
        b.issuer = "A".into();
        b.name = "A:b".into();
        let export = export(&[a.clone(), b.clone()], 1);
        let uris: Vec<&str> = export.uris.iter().map(|u| u.as_str()).collect();
        let report = import_uris(&uris);
        assert_eq!(report.entries[0].account, a);
        assert_eq!(report.entries[1].account, b);
    }
}
