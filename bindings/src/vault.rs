//! [`Vault`]: the encrypted vault as the apps hold it. Each method is a
//! short adapter over `ward_core::vault::Vault`, which is already
//! `Send + Sync` (every call runs under its internal lock, one SQLite
//! transaction per change), so one instance can be shared across threads.
//!
//! Passwords arrive as bytes and are zeroized here once used. Time is an
//! argument (`now`, `unix_time`: Unix seconds) everywhere.
//!
//! Sensitive calls (exports, `changePassword`, `enableKeyStore`) need a fresh proof: an unlock, `reauthenticate`
//! or `reauthenticateWithKeyStore` within [`reauth_window_seconds`] before
//! their `now`; otherwise they fail with `ReauthRequired` and the app asks
//! for the password (or shows the biometric prompt) and calls again. The
//! core enforces this; locking forgets the proof.

use std::sync::Arc;

use zeroize::Zeroizing;

use ward_core::crypto::KdfParams;
use ward_core::vault::Vault as CoreVault;

use crate::entry::{EntryCode, EntryEdit, ListedEntry, entry_id};
use crate::error::WardError;
use crate::integrity::IntegrityReport;
use crate::keystore::{KeyStore, PlatformKeyStore};
use crate::qr::ScannedCode;

/// How long, in seconds, an unlock or re-authentication counts as a fresh
/// proof for the sensitive calls (60). A proof made at `t` is fresh for
/// every `now` in `[t, t + window]`; a clock set back before `t` does not
/// make it fresh.
#[uniffi::export]
pub fn reauth_window_seconds() -> u64 {
    ward_core::vault::REAUTH_WINDOW_SECONDS
}

/// An open vault file, locked or unlocked. Close it with `close()` /
/// `use {}` (Kotlin) or let it go out of scope (Swift); closing locks it.
#[derive(uniffi::Object)]
pub struct Vault {
    pub(crate) core: CoreVault,
}

#[uniffi::export]
impl Vault {
    /// Creates a new vault file at `path` protected by `password` (the
    /// UTF-8 bytes typed; clear your copy after the call), and returns it
    /// unlocked. Refuses an existing file and an empty password.
    #[uniffi::constructor]
    pub fn create(path: String, password: Vec<u8>) -> Result<Arc<Self>, WardError> {
        let password = Zeroizing::new(password);
        let core = CoreVault::create(&path, &password, KdfParams::DEFAULT)?;
        Ok(Arc::new(Vault { core }))
    }

    /// Opens an existing vault file, locked. `NoVault` when there is none
    /// yet, `NewerSchema` when a newer Ward wrote it (it is not touched).
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>, WardError> {
        Ok(Arc::new(Vault {
            core: CoreVault::open(&path)?,
        }))
    }

    /// Unlocks with the password's bytes; counts as a fresh proof at
    /// `now`. `WrongPassword` changes nothing. Takes about half a second
    /// on a phone (Argon2id): call it off the main thread (`lock` does not
    /// wait for it).
    pub fn unlock(&self, password: Vec<u8>, now: u64) -> Result<(), WardError> {
        let password = Zeroizing::new(password);
        Ok(self.core.unlock_with_password(&password, now)?)
    }

    /// Unlocks with the platform key store (device unlock, after
    /// `enableKeyStore`); counts as a fresh proof at `now`. `Cancelled` if
    /// the user cancelled the prompt (no other slot is tried: one prompt at
    /// most), `KeyInvalidated` if the device key no longer opens the vault.
    pub fn unlock_with_key_store(
        &self,
        key_store: Arc<dyn KeyStore>,
        now: u64,
    ) -> Result<(), WardError> {
        Ok(self
            .core
            .unlock_with_keystore(&PlatformKeyStore(key_store), now)?)
    }

    /// Checks the current password (Argon2id, off the main thread) and
    /// records a fresh proof at `now`, for the sensitive calls that follow
    /// within `reauthWindowSeconds()`. `WrongPassword` otherwise (and any
    /// earlier proof is forgotten); `Locked` if the vault is locked.
    pub fn reauthenticate(&self, password: Vec<u8>, now: u64) -> Result<(), WardError> {
        let password = Zeroizing::new(password);
        Ok(self.core.reauthenticate(&password, now)?)
    }

    /// `reauthenticate` with the platform key store: one prompt, then a
    /// fresh proof at `now`. `Cancelled`, `KeyInvalidated`, or
    /// `InvalidInput` when device unlock is off (ask for the password).
    pub fn reauthenticate_with_key_store(
        &self,
        key_store: Arc<dyn KeyStore>,
        now: u64,
    ) -> Result<(), WardError> {
        Ok(self
            .core
            .reauthenticate_with_keystore(&PlatformKeyStore(key_store), now)?)
    }

    /// Turns on device unlock: a new key slot wrapped by `key_store`
    /// REPLACES any existing device slot, in one transaction (slots never
    /// stack). Needs the vault unlocked and a fresh proof at `now`
    /// (`ReauthRequired`). `key_store.wrap` is called once.
    pub fn enable_key_store(
        &self,
        key_store: Arc<dyn KeyStore>,
        now: u64,
    ) -> Result<(), WardError> {
        self.core
            .replace_platform_slot(&PlatformKeyStore(key_store), now)?;
        Ok(())
    }

    /// Turns off device unlock: removes every platform key-store slot in
    /// one transaction, so only the password opens the vault. The password
    /// slot is never removed. Needs the vault unlocked. The app deletes its
    /// platform key afterwards.
    pub fn disable_key_store(&self) -> Result<(), WardError> {
        self.core.remove_platform_slots()?;
        Ok(())
    }

