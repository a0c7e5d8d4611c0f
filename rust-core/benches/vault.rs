//! Vault benchmarks (criterion):
//!
//! - `unlock_and_decrypt/{1000,10000}`: open the file, unlock with the
//!   platform slot (no Argon2id), decrypt and list every entry;
//! - `unlock_decrypt_codes/{1000,10000}`: the same, then every entry's code;
//! - `relock_and_decrypt/{1000,10000}`: with the file already open (as in
//!   the app): lock, unlock with the platform slot, decrypt and list all;
//! - `import/1000`: one bulk import of 1,000 accounts into an empty vault,
//!   one transaction, committed to disk;
//! - `floor/sqlite_read_and_open/{1000,10000}`: the floor to compare with:
//!   a bare SQLite read of as many same-sized blobs plus one AES-256-GCM
//!   open each, with no vault logic. The floor file keeps SQLite's default
//!   page size (4096); new vaults use 16384 (`NEW_VAULT_PAGE_SIZE`).
//!
//! Run: `cargo bench -p ward-core --bench vault`

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ward_core::crypto::{Cipher, KdfParams, SecretKey};
use ward_core::vault::{MemoryKeyStore, Vault};
use ward_core::{Account, Algorithm, OtpKind, OtpParams, Secret};

fn keystore() -> MemoryKeyStore {
    MemoryKeyStore::from_key(&SecretKey::from_slice(&[7; 32]).unwrap())
}

fn accounts(count: usize, salt: u8) -> Vec<Account> {
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
fn vault_with(dir: &Path, count: usize) -> PathBuf {
    let path = dir.join(format!("bench-{count}.ward"));
    let vault = Vault::create(&path, b"bench", KdfParams::MINIMUM).unwrap();
    vault.reauthenticate(b"bench", 0).unwrap();
    vault.replace_platform_slot(&keystore(), 0).unwrap();
    vault.import(accounts(count, 0), 0).unwrap();
    path
}

fn floor_db(dir: &Path, count: usize) -> (PathBuf, Cipher) {
    let path = dir.join(format!("floor-{count}.sqlite"));
    let cipher = Cipher::new(&SecretKey::generate().unwrap());
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; CREATE TABLE t (id BLOB PRIMARY KEY, position INTEGER, sealed BLOB);",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    for i in 0..count {
        let id = (i as u128).to_le_bytes();
        // Same size as a vault entry's payload for these accounts.
        let sealed = cipher.seal(&id, &[i as u8; 101]).unwrap();
        tx.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3)",
            rusqlite::params![id.as_slice(), i as i64, sealed],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    (path, cipher)
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = keystore();
    let mut group = c.benchmark_group("vault");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    for count in [1_000, 10_000] {
        let path = vault_with(dir.path(), count);
        // Closing the file (and SQLite's WAL clean-up) happens outside the
        // timed part: an app keeps its vault open.
        group.bench_function(format!("unlock_and_decrypt/{count}"), |b| {
            b.iter_with_large_drop(|| {
                let vault = Vault::open(&path).unwrap();
                vault.unlock_with_keystore(&store, 0).unwrap();
                let listed = vault.list("").unwrap();
                (vault, listed)
            })
        });
        group.bench_function(format!("unlock_decrypt_codes/{count}"), |b| {
            b.iter_with_large_drop(|| {
                let vault = Vault::open(&path).unwrap();
                vault.unlock_with_keystore(&store, 0).unwrap();
                let codes = vault.codes_at(1_750_000_000).unwrap();
                (vault, codes)
            })
        });
        // The per-entry part alone: the file stays open; lock, unlock with
        // the platform slot, decrypt and list every entry.
        let open = Vault::open(&path).unwrap();
        group.bench_function(format!("relock_and_decrypt/{count}"), |b| {
            b.iter(|| {
                open.lock();
                open.unlock_with_keystore(&store, 0).unwrap();
                black_box(open.list("").unwrap().len())
            })
        });
        let (floor_path, cipher) = floor_db(dir.path(), count);
        group.bench_function(format!("floor/sqlite_read_and_open/{count}"), |b| {
            b.iter_with_large_drop(|| {
                let conn = rusqlite::Connection::open(&floor_path).unwrap();
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
            })
        });
    }
    let to_import = accounts(1_000, 0x5a);
    let mut round = 0u32;
    group.bench_function("import/1000", |b| {
        b.iter_batched(
            || {
                round += 1;
                let path = dir.path().join(format!("import-{round}.ward"));
                let vault = Vault::create(&path, b"bench", KdfParams::MINIMUM).unwrap();
                (vault, to_import.clone())
            },
            // The vault is returned so that closing it is not timed.
            |(vault, batch)| {
                let added = vault.import(batch, 0).unwrap().added.len();
                (vault, black_box(added))
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(vault, benches);
criterion_main!(vault);
