//! Crash safety: a writer child process (adds, imports, deletes, HOTP
//! counter steps, password changes) is SIGKILLed at random moments. After
//! every kill: `PRAGMA integrity_check` is ok, every operation the child
//! reported as done is there, nothing it reported as deleted is, no import
//! is half-applied, HOTP counters never go back, the integrity manifest
//! matches the rows (no false tampering report after a crash), and the last
//! acknowledged password (or the one in flight) unlocks. A password change
//! re-keys and drops the platform slot; the writer enrols it again at once,
//! and whoever finds it missing (killed in between) unlocks by password.
//!
//! The normal suite runs [`SHORT_CYCLES`]; the long run is
//! `cargo test --release -p ward-core --test vault_crash -- --ignored crash_safety_long --nocapture`
//! (`WARD_CRASH_CYCLES` overrides the count).

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use common::{PASSWORD, Rng, fixed_keystore, integrity, new_vault, run_and_kill, totp};
use ward_core::crypto::KdfParams;
use ward_core::vault::{ListedEntry, SlotKind, Vault};
use ward_core::{Account, Algorithm, OtpKind, OtpParams, Secret};

const SHORT_CYCLES: u64 = 50;
const LONG_CYCLES: u64 = 1000;

#[test]
fn crash_safety_short() {
    run_cycles(SHORT_CYCLES);
}

#[test]
#[ignore = "long run (1,000 kills, about two minutes); run by hand and report"]
fn crash_safety_long() {
    run_cycles(LONG_CYCLES);
}

/// The writer. Does nothing unless started by `run_cycles`.
#[test]
#[ignore = "child process of the crash-safety tests"]
fn crash_child_writer() {
    let Some(path) = std::env::var_os("WARD_CRASH_CHILD") else {
        return;
    };
    let seed: u64 = std::env::var("WARD_CRASH_SEED").unwrap().parse().unwrap();
    writer(Path::new(&path), seed);
}

/// Unlocks with the platform slot, else (a password change dropped it and
/// the writer was killed before enrolling it again) with one of `passwords`.
fn unlock(vault: &Vault, passwords: &[&str]) {
    if vault.unlock_with_keystore(&fixed_keystore(), 0).is_ok() {
        return;
    }
    for password in passwords {
        if vault.unlock_with_password(password.as_bytes(), 0).is_ok() {
            return;
        }
    }
    panic!("neither the platform slot nor a known password unlocks the vault");
}

fn writer(path: &Path, seed: u64) -> ! {
    let vault = Vault::open(path).unwrap();
    let password = std::env::var("WARD_CRASH_PASSWORD").unwrap();
    unlock(&vault, &[&password]);
    if !vault
        .slots()
        .unwrap()
        .iter()
        .any(|slot| slot.kind == SlotKind::Platform)
    {
        vault.replace_platform_slot(&fixed_keystore(), 0).unwrap();
    }
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let secret = |rng: &mut Rng| -> Vec<u8> { (0..20).map(|_| rng.next() as u8).collect() };
    for step in 0u64.. {
        match rng.below(10) {
            0..=3 => {
                let name = format!("add-{seed}-{step}");
                println!("BEGIN add {name}");
                let id = vault
                    .add_account(totp("crash", &name, &secret(&mut rng)), step)
                    .unwrap();
                println!("ACK add {id} {name}");
            }
            4..=5 => {
                let n = 1 + rng.below(30);
                let tag = format!("{seed}.{step}");
                let accounts = (0..n)
                    .map(|j| totp("crash", &format!("imp-{tag}-{j}-of-{n}"), &secret(&mut rng)))
                    .collect();
                println!("BEGIN import {tag} {n}");
                vault.import(accounts, step).unwrap();
                println!("ACK import {tag} {n}");
            }
            6..=7 => {
                let listed = vault.list("").unwrap();
                if listed.is_empty() {
                    continue;
                }
                let pick = &listed[rng.below(listed.len() as u64) as usize];
                let ListedEntry::Entry(entry) = pick else {
                    panic!("damaged entry seen by the writer: {:?}", pick.id());
                };
                println!("BEGIN delete {} {}", entry.id, entry.account());
                vault.delete(&entry.id).unwrap();
                println!("ACK delete {} {}", entry.id, entry.account());
            }
            8 => {
                let hotp = vault.list("hotp-").unwrap();
                match hotp.first() {
                    None => {
                        let name = format!("hotp-{seed}-{step}");
                        let account = Account {
                            issuer: "crash".into(),
                            name: name.clone(),
                            params: OtpParams::new(
                                Secret::from_bytes(secret(&mut rng)).unwrap(),
                                Algorithm::Sha1,
                                6,
                                OtpKind::Hotp { counter: 0 },
                            )
                            .unwrap(),
                        };
                        println!("BEGIN add {name}");
                        let id = vault.add_account(account, step).unwrap();
                        println!("ACK add {id} {name}");
                    }
                    Some(item) => {
                        let id = item.id();
                        let counter = vault.get(&id).unwrap().account.params.kind().counter();
                        let counter = counter.unwrap();
                        println!("BEGIN next {id} {counter}");
                        vault.hotp_next(&id, step).unwrap();
                        println!("ACK next {id} {counter}");
                    }
                }
            }
            _ => {
                let password = format!("pw-{seed}-{step}");
                println!("BEGIN passwd {password}");
                vault
                    .change_password(password.as_bytes(), KdfParams::MINIMUM, 0)
                    .unwrap();
                println!("ACK passwd {password}");
                // As the app does: enrol the platform key again.
                vault.replace_platform_slot(&fixed_keystore(), 0).unwrap();
            }
        }
    }
    unreachable!()
}

