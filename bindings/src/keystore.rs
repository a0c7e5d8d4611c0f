//! [`KeyStore`]: the platform key store, implemented by the app (Android
//! Keystore, iOS Keychain / Secure Enclave) as a UniFFI foreign trait.
//!
//! The vault hands it a random 32-byte slot key to wrap once, when device
//! unlock is turned on, and asks it to unwrap that blob at each unlock.

use std::sync::Arc;

use ward_core::vault::{KeyStore as CoreKeyStore, KeyStoreError};

use crate::error::WardError;

/// Wraps and unwraps 32-byte keys with a key the platform keeps, ideally
/// in secure hardware. Implemented in Kotlin / Swift.
///
/// Contract:
/// - `wrap(key)` returns an opaque blob (stored in the vault file);
///   `unwrap(wrap(key)) == key` for as long as the platform key exists.
/// - Both may block (a biometric prompt) and are called on the thread that
///   called the vault: call the vault off the main thread.
/// - Throw `WardError.Cancelled` when the user cancels the prompt,
///   `WardError.KeyInvalidated` when the platform key is gone or
///   invalidated, `WardError.KeyStore(reason)` for anything else. Any
///   other exception is reported as `KeyStore` too, never as a crash.
/// - Never log the key.
#[uniffi::export(foreign)]
pub trait KeyStore: Send + Sync {
    /// Wraps `key` (32 bytes) under the platform key.
    fn wrap(&self, key: Vec<u8>) -> Result<Vec<u8>, WardError>;
    /// Unwraps a blob made by `wrap`, returning the 32 bytes.
    fn unwrap(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, WardError>;
}

/// The app's key store seen through the core's key store trait: errors
/// the app throws map onto the core's `KeyStoreError` (cancelled, key
/// invalidated, failed), and the unwrapped key is zeroized by the core.
pub(crate) struct PlatformKeyStore(pub(crate) Arc<dyn KeyStore>);

impl CoreKeyStore for PlatformKeyStore {
    fn wrap(&self, key: Vec<u8>) -> Result<Vec<u8>, KeyStoreError> {
        self.0.wrap(key).map_err(key_store_error)
    }

    fn unwrap(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, KeyStoreError> {
        self.0.unwrap(wrapped).map_err(key_store_error)
    }
}

/// What the app's exception means to the core.
fn key_store_error(error: WardError) -> KeyStoreError {
    match error {
        WardError::Cancelled => KeyStoreError::Cancelled,
        WardError::KeyInvalidated => KeyStoreError::KeyInvalidated,
        WardError::KeyStore { reason } => KeyStoreError::Failed { reason },
        other => KeyStoreError::Failed {
            reason: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_errors_keep_their_meaning_for_the_core() {
        assert_eq!(
            key_store_error(WardError::Cancelled),
            KeyStoreError::Cancelled
        );
        assert_eq!(
            key_store_error(WardError::KeyInvalidated),
            KeyStoreError::KeyInvalidated
        );
        assert_eq!(
            key_store_error(WardError::KeyStore {
                reason: "no hardware".into()
            }),
            KeyStoreError::Failed {
                reason: "no hardware".into()
            }
        );
    }
}
