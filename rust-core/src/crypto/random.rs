//! Randomness from the operating system (ring's `SystemRandom`, which reads
//! `getrandom(2)` on Linux and Android and `SecRandomCopyBytes` on Apple
//! platforms). Used for keys, salts, nonces and ids.

use ring::rand::{SecureRandom, SystemRandom};

use super::CryptoError;

/// Fills `buffer` with random bytes from the operating system.
///
/// Fails with [`CryptoError::Random`] only if the OS generator fails, which
/// callers must treat as "do not write anything".
pub fn fill(buffer: &mut [u8]) -> Result<(), CryptoError> {
    SystemRandom::new()
        .fill(buffer)
        .map_err(|_| CryptoError::Random)
}

/// `N` random bytes from the operating system (see [`fill`]).
pub fn array<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut bytes = [0u8; N];
    fill(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_draws_differ() {
        let a: [u8; 16] = array().unwrap();
        let b: [u8; 16] = array().unwrap();
        assert_ne!(a, b);
    }
}
