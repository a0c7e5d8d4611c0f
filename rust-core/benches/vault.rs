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
//! Run: `cargo bench -p ward-core --bench vault`. For the vault against
//! the floor alternated round by round in one process (the steadier ratio
//! on a shared machine): `cargo run --release -p ward-core --example
//! vault_unlock_ab`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ward_core::crypto::KdfParams;
use ward_core::vault::Vault;

// The padded floor is timed by examples/vault_unlock_ab.rs only.
#[allow(dead_code)]
#[path = "common/vault_fixture.rs"]
mod vault_fixture;
use vault_fixture::{FLOOR_PLAINTEXT, accounts, floor_db, floor_read, keystore, vault_with};

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
        let (floor_path, cipher) = floor_db(dir.path(), count, FLOOR_PLAINTEXT);
        group.bench_function(format!("floor/sqlite_read_and_open/{count}"), |b| {
            b.iter_with_large_drop(|| floor_read(&floor_path, &cipher, count))
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
