//! Key slots: each one holds the vault's master key sealed (AES-256-GCM)
//! under its own slot key, as Aegis does. Any slot opens the vault.
//!
//! - A password slot's key is Argon2id(password, salt, params); salt and
//!   parameters are stored in the slot.
//! - A platform slot's key is random and stored wrapped by the app's
//!   [`KeyStore`] (Android Keystore, iOS Keychain or Secure Enclave).
//!
//! The associated data of a slot binds the vault id, the slot id, its kind
//! and its parameters, so parameters cannot be swapped or downgraded
//! without the slot failing to open.

use std::fmt;

use zeroize::Zeroizing;

use super::db::SlotRow;
use super::error::VaultError;
use super::keystore::KeyStore;
use crate::crypto::kdf::{self, SALT_LEN};
use crate::crypto::{Cipher, CryptoError, KEY_LEN, KdfParams, SecretKey, random};

/// Slot kind stored in the `kind` column: password.
pub const KIND_PASSWORD: u8 = 1;
/// Slot kind stored in the `kind` column: platform key store.
pub const KIND_PLATFORM: u8 = 2;
/// Version byte at the start of every slot's `params`.
const PARAMS_V1: u8 = 1;

/// A key slot's id: 16 random bytes, shown as 32 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SlotId(pub [u8; 16]);

impl fmt::Display for SlotId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for SlotId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SlotId({self})")
    }
}

impl std::str::FromStr for SlotId {
    type Err = VaultError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let id: super::EntryId = text
            .parse()
            .map_err(|_| VaultError::SlotNotFound(text.chars().take(40).collect()))?;
        Ok(SlotId(*id.as_bytes()))
    }
}

/// What a caller may know about a slot (no key material).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotInfo {
    /// The slot's id.
    pub id: SlotId,
    /// Its kind and public parameters.
    pub kind: SlotKind,
}

/// A slot's kind with its public parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotKind {
    /// Unlocked by a password through Argon2id with these parameters.
    Password {
        /// The stored Argon2id parameters.
        params: KdfParams,
    },
    /// Unlocked by the app's platform key store.
    Platform,
    /// A kind this build does not know (written by a newer Ward); kept.
    Unknown(u8),
}

/// A password slot's Argon2id parameters (`None` for another kind or
/// unreadable parameters), for checking a foreign file's costs before any
/// derivation.
pub fn password_kdf(slot: &SlotRow) -> Option<KdfParams> {
    (slot.kind == KIND_PASSWORD)
        .then(|| decode_password_params(&slot.params))
        .flatten()
        .map(|params| params.kdf)
}

/// A password slot's parameters as stored.
struct PasswordParams {
    kdf: KdfParams,
    salt: Vec<u8>,
}

fn encode_password_params(kdf: KdfParams, salt: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(13 + salt.len());
    out.push(PARAMS_V1);
    out.extend_from_slice(&kdf.memory_kib.to_le_bytes());
    out.extend_from_slice(&kdf.iterations.to_le_bytes());
    out.extend_from_slice(&kdf.parallelism.to_le_bytes());
    out.extend_from_slice(salt);
    out
}

fn decode_password_params(params: &[u8]) -> Option<PasswordParams> {
    let (&version, rest) = params.split_first()?;
    if version != PARAMS_V1 || rest.len() < 12 {
        return None;
    }
    let word = |index: usize| -> Option<u32> {
        Some(u32::from_le_bytes(
            rest.get(index * 4..index * 4 + 4)?.try_into().ok()?,
        ))
    };
    Some(PasswordParams {
        kdf: KdfParams {
            memory_kib: word(0)?,
            iterations: word(1)?,
            parallelism: word(2)?,
        },
        salt: rest[12..].to_vec(),
    })
}

fn encode_platform_params(wrapped: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + wrapped.len());
    out.push(PARAMS_V1);
    out.extend_from_slice(wrapped);
    out
}

fn decode_platform_params(params: &[u8]) -> Option<&[u8]> {
    match params.split_first()? {
        (&PARAMS_V1, wrapped) => Some(wrapped),
        _ => None,
    }
}

/// The slot's associated data: a label, the vault id, the slot id, the
/// kind and the parameters.
fn slot_aad(vault_id: &[u8; 16], slot: &SlotRow) -> Vec<u8> {
    let mut aad = Vec::with_capacity(48 + slot.params.len());
    aad.extend_from_slice(b"ward/slot/v1\0");
    aad.extend_from_slice(vault_id);
    aad.extend_from_slice(&slot.id);
    aad.push(slot.kind);
    aad.extend_from_slice(&slot.params);
    aad
}

