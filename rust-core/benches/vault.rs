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
//!   open the file, a bare SQLite read of as many same-sized blobs plus one
//!   AES-256-GCM open each, with no vault logic. The floor file keeps
//!   SQLite's default page size (4096); new vaults use 16384
//!   (`NEW_VAULT_PAGE_SIZE`);
//! - `floor/sqlite_read_and_open_padded/1000`: the same floor with blobs as
//!   long as the vault's (payloads padded to 256 bytes): what the floor
//!   costs reading and decrypting as many bytes as the vault.
//!
//! What is timed, exactly (`vault_fixture::timed_rounds`, through
//! `iter_custom`): for the vault, `Vault::open` + `unlock_with_keystore` +
//! `list("")` (or `codes_at`); for the floor, `Connection::open` + the read
//! and the opens. Each iteration is timed on its own, and what it returns
//! (the open vault and its list, or the floor's connection and plaintexts)
//! is dropped after the clock stops, before the next iteration: closing,
//! zeroizing and freeing are not timed, and no iteration runs while others'
//! results are still held.
//!
//! For the whole run one extra connection is kept open on each file timed,
//! the vault's and the floor's alike (`vault_fixture::keep_open`): without
//! it, closing a round's connection (the last one) makes SQLite checkpoint
//! and delete the WAL and its index, and the next open creates them again,
//! system calls that swing with the machine and are not the vault's work.
//! So every open, vault or floor, finds the WAL as an app that was not shut
//! down cleanly does. `relock_and_decrypt` keeps its vault open throughout.
//!
//! Times are wall-clock ns by default; `WARD_BENCH_CLOCK=cpu` times the
//! benchmark thread's CPU time instead, the steadier figure on a loaded
//! machine (see `RoundClock`).
//!
//! Run: `cargo bench -p ward-core --features full-import --bench vault`,
//! then `python3 scripts/bench-summary.py` (medians and ratios to the
//! floor). For the vault against the floor alternated round by round in
//! one process (the steadier ratio on a shared machine), timed the same
//! way: `cargo run --release -p ward-core --features full-import --example
//! vault_unlock_ab`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ward_core::crypto::KdfParams;
use ward_core::vault::Vault;

// Its clock and formatter are used here (its measurement type is the otp
// bench's).
#[allow(dead_code)]
#[path = "common/cpu_time.rs"]
mod cpu_time;

#[path = "common/vault_fixture.rs"]
mod vault_fixture;
use vault_fixture::{
    FLOOR_PLAINTEXT, PADDED_PLAINTEXT, accounts, floor_db, floor_read, keep_open, keystore,
    timed_rounds, vault_with,
};

/// The clock every vault benchmark reads: wall time (the figure,
/// and the default), or, with `WARD_BENCH_CLOCK=cpu`, the benchmark
/// thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`, system time included).
///
/// On a machine shared with other work, a criterion sample (the mean of
/// its iterations) includes every moment the thread waited for a core, so
/// under load the wall figures swing far more than the work does. The
/// rounds timed here never block (the files stay in the page cache, and
/// reading never syncs), so on an idle machine both clocks agree; the CPU
/// clock is the steadier one on a loaded machine.
#[derive(Clone, Copy)]
struct RoundClock {
    cpu: bool,
}

impl RoundClock {
    fn from_env() -> Self {
        RoundClock {
            cpu: std::env::var("WARD_BENCH_CLOCK").is_ok_and(|clock| clock == "cpu"),
        }
    }
}

impl Measurement for RoundClock {
    type Intermediate = (Instant, u64);
    type Value = u64;
    fn start(&self) -> Self::Intermediate {
        (Instant::now(), cpu_time::thread_cpu_ns())
    }
    fn end(&self, (wall, cpu): Self::Intermediate) -> u64 {
        if self.cpu {
            cpu_time::thread_cpu_ns().saturating_sub(cpu)
        } else {
            u64::try_from(wall.elapsed().as_nanos()).unwrap_or(u64::MAX)
        }
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &cpu_time::Nanoseconds
    }
}

fn benches(c: &mut Criterion<RoundClock>) {
    let clock = RoundClock::from_env();
    let dir = tempfile::tempdir().unwrap();
    let store = keystore();
    let mut group = c.benchmark_group("vault");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    // Held until the end of the run (see the module's documentation).
    let mut kept_open = Vec::new();
    for count in [1_000, 10_000] {
        let path = vault_with(dir.path(), count);
        kept_open.push(keep_open(&path));
        // Open the file and unlock with the platform slot (timed, inside
        // each round below).
        let unlocked = || {
            let vault = Vault::open(&path).unwrap();
            vault.unlock_with_keystore(&store, 0).unwrap();
            vault
        };
        group.bench_function(format!("unlock_and_decrypt/{count}"), |b| {
            b.iter_custom(|iters| {
                timed_rounds(&clock, iters, || {
                    let vault = unlocked();
                    let listed = vault.list("").unwrap();
                    (vault, listed)
                })
            })
        });
        group.bench_function(format!("unlock_decrypt_codes/{count}"), |b| {
            b.iter_custom(|iters| {
                timed_rounds(&clock, iters, || {
                    let vault = unlocked();
                    let codes = vault.codes_at(1_750_000_000).unwrap();
                    (vault, codes)
                })
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
        drop(open);
        let floors = if count == 1_000 {
            vec![("", FLOOR_PLAINTEXT), ("_padded", PADDED_PLAINTEXT)]
        } else {
            vec![("", FLOOR_PLAINTEXT)]
        };
        for (suffix, plaintext) in floors {
            let (floor_path, cipher) = floor_db(dir.path(), count, plaintext);
            kept_open.push(keep_open(&floor_path));
            group.bench_function(format!("floor/sqlite_read_and_open{suffix}/{count}"), |b| {
                b.iter_custom(|iters| {
                    timed_rounds(&clock, iters, || floor_read(&floor_path, &cipher, count))
                })
            });
        }
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
    drop(kept_open);
}

criterion_group! {
    name = vault;
    config = Criterion::default().with_measurement(RoundClock::from_env());
    targets = benches
}
criterion_main!(vault);
