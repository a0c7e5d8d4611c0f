//! The vault files the vault benchmarks time (`benches/vault.rs`,
//! `examples/vault_unlock_ab.rs`): a vault of `count` accounts with a
//! platform slot, and the floor, a bare SQLite table of as many same-sized
//! AES-256-GCM blobs, read and opened with no vault logic; and how both
//! harnesses time them ([`keep_open`], [`timed_rounds`]), the same way for the
//! vault and the floor.

use std::path::{Path, PathBuf};

use criterion::measurement::Measurement;

use ward_core::crypto::{Cipher, KdfParams, SecretKey};
use ward_core::vault::{MemoryKeyStore, Vault};
use ward_core::{Account, Algorithm, OtpKind, OtpParams, Secret};

/// The platform key store every benchmark vault is unlocked with.
pub fn keystore() -> MemoryKeyStore {
    MemoryKeyStore::from_key(&SecretKey::from_slice(&[7; 32]).unwrap())
}

/// `count` TOTP accounts; `salt` varies their secrets.
pub fn accounts(count: usize, salt: u8) -> Vec<Account> {
    (0..count)
        .map(|i| Account {
            issuer: format!("Issuer {}", i % 97),
            name: format!("user{i}@example.com"),
            params: OtpParams::new(
                Secret::from_bytes((0..20).map(|j| (i * 31 + j) as u8 ^ salt).collect()).unwrap(),
                Algorithm::Sha1,
                6,
                OtpKind::Totp { period: 30 },
            )
            .unwrap(),
        })
        .collect()
}

/// A vault with `count` entries and a platform slot; the password slot
/// uses the cheapest allowed Argon2id (outside every timed loop).
pub fn vault_with(dir: &Path, count: usize) -> PathBuf {
    let path = dir.join(format!("bench-{count}.ward"));
    let vault = Vault::create(&path, b"bench", KdfParams::MINIMUM).unwrap();
    vault.reauthenticate(b"bench", 0).unwrap();
    vault.replace_platform_slot(&keystore(), 0).unwrap();
    vault.import(accounts(count, 0), 0).unwrap();
    path
}

/// The floor's plaintext length: an [`accounts`] entry's payload before
/// padding (the floor the issue-12 figures have always been measured
/// against).
pub const FLOOR_PLAINTEXT: usize = 101;

/// The length of the same payload as the vault stores it, padded to its
/// size bucket (`vault::entry`, 256 bytes at least): a floor with these
/// blobs reads and decrypts as many bytes as the vault does.
pub const PADDED_PLAINTEXT: usize = 256;

/// The floor's file: `count` rows of (id, position, sealed), each sealed
/// blob `plaintext` bytes plus nonce and tag. Keeps SQLite's default page
/// size (4096).
pub fn floor_db(dir: &Path, count: usize, plaintext: usize) -> (PathBuf, Cipher) {
    let path = dir.join(format!("floor-{count}-{plaintext}.sqlite"));
    let cipher = Cipher::new(&SecretKey::generate().unwrap());
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; CREATE TABLE t (id BLOB PRIMARY KEY, position INTEGER, sealed BLOB);",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    for i in 0..count {
        let id = (i as u128).to_le_bytes();
        let sealed = cipher.seal(&id, &vec![i as u8; plaintext]).unwrap();
        tx.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3)",
            rusqlite::params![id.as_slice(), i as i64, sealed],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    (path, cipher)
}

/// One round of the floor: open the file, read every row in position
/// order, open each blob. The connection and plaintexts are returned so
/// that dropping them is not timed.
pub fn floor_read(
    path: &Path,
    cipher: &Cipher,
    count: usize,
) -> (rusqlite::Connection, Vec<zeroize::Zeroizing<Vec<u8>>>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut opened = Vec::with_capacity(count);
    {
        let mut statement = conn
            .prepare("SELECT id, position, sealed FROM t ORDER BY position")
            .unwrap();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let id: Vec<u8> = row.get(0).unwrap();
            let sealed: Vec<u8> = row.get(2).unwrap();
            opened.push(cipher.open_owned(&id, sealed).unwrap());
        }
    }
    (conn, opened)
}

/// A connection held open on `path` for a whole benchmark run, one for
/// each file timed (the vault's and the floor's alike).
///
/// Why: when the last connection to a WAL database closes, SQLite
/// checkpoints the WAL and deletes it with its index (`-shm`), and the next
/// open creates both again (file creation, the WAL index rebuilt, a few
/// hundred microseconds of system calls that have nothing to do with the
/// vault, and that swing with the machine's I/O). While this connection
/// holds its shared lock, no round's connection is the last one, so every
/// round opens the file as an app finds it after a restart that did not
/// close it cleanly: the WAL and its index already there. The read below
/// opens the WAL and takes that lock (a connection that never read holds
/// none).
pub fn keep_open(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    let _: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    conn
}

/// The time of `rounds` calls of `round` on `clock`, each call timed on
/// its own: what a call returns (an open vault with its decrypted entries,
/// or the floor's connection and plaintexts) is dropped after its clock
/// stops, before the next call, so every round starts from the same state
/// and closing is never timed (criterion's `iter_custom`).
pub fn timed_rounds<M: Measurement, R>(
    clock: &M,
    rounds: u64,
    mut round: impl FnMut() -> R,
) -> M::Value {
    let mut total = clock.zero();
    for _ in 0..rounds {
        let start = clock.start();
        let kept = std::hint::black_box(round());
        let spent = clock.end(start);
        drop(kept);
        total = clock.add(&total, &spent);
    }
    total
}
