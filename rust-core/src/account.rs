//! The account model every module speaks: who issued the account, whose it
//! is, and the parameters that produce its codes.

use std::fmt;
use std::str::FromStr;

use crate::secret::Secret;

/// The HMAC hash function (RFC 6238 §1.2 allows SHA-1, SHA-256 and SHA-512).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Algorithm {
    /// HMAC-SHA-1, the RFC 4226 default and what nearly every site uses.
    #[default]
    Sha1,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-512.
    Sha512,
}

impl Algorithm {
    /// The name used in otpauth URIs and JSON: `SHA1`, `SHA256`, `SHA512`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An algorithm name that Ward does not support (MD5 included).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown algorithm '{0}': use SHA1, SHA256 or SHA512")]
pub struct UnknownAlgorithm(pub String);

impl FromStr for Algorithm {
    type Err = UnknownAlgorithm;

    /// Case-insensitive; accepts `SHA1`/`SHA-1` and the like.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let folded: String = name
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_ascii_uppercase();
        match folded.as_str() {
            "SHA1" => Ok(Algorithm::Sha1),
            "SHA256" => Ok(Algorithm::Sha256),
            "SHA512" => Ok(Algorithm::Sha512),
            _ => Err(UnknownAlgorithm(name.chars().take(32).collect())),
        }
    }
}

/// What kind of one-time password an account produces, with the moving
/// factor that kind needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OtpKind {
    /// Time-based (RFC 6238): the counter is `floor(unix_time / period)`, T0 = 0.
    Totp {
        /// Time step in seconds, at least 1 (RFC 6238 §4.1 `X`; 30 by default).
        period: u64,
    },
    /// Counter-based (RFC 4226).
    Hotp {
        /// The counter value for the next code.
        counter: u64,
    },
    /// Steam Guard: TOTP over HMAC-SHA-1, rendered as 5 characters from
    /// Steam's 26-symbol alphabet.
    Steam {
        /// Time step in seconds (Steam uses 30).
        period: u64,
    },
}

impl OtpKind {
    /// `totp`, `hotp` or `steam`, as in URIs and JSON.
    pub fn name(&self) -> &'static str {
        match self {
            OtpKind::Totp { .. } => "totp",
            OtpKind::Hotp { .. } => "hotp",
            OtpKind::Steam { .. } => "steam",
        }
    }

    /// The period for time-based kinds, `None` for HOTP.
    pub fn period(&self) -> Option<u64> {
        match *self {
            OtpKind::Totp { period } | OtpKind::Steam { period } => Some(period),
            OtpKind::Hotp { .. } => None,
        }
    }

    /// The counter for HOTP, `None` for time-based kinds.
    pub fn counter(&self) -> Option<u64> {
        match *self {
            OtpKind::Hotp { counter } => Some(counter),
            _ => None,
        }
    }
}

/// The default TOTP period (RFC 6238 §5.2 recommends 30 seconds).
pub const DEFAULT_PERIOD: u64 = 30;
/// The default number of digits (RFC 4226 §5.3).
pub const DEFAULT_DIGITS: u8 = 6;
/// The fewest digits Ward accepts for HOTP/TOTP (RFC 4226 §5.3 requires 6).
pub const MIN_DIGITS: u8 = 6;
/// The most digits Ward accepts: 10 digits cover the whole 31-bit value.
pub const MAX_DIGITS: u8 = 10;
/// Steam Guard codes are always 5 characters.
pub const STEAM_DIGITS: u8 = 5;

/// Why a set of OTP parameters is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamsError {
    /// Digits outside [`MIN_DIGITS`]..=[`MAX_DIGITS`].
    #[error("{0} digits is not supported: use 6 to 10 digits (most sites use 6)")]
    Digits(u32),
    /// A period of zero seconds.
    #[error("the period must be at least 1 second (most sites use 30)")]
    ZeroPeriod,
}

/// Code parameters without their secret, checked exactly as
/// [`OtpParams::new`] checks them (it checks through this): for whoever
/// keeps the secret elsewhere (the vault's unlock cache) and builds the
/// [`OtpParams`] later with [`OtpParams::with_shape`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParamsShape {
    algorithm: Algorithm,
    digits: u8,
    kind: OtpKind,
}

impl ParamsShape {
    /// Checks the parameters as [`OtpParams::new`] documents: for HOTP and
    /// TOTP, `digits` must be 6 to 10; Steam forces SHA-1 and 5 digits; the
    /// period must be at least one second.
    pub(crate) fn check(
        algorithm: Algorithm,
        digits: u32,
        kind: OtpKind,
    ) -> Result<Self, ParamsError> {
        if kind.period() == Some(0) {
            return Err(ParamsError::ZeroPeriod);
        }
        let (algorithm, digits) = match kind {
            OtpKind::Steam { .. } => (Algorithm::Sha1, STEAM_DIGITS),
            _ => {
                if !(u32::from(MIN_DIGITS)..=u32::from(MAX_DIGITS)).contains(&digits) {
                    return Err(ParamsError::Digits(digits));
                }
                (algorithm, digits as u8)
            }
        };
        Ok(ParamsShape {
            algorithm,
            digits,
            kind,
        })
    }

