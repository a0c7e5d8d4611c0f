//! Measures how large the QR codes of a Google Authenticator export get:
//! for each batch limit, the QR version (21 + 4 * (v - 1) modules a side)
//! at error-correction level M, for typical and for long account names.
//! This is how `export::google`'s batch limits were chosen.
//!
//! Run: `cargo run --release -p ward-core --example qr_batch_sizes`

use qrcode::{EcLevel, QrCode};
use ward_core::account::{Account, Algorithm, OtpKind, OtpParams};
use ward_core::export::google::export_with_limits;
use ward_core::secret::Secret;

fn account(n: usize, issuer_len: usize, name_len: usize) -> Account {
    let issuer: String = format!("Issuer{n:03}{}", "x".repeat(issuer_len))
        .chars()
        .take(issuer_len)
        .collect();
    let name: String = format!("user{n:03}@example.com{}", "y".repeat(name_len))
        .chars()
        .take(name_len)
        .collect();
    Account {
        issuer,
        name,
        params: OtpParams::new(
            Secret::from_bytes(vec![(n * 7) as u8; 20]).expect("secret"),
            Algorithm::Sha1,
            6,
            OtpKind::Totp { period: 30 },
        )
        .expect("params"),
    }
}

fn main() {
    for (label, issuer_len, name_len) in [
        ("typical (12 + 20 chars)", 12, 20),
        ("long (30 + 40 chars)", 30, 40),
    ] {
        let accounts: Vec<Account> = (0..40).map(|n| account(n, issuer_len, name_len)).collect();
        println!("{label}:");
        println!("  accounts/code  URI chars  QR version (EC M)");
        for per_batch in [1, 2, 4, 6, 8, 10, 12, 15, 20] {
            let export = export_with_limits(&accounts, 1, per_batch, usize::MAX);
            let uri = &export.uris[0];
            let version = match QrCode::with_error_correction_level(uri.as_bytes(), EcLevel::M) {
                Ok(code) => match code.version() {
                    qrcode::Version::Normal(v) => v.to_string(),
                    other => format!("{other:?}"),
                },
                Err(_) => "too large".into(),
            };
            println!("  {per_batch:>13}  {:>9}  {version:>17}", uri.len());
        }
        let default = ward_core::export::google::export(&accounts, 1);
        let worst = default
            .uris
            .iter()
            .filter_map(|uri| QrCode::with_error_correction_level(uri.as_bytes(), EcLevel::M).ok())
            .filter_map(|code| match code.version() {
                qrcode::Version::Normal(v) => Some(v),
                _ => None,
            })
            .max();
        println!(
            "  default limits: {} codes for 40 accounts, largest QR version {:?}\n",
            default.uris.len(),
            worst
        );
    }
}
