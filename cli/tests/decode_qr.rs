//! `ward decode-qr` on the committed fixture pictures and on broken files.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/qr")
        .join(name)
}

fn decode_qr(path: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .arg("decode-qr")
        .arg(path)
        .output()
        .expect("ward runs")
}

/// A scratch file unique to this test process.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("ward-decode-qr-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("scratch file written");
    path
}

fn assert_clean_failure(output: &Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("ward: "), "{stderr}");
    assert!(stderr.contains(needle), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn prints_each_text_on_its_own_line() {
    let output = decode_qr(&fixture("two-codes.png"));
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let mut lines: Vec<&str> = stdout.lines().collect();
    lines.sort();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("otpauth://totp/Amazon%20Web%20Services:"));
    assert!(lines[1].starts_with("otpauth://totp/GitHub:octocat?"));
    assert!(output.stderr.is_empty());
}

#[test]
fn reads_jpeg_and_google_export_screenshots() {
    let output = decode_qr(&fixture("aws-photo.jpg"));
    assert!(output.status.success(), "{output:?}");
    let output = decode_qr(&fixture("google-export-screenshot.png"));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        stdout.starts_with("otpauth-migration://offline?data="),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn prints_non_authenticator_texts_too() {
    let output = decode_qr(&fixture("url-code.png"));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "https://example.com/welcome?ref=poster\n"
    );
}

#[test]
fn no_code_is_exit_2_with_a_message() {
    assert_clean_failure(&decode_qr(&fixture("no-code.png")), "no QR code found");
}

#[test]
fn truncated_and_bogus_files_fail_cleanly() {
    let png = std::fs::read(fixture("two-codes.png")).expect("fixture");
    for (name, bytes) in [
        ("half.png", &png[..png.len() / 2]),
        ("header-only.png", &png[..40]),
        ("empty.png", &png[..0]),
    ] {
        assert_clean_failure(&decode_qr(&scratch(name, bytes)), "cannot read");
    }
    let jpeg = std::fs::read(fixture("aws-photo.jpg")).expect("fixture");
    let output = decode_qr(&scratch("half.jpg", &jpeg[..jpeg.len() / 3]));
    // A truncated JPEG may still decode to a partial picture: either the
    // code is gone or it is read, but never a crash.
    assert!(matches!(output.status.code(), Some(0 | 2)), "{output:?}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));

    let mut bomb = png[..33].to_vec(); // signature + IHDR claiming 100000 x 100000
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    assert_clean_failure(&decode_qr(&scratch("bomb.png", &bomb)), "cannot read");
    assert_clean_failure(
        &decode_qr(&scratch("text.png", b"not a picture")),
        "not a PNG or JPEG",
    );
    assert_clean_failure(&decode_qr(&fixture("missing.png")), "cannot open");
}

/// `ward scan` end to end: a Google Authenticator export screenshot adds its
/// five accounts to a new vault; scanning it again adds none; a web address
/// code and a picture without a code leave the vault alone.
#[test]
fn scan_imports_a_google_export_screenshot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("vault.ward");
    let ward = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ward"))
            .args(args)
            .env("WARD_VAULT", &vault)
            .env("WARD_PASSPHRASE", "vault pass")
            .output()
            .expect("ward runs")
    };
    let init = ward(&["init", "--kdf-memory-mib", "19", "--kdf-iterations", "2"]);
    assert!(init.status.success(), "{init:?}");

    let screenshot = fixture("google-export-screenshot.png");
    let first = ward(&["scan", screenshot.to_str().expect("UTF-8 path")]);
    assert!(first.status.success(), "{first:?}");
    let stdout = String::from_utf8_lossy(&first.stdout);
    for line in [
        "added: Google (alice@example.com)",
        "added: GitHub (bob)",
        "added: Amazon Web Services (carol@example.org)",
        "added: Dropbox (dave)",
        "added: Slack (erin@example.net)",
    ] {
        assert!(stdout.contains(line), "{stdout}");
    }
    let again = ward(&["scan", screenshot.to_str().expect("UTF-8 path")]);
    assert!(again.status.success(), "{again:?}");
    assert_eq!(
        String::from_utf8_lossy(&again.stdout)
            .matches("already in the vault")
            .count(),
        5
    );

    let url = ward(&[
        "scan",
        fixture("url-code.png").to_str().expect("UTF-8 path"),
    ]);
    assert_clean_failure(
        &url,
        "not an authenticator QR code: it holds a web address (https://example.com)",
    );
    let none = ward(&["scan", fixture("no-code.png").to_str().expect("UTF-8 path")]);
    assert_clean_failure(&none, "no QR code found");

    let list = ward(&["list"]);
    assert_eq!(
        String::from_utf8_lossy(&list.stdout).lines().count(),
        5,
        "{list:?}"
    );
}
