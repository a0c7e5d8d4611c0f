//! Unlock + decrypt of a vault against the floor (a bare SQLite read plus
//! one AES-256-GCM open per row, `benches/common/vault_fixture.rs`),
//! alternated round by round in one process, so that both see the same
//! machine load (issue 12: <= 1 ms median for 1,000 entries).
//!
//! ```sh
//! cargo run --release -p ward-core --features full-import --example vault_unlock_ab -- \
//!     [--rounds 1500] [--count 1000] [--vault FILE]... [--profile] [--save FILE] [--no-settle]
//! ```
//!
//! `--profile` runs only the vault rounds, for `perf record` (no figures).
//! `--save FILE` copies the vault this run creates to FILE first (to time
//! a copy changed by hand, or by another build, with `--vault`).
//!
//! Each round times, in turn: the fresh vault this run creates (open the
//! file, unlock with the platform slot, list every entry, as
//! `benches/vault.rs` `unlock_and_decrypt` does), then every `--vault FILE`
//! given (any vault unlocking with the benchmarks' platform key, e.g. one
//! written by another build), then the floor, then the floor with blobs
//! as long as the vault's (payloads padded to 256 bytes: what the floor
//! would cost if it read and decrypted as many bytes). Timed as
//! `benches/vault.rs` times them: each call on its own, what it returns
//! dropped after the clocks stop (closing files is not timed), and one
//! connection kept open on every file for the whole run
//! (`vault_fixture::keep_open`), so that no round deletes the WAL and the
//! next recreates it. Prints each one's median wall-clock time and median
//! thread CPU time, and its ratio to the floor's median of the same run.
//!
//! Each timed call follows an untimed call of the same kind, so it finds the
//! allocator as its own previous call left it, as in criterion (one loop
//! per benchmark) and as in an app unlocking again after a lock. Without
//! it (`--no-settle`, the harness before session 7), each call paid for
//! freeing what the call before it, of ANOTHER kind, had allocated: the
//! first large allocation after thousands of small frees consolidates them
//! (glibc's `malloc_consolidate`), so the floor paid for the vault's frees
//! and the vault for the padded floor's, and a copy of the same vault file
//! timed right after the vault measured 3-5% faster than it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use ward_core::vault::{ListedEntry, MemoryKeyStore, Vault};

// Its `timed_rounds` is criterion's clock; this harness keeps wall and CPU time.
#[allow(dead_code)]
#[path = "../benches/common/vault_fixture.rs"]
mod vault_fixture;
// Only its clock is used here (the criterion measurement is for benches).
#[allow(dead_code)]
#[path = "../benches/common/cpu_time.rs"]
mod cpu_time;
use cpu_time::thread_cpu_ns;
use vault_fixture::{
    FLOOR_PLAINTEXT, PADDED_PLAINTEXT, floor_db, floor_read, keep_open, keystore, vault_with,
};

/// Wall and CPU milliseconds of each round.
#[derive(Default)]
struct Times {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

impl Times {
    /// Times `round`; what it returns is dropped after the clocks stop.
    fn time<R>(&mut self, round: impl FnOnce() -> R) {
        let (wall, cpu) = (Instant::now(), thread_cpu_ns());
        let kept = round();
        self.cpu.push((thread_cpu_ns() - cpu) as f64 / 1e6);
        self.wall.push(wall.elapsed().as_secs_f64() * 1e3);
        drop(kept);
    }

    fn medians(&self) -> (f64, f64) {
        (median(&self.wall), median(&self.cpu))
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// One round of the vault: open, unlock with the platform slot, list all.
/// Returned so that closing is not timed.
fn unlock_and_list(path: &Path, store: &MemoryKeyStore) -> (Vault, Vec<ListedEntry>) {
    let vault = Vault::open(path).unwrap();
    vault.unlock_with_keystore(store, 0).unwrap();
    let listed = vault.list("").unwrap();
    (vault, listed)
}

fn main() {
    let mut rounds = 1500usize;
    let mut count = 1000usize;
    let mut extra: Vec<PathBuf> = Vec::new();
    let mut profile = false;
    let mut save: Option<PathBuf> = None;
    let mut settle = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--rounds" => rounds = value().parse().expect("--rounds N"),
            "--count" => count = value().parse().expect("--count N"),
            "--vault" => extra.push(PathBuf::from(value())),
            "--profile" => profile = true,
            "--save" => save = Some(PathBuf::from(value())),
            "--no-settle" => settle = false,
            other => panic!("unknown argument {other}"),
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let store = keystore();
    let mut names = vec![format!("vault (this build, {count} entries)")];
    let mut paths = vec![vault_with(dir.path(), count)];
    if let Some(save) = &save {
        std::fs::copy(&paths[0], save).expect("--save: the copy");
    }
    for path in extra {
        names.push(path.display().to_string());
        paths.push(path);
    }
    // Held until the end (see `keep_open`).
    let mut kept_open: Vec<_> = paths.iter().map(|path| keep_open(path)).collect();
    if profile {
        for _ in 0..rounds {
            for path in &paths {
                drop(unlock_and_list(path, &store));
            }
        }
        return;
    }
    let (floor_path, cipher) = floor_db(dir.path(), count, FLOOR_PLAINTEXT);
    let (padded_path, padded_cipher) = floor_db(dir.path(), count, PADDED_PLAINTEXT);
    kept_open.push(keep_open(&floor_path));
    kept_open.push(keep_open(&padded_path));
    let mut times: Vec<Times> = paths.iter().map(|_| Times::default()).collect();
    let mut floor = Times::default();
    let mut padded = Times::default();
    // A few rounds first so that the files are in the page cache.
    for _ in 0..20 {
        for path in &paths {
            drop(unlock_and_list(path, &store));
        }
        drop(floor_read(&floor_path, &cipher, count));
        drop(floor_read(&padded_path, &padded_cipher, count));
    }
    for _ in 0..rounds {
        // With `settle`, each timed call follows an untimed call of the
        // same kind (see the module docs).
        for (path, times) in paths.iter().zip(&mut times) {
            if settle {
                drop(unlock_and_list(path, &store));
            }
            times.time(|| unlock_and_list(path, &store));
        }
        if settle {
            drop(floor_read(&floor_path, &cipher, count));
        }
        floor.time(|| floor_read(&floor_path, &cipher, count));
        if settle {
            drop(floor_read(&padded_path, &padded_cipher, count));
        }
        padded.time(|| floor_read(&padded_path, &padded_cipher, count));
    }
    let (floor_wall, floor_cpu) = floor.medians();
    println!("{rounds} interleaved rounds; median wall ms (ratio to floor), median CPU ms (ratio)");
    for (name, times) in names.iter().zip(&times) {
        let (wall, cpu) = times.medians();
        println!(
            "{name:40} {wall:7.3} ({:.3}x)  cpu {cpu:7.3} ({:.3}x)",
            wall / floor_wall,
            cpu / floor_cpu
        );
    }
    println!(
        "{:40} {floor_wall:7.3}           cpu {floor_cpu:7.3}",
        "floor (SQLite read + AES-GCM open)"
    );
    let (wall, cpu) = padded.medians();
    println!(
        "{:40} {wall:7.3} ({:.3}x)  cpu {cpu:7.3} ({:.3}x)",
        "floor, blobs padded as the vault's",
        wall / floor_wall,
        cpu / floor_cpu
    );
    drop(kept_open);
}