    /// The kind and its moving factor.
    pub(crate) fn kind(&self) -> OtpKind {
        self.kind
    }
}

/// Everything needed to compute an account's codes. Always valid: built only
/// through [`OtpParams::new`], which checks digits and period (or from a
/// [`ParamsShape`] it checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpParams {
    secret: Secret,
    shape: ParamsShape,
}

impl OtpParams {
    /// Checks and builds the parameters.
    ///
    /// For HOTP and TOTP, `digits` must be 6 to 10; for Steam it is ignored
    /// and the algorithm is forced to SHA-1, as Steam defines them. The
    /// period must be at least one second.
    pub fn new(
        secret: Secret,
        algorithm: Algorithm,
        digits: u32,
        kind: OtpKind,
    ) -> Result<Self, ParamsError> {
        Ok(OtpParams::with_shape(
            secret,
            ParamsShape::check(algorithm, digits, kind)?,
        ))
    }

    /// The parameters of a shape already checked, with `secret`.
    pub(crate) fn with_shape(secret: Secret, shape: ParamsShape) -> Self {
        OtpParams { secret, shape }
    }

    /// The shared secret.
    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    /// The HMAC algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.shape.algorithm
    }

    /// Code length: 6 to 10, or 5 for Steam.
    pub fn digits(&self) -> u8 {
        self.shape.digits
    }

    /// The kind and its moving factor.
    pub fn kind(&self) -> OtpKind {
        self.shape.kind
    }

    /// The same parameters with another HOTP counter (no effect on other kinds).
    pub fn with_counter(mut self, counter: u64) -> Self {
        if let OtpKind::Hotp { .. } = self.shape.kind {
            self.shape.kind = OtpKind::Hotp { counter };
        }
        self
    }
}

/// One account: who issued it, whose it is, and how its codes are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The service, e.g. "Amazon Web Services"; empty when unknown.
    pub issuer: String,
    /// The account at that service, e.g. "alice@example.com"; may be empty.
    pub name: String,
    /// The code parameters.
    pub params: OtpParams,
}

impl Account {
    /// True when both accounts would produce the same codes for the same
    /// issuer and name: the duplicate test used by imports.
    pub fn same_as(&self, other: &Account) -> bool {
        self.issuer == other.issuer
            && self.name == other.name
            && self.params.secret() == other.params.secret()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> Secret {
        Secret::from_bytes(vec![7; 20]).unwrap()
    }

    #[test]
    fn algorithm_names_are_case_insensitive() {
        for (text, alg) in [
            ("sha1", Algorithm::Sha1),
            ("SHA-256", Algorithm::Sha256),
            ("Sha512", Algorithm::Sha512),
        ] {
            assert_eq!(text.parse::<Algorithm>().unwrap(), alg);
        }
        assert!("MD5".parse::<Algorithm>().is_err());
    }

    #[test]
    fn digits_and_period_are_checked() {
        let totp = OtpKind::Totp { period: 30 };
        assert!(OtpParams::new(secret(), Algorithm::Sha1, 6, totp).is_ok());
        assert!(OtpParams::new(secret(), Algorithm::Sha1, 10, totp).is_ok());
        assert_eq!(
            OtpParams::new(secret(), Algorithm::Sha1, 5, totp),
            Err(ParamsError::Digits(5))
        );
        assert_eq!(
            OtpParams::new(secret(), Algorithm::Sha1, 11, totp),
            Err(ParamsError::Digits(11))
        );
        assert_eq!(
            OtpParams::new(secret(), Algorithm::Sha1, 6, OtpKind::Totp { period: 0 }),
            Err(ParamsError::ZeroPeriod)
        );
    }

    #[test]
    fn a_checked_shape_gives_what_new_gives() {
        for (algorithm, digits, kind) in [
            (Algorithm::Sha256, 8, OtpKind::Totp { period: 60 }),
            (Algorithm::Sha1, 6, OtpKind::Hotp { counter: 3 }),
            (Algorithm::Sha512, 8, OtpKind::Steam { period: 30 }),
            (Algorithm::Sha1, 5, OtpKind::Totp { period: 30 }),
            (Algorithm::Sha1, 11, OtpKind::Hotp { counter: 0 }),
            (Algorithm::Sha1, 6, OtpKind::Steam { period: 0 }),
        ] {
            let shaped = ParamsShape::check(algorithm, digits, kind)
                .map(|shape| OtpParams::with_shape(secret(), shape));
            assert_eq!(shaped, OtpParams::new(secret(), algorithm, digits, kind));
        }
    }

    #[test]
    fn steam_forces_its_own_shape() {
        let p = OtpParams::new(
            secret(),
            Algorithm::Sha512,
            8,
            OtpKind::Steam { period: 30 },
        )
        .unwrap();
        assert_eq!((p.algorithm(), p.digits()), (Algorithm::Sha1, 5));
    }
}
