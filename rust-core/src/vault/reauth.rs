//! Re-authentication and the export that needs it: the [`Vault`] methods
//! that record a fresh proof ([`Vault::reauthenticate`],
//! [`Vault::reauthenticate_with_keystore`]) and [`Vault::export_entries`],
//! the one way out of the core for every secret at once.
//!
//! Which actions need the proof, and why a clock set back never stretches
//! it, is in `proof`.

use super::cache::Cached;
use super::entry::EntryId;
use super::error::VaultError;
use super::keystore::KeyStore;
use super::{Inner, Result, Vault, slots};
use crate::import::ImportedEntry;

/// Every entry of the vault, secrets included, for an export: what
/// [`Vault::export_entries`] returns.
#[derive(Debug, Default)]
pub struct Exported {
    /// The readable entries in list order, each with its note and
    /// favourite flag.
    pub entries: Vec<ImportedEntry>,
    /// Entries that do not decrypt: they cannot be exported (they stay in
    /// the vault untouched).
    pub damaged: Vec<EntryId>,
}

impl Vault {
    /// Checks the current password (Argon2id, run outside the vault's
    /// lock) and records a fresh proof at `now`: for the next
    /// [`REAUTH_WINDOW_SECONDS`](super::REAUTH_WINDOW_SECONDS) the
    /// sensitive actions (exports, [`Vault::change_password`],
    /// [`Vault::replace_platform_slot`]) are allowed.
    ///
    /// Errors: [`VaultError::Locked`]; [`VaultError::WrongPassword`]
    /// (which also forgets any earlier proof).
    pub fn reauthenticate(&self, password: &[u8], now: u64) -> Result<()> {
        self.require_unlocked()?;
        let (vault_id, rows) = self.slot_rows()?;
        let opened = slots::unlock_with_password(&vault_id, &rows, password);
        self.record_proof(opened, VaultError::WrongPassword, now)
    }

    /// [`Vault::reauthenticate`] with the platform key store: one prompt
    /// (a cancelled one stops at once), shown without holding the vault's
    /// lock.
    ///
    /// Errors: [`VaultError::Locked`], [`VaultError::KeyStore`] (cancelled,
    /// key invalidated), [`VaultError::WrongPlatformKey`],
    /// [`VaultError::NoSuchSlotKind`] when device unlock is off.
    pub fn reauthenticate_with_keystore(&self, keystore: &dyn KeyStore, now: u64) -> Result<()> {
        self.require_unlocked()?;
        let (vault_id, rows) = self.slot_rows()?;
        let opened = slots::unlock_with_keystore(&vault_id, &rows, keystore);
        self.record_proof(opened, VaultError::WrongPlatformKey, now)
    }

    /// Every entry in full (secrets, notes, favourites) and the ids of the
    /// damaged ones, for writing an export or a backup.
    ///
    /// Needs a fresh proof at `now` ([`VaultError::ReauthRequired`]): this
    /// is how the core makes sure that whoever exports the secrets is the
    /// vault's owner, not someone holding an unlocked phone.
    pub fn export_entries(&self, now: u64) -> Result<Exported> {
        let mut inner = self.inner();
        inner.require_proof(now)?;
        let Inner { db, unlocked, .. } = &mut *inner;
        let state = unlocked.as_mut().ok_or(VaultError::Locked)?;
        let cache = state.cache(db.conn())?;
        let mut exported = Exported::default();
        for item in &cache.items {
            match item {
                Cached::Entry { entry, .. } => exported.entries.push(ImportedEntry {
                    account: entry.account()?,
                    note: (!entry.summary.note().is_empty())
                        .then(|| entry.summary.note().to_owned()),
                    favorite: entry.summary.favourite,
                }),
                Cached::Damaged { id, .. } => exported.damaged.push(*id),
            }
        }
        Ok(exported)
    }

    fn require_unlocked(&self) -> Result<()> {
        match self.is_unlocked() {
            true => Ok(()),
            false => Err(VaultError::Locked),
        }
    }

    /// Records the proof if the slot opened, is still in the vault and the
    /// vault is still unlocked; forgets any earlier proof otherwise.
    fn record_proof(
        &self,
        opened: Result<slots::Opened>,
        gone: VaultError,
        now: u64,
    ) -> Result<()> {
        let mut inner = self.inner();
        inner.unlocked.as_ref().ok_or(VaultError::Locked)?;
        let checked = opened.and_then(|opened| inner.check_slot_exists(&opened.slot, gone));
        match checked {
            Ok(()) => {
                inner.proof.record(now);
                log::info!("re-authenticated");
                Ok(())
            }
            Err(error) => {
                inner.proof.forget();
                Err(error)
            }
        }
    }
}