fn seal_master(
    vault_id: &[u8; 16],
    mut slot: SlotRow,
    slot_key: &SecretKey,
    master: &SecretKey,
) -> Result<SlotRow, VaultError> {
    let aad = slot_aad(vault_id, &slot);
    slot.sealed_key = Cipher::new(slot_key).seal(&aad, master.as_bytes())?;
    Ok(slot)
}

fn open_master(
    vault_id: &[u8; 16],
    slot: &SlotRow,
    slot_key: &SecretKey,
) -> Result<SecretKey, CryptoError> {
    let plain = Cipher::new(slot_key).open(&slot_aad(vault_id, slot), &slot.sealed_key)?;
    SecretKey::from_slice(&plain).ok_or(CryptoError::Authentication)
}

/// A new password slot holding `master`. Runs Argon2id once.
pub fn new_password_slot(
    vault_id: &[u8; 16],
    master: &SecretKey,
    password: &[u8],
    kdf: KdfParams,
) -> Result<SlotRow, VaultError> {
    if password.is_empty() {
        return Err(super::error::InputError::EmptyPassword.into());
    }
    kdf.check()?;
    let salt: [u8; SALT_LEN] = random::array()?;
    let slot_key = kdf::derive_key(password, &salt, kdf)?;
    let slot = SlotRow {
        id: random::array()?,
        kind: KIND_PASSWORD,
        params: encode_password_params(kdf, &salt),
        sealed_key: Vec::new(),
    };
    seal_master(vault_id, slot, &slot_key, master)
}

/// A new platform slot holding `master`: a random slot key, wrapped by
/// the key store.
pub fn new_platform_slot(
    vault_id: &[u8; 16],
    master: &SecretKey,
    keystore: &dyn KeyStore,
) -> Result<SlotRow, VaultError> {
    let slot_key = SecretKey::generate()?;
    let wrapped = keystore.wrap(slot_key.as_bytes().to_vec())?;
    let slot = SlotRow {
        id: random::array()?,
        kind: KIND_PLATFORM,
        params: encode_platform_params(&wrapped),
        sealed_key: Vec::new(),
    };
    seal_master(vault_id, slot, &slot_key, master)
}

/// Tries every password slot with `password`.
///
/// Errors: [`VaultError::NoSuchSlotKind`] if there is no password slot;
/// [`VaultError::WrongPassword`] if none opens; parameters outside the
/// accepted range make that slot count as not opening (logged), so a
/// hostile file cannot make this allocate gigabytes.
pub fn unlock_with_password(
    vault_id: &[u8; 16],
    slots: &[SlotRow],
    password: &[u8],
) -> Result<SecretKey, VaultError> {
    let mut tried = 0;
    for slot in slots.iter().filter(|slot| slot.kind == KIND_PASSWORD) {
        tried += 1;
        let Some(params) = decode_password_params(&slot.params) else {
            log::warn!(
                "password slot {} has unreadable parameters",
                SlotId(slot.id)
            );
            continue;
        };
        let slot_key = match kdf::derive_key(password, &params.salt, params.kdf) {
            Ok(key) => key,
            Err(error) => {
                log::warn!("password slot {} refused: {error}", SlotId(slot.id));
                continue;
            }
        };
        if let Ok(master) = open_master(vault_id, slot, &slot_key) {
            log::info!("vault unlocked with password slot {}", SlotId(slot.id));
            return Ok(master);
        }
    }
    if tried == 0 {
        return Err(VaultError::NoSuchSlotKind("password"));
    }
    log::info!("unlock refused: wrong password");
    Err(VaultError::WrongPassword)
}

