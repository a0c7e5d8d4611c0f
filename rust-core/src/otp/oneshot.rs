//! One code from the parameters, computed with the RustCrypto `hmac` crate.
//! Simple and slower than [`super::Generator`]; also its reference.

use hmac::{KeyInit, Mac};

use super::code::OtpCode;
use crate::account::{Algorithm, OtpKind, OtpParams};

/// HOTP value for `counter` (RFC 4226 §5.3), whatever the kind's own moving
/// factor; Steam parameters give a Steam code.
pub fn hotp(params: &OtpParams, counter: u64) -> OtpCode {
    let key = params.secret().as_bytes();
    let message = counter.to_be_bytes();
    // new_from_slice accepts keys of any length for HMAC.
    let mac: Vec<u8> = match params.algorithm() {
        Algorithm::Sha1 => mac_of::<hmac::Hmac<sha1::Sha1>>(key, &message),
        Algorithm::Sha256 => mac_of::<hmac::Hmac<sha2::Sha256>>(key, &message),
        Algorithm::Sha512 => mac_of::<hmac::Hmac<sha2::Sha512>>(key, &message),
    };
    match params.kind() {
        OtpKind::Steam { .. } => OtpCode::steam(&mac),
        _ => OtpCode::decimal(&mac, params.digits()),
    }
}

/// TOTP value at `unix_time` (RFC 6238 §4.2, T0 = 0). For HOTP parameters
/// this is the code at the stored counter.
pub fn totp(params: &OtpParams, unix_time: u64) -> OtpCode {
    hotp(params, totp_counter(params.kind(), unix_time))
}

/// The moving factor at `unix_time`: `floor(unix_time / period)` for
/// time-based kinds (RFC 6238 §4.2 `T`), the stored counter for HOTP.
pub fn totp_counter(kind: OtpKind, unix_time: u64) -> u64 {
    match kind {
        OtpKind::Totp { period } | OtpKind::Steam { period } => unix_time / period,
        OtpKind::Hotp { counter } => counter,
    }
}

fn mac_of<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
    match <M as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        // HMAC takes keys of every length; kept total rather than panicking.
        Err(_) => Vec::new(),
    }
}
