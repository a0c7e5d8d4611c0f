//! Password-based key derivation: Argon2id (RFC 9106) through RustCrypto's
//! `argon2`, version 0x13, 32-byte output.
//!
//! Parameters are stored beside whatever they protect (a vault key slot, a
//! backup file header), so they are untrusted input when read back:
//! [`KdfParams::check`] refuses values below OWASP's floor (19 MiB, two
//! passes) and above a cap that no phone could meet, and [`derive_key`]
//! runs that check before it allocates or hashes anything.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroizing;

use super::{KEY_LEN, SecretKey};

/// OWASP's minimum memory for Argon2id: 19 MiB (in KiB).
pub const MIN_MEMORY_KIB: u32 = 19 * 1024;
/// OWASP's minimum number of passes at [`MIN_MEMORY_KIB`].
pub const MIN_ITERATIONS: u32 = 2;
/// The most memory accepted: 1 GiB (in KiB). More would fail or be killed
/// on a phone, so a file asking for it is refused rather than obeyed.
pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
/// The most passes accepted.
pub const MAX_ITERATIONS: u32 = 64;
/// The most lanes accepted.
pub const MAX_PARALLELISM: u32 = 16;
/// Salt length written by Ward (RFC 9106 §3.1 recommends 16 bytes; 32 costs nothing).
pub const SALT_LEN: usize = 32;
/// The shortest salt accepted when reading (RFC 9106 §3.1: 8 bytes minimum, 16 recommended).
pub const MIN_SALT_LEN: usize = 16;

/// Argon2id cost parameters. Compare with RFC 9106 §4 and the OWASP
/// Password Storage Cheat Sheet.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KdfParams {
    /// Memory in KiB (`m`).
    pub memory_kib: u32,
    /// Passes over memory (`t`).
    pub iterations: u32,
    /// Lanes (`p`).
    pub parallelism: u32,
}

impl KdfParams {
    /// Ward's default: 64 MiB, t = 3, p = 1 (about 170 ms on this build
    /// machine, 0.5 to 1 s on a mid-range phone).
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// The cheapest parameters accepted: OWASP's floor, 19 MiB, t = 2, p = 1.
    /// Meant for tests and benchmarks, not for real vaults.
    pub const MINIMUM: KdfParams = KdfParams {
        memory_kib: MIN_MEMORY_KIB,
        iterations: MIN_ITERATIONS,
        parallelism: 1,
    };

    /// Checks the parameters against the floor and the cap.
    pub fn check(&self) -> Result<(), KdfError> {
        if self.memory_kib < MIN_MEMORY_KIB
            || self.iterations < MIN_ITERATIONS
            || self.parallelism < 1
        {
            return Err(KdfError::TooWeak(*self));
        }
        if self.memory_kib > MAX_MEMORY_KIB
            || self.iterations > MAX_ITERATIONS
            || self.parallelism > MAX_PARALLELISM
            || self.memory_kib < 8 * self.parallelism
        {
            return Err(KdfError::TooCostly(*self));
        }
        Ok(())
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfParams::DEFAULT
    }
}

impl fmt::Debug for KdfParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Argon2id(m={} KiB, t={}, p={})",
            self.memory_kib, self.iterations, self.parallelism
        )
    }
}

/// Why a key was not derived. Never contains the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KdfError {
    /// Below OWASP's floor.
    #[error(
        "password hashing parameters {0:?} are too weak: Ward requires at least 19 MiB of memory and 2 passes"
    )]
    TooWeak(KdfParams),
    /// Above what Ward will attempt.
    #[error(
        "password hashing parameters {0:?} are too costly: at most 1 GiB, 64 passes and 16 lanes; the file may be damaged or hostile"
    )]
    TooCostly(KdfParams),
    /// The salt is too short.
    #[error("the password salt is shorter than 16 bytes: the file is damaged")]
    ShortSalt,
    /// Argon2 itself failed (memory could not be allocated, for example).
    #[error("password hashing failed ({0}): close other apps to free memory and try again")]
    Failed(String),
}

