//! [`WardError`]: the one error type the apps see, and the one function
//! that maps the core's errors onto it.
//!
//! Each variant is something an app can act on (ask for the password again,
//! show the unlock screen, show the reason next to the input, ...). Messages
//! say what is wrong and what to do; none contains secret material.

use ward_core::export::backup::BackupError;
use ward_core::import::ImportError;
use ward_core::qr::QrError;
use ward_core::uri::UriError;
use ward_core::vault::{InputError, KeyStoreError, VaultError};

/// Every error an exported function can return. In Kotlin this is the
/// sealed class `WardException`, in Swift the enum `WardError`. Its
/// `toString()` (Kotlin) / `description` (Swift) is the sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum WardError {
    /// The password (or the key from the key store) does not open the vault.
    #[error("wrong password: check it and try again")]
    WrongPassword,
    /// The vault is locked: unlock it before reading or changing entries.
    #[error("the vault is locked: unlock it first")]
    Locked,
    /// Input the user gave (a URI, a QR code, a file, a field) was refused;
    /// `reason` says what is wrong and how to fix it, fit to show.
    #[error("{reason}")]
    InvalidInput {
        /// What is wrong with the input, for the user.
        reason: String,
    },
    /// An entry could not be decrypted or read; it is kept untouched.
    #[error(
        "entry {id} is damaged and cannot be read: it was kept as it is; restore it from a backup or delete it"
    )]
    DamagedEntry {
        /// The entry's id (32 hex digits).
        id: String,
    },
    /// No entry with that id (it may have been deleted).
    #[error("no such entry: it may have been deleted; refresh the list")]
    NotFound,
    /// The vault file could not be read or written.
    #[error("storage failed: {reason}")]
    Storage {
        /// What failed, for logs and support.
        reason: String,
    },
    /// The vault was written by a newer version of Ward.
    #[error("the vault was written by a newer version of Ward: update the app")]
    NewerSchema,
    /// The platform key store (Android Keystore, iOS Keychain) failed for
    /// another reason than a cancelled prompt or an invalidated key.
    #[error("the key store failed: {reason}")]
    KeyStore {
        /// What the key store reported.
        reason: String,
    },
    /// The user cancelled the key store's prompt (biometrics, device
    /// credential): offer the password or another try.
    #[error("unlocking was cancelled: try again, or use the password")]
    Cancelled,
    /// The device key no longer opens the vault (new fingerprints enrolled,
    /// app data restored to another device, key deleted): unlock with the
    /// password, then turn device unlock on again.
    #[error(
        "the device key no longer opens this vault: unlock with the password, then turn device unlock on again"
    )]
    KeyInvalidated,
    /// The account is already in the vault, as entry `id`.
    #[error("this account is already in the vault")]
    Duplicate {
        /// The existing entry's id (32 hex digits).
        id: String,
    },
    /// There is no vault file at that path yet: create one.
    #[error("there is no vault yet: create one")]
    NoVault,
    /// The file is not a Ward vault, or its structure is damaged: restore
    /// it from a backup. Nothing was written to it.
    #[error("the vault file is damaged or not a Ward vault: restore it from a backup")]
    NotAVault,
    /// The file to import is encrypted: ask for the password it was
    /// exported with and import again with it.
    #[error("this {format} is encrypted: enter the password it was exported with")]
    PasswordNeeded {
        /// The detected format, e.g. "Aegis vault".
        format: String,
    },
    /// The vault file was changed outside Ward (an entry deleted, put back
    /// or rolled back, entries reordered, a key slot removed), and this
    /// call would have relied on or hidden it; for an HOTP entry, the next
    /// code would have been one already used. Nothing was written. Show
    /// `Vault.integrity()` and let the user keep the vault as it is
    /// (`Vault.acceptIntegrityState`) or restore a backup. (The field is
    /// `reason`, not `message`: Kotlin's `Throwable.message` would clash.)
    #[error("{reason}")]
    Tampered {
        /// What was found and what to do, fit to show.
        reason: String,
    },
    /// A sensitive call (an export, `changePassword`, `enableKeyStore`)
    /// needs a fresh proof: ask for the password (`reauthenticate`) or show
    /// the device prompt (`reauthenticateWithKeyStore`), then call again
    /// within `reauthWindowSeconds()`.
    #[error(
        "confirm it is you: enter the vault password (or use device unlock), then try again within a minute"
    )]
    ReauthRequired,
    /// A bug in Ward (never the user's fault); `reason` is for bug reports.
    #[error("internal error: {reason}")]
    Internal {
        /// What went wrong, for bug reports.
        reason: String,
    },
}

