//! The per-account code generator: HMAC keyed once, two compressions a code.

use std::fmt;

use hmac::{KeyInit, Mac};

use super::code::{OtpCode, dynamic_truncation};
use crate::account::{Algorithm, OtpKind, OtpParams};

/// HMAC (RFC 2104) keyed once per account with the RustCrypto `hmac` crate:
/// the key schedule (the hash states after `K ^ ipad` and `K ^ opad`) is
/// done in [`Generator::new`]; each code clones that state and costs the
/// two compressions of the inner and outer block. Built with the crates'
/// `zeroize` feature, so the keyed states are wiped on drop.
///
/// The rare SHA-2 states are boxed: a keyed `Hmac<Sha512>` is about 300
/// bytes, and unboxed it would size every generator, which the vault keeps
/// one of per entry and walks on every refresh of the list.
#[derive(Clone)]
enum KeyedMac {
    Sha1(hmac::Hmac<sha1::Sha1>),
    Sha256(Box<hmac::Hmac<sha2::Sha256>>),
    Sha512(Box<hmac::Hmac<sha2::Sha512>>),
}

impl KeyedMac {
    /// `None` only if the crate refused the key, which HMAC never does
    /// (keys of every length are hashed or padded, RFC 2104 §2).
    fn new(algorithm: Algorithm, key: &[u8]) -> Option<Self> {
        Some(match algorithm {
            Algorithm::Sha1 => KeyedMac::Sha1(hmac::Hmac::new_from_slice(key).ok()?),
            Algorithm::Sha256 => KeyedMac::Sha256(Box::new(hmac::Hmac::new_from_slice(key).ok()?)),
            Algorithm::Sha512 => KeyedMac::Sha512(Box::new(hmac::Hmac::new_from_slice(key).ok()?)),
        })
    }

    /// RFC 4226 §5.3 dynamic truncation of HMAC(K, counter as 8 big-endian
    /// bytes); the HMAC value stays on the stack.
    #[inline]
    fn truncated(&self, counter: u64) -> u32 {
        let message = counter.to_be_bytes();
        match self {
            KeyedMac::Sha1(keyed) => {
                let mut mac = keyed.clone();
                mac.update(&message);
                dynamic_truncation(&mac.finalize().into_bytes())
            }
            KeyedMac::Sha256(keyed) => {
                let mut mac = hmac::Hmac::clone(keyed);
                mac.update(&message);
                dynamic_truncation(&mac.finalize().into_bytes())
            }
            KeyedMac::Sha512(keyed) => {
                let mut mac = hmac::Hmac::clone(keyed);
                mac.update(&message);
                dynamic_truncation(&mac.finalize().into_bytes())
            }
        }
    }
}

/// Computes an account's codes. Built once per account (the key schedule is
/// done here), then cheap per code. Holds key-derived state, zeroized on
/// drop; `Debug` shows no key material.
#[derive(Clone)]
pub struct Generator {
    mac: Option<KeyedMac>,
    digits: u8,
    kind: OtpKind,
}

/// The code for a moment in time, with what a screen needs around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedCode {
    /// The code valid now.
    pub current: OtpCode,
    /// The code of the next time step (AWS asks for two consecutive codes
    /// when an MFA device is assigned). For HOTP, the code at counter + 1.
    pub next: OtpCode,
    /// Seconds until `current` expires, 1 to `period`; 0 for HOTP, which
    /// does not expire.
    pub seconds_remaining: u64,
    /// The moving factor `current` was computed for: the time step
    /// (RFC 6238 §4.2 `T`) or the HOTP counter.
    pub counter: u64,
}

impl Generator {
    /// Keys HMAC for this account.
    pub fn new(params: &OtpParams) -> Self {
        Generator {
            mac: KeyedMac::new(params.algorithm(), params.secret().as_bytes()),
            digits: params.digits(),
            kind: params.kind(),
        }
    }

    /// The code for an explicit counter value: the HOTP value of RFC 4226
    /// §5.3, or for time-based kinds the code of time step `counter`.
    #[inline]
    pub fn code_for_counter(&self, counter: u64) -> OtpCode {
        let truncated = self.mac.as_ref().map_or(0, |mac| mac.truncated(counter));
        match self.kind {
            OtpKind::Steam { .. } => OtpCode::steam_from_truncated(truncated),
            _ => OtpCode::decimal_from_truncated(truncated, self.digits),
        }
    }