/// What the parent knows from the children's acknowledgements.
#[derive(Default)]
struct Expected {
    present: HashSet<String>,
    deleted: HashSet<String>,
    deleted_per_tag: HashMap<String, u64>,
    acked_imports: HashMap<String, u64>,
    hotp_floor: HashMap<String, u64>,
    password: String,
    generation: u64,
    history: Vec<String>,
    last_names: HashMap<String, String>,
}

fn import_tag(name: &str) -> Option<(String, u64)> {
    let rest = name.strip_prefix("imp-")?;
    let (tag, of) = rest.rsplit_once("-of-")?;
    let tag = tag.rsplit_once('-')?.0;
    Some((tag.to_string(), of.parse().ok()?))
}

fn run_cycles(default_cycles: u64) {
    let cycles = std::env::var("WARD_CRASH_CYCLES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default_cycles);
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    drop(vault);
    let mut rng = Rng(std::process::id() as u64 ^ 0xA5A5_5A5A_1234_5678);
    let mut expected = Expected {
        password: String::from_utf8(PASSWORD.to_vec()).unwrap(),
        ..Expected::default()
    };
    let started = Instant::now();
    let mut acks = 0;
    for cycle in 0..cycles {
        let seed = cycle.to_string();
        let output = run_and_kill(
            "crash_child_writer",
            &[
                ("WARD_CRASH_CHILD", path.as_os_str()),
                ("WARD_CRASH_SEED", seed.as_ref()),
                ("WARD_CRASH_PASSWORD", expected.password.as_ref()),
            ],
            2_000 + rng.below(120_000),
        );
        // libtest prints "test crash_child_writer ... " without a newline
        // before the writer's first line: keep only the protocol part.
        let lines: Vec<String> = output
            .into_iter()
            .filter_map(|line| {
                let start = line.find("BEGIN ").or_else(|| line.find("ACK "))?;
                Some(line[start..].to_string())
            })
            .collect();
        acks += lines.iter().filter(|l| l.starts_with("ACK ")).count();
        check(&path, &lines, &mut expected, cycle);
    }
    eprintln!(
        "crash safety: {cycles} kills, {acks} acknowledged operations checked, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

fn check(path: &Path, lines: &[String], expected: &mut Expected, cycle: u64) {
    let mut pending: Option<Vec<String>> = None;
    let mut password_changed = false;
    for line in lines {
        if line.starts_with("ACK ") || line.starts_with("BEGIN ") {
            expected.history.push(format!("{cycle}: {line}"));
        }
        let words: Vec<String> = line.split(' ').map(str::to_string).collect();
        match words.first().map(String::as_str) {
            Some("BEGIN") => pending = Some(words[1..].to_vec()),
            Some("ACK") => {
                pending = None;
                match words[1].as_str() {
                    "add" => {
                        expected.present.insert(words[2].clone());
                    }
                    "delete" => record_delete(expected, &words[2], &words[3]),
                    "import" => {
                        expected
                            .acked_imports
                            .insert(words[2].clone(), words[3].parse().unwrap());
                    }
                    "next" => {
                        let floor = words[3].parse::<u64>().unwrap() + 1;
                        expected.hotp_floor.insert(words[2].clone(), floor);
                    }
                    "passwd" => {
                        expected.password = words[2].clone();
                        password_changed = true;
                    }
                    other => panic!("unknown ack {other}"),
                }
            }
            _ => {}
        }
    }

    assert_eq!(integrity(path), "ok", "cycle {cycle}");
    let vault = Vault::open(path).unwrap();
    let in_flight = match &pending {
        Some(op) if op[0] == "passwd" => op[1].as_str(),
        _ => "",
    };
    unlock(&vault, &[&expected.password, in_flight]);
    let report = vault.integrity().unwrap();
    assert!(
        report.intact,
        "cycle {cycle}: a crash left the manifest out of step: {:?}",
        report.problems
    );
    assert!(
        report.generation >= expected.generation,
        "cycle {cycle}: the generation went back"
    );
    expected.generation = report.generation;
    let listed = vault.list("").unwrap();
    let mut names: HashMap<String, String> = HashMap::new();
    for item in &listed {
        match item {
            ListedEntry::Entry(entry) => {
                names.insert(entry.id.to_string(), entry.account().to_owned());
            }
            ListedEntry::Damaged { id, .. } => panic!("cycle {cycle}: entry {id} damaged"),
        }
    }

    let vanished: Vec<_> = expected
        .last_names
        .iter()
        .filter(|(id, _)| {
            !names.contains_key(*id) && !lines.iter().any(|l| l.contains(id.as_str()))
        })
        .collect();
    assert!(
        vanished.is_empty(),
        "cycle {cycle}: entries vanished without a delete: {vanished:?}\n{lines:#?}"
    );
    expected.last_names = names.clone();

    // Resolve the operation in flight when the child was killed.
    let mut pending_password = None;
    if let Some(op) = &pending {
        match op[0].as_str() {
            "delete" if !names.contains_key(&op[1]) => record_delete(expected, &op[1], &op[2]),
            "passwd" => pending_password = Some(op[1].clone()),
            "next" => {
                // Either the old counter or the advanced one.
                expected
                    .hotp_floor
                    .entry(op[1].clone())
                    .or_insert(op[2].parse().unwrap());
            }
            _ => {}
        }
    }

    for id in &expected.present {
        assert!(
            expected.deleted.contains(id) || names.contains_key(id),
            "cycle {cycle}: acknowledged entry {id} is missing"
        );
    }
    for id in &expected.deleted {
        assert!(
            !names.contains_key(id),
            "cycle {cycle}: deleted {id} is back"
        );
    }
    let mut per_tag: HashMap<String, (u64, u64)> = HashMap::new();
    for name in names.values() {
        if let Some((tag, n)) = import_tag(name) {
            per_tag.entry(tag).or_insert((0, n)).0 += 1;
        }
    }
    for (tag, (present, n)) in &per_tag {
        let deleted = expected.deleted_per_tag.get(tag).copied().unwrap_or(0);
        if present + deleted != *n {
            let related: Vec<&String> = expected
                .history
                .iter()
                .filter(|line| {
                    line.contains(&format!("-{tag}-")) || line.contains(&format!(" {tag} "))
                })
                .collect();
            panic!(
                "cycle {cycle}: import {tag} half-applied: {present} present + {deleted} deleted != {n}\n{related:#?}"
            );
        }
    }
    for (tag, n) in &expected.acked_imports {
        let present = per_tag.get(tag).map_or(0, |(present, _)| *present);
        let deleted = expected.deleted_per_tag.get(tag).copied().unwrap_or(0);
        assert_eq!(
            present + deleted,
            *n,
            "cycle {cycle}: acknowledged import {tag} lost"
        );
    }
    for (id, floor) in &expected.hotp_floor {
        if names.contains_key(id) {
            let id_parsed = id.parse().unwrap();
            let counter = vault
                .get(&id_parsed)
                .unwrap()
                .account
                .params
                .kind()
                .counter();
            assert!(
                counter.unwrap() >= *floor,
                "cycle {cycle}: HOTP counter of {id} went back"
            );
        }
    }
    // The password: checked when it changed or was changing, and now and then.
    if password_changed || pending_password.is_some() || cycle.is_multiple_of(10) {
        drop(vault);
        let vault = Vault::open(path).unwrap();
        let opened = vault
            .unlock_with_password(expected.password.as_bytes(), 0)
            .is_ok()
            || pending_password
                .as_ref()
                .is_some_and(|pw| vault.unlock_with_password(pw.as_bytes(), 0).is_ok());
        assert!(opened, "cycle {cycle}: no acknowledged password unlocks");
        if let Some(pw) = pending_password
            && vault
                .unlock_with_password(expected.password.as_bytes(), 0)
                .is_err()
        {
            expected.password = pw;
        }
    }
}

fn record_delete(expected: &mut Expected, id: &str, name: &str) {
    if expected.deleted.insert(id.to_string())
        && let Some((tag, _)) = import_tag(name)
    {
        *expected.deleted_per_tag.entry(tag).or_insert(0) += 1;
    }
}