/// Tries every platform slot with `keystore`.
///
/// Errors: [`VaultError::NoSuchSlotKind`] if there is no platform slot;
/// the key store's own error if it fails (a cancelled prompt, an
/// invalidated key) for every slot; [`VaultError::WrongPlatformKey`] if it
/// unwraps something that does not open the slot.
pub fn unlock_with_keystore(
    vault_id: &[u8; 16],
    slots: &[SlotRow],
    keystore: &dyn KeyStore,
) -> Result<SecretKey, VaultError> {
    let mut last_error = None;
    for slot in slots.iter().filter(|slot| slot.kind == KIND_PLATFORM) {
        let Some(wrapped) = decode_platform_params(&slot.params) else {
            log::warn!(
                "platform slot {} has unreadable parameters",
                SlotId(slot.id)
            );
            last_error = Some(VaultError::WrongPlatformKey);
            continue;
        };
        let slot_key = match keystore.unwrap(wrapped.to_vec()) {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                if bytes.len() != KEY_LEN {
                    last_error = Some(VaultError::WrongPlatformKey);
                    continue;
                }
                SecretKey::from_slice(&bytes).ok_or(VaultError::WrongPlatformKey)?
            }
            Err(error) => {
                log::info!(
                    "key store refused platform slot {}: {error}",
                    SlotId(slot.id)
                );
                last_error = Some(error.into());
                continue;
            }
        };
        match open_master(vault_id, slot, &slot_key) {
            Ok(master) => {
                log::info!("vault unlocked with platform slot {}", SlotId(slot.id));
                return Ok(master);
            }
            Err(_) => last_error = Some(VaultError::WrongPlatformKey),
        }
    }
    Err(last_error.unwrap_or(VaultError::NoSuchSlotKind("platform")))
}

/// The public description of a stored slot.
pub fn info(slot: &SlotRow) -> SlotInfo {
    let kind = match slot.kind {
        KIND_PASSWORD => match decode_password_params(&slot.params) {
            Some(params) => SlotKind::Password { params: params.kdf },
            None => SlotKind::Unknown(KIND_PASSWORD),
        },
        KIND_PLATFORM => SlotKind::Platform,
        other => SlotKind::Unknown(other),
    };
    SlotInfo {
        id: SlotId(slot.id),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::keystore::MemoryKeyStore;

    #[test]
    fn password_slot_opens_with_its_password_only() {
        let vault_id = [9u8; 16];
        let master = SecretKey::generate().unwrap();
        let slot = new_password_slot(&vault_id, &master, b"pw", KdfParams::MINIMUM).unwrap();
        let slots = [slot];
        let opened = unlock_with_password(&vault_id, &slots, b"pw").unwrap();
        assert_eq!(opened.as_bytes(), master.as_bytes());
        assert_eq!(
            unlock_with_password(&vault_id, &slots, b"pW").err(),
            Some(VaultError::WrongPassword)
        );
        // Another vault's id in the associated data: does not open.
        assert_eq!(
            unlock_with_password(&[8u8; 16], &slots, b"pw").err(),
            Some(VaultError::WrongPassword)
        );
        assert_eq!(
            unlock_with_keystore(&vault_id, &slots, &MemoryKeyStore::new().unwrap()).err(),
            Some(VaultError::NoSuchSlotKind("platform"))
        );
    }

    proptest::proptest! {
        /// Slot parameters are read before anything authenticates them:
        /// any bytes decode or fail without panicking, and the costs they
        /// carry are checked before Argon2id runs.
        #[test]
        fn params_decoding_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..80)) {
            if let Some(params) = decode_password_params(&bytes) {
                let _ = params.kdf.check();
            }
            let _ = decode_platform_params(&bytes);
            let _ = info(&SlotRow { id: [0; 16], kind: bytes.first().copied().unwrap_or(0), params: bytes, sealed_key: vec![] });
        }
    }

    #[test]
    fn downgraded_parameters_do_not_open() {
        let vault_id = [1u8; 16];
        let master = SecretKey::generate().unwrap();
        let strong = KdfParams {
            iterations: 3,
            ..KdfParams::MINIMUM
        };
        let mut slot = new_password_slot(&vault_id, &master, b"pw", strong).unwrap();
        // Lower t from 3 to 2 in the stored parameters.
        slot.params[5] = 2;
        assert_eq!(
            unlock_with_password(&vault_id, &[slot], b"pw").err(),
            Some(VaultError::WrongPassword)
        );
    }

    #[test]
    fn platform_slot_needs_the_same_platform_key() {
        let vault_id = [2u8; 16];
        let master = SecretKey::generate().unwrap();
        let store = MemoryKeyStore::new().unwrap();
        let slots = [new_platform_slot(&vault_id, &master, &store).unwrap()];
        let opened = unlock_with_keystore(&vault_id, &slots, &store).unwrap();
        assert_eq!(opened.as_bytes(), master.as_bytes());
        let other = MemoryKeyStore::new().unwrap();
        assert!(matches!(
            unlock_with_keystore(&vault_id, &slots, &other),
            Err(VaultError::KeyStore(_))
        ));
    }
}
