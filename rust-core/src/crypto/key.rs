//! A 256-bit symmetric key that is wiped when dropped.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::{CryptoError, random};

/// Key length in bytes (AES-256).
pub const KEY_LEN: usize = 32;

/// A 256-bit key: a vault's master key, a key-slot key, or a key derived
/// from a password.
///
/// Contract: the bytes are zeroized when the value is dropped; `Debug`
/// prints `SecretKey(<redacted>)`; there is no `Display`, `Clone` or
/// comparison, so a key is never copied or compared by accident.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SecretKey {
    bytes: [u8; KEY_LEN],
}

impl SecretKey {
    /// A fresh random key from the operating system's CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let mut key = SecretKey {
            bytes: [0; KEY_LEN],
        };
        random::fill(&mut key.bytes)?;
        Ok(key)
    }

    /// Takes a key from exactly [`KEY_LEN`] bytes; `None` for any other
    /// length. The caller's buffer is left as it was (wipe it if it matters;
    /// pass a `Zeroizing` buffer).
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let array: [u8; KEY_LEN] = bytes.try_into().ok()?;
        let array = Zeroizing::new(array);
        Some(SecretKey { bytes: *array })
    }

    /// The raw key bytes, for handing to a cipher or a platform key store.
    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.bytes
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted_and_lengths_checked() {
        let key = SecretKey::from_slice(&[0xAB; KEY_LEN]).unwrap();
        let shown = format!("{key:?}");
        assert_eq!(shown, "SecretKey(<redacted>)");
        assert!(SecretKey::from_slice(&[1; 31]).is_none());
        assert!(SecretKey::from_slice(&[1; 33]).is_none());
        assert_ne!(
            SecretKey::generate().unwrap().as_bytes(),
            SecretKey::generate().unwrap().as_bytes()
        );
    }
}