impl WardError {
    /// The one mapping from the core's errors to the public ones. Every
    /// exported function goes through it (via `From`), so this is where a
    /// new core error gets its public meaning.
    pub fn from_core(error: ward_core::Error) -> Self {
        use ward_core::Error;
        match error {
            // Its text echoes the start of the input, which could be part of
            // a secret when the scheme is mistyped: say it without the echo.
            Error::Uri(UriError::NotOtpauth(_)) => WardError::InvalidInput {
                reason: "not an otpauth URI: it should start with otpauth://".into(),
            },
            Error::Uri(_) | Error::Secret(_) | Error::Params(_) | Error::Algorithm(_) => {
                WardError::InvalidInput {
                    reason: error.to_string(),
                }
            }
            Error::Vault(error) => from_vault(error),
            Error::Import(error) => from_import(error),
            Error::Backup(error) => from_backup(error),
            // Frame geometry, unusable text, not an authenticator code: the
            // message says what the camera saw (never the decoded text).
            Error::Qr(_) => WardError::InvalidInput {
                reason: error.to_string(),
            },
        }
    }
}

/// The vault's errors. Storage trouble that the message already explains
/// (busy, disk full, read-only) is `Storage`; refusals of the caller's
/// input are `InvalidInput`.
fn from_vault(error: VaultError) -> WardError {
    match error {
        VaultError::WrongPassword => WardError::WrongPassword,
        VaultError::WrongPlatformKey => WardError::KeyInvalidated,
        VaultError::KeyStore(KeyStoreError::Cancelled) => WardError::Cancelled,
        VaultError::KeyStore(KeyStoreError::KeyInvalidated) => WardError::KeyInvalidated,
        VaultError::KeyStore(KeyStoreError::Failed { reason }) => WardError::KeyStore { reason },
        VaultError::Locked => WardError::Locked,
        VaultError::ReauthRequired => WardError::ReauthRequired,
        VaultError::Damaged { id } => WardError::DamagedEntry { id: id.to_string() },
        VaultError::NotFound { .. } | VaultError::SlotNotFound(_) => WardError::NotFound,
        VaultError::Duplicate { id } => WardError::Duplicate { id: id.to_string() },
        VaultError::NewerSchema { .. } => WardError::NewerSchema,
        VaultError::NotAVault => WardError::NotAVault,
        VaultError::Missing { .. } => WardError::NoVault,
        VaultError::InvalidInput(InputError::Uri(UriError::NotOtpauth(_))) => {
            WardError::from_core(UriError::NotOtpauth(String::new()).into())
        }
        VaultError::NoSuchSlotKind(_)
        | VaultError::LastSlot
        | VaultError::AlreadyExists { .. }
        | VaultError::InvalidInput(_) => WardError::InvalidInput {
            reason: error.to_string(),
        },
        VaultError::Busy
        | VaultError::DiskFull
        | VaultError::ReadOnly
        | VaultError::Storage(_)
        | VaultError::Backup(_) => WardError::Storage {
            reason: error.to_string(),
        },
        VaultError::Tampered { .. } => WardError::Tampered {
            reason: error.to_string(),
        },
        VaultError::Random => WardError::Internal {
            reason: error.to_string(),
        },
    }
}

impl From<ward_core::Error> for WardError {
    fn from(error: ward_core::Error) -> Self {
        WardError::from_core(error)
    }
}

