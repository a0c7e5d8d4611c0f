//! Crash safety of automatic backups (issue 13): a child process adds an
//! entry, then writes a backup into a folder keeping [`KEEP`], again and
//! again, and is SIGKILLed at a random moment. After every kill:
//!
//! - the folder holds at most [`KEEP`] backups under Ward's names, and
//!   nothing else but at most one temporary whose name starts with a dot
//!   (which the next run removes);
//! - the newest backup restores (with the vault's password) to a state the
//!   vault really had: its entries are a prefix of the vault's entries, in
//!   order, and at least as many as the last backup the child saw finish.
//!
//! The normal suite runs [`SHORT_CYCLES`]; the long run is
//! `cargo test --release -p ward-core --test backup_crash -- --ignored backup_crash_long --nocapture`
//! (`WARD_CRASH_CYCLES` overrides the count).

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use common::{PASSWORD, Rng, fixed_keystore, integrity, new_vault, run_and_kill, totp};
use ward_core::vault::{ListedEntry, Vault};

const SHORT_CYCLES: u64 = 30;
const LONG_CYCLES: u64 = 300;
const KEEP: u32 = 3;

#[test]
fn backup_crash_short() {
    run_cycles(SHORT_CYCLES);
}

#[test]
#[ignore = "long run (300 kills); run by hand and report"]
fn backup_crash_long() {
    run_cycles(LONG_CYCLES);
}

/// The writer. Does nothing unless started by `run_cycles`.
#[test]
#[ignore = "child process of the backup crash tests"]
fn backup_crash_child() {
    let (Some(path), Some(dir)) = (
        std::env::var_os("WARD_BACKUP_CRASH_VAULT"),
        std::env::var_os("WARD_BACKUP_CRASH_DIR"),
    ) else {
        return;
    };
    let seed: u64 = std::env::var("WARD_CRASH_SEED").unwrap().parse().unwrap();
    let vault = Vault::open(Path::new(&path)).unwrap();
    vault.unlock_with_keystore(&fixed_keystore(), 0).unwrap();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    for step in 0u64.. {
        let name = format!("c{seed:04}-{step:04}");
        let secret: Vec<u8> = (0..20).map(|_| rng.next() as u8).collect();
        vault
            .add_account(totp("crash", &name, &secret), seed * 1000 + step)
            .unwrap();
        println!("ACK add {name}");
        // The clock is a parameter: make names collide often (same second).
        let outcome = vault
            .backup_to_dir(Path::new(&dir), KEEP, 1_800_000_000 + seed * 10 + step / 4)
            .unwrap();
        let count = vault.list("").unwrap().len();
        println!("ACK backup {count} {}", outcome.file_name);
    }
}

fn run_cycles(default_cycles: u64) {
    let cycles = std::env::var("WARD_CRASH_CYCLES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default_cycles);
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    drop(vault);
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let mut rng = Rng(std::process::id() as u64 ^ 0x5A5A_A5A5_8765_4321);
    let started = Instant::now();
    let (mut acked_backups, mut killed_with_temp) = (0usize, 0usize);
    let mut floor = 0usize;
    for cycle in 0..cycles {
        let seed = cycle.to_string();
        let lines = run_and_kill(
            "backup_crash_child",
            &[
                ("WARD_BACKUP_CRASH_VAULT", path.as_os_str()),
                ("WARD_BACKUP_CRASH_DIR", folder.as_os_str()),
                ("WARD_CRASH_SEED", seed.as_ref()),
            ],
            5_000 + rng.below(250_000),
        );
        for line in lines {
            if let Some(start) = line.find("ACK backup ") {
                let count = line[start + 11..].split(' ').next().unwrap();
                floor = floor.max(count.parse().unwrap());
                acked_backups += 1;
            }
        }
        killed_with_temp += check(&path, &folder, floor, cycle);
    }
    eprintln!(
        "backup crash safety: {cycles} kills, {acked_backups} acknowledged backups, {killed_with_temp} kills left a temporary, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Checks the folder and the newest backup; returns 1 if a temporary was
/// left behind.
fn check(path: &Path, folder: &Path, floor: usize, cycle: u64) -> usize {
    assert_eq!(integrity(path), "ok", "cycle {cycle}");
    let mut backups: Vec<PathBuf> = Vec::new();
    let mut temporaries = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name.starts_with("ward-backup-") && name.ends_with(".ward") {
            backups.push(entry.path());
        } else if name.starts_with(".ward-backup-") && name.ends_with(".tmp") {
            temporaries += 1;
        } else {
            panic!("cycle {cycle}: unexpected file {name} in the backup folder");
        }
    }
    assert!(
        backups.len() <= KEEP as usize,
        "cycle {cycle}: {} backups",
        backups.len()
    );
    assert!(
        temporaries <= 1,
        "cycle {cycle}: stale temporaries were not removed"
    );
    backups.sort();
    let Some(newest) = backups.last() else {
        assert_eq!(floor, 0, "cycle {cycle}: an acknowledged backup is gone");
        return temporaries;
    };
    let vault = Vault::open(path).unwrap();
    vault.unlock_with_keystore(&fixed_keystore(), 0).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let restored =
        Vault::restore(newest, scratch.path().join("r.ward"), PASSWORD).unwrap_or_else(|error| {
            panic!("cycle {cycle}: the newest backup does not restore: {error}")
        });
    let names = |v: &Vault| -> Vec<String> {
        v.list("")
            .unwrap()
            .into_iter()
            .map(|item| match item {
                ListedEntry::Entry(summary) => summary.account().to_owned(),
                ListedEntry::Damaged { id, .. } => panic!("cycle {cycle}: damaged entry {id}"),
            })
            .collect()
    };
    let live = names(&vault);
    let backed_up = names(&restored);
    assert!(
        live.starts_with(&backed_up),
        "cycle {cycle}: the newest backup ({} entries) is not a state the vault had",
        backed_up.len()
    );
    assert!(
        backed_up.len() >= floor,
        "cycle {cycle}: the newest backup has {} entries, an acknowledged one had {floor}",
        backed_up.len()
    );
    temporaries
}
