//! # ward-core
//!
//! Everything Ward does that is not a screen, a camera or a platform key store:
//!
//! - [`otp`]: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard codes;
//! - [`uri`]: reading and writing `otpauth://` URIs (Google's Key Uri Format);
//! - [`account`]: the account model every other module speaks;
//! - [`secret`]: OTP secrets, base32 parsing, zeroized on drop;
//! - [`crypto`]: AES-256-GCM, Argon2id, randomness and zeroized keys;
//! - [`vault`]: the encrypted SQLite vault ([`vault::Vault`]);
//! - [`import`]: reading other authenticators' exports and backups;
//! - [`export`]: otpauth lists, Google Authenticator QR batches, Ward backups;
//! - [`qr`]: QR decoding from camera frames, and sorting what was decoded.
//!
//! Nothing in this crate reads the clock: every function that depends on time
//! takes it as an argument (Unix seconds, `u64`).
//!
//! This crate has no FFI concerns; `ward-ffi` wraps it for Kotlin and Swift.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod account;
pub mod crypto;
pub mod error;
pub mod export;
pub mod import;
pub mod otp;
pub mod qr;
pub mod secret;
pub mod uri;
pub mod vault;

pub use account::{Account, Algorithm, OtpKind, OtpParams};
pub use error::Error;
pub use secret::Secret;
