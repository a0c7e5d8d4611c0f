//! Helpers shared by the vault integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use ward_core::crypto::{KdfParams, SecretKey};
use ward_core::vault::{MemoryKeyStore, Vault};
use ward_core::{Account, Algorithm, OtpKind, OtpParams, Secret};

pub const PASSWORD: &[u8] = b"tests use the cheapest allowed Argon2id";

/// A platform key store with a fixed key, so that several processes agree.
pub fn fixed_keystore() -> MemoryKeyStore {
    MemoryKeyStore::from_key(&SecretKey::from_slice(&[0x42; 32]).unwrap())
}

/// A new vault with a password slot and a platform slot.
pub fn new_vault(dir: &Path) -> (PathBuf, Vault) {
    let path = dir.join("vault.ward");
    let vault = Vault::create(&path, PASSWORD, KdfParams::MINIMUM).unwrap();
    vault.reauthenticate(PASSWORD, 0).unwrap();
    vault.replace_platform_slot(&fixed_keystore(), 0).unwrap();
    (path, vault)
}

/// A TOTP account.
pub fn totp(issuer: &str, name: &str, secret: &[u8]) -> Account {
    Account {
        issuer: issuer.into(),
        name: name.into(),
        params: OtpParams::new(
            Secret::from_bytes(secret.to_vec()).unwrap(),
            Algorithm::Sha1,
            6,
            OtpKind::Totp { period: 30 },
        )
        .unwrap(),
    }
}

/// A raw connection beside the vault's own, for tampering and checks.
pub fn raw(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn
}

/// `PRAGMA integrity_check` result.
pub fn integrity(path: &Path) -> String {
    raw(path)
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// A tiny deterministic generator for test choices (not for crypto).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}
