//! One-time password generation: HOTP (RFC 4226), TOTP (RFC 6238) and Steam
//! Guard codes.
//!
//! - [`Generator`] is built once per account: it keys the `hmac` crate once
//!   (the inner and outer pad states of RFC 2104 §2) and then costs the two
//!   hash compressions of one code plus the crate's buffering. Use it for
//!   lists of codes.
//! - [`hotp`] and [`totp`] compute one code from the parameters with the
//!   RustCrypto `hmac` crate; they are the reference the generator is tested
//!   against.
//!
//! Time is always a parameter (Unix seconds as `u64`, T0 = 0); nothing here
//! reads the clock.

mod code;
mod generator;
mod oneshot;

pub use code::{OtpCode, STEAM_ALPHABET};
pub use generator::{Generator, TimedCode};
pub use oneshot::{hotp, totp, totp_counter};
