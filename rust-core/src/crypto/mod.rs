//! Reusable cryptography for everything Ward stores encrypted: the vault and
//! the encrypted backup file.
//!
//! - [`random`]: the operating system's CSPRNG (ring's `SystemRandom`);
//! - [`SecretKey`]: a 256-bit key, zeroized on drop, never shown by `Debug`;
//! - [`aead`]: AES-256-GCM sealing and opening with a fresh random 96-bit
//!   nonce per message and caller-chosen associated data;
//! - [`kdf`]: Argon2id password hashing with checked, stored parameters.
//!
//! Nothing here knows about vaults, entries or files: callers choose the
//! associated data that binds a ciphertext to its place.

pub mod aead;
pub mod kdf;
mod key;
pub mod random;

pub use aead::Cipher;
pub use kdf::{KdfError, KdfParams};
pub use key::{KEY_LEN, SecretKey};

/// Why a cryptographic operation failed. Carries no key or plaintext.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// The operating system's random number generator failed.
    #[error(
        "the system random number generator failed: nothing was written; try again or restart the device"
    )]
    Random,
    /// A sealed message did not authenticate: wrong key, wrong associated
    /// data, or changed bytes. Which one cannot be told apart, by design.
    #[error("the data did not authenticate: wrong key, or the data was changed or damaged")]
    Authentication,
    /// A sealed message shorter than a nonce plus a tag.
    #[error("the sealed data is truncated: it was damaged")]
    Truncated,
    /// Key derivation refused or failed.
    #[error(transparent)]
    Kdf(#[from] KdfError),
}