    /// Locks: the keys and every decrypted entry are wiped from memory.
    pub fn lock(&self) {
        self.core.lock();
    }

    /// True while unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.core.is_unlocked()
    }

    /// The entries in list order, damaged ones included. A non-empty
    /// `filter` keeps the entries whose issuer or name contains it
    /// (ignoring case).
    pub fn list(&self, filter: String) -> Result<Vec<ListedEntry>, WardError> {
        let listed = self.core.list(&filter)?;
        Ok(listed.into_iter().map(ListedEntry::from).collect())
    }

    /// Every entry's code at `unix_time`, in list order: TOTP and Steam
    /// codes with the next code and seconds left, HOTP counters (see
    /// `hotpNext`), damaged entries marked as such.
    pub fn codes(&self, unix_time: u64) -> Result<Vec<EntryCode>, WardError> {
        let codes = self.core.codes_at(unix_time)?;
        Ok(codes
            .into_iter()
            .map(|code| EntryCode::new(code, unix_time))
            .collect())
    }

    /// Adds the account of a pasted or typed `otpauth://` URI (or an
    /// `otpauth://` link the app was opened with) and returns its id.
    /// `Duplicate` if it is already in the vault. Scanned codes go through
    /// `addScanned`, so their secret never becomes an app string.
    pub fn add_uri(&self, uri: String, now: u64) -> Result<String, WardError> {
        let uri = Zeroizing::new(uri);
        Ok(self.core.add_uri(&uri, now)?.to_string())
    }

    /// Adds the account of a scanned `otpauth://` QR code (from
    /// `ScannedQr.Account`) and returns its id. `Duplicate` if it is
    /// already in the vault; `InvalidInput` for a Google Authenticator
    /// export code (use `importScanned`).
    pub fn add_scanned(&self, scanned: Arc<ScannedCode>, now: u64) -> Result<String, WardError> {
        if scanned.is_google_export() {
            return Err(WardError::InvalidInput {
                reason: "this QR code is a Google Authenticator export: import it with the export's other codes".into(),
            });
        }
        Ok(self.core.add_uri(scanned.uri(), now)?.to_string())
    }

    /// Changes an entry's issuer, name, note, favourite flag and icon (a
    /// metadata edit: the secret and the HOTP counter are never touched).
    /// `Tampered` if the entry was changed outside Ward.
    pub fn update(&self, id: String, edit: EntryEdit, now: u64) -> Result<(), WardError> {
        let edit = ward_core::vault::EntryEdit {
            issuer: edit.issuer,
            name: edit.name,
            note: edit.note,
            favourite: edit.favourite,
            icon: edit.icon,
        };
        Ok(self.core.update(&entry_id(&id)?, &edit, now)?)
    }

    /// The vault checked against its integrity manifest: the generation
    /// and every change made outside Ward (entries deleted, put back,
    /// rolled back or moved; key slots added or removed). `list` and
    /// `codes` keep working on a tampered vault. Needs the vault unlocked.
    pub fn integrity(&self) -> Result<IntegrityReport, WardError> {
        Ok(IntegrityReport::from(self.core.integrity()?))
    }

    /// The manifest's generation number, raised by every committed change.
    /// Keep the highest seen in Keystore/Keychain-backed storage and warn
    /// when the vault opens with a lower one (the whole file was replaced
    /// by an older copy). Needs the vault unlocked.
    pub fn generation(&self) -> Result<u64, WardError> {
        Ok(self.core.generation()?)
    }

    /// The user keeps the vault as it is now: the manifest is sealed again
    /// over the current entries and slots; HOTP entries that were rolled
    /// back move forward to their first unused counter. Record the new
    /// `generation()` as the highest seen afterwards. Needs a fresh proof
    /// at `now` (`ReauthRequired`).
    pub fn accept_integrity_state(&self, now: u64) -> Result<(), WardError> {
        Ok(self.core.accept_integrity_state(now)?)
    }

    /// Deletes an entry (damaged or not).
    pub fn delete(&self, id: String) -> Result<(), WardError> {
        Ok(self.core.delete(&entry_id(&id)?)?)
    }

    /// Puts the entries in this order; `ids` must list every entry,
    /// damaged ones included, exactly once.
    pub fn reorder(&self, ids: Vec<String>) -> Result<(), WardError> {
        let order = ids
            .iter()
            .map(|id| entry_id(id))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.core.reorder(&order)?)
    }

    /// The next code of an HOTP entry. The counter is advanced on disk
    /// before the code is returned, so no code is given out twice.
    pub fn hotp_next(&self, id: String, now: u64) -> Result<String, WardError> {
        let code = self.core.hotp_next(&entry_id(&id)?, now)?;
        Ok(code.as_str().to_owned())
    }

    /// Replaces the password and re-keys the vault. Needs the vault
    /// unlocked and a fresh proof at `now` (`ReauthRequired`). Device
    /// unlock is turned off by the re-key: turn it on again with
    /// `enableKeyStore` (one prompt).
    pub fn change_password(&self, new_password: Vec<u8>, now: u64) -> Result<(), WardError> {
        let new_password = Zeroizing::new(new_password);
        self.core
            .change_password(&new_password, KdfParams::DEFAULT, now)?;
        Ok(())
    }
}

impl Drop for Vault {
    fn drop(&mut self) {
        self.core.lock();
    }
}
