//! [`KeyStore`]: the platform key store, implemented by the app (Android
//! Keystore, iOS Keychain / Secure Enclave) as a UniFFI foreign trait.
//!
//! The vault hands it a random 32-byte slot key to wrap once, when device
//! unlock is turned on, and asks it to unwrap that blob at each unlock.

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
