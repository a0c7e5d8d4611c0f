//! Hostile import files are bounded (issue 12, point 6), checked on the
//! real binary: an Aegis vault with 50 password slots at the scrypt cap is
//! refused within 10 s, and a 16 MiB JSON array of numbers ends with a
//! clear error while the process stays under 512 MiB.
//!
//! Kept in its own test binary: the memory check reads the largest peak
//! RSS of this process's children (`getrusage(RUSAGE_CHILDREN)`), which is
//! an upper bound of each child's peak only while every child is ours.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use ward_core::import::limits;

fn ward_import(file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(["import", "--dry-run", "--json"])
        .arg(file)
        .stdin(Stdio::null())
        .env("WARD_IMPORT_PASSWORD", "not the password")
        .env_remove("WARD_PASSPHRASE")
        .output()
        .expect("ward runs")
}

/// An encrypted Aegis vault with `count` password slots, each at the
/// largest scrypt work Ward accepts, none opening with any password.
fn aegis_with_slots_at_the_cap(count: usize) -> String {
    // N * r * p at the work cap with p = 1, r = 8.
    let n = limits::SCRYPT_MAX_WORK / 8;
    assert!(
        limits::check_scrypt(n, 8, 1).is_ok(),
        "at the cap, not above"
    );
    let slots: Vec<String> = (0..count)
        .map(|index| {
            format!(
                r#"{{"type":1,"uuid":"u{index}","key":"{key}","key_params":{{"nonce":"{nonce}","tag":"{tag}"}},"n":{n},"r":8,"p":1,"salt":"{index:064x}"}}"#,
                key = "00".repeat(32),
                nonce = "00".repeat(12),
                tag = "00".repeat(16),
            )
        })
        .collect();
    format!(
        r#"{{"version":1,"header":{{"slots":[{}],"params":{{"nonce":"{}","tag":"{}"}}}},"db":"AAAA"}}"#,
        slots.join(","),
        "00".repeat(12),
        "00".repeat(16)
    )
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn fifty_password_slots_at_the_scrypt_cap_fail_within_ten_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("aegis-50-slots.json");
    std::fs::write(&file, aegis_with_slots_at_the_cap(50)).unwrap();
    let started = Instant::now();
    let output = ward_import(&file);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("password does not open this Aegis vault"),
        "{}",
        stderr(&output)
    );
    assert!(
        took < Duration::from_secs(10),
        "took {took:?}: more than {} key derivations?",
        limits::MAX_KEY_DERIVATIONS
    );
}

#[test]
fn a_16_mib_array_of_numbers_ends_cleanly_under_512_mib() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("numbers.json");
    let count = 8 * 1024 * 1024 - 1; // "1," each: 16 MiB in all
    let mut json = String::with_capacity(2 * count + 2);
    json.push('[');
    for index in 0..count {
        if index > 0 {
            json.push(',');
        }
        json.push('1');
    }
    json.push(']');
    assert!(json.len() >= 16 * 1024 * 1024 - 2);
    std::fs::write(&file, json).unwrap();
    let output = ward_import(&file);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let lines: Vec<&str> = std::str::from_utf8(&output.stderr)
        .unwrap()
        .lines()
        .collect();
    assert!(
        lines.len() <= limits::MAX_SKIPPED_LISTED + 2,
        "{} stderr lines",
        lines.len()
    );
    assert!(lines.last().unwrap().starts_with("ward: "), "{lines:?}");
    let peak_kib = largest_child_peak_rss_kib();
    assert!(peak_kib < 512 * 1024, "peak RSS {peak_kib} KiB");
}

#[test]
fn more_skipped_items_than_listed_end_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    let item = r#"{"secret":"1","issuer":"I","label":"L"}"#;
    std::fs::write(&file, format!("[{}]", vec![item; 500].join(","))).unwrap();
    let output = ward_import(&file);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    let skipped = text
        .lines()
        .filter(|l| l.starts_with("ward: skipped"))
        .count();
    assert_eq!(skipped, limits::MAX_SKIPPED_LISTED + 1, "{text}");
    assert!(text.contains("skipped 300 more items"), "{text}");
    assert!(text.contains("500 items skipped"), "{text}");
}

/// The largest peak resident set of the children waited for so far, KiB.
fn largest_child_peak_rss_kib() -> u64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    assert_eq!(rc, 0);
    // SAFETY: getrusage succeeded and filled the struct.
    let usage = unsafe { usage.assume_init() };
    u64::try_from(usage.ru_maxrss).unwrap_or(0)
}