/// `?` on a core module's own error goes through [`WardError::from_core`]
/// too, by way of the core's `Error`.
macro_rules! through_core_error {
    ($($module_error:ty),*) => {$(
        impl From<$module_error> for WardError {
            fn from(error: $module_error) -> Self {
                WardError::from_core(error.into())
            }
        }
    )*};
}

through_core_error!(UriError, VaultError, ImportError, BackupError, QrError);

/// A foreign callback (the app's key store) threw something other than a
/// `WardError`: report it as a key store failure instead of panicking.
impl From<uniffi::UnexpectedUniFFICallbackError> for WardError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        WardError::KeyStore {
            reason: error.reason,
        }
    }
}

/// A file to import that could not be read as a whole (single unreadable
/// items are in the import report instead).
fn from_import(error: ImportError) -> WardError {
    match error {
        ImportError::NeedsPassword { format } => WardError::PasswordNeeded {
            format: format.name().to_owned(),
        },
        ImportError::WrongPassword { .. } => WardError::WrongPassword,
        _ => WardError::InvalidInput {
            reason: error.to_string(),
        },
    }
}

/// A backup that could not be written.
fn from_backup(error: BackupError) -> WardError {
    match error {
        BackupError::EmptyPassword | BackupError::Params(_) => WardError::InvalidInput {
            reason: error.to_string(),
        },
        BackupError::Kdf(_) | BackupError::Crypto | BackupError::Verification => {
            WardError::Internal {
                reason: error.to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_errors_are_invalid_input_with_a_reason() {
        let error = WardError::from(ward_core::uri::parse("otpauth://totp/x").unwrap_err());
        assert_eq!(
            error,
            WardError::InvalidInput {
                reason: "the URI has no secret: it needs a secret=... parameter".into()
            }
        );
    }

    #[test]
    fn a_mistyped_scheme_does_not_echo_the_input() {
        let error = WardError::from(
            ward_core::uri::parse("otpauth:/totp/x?secret=JBSWY3DPEHPK3PXP").unwrap_err(),
        );
        assert!(!error.to_string().contains("JBSW"), "{error}");
    }

    #[test]
    fn unexpected_callback_errors_become_key_store_errors() {
        let error = WardError::from(uniffi::UnexpectedUniFFICallbackError::new("boom"));
        assert_eq!(
            error,
            WardError::KeyStore {
                reason: "boom".into()
            }
        );
    }

    #[test]
    fn vault_errors_map_to_what_the_app_acts_on() {
        let id = ward_core::vault::EntryId::from_bytes([0xab; 16]);
        for (core, public) in [
            (VaultError::WrongPassword, WardError::WrongPassword),
            (VaultError::WrongPlatformKey, WardError::KeyInvalidated),
            (KeyStoreError::Cancelled.into(), WardError::Cancelled),
            (VaultError::Locked, WardError::Locked),
            (VaultError::ReauthRequired, WardError::ReauthRequired),
            (
                VaultError::Damaged { id },
                WardError::DamagedEntry {
                    id: "ab".repeat(16),
                },
            ),
            (
                VaultError::Duplicate { id },
                WardError::Duplicate {
                    id: "ab".repeat(16),
                },
            ),
            (VaultError::NotFound { id }, WardError::NotFound),
            (
                VaultError::NewerSchema {
                    found: 9,
                    supported: 1,
                },
                WardError::NewerSchema,
            ),
            (VaultError::NotAVault, WardError::NotAVault),
            (
                VaultError::Tampered {
                    message: "entry x was deleted outside Ward".into(),
                },
                WardError::Tampered {
                    reason: "the vault was changed outside Ward: entry x was deleted outside Ward"
                        .into(),
                },
            ),
            (
                VaultError::Missing {
                    path: "/data/ward.vault".into(),
                },
                WardError::NoVault,
            ),
        ] {
            assert_eq!(WardError::from(core), public);
        }
        assert!(matches!(
            WardError::from(VaultError::DiskFull),
            WardError::Storage { .. }
        ));
        assert!(matches!(
            WardError::from(VaultError::LastSlot),
            WardError::InvalidInput { .. }
        ));
    }
}
