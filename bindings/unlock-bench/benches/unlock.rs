//! Password unlock with Ward's default Argon2id (64 MiB, t = 3, p = 1,
//! [`KdfParams::DEFAULT`]): the wait a user sees when opening the vault
//! without biometrics. Argon2id dominates; the vault file is read and the
//! key checked too.
//!
//! Built under two profiles and run alternately by
//! `scripts/bench-unlock-profiles.sh`, which compares the size-tuned
//! `release-mobile` (the phones' build) against `release`. It lives in a
//! package of its own so that it is compiled and optimised like the phone
//! library (see this package's Cargo.toml).
//!
//! `cargo bench -p ward-unlock-bench --bench unlock`

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ward_core::crypto::KdfParams;
use ward_core::vault::Vault;

fn unlock(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("unlock.ward");
    drop(Vault::create(&path, b"correct horse", KdfParams::DEFAULT).expect("create"));
    let vault = Vault::open(&path).expect("open");
    let mut group = c.benchmark_group("unlock");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(6));
    group.bench_function("password_default_kdf", |b| {
        b.iter(|| {
            vault.lock();
            vault
                .unlock_with_password(b"correct horse", 0)
                .expect("right password");
        })
    });
    group.finish();
}

criterion_group!(benches, unlock);
criterion_main!(benches);
