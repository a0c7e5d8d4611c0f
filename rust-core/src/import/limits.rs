//! Caps on key-derivation parameters read from imported files.
//!
//! An imported file chooses its own KDF parameters. Without caps a crafted
//! file could make a phone allocate gigabytes (scrypt, Argon2) or spin for
//! minutes (PBKDF2) before the password is even checked. Every importer
//! checks these caps *before* deriving; a file above them is refused with
//! [`super::ImportError::KdfTooExpensive`].
//!
//! The caps sit well above what the apps write by default (Aegis: scrypt
//! N = 2^15, r = 8, p = 1, 32 MiB; andOTP: 140,000-160,000 PBKDF2-SHA1
//! iterations; 2FAS: 10,000 PBKDF2-SHA256 iterations).

/// Most memory scrypt may use: 128 * N * r bytes (RFC 7914 §6).
pub const SCRYPT_MAX_MEMORY_BYTES: u64 = 128 * 1024 * 1024;
/// Largest scrypt parallelism p.
pub const SCRYPT_MAX_P: u32 = 16;
/// Largest total scrypt work N * r * p: 4 times Aegis's default (2^18),
/// well under a second on a phone. With [`MAX_KEY_DERIVATIONS`] this bounds
/// the time a crafted file can take before it is refused.
pub const SCRYPT_MAX_WORK: u64 = 1 << 20;
/// Largest PBKDF2 iteration count.
pub const PBKDF2_MAX_ITERATIONS: u32 = 2_000_000;
/// Most memory Argon2 may use, in KiB (256 MiB).
pub const ARGON2_MAX_MEMORY_KIB: u32 = 256 * 1024;
/// Largest Argon2 time cost (passes).
pub const ARGON2_MAX_ITERATIONS: u32 = 16;
/// Largest Argon2 parallelism.
pub const ARGON2_MAX_PARALLELISM: u32 = 16;

/// Most key derivations one import attempt may run, whatever the number of
/// password slots in the file (Aegis vaults may list any number).
pub const MAX_KEY_DERIVATIONS: usize = 2;
/// Most items (entries, lines, tokens) one file may hold. Real exports
/// hold at most a few hundred accounts.
pub const MAX_ITEMS: usize = 10_000;
/// Most skipped items listed one by one; the rest are counted
/// ([`super::ImportReport::skipped_more`]).
pub const MAX_SKIPPED_LISTED: usize = 200;
/// Longest issuer, in characters.
pub const MAX_ISSUER_CHARS: usize = 256;
/// Longest account name, in characters.
pub const MAX_NAME_CHARS: usize = 256;
/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 4096;
/// Longest label shown for a skipped item, in characters.
pub const MAX_LABEL_CHARS: usize = 80;

/// Checks scrypt parameters: `n` a power of two above 1, `r` and `p` at
/// least 1, memory, parallelism and total work within the caps. Returns
/// log2(n) on success, or a description of what is out of range.
pub fn check_scrypt(n: u64, r: u32, p: u32) -> Result<u8, String> {
    if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
        return Err(format!(
            "scrypt parameters N={n}, r={r}, p={p}, which are not valid"
        ));
    }
    let memory = 128u64.saturating_mul(n).saturating_mul(u64::from(r));
    let work = n.saturating_mul(u64::from(r)).saturating_mul(u64::from(p));
    if memory > SCRYPT_MAX_MEMORY_BYTES || p > SCRYPT_MAX_P || work > SCRYPT_MAX_WORK {
        return Err(format!(
            "scrypt with N={n}, r={r}, p={p} ({} MiB of memory)",
            memory / (1024 * 1024)
        ));
    }
    Ok(n.trailing_zeros() as u8)
}

/// Checks a PBKDF2 iteration count: at least 1 and at most
/// [`PBKDF2_MAX_ITERATIONS`].
pub fn check_pbkdf2(iterations: u64) -> Result<u32, String> {
    match u32::try_from(iterations) {
        Ok(count) if (1..=PBKDF2_MAX_ITERATIONS).contains(&count) => Ok(count),
        _ => Err(format!("{iterations} PBKDF2 iterations")),
    }
}

/// [`check_pbkdf2`] as the count a derivation takes, or the import error
/// naming `format`.
#[cfg(feature = "full-import")]
pub(crate) fn pbkdf2_iterations(
    iterations: u64,
    format: super::Format,
) -> Result<std::num::NonZeroU32, super::ImportError> {
    check_pbkdf2(iterations)
        .and_then(|count| {
            std::num::NonZeroU32::new(count).ok_or_else(|| "0 PBKDF2 iterations".into())
        })
        .map_err(|detail| super::ImportError::KdfTooExpensive { format, detail })
}

/// Checks Argon2 parameters (memory in KiB, passes, lanes) against the caps.
pub fn check_argon2(memory_kib: u64, iterations: u64, parallelism: u64) -> Result<(), String> {
    let ok = (8..=u64::from(ARGON2_MAX_MEMORY_KIB)).contains(&memory_kib)
        && (1..=u64::from(ARGON2_MAX_ITERATIONS)).contains(&iterations)
        && (1..=u64::from(ARGON2_MAX_PARALLELISM)).contains(&parallelism);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "Argon2 with {memory_kib} KiB of memory, {iterations} passes and {parallelism} lanes"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aegis_defaults_pass_and_huge_fail() {
        assert_eq!(check_scrypt(1 << 15, 8, 1), Ok(15));
        assert_eq!(check_scrypt(1 << 17, 8, 1), Ok(17));
        assert!(check_scrypt(1 << 17, 8, 2).is_err());
        assert!(check_scrypt(1 << 18, 8, 1).is_err());
        assert!(check_scrypt(1 << 20, 8, 1).is_err());
        assert!(check_scrypt(1 << 15, 8, 1000).is_err());
        assert!(check_scrypt(3, 8, 1).is_err());
        assert!(check_scrypt(u64::MAX, u32::MAX, u32::MAX).is_err());
    }

    #[test]
    fn pbkdf2_caps() {
        assert_eq!(check_pbkdf2(150_000), Ok(150_000));
        assert!(check_pbkdf2(0).is_err());
        assert!(check_pbkdf2(u64::from(u32::MAX)).is_err());
    }

    #[test]
    fn argon2_caps() {
        assert!(check_argon2(64 * 1024, 3, 1).is_ok());
        assert!(check_argon2(4 * 1024 * 1024, 3, 1).is_err());
        assert!(check_argon2(64 * 1024, 0, 1).is_err());
    }
}
