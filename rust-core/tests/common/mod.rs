//! Helpers shared by the vault integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use ward_core::crypto::{KdfParams, SecretKey};
use ward_core::vault::{MemoryKeyStore, Vault};
use ward_core::{Account, Algorithm, OtpKind, OtpParams, Secret};

pub const PASSWORD: &[u8] = b"tests use the cheapest allowed Argon2id";

/// A platform key store with a fixed key, so that several processes agree.
pub fn fixed_keystore() -> MemoryKeyStore {
    MemoryKeyStore::from_key(&SecretKey::from_slice(&[0x42; 32]).unwrap())
}

/// A new vault with a password slot and a platform slot.
pub fn new_vault(dir: &Path) -> (PathBuf, Vault) {
    let path = dir.join("vault.ward");
    let vault = Vault::create(&path, PASSWORD, KdfParams::MINIMUM).unwrap();
    vault.reauthenticate(PASSWORD, 0).unwrap();
    vault.replace_platform_slot(&fixed_keystore(), 0).unwrap();
    (path, vault)
}

/// A TOTP account.
pub fn totp(issuer: &str, name: &str, secret: &[u8]) -> Account {
    Account {
        issuer: issuer.into(),
        name: name.into(),
        params: OtpParams::new(
            Secret::from_bytes(secret.to_vec()).unwrap(),
            Algorithm::Sha1,
            6,
            OtpKind::Totp { period: 30 },
        )
        .unwrap(),
    }
}

/// A raw connection beside the vault's own, for tampering and checks.
pub fn raw(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn
}

/// `PRAGMA integrity_check` result.
pub fn integrity(path: &Path) -> String {
    raw(path)
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// A crash test's child: this test binary again, started through the
/// command in `WARD_TEST_RUNNER` when set. Under emulation
/// (scripts/aarch64-test.sh sets it to the qemu runner) the test cannot exec
/// an aarch64 binary directly.
pub fn child_command(exe: &Path) -> std::process::Command {
    let runner = std::env::var("WARD_TEST_RUNNER").unwrap_or_default();
    let mut words = runner.split_whitespace();
    match words.next() {
        Some(program) => {
            let mut command = std::process::Command::new(program);
            command.args(words).arg(exe);
            command
        }
        None => std::process::Command::new(exe),
    }
}

/// Starts the ignored test `test` of this binary as a child with `envs`,
/// SIGKILLs it after `delay_micros` (times [`delay_scale`]), checks that it
/// was the kill that ended it, and returns its stdout lines.
pub fn run_and_kill(
    test: &str,
    envs: &[(&str, &std::ffi::OsStr)],
    delay_micros: u64,
) -> Vec<String> {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let exe = std::env::current_exe().unwrap();
    let mut command = child_command(&exe);
    command
        .args([
            test,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in envs {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    std::thread::sleep(std::time::Duration::from_micros(
        delay_micros * delay_scale(),
    ));
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.signal(),
        Some(9),
        "the child died on its own: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    reader.join().unwrap()
}

/// How much longer than natively a crash test's child takes to start and
/// work: `WARD_CRASH_DELAY_SCALE` (scripts/aarch64-test.sh sets it for
/// qemu, where the unscaled delays would kill every child before its first
/// operation).
pub fn delay_scale() -> u64 {
    std::env::var("WARD_CRASH_DELAY_SCALE")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(1)
}

/// A tiny deterministic generator for test choices (not for crypto).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}
