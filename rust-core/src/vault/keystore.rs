//! The platform key store: the app's side of the platform slot.
//!
//! On Android the app implements [`KeyStore`] with an Android Keystore AES
//! key (possibly requiring biometrics); on iOS with a Keychain item or the
//! Secure Enclave. The vault hands it a 32-byte slot key to wrap once, when
//! the platform slot is added, and asks it to unwrap that blob at unlock.
//!
//! The trait uses plain types (`Vec<u8>`, a small error enum) so that the
//! FFI crate can expose it unchanged as a UniFFI foreign trait.

use std::fmt;

use crate::crypto::{Cipher, SecretKey};

/// Wraps and unwraps 32-byte keys with a key the platform keeps (and
/// ideally never lets out of secure hardware).
///
/// Contract:
/// - `wrap(k)` returns an opaque blob; `unwrap(wrap(k)) == k` for as long as
///   the platform key exists. The blob is stored in the vault file.
/// - `unwrap` of a blob made under another key returns an error or other
///   bytes; the vault detects either (the slot fails to open) and reports
///   [`VaultError::WrongPlatformKey`](super::VaultError::WrongPlatformKey).
/// - Both may block (a biometric prompt) and may be called from any thread.
pub trait KeyStore: Send + Sync {
    /// Wraps `key` (32 bytes) under the platform key.
    fn wrap(&self, key: Vec<u8>) -> Result<Vec<u8>, KeyStoreError>;
    /// Unwraps a blob made by [`KeyStore::wrap`], returning the 32 bytes.
    fn unwrap(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, KeyStoreError>;
}

/// Why the platform key store could not wrap or unwrap. No key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyStoreError {
    /// The user cancelled the prompt (biometrics, device credential).
    #[error("unlocking was cancelled: try again, or use the password")]
    Cancelled,
    /// The platform key is gone or invalidated (for example, new
    /// fingerprints were enrolled, or the app's data was restored to a new
    /// device).
    #[error(
        "the device key that protects this vault is no longer valid: unlock with the password, then turn device unlock on again"
    )]
    KeyInvalidated,
    /// Any other failure, with the platform's reason (no key material).
    #[error("the device key store failed: {reason}")]
    Failed {
        /// The platform's reason.
        reason: String,
    },
}

/// An in-memory [`KeyStore`] holding a random AES-256-GCM key: for tests,
/// benchmarks, and as the reference the app implementations are checked
/// against. It protects nothing once the process ends (the key is lost
/// with it), so it is never a real platform slot.
pub struct MemoryKeyStore {
    cipher: Cipher,
}

impl MemoryKeyStore {
    /// A key store with a fresh random key.
    pub fn new() -> Result<Self, KeyStoreError> {
        let key = SecretKey::generate().map_err(|error| KeyStoreError::Failed {
            reason: error.to_string(),
        })?;
        Ok(MemoryKeyStore {
            cipher: Cipher::new(&key),
        })
    }

    /// A key store whose key is fixed bytes, so that two instances (or two
    /// processes) agree. For tests only.
    pub fn from_key(key: &SecretKey) -> Self {
        MemoryKeyStore {
            cipher: Cipher::new(key),
        }
    }
}

const WRAP_AAD: &[u8] = b"ward/memory-keystore/v1";

impl KeyStore for MemoryKeyStore {
    fn wrap(&self, key: Vec<u8>) -> Result<Vec<u8>, KeyStoreError> {
        let key = zeroize::Zeroizing::new(key);
        self.cipher
            .seal(WRAP_AAD, &key)
            .map_err(|error| KeyStoreError::Failed {
                reason: error.to_string(),
            })
    }

    fn unwrap(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, KeyStoreError> {
        self.cipher
            .open(WRAP_AAD, &wrapped)
            .map(|plain| plain.to_vec())
            .map_err(|_| KeyStoreError::KeyInvalidated)
    }
}

impl fmt::Debug for MemoryKeyStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MemoryKeyStore(<redacted>)")
    }
}
