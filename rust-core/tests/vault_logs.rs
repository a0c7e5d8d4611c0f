//! No secret, password, issuer or account name in any log line, at every
//! level, across every vault operation and error path. Its own test binary
//! because the logger is process-wide.

mod common;

use std::sync::Mutex;

use common::{fixed_keystore, raw, totp};
use ward_core::crypto::KdfParams;
use ward_core::vault::{MemoryKeyStore, Vault};

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

static CAPTURE: Capture = Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {}: {}", record.level(), record.target(), record.args());
        LINES.lock().unwrap().push(line);
    }

    fn flush(&self) {}
}

#[test]
fn no_secret_in_any_log_line() {
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(log::LevelFilter::Trace);

    let password = b"Log-Test-Password-7781";
    let secret = b"LOGSECRETBYTES-123456";
    let issuer = "Logged Issuer Corp";
    let name = "logged-user@example.net";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ward");

    let vault = Vault::create(&path, password, KdfParams::MINIMUM).unwrap();
    let store = fixed_keystore();
    vault.reauthenticate(password, 0).unwrap();
    vault.replace_platform_slot(&store, 0).unwrap();
    let id = vault.add_account(totp(issuer, name, secret), 1).unwrap();
    let _ = vault.add_account(totp(issuer, name, secret), 1);
    let uri = "otpauth://hotp/Logged%20Issuer%20Corp:hotp-user?secret=JBSWY3DPEHPK3PXP&counter=3";
    let hotp = vault.add_uri(uri, 2).unwrap();
    vault.hotp_next(&hotp, 3).unwrap();
    vault
        .import(
            vec![totp(issuer, name, secret), totp(issuer, "x", secret)],
            4,
        )
        .unwrap();
    vault.codes_at(59).unwrap();
    vault.lock();
    let _ = vault.unlock_with_password(b"wrong Log-Test-Password", 0);
    let _ = vault.unlock_with_keystore(&MemoryKeyStore::new().unwrap(), 0);
    vault.unlock_with_password(password, 0).unwrap();
    // Damage one entry so the damaged path logs too.
    raw(&path)
        .execute(
            "UPDATE entries SET sealed = zeroblob(40) WHERE id = ?1",
            [id.as_bytes().as_slice()],
        )
        .unwrap();
    vault.list("").unwrap();
    vault
        .change_password(b"New-Log-Password-9", KdfParams::MINIMUM, 0)
        .unwrap();
    vault.delete(&id).unwrap();
    vault.lock();

    let lines = LINES.lock().unwrap().clone();
    assert!(
        lines.len() >= 8,
        "the vault should log what it does: {lines:#?}"
    );
    let secret_base32 = base32_of(secret);
    let forbidden: Vec<&[u8]> = vec![
        password,
        b"New-Log-Password",
        b"Log-Test-Password",
        secret,
        &secret[..8],
        secret_base32.as_bytes(),
        b"JBSWY3DPEHPK3PXP",
        issuer.as_bytes(),
        b"Logged",
        name.as_bytes(),
        b"hotp-user",
    ];
    for line in &lines {
        for needle in &forbidden {
            assert!(
                !line.as_bytes().windows(needle.len()).any(|w| w == *needle),
                "log line leaks {:?}: {line}",
                String::from_utf8_lossy(needle)
            );
        }
    }
}

fn base32_of(bytes: &[u8]) -> String {
    ward_core::Secret::from_bytes(bytes.to_vec())
        .unwrap()
        .to_base32()
        .to_string()
}
