//! Backup benchmarks (criterion, issue 13):
//!
//! - `backup/automatic/1000`: one automatic backup of a 1,000-entry vault
//!   as `ward` makes it after a change: snapshot (SQLite online backup
//!   API), write and fsync a temporary, read it back, verify it (decrypt
//!   all 1,000 entries and compare with the live vault), prune to 10,
//!   rename, fsync the folder, record the result in the encrypted settings
//!   (one committed transaction). The vault is unlocked with its cache
//!   warm, as right after a change;
//! - `floor/copy_and_fsync/1000`: the floor to compare with: a plain copy
//!   of a file as large as the backup into the folder plus fsync of the
//!   file and the folder, nothing verified.
//!
//! The bar: the automatic backup's median under 50 ms.
//! Run: `cargo bench -p ward-core --bench backup`

use std::fs::File;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ward_core::crypto::KdfParams;
use ward_core::vault::Vault;
use ward_core::{Account, Algorithm, OtpKind, OtpParams, Secret};

const ENTRIES: usize = 1000;

fn accounts(count: usize) -> Vec<Account> {
    (0..count)
        .map(|i| Account {
            issuer: format!("Issuer {}", i % 97),
            name: format!("user{i}@example.com"),
            params: OtpParams::new(
                Secret::from_bytes((0..20).map(|j| (i * 31 + j) as u8).collect()).unwrap(),
                Algorithm::Sha1,
                6,
                OtpKind::Totp { period: 30 },
            )
            .unwrap(),
        })
        .collect()
}

fn backup(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.ward");
    let vault = Vault::create(&path, b"bench", KdfParams::MINIMUM).unwrap();
    vault.import(accounts(ENTRIES), 0).unwrap();
    assert_eq!(vault.list("").unwrap().len(), ENTRIES);
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();

    let mut group = c.benchmark_group("backup");
    group.measurement_time(Duration::from_secs(10));
    let mut now = 1_800_000_000;
    group.bench_function("automatic/1000", |b| {
        b.iter(|| {
            now += 1;
            black_box(vault.backup_to_dir(&folder, 10, now).unwrap())
        })
    });
    group.finish();

    // The floor copies a standalone file of the same size as a backup (the
    // live vault's recent pages sit in its -wal file).
    let source = dir.path().join("source.ward");
    std::fs::write(&source, vault.backup_bytes(now).unwrap()).unwrap();
    let copies = dir.path().join("copies");
    std::fs::create_dir(&copies).unwrap();
    let mut group = c.benchmark_group("floor");
    group.measurement_time(Duration::from_secs(10));
    let mut n = 0u64;
    group.bench_function("copy_and_fsync/1000", |b| {
        b.iter(|| {
            n += 1;
            let target = copies.join(format!("copy-{}.ward", n % 10));
            black_box(copy_and_sync(&source, &target, &copies))
        })
    });
    group.finish();
}

fn copy_and_sync(from: &Path, to: &Path, folder: &Path) -> u64 {
    let bytes = std::fs::copy(from, to).unwrap();
    File::open(to).unwrap().sync_all().unwrap();
    File::open(folder).unwrap().sync_all().unwrap();
    bytes
}

criterion_group!(benches, backup);
criterion_main!(benches);