    /// The current and next codes at `unix_time` (seconds since the epoch,
    /// T0 = 0, RFC 6238 §4.2). For HOTP the time is ignored and the stored
    /// counter is used.
    pub fn code_at(&self, unix_time: u64) -> TimedCode {
        let (counter, seconds_remaining) = match self.kind {
            OtpKind::Totp { period } | OtpKind::Steam { period } => time_step(unix_time, period),
            OtpKind::Hotp { counter } => (counter, 0),
        };
        TimedCode {
            current: self.code_for_counter(counter),
            next: self.code_for_counter(counter.wrapping_add(1)),
            seconds_remaining,
            counter,
        }
    }

    /// Only the current code at `unix_time` (one HMAC instead of two).
    #[inline]
    pub fn current_code(&self, unix_time: u64) -> OtpCode {
        match self.kind {
            OtpKind::Totp { period } | OtpKind::Steam { period } => {
                self.code_for_counter(time_step(unix_time, period).0)
            }
            OtpKind::Hotp { counter } => self.code_for_counter(counter),
        }
    }
}

/// RFC 6238 §4.2: the time step `T = floor(unix_time / period)` (T0 = 0)
/// and the seconds until it ends, 1 to `period`. `period` is at least 1
/// (checked by `OtpParams::new`); 30 seconds, nearly every account, divides
/// by a constant (a multiplication instead of a division instruction).
#[inline]
fn time_step(unix_time: u64, period: u64) -> (u64, u64) {
    let step = if period == 30 {
        unix_time / 30
    } else {
        unix_time / period
    };
    (step, period - (unix_time - step * period))
}

impl fmt::Debug for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator")
            .field("digits", &self.digits)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::Algorithm;
    use crate::secret::Secret;

    fn params(kind: OtpKind) -> OtpParams {
        let secret = Secret::from_bytes(b"12345678901234567890".to_vec()).unwrap();
        OtpParams::new(secret, Algorithm::Sha1, 6, kind).unwrap()
    }

    #[test]
    fn countdown_and_next() {
        let generator = Generator::new(&params(OtpKind::Totp { period: 30 }));
        let at_59 = generator.code_at(59);
        assert_eq!(at_59.seconds_remaining, 1);
        assert_eq!(at_59.counter, 1);
        let at_60 = generator.code_at(60);
        assert_eq!(at_60.seconds_remaining, 30);
        assert_eq!(at_59.next, at_60.current);
    }

    #[test]
    fn countdown_for_other_periods() {
        for period in [1u64, 7, 29, 30, 31, 45, 60, 120] {
            let generator = Generator::new(&params(OtpKind::Totp { period }));
            for time in [0u64, 1, 29, 30, 59, 1_700_000_000, u64::MAX - 1, u64::MAX] {
                let timed = generator.code_at(time);
                assert_eq!(timed.counter, time / period, "{time} / {period}");
                assert_eq!(timed.seconds_remaining, period - time % period);
                assert_eq!(timed.current, generator.code_for_counter(time / period));
            }
        }
    }

    #[test]
    fn far_future_times() {
        let generator = Generator::new(&params(OtpKind::Totp { period: 1 }));
        let last = generator.code_at(u64::MAX);
        assert_eq!(last.seconds_remaining, 1);
        assert_eq!(last.counter, u64::MAX);
        let generator = Generator::new(&params(OtpKind::Totp { period: 30 }));
        // Past 2038 and 2106.
        assert_eq!(generator.code_at(4_294_967_296).counter, 143_165_576);
    }

    #[test]
    fn hotp_uses_its_counter() {
        let generator = Generator::new(&params(OtpKind::Hotp { counter: 0 }));
        let code = generator.code_at(123_456);
        assert_eq!(code.current.as_str(), "755224");
        assert_eq!(code.next.as_str(), "287082");
        assert_eq!(code.seconds_remaining, 0);
    }

    /// The vault keeps one generator per entry and walks them all on each
    /// refresh of the list: the SHA-2 states stay out of line.
    #[test]
    fn a_generator_is_small() {
        let size = std::mem::size_of::<Generator>();
        assert!(size <= 160, "{size} bytes");
    }

    #[test]
    fn debug_shows_no_key() {
        let generator = Generator::new(&params(OtpKind::Totp { period: 30 }));
        let shown = format!("{generator:?}");
        assert!(
            !shown.contains("inner") && !shown.contains("outer"),
            "{shown}"
        );
    }
}