/// Derives a 256-bit key from `password` and `salt` with Argon2id.
///
/// Checks `params` ([`KdfParams::check`]) and the salt length first, so a
/// hostile or damaged file cannot make this allocate gigabytes. The
/// password is read as bytes (no normalisation: callers pass the bytes the
/// user typed, UTF-8 from every platform). The internal Argon2 memory is
/// wiped after use.
pub fn derive_key(password: &[u8], salt: &[u8], params: KdfParams) -> Result<SecretKey, KdfError> {
    params.check()?;
    if salt.len() < MIN_SALT_LEN {
        return Err(KdfError::ShortSalt);
    }
    let argon_params = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(KEY_LEN),
    )
    .map_err(|error| KdfError::Failed(error.to_string()))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut output = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(password, salt, output.as_mut_slice())
        .map_err(|error| KdfError::Failed(error.to_string()))?;
    SecretKey::from_slice(output.as_slice())
        .ok_or_else(|| KdfError::Failed("wrong output length".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_cap_are_enforced_before_deriving() {
        let salt = [7u8; SALT_LEN];
        let weak = KdfParams {
            memory_kib: MIN_MEMORY_KIB - 1,
            ..KdfParams::MINIMUM
        };
        assert_eq!(
            derive_key(b"pw", &salt, weak).err(),
            Some(KdfError::TooWeak(weak))
        );
        let one_pass = KdfParams {
            iterations: 1,
            ..KdfParams::DEFAULT
        };
        assert!(matches!(one_pass.check(), Err(KdfError::TooWeak(_))));
        // Would need 4 TiB: refused at once, nothing allocated.
        let absurd = KdfParams {
            memory_kib: u32::MAX,
            ..KdfParams::DEFAULT
        };
        assert_eq!(
            derive_key(b"pw", &salt, absurd).err(),
            Some(KdfError::TooCostly(absurd))
        );
        let many_lanes = KdfParams {
            parallelism: 17,
            ..KdfParams::DEFAULT
        };
        assert!(matches!(many_lanes.check(), Err(KdfError::TooCostly(_))));
        assert!(KdfParams::DEFAULT.check().is_ok());
        assert_eq!(
            derive_key(b"pw", &[0; 8], KdfParams::MINIMUM).err(),
            Some(KdfError::ShortSalt)
        );
    }

    #[test]
    fn same_inputs_same_key_different_inputs_different_key() {
        let salt = [7u8; SALT_LEN];
        let a = derive_key(b"correct horse", &salt, KdfParams::MINIMUM).unwrap();
        let b = derive_key(b"correct horse", &salt, KdfParams::MINIMUM).unwrap();
        let c = derive_key(b"correct horsf", &salt, KdfParams::MINIMUM).unwrap();
        assert_eq!(a.as_bytes(), b.as_bytes());
        assert_ne!(a.as_bytes(), c.as_bytes());
    }

    /// RFC 9106 §5.3 uses secret and associated data, which Ward does not;
    /// this checks the plain form against the `argon2` crate's own
    /// `hash_password_into` at the same parameters, guarding the parameter
    /// plumbing (m, t, p, output length) rather than Argon2 itself.
    #[test]
    fn parameters_reach_argon2() {
        let salt = [1u8; SALT_LEN];
        let params = KdfParams::MINIMUM;
        let ours = derive_key(b"password", &salt, params).unwrap();
        let mut theirs = [0u8; 32];
        Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(params.memory_kib, params.iterations, 1, Some(32)).unwrap(),
        )
        .hash_password_into(b"password", &salt, &mut theirs)
        .unwrap();
        assert_eq!(ours.as_bytes(), &theirs);
        let other = KdfParams {
            iterations: 3,
            ..params
        };
        assert_ne!(
            derive_key(b"password", &salt, other).unwrap().as_bytes(),
            &theirs
        );
    }
}
