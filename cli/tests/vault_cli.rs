//! The vault commands end to end: `ward init/add/import/list/codes/next/
//! remove/passwd`, exit statuses, JSON shapes, damaged entries.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{ok, ward};

const PASS: &str = "cli test passphrase";

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

fn init(dir: &Path) -> std::path::PathBuf {
    let vault = dir.join("sub").join("vault.ward");
    ok(ward(
        &vault,
        PASS,
        &["init", "--kdf-memory-mib", "19", "--kdf-iterations", "2"],
    ));
    vault
}

#[test]
fn vault_commands_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let vault = init(dir.path());
    let id = ok(ward(
        &vault,
        PASS,
        &["add", "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP"],
    ));
    let id = id.trim();
    assert_eq!(id.len(), 32);

    let file = dir.path().join("uris.txt");
    std::fs::write(
        &file,
        "# exported\notpauth://hotp/RFC:4226?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0\n\n\
         otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP\notpauth://steam/Steam:s?secret=JBSWY3DPEHPK3PXP\n",
    )
    .unwrap();
    let report = ok(ward(&vault, PASS, &["import", file.to_str().unwrap()]));
    assert!(
        report.contains("imported 2 accounts, skipped 1 duplicates"),
        "{report}"
    );

    let list = json(&ok(ward(&vault, PASS, &["list", "--json"])));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["issuer"], "ACME");
    assert_eq!(list[0]["account"], "alice");
    assert_eq!(list[0]["kind"], "totp");
    assert_eq!(list[1]["kind"], "hotp");
    let listed = serde_json::to_string(list).unwrap();
    assert!(!listed.contains("JBSWY3DPEHPK3PXP") && !listed.contains("secret"));

    let codes = json(&ok(ward(&vault, PASS, &["codes", "--json", "--at", "59"])));
    let codes = codes.as_array().unwrap();
    assert_eq!(codes[0]["code"], "996554");
    assert_eq!(codes[0]["next_code"], "602287");
    assert_eq!(codes[0]["seconds_remaining"], 1);
    assert_eq!(codes[1]["code"], serde_json::Value::Null);
    assert_eq!(codes[2]["code"].as_str().unwrap().len(), 5);
    // The single-URI command agrees with the vault.
    let single = ok(ward(
        &vault,
        PASS,
        &[
            "code",
            "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP",
            "--at",
            "59",
        ],
    ));
    assert_eq!(single.trim(), "996554");

    let hotp = list[1]["id"].as_str().unwrap();
    assert_eq!(ok(ward(&vault, PASS, &["next", hotp])).trim(), "755224");
    assert_eq!(ok(ward(&vault, PASS, &["next", hotp])).trim(), "287082");
    let plain = ok(ward(&vault, PASS, &["codes", "--at", "59"]));
    assert!(
        plain.contains("996554") && plain.contains("counter 2"),
        "{plain}"
    );

    ok(ward(&vault, PASS, &["remove", id]));
    assert_eq!(
        json(&ok(ward(&vault, PASS, &["list", "--json"])))
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let changed = Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(["passwd", "--kdf-memory-mib", "19", "--kdf-iterations", "2"])
        .env("WARD_VAULT", &vault)
        .env("WARD_PASSPHRASE", PASS)
        .env("WARD_NEW_PASSPHRASE", "second passphrase")
        .output()
        .unwrap();
    ok(changed);
    assert_eq!(ward(&vault, PASS, &["list"]).status.code(), Some(2));
    ok(ward(&vault, "second passphrase", &["list"]));
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let vault = init(dir.path());
    for (args, passphrase) in [
        (vec!["list"], "wrong passphrase"),
        (vec!["add", "otpauth://totp/x?secret=0OO"], PASS),
        (vec!["remove", "not-an-id"], PASS),
        (vec!["remove", "00000000000000000000000000000000"], PASS),
        (vec!["next", "00000000000000000000000000000000"], PASS),
        (vec!["import", "/nonexistent/file"], PASS),
        (vec!["init"], PASS),
    ] {
        let output = ward(&vault, passphrase, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("ward: "), "{stderr}");
    }
    let missing = ward(&dir.path().join("none.ward"), PASS, &["codes"]);
    assert_eq!(missing.status.code(), Some(2));
    // A file with no account at all changes nothing and says why.
    let file = dir.path().join("bad.txt");
    std::fs::write(
        &file,
        "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PX0\nnot a uri\n",
    )
    .unwrap();
    let output = ward(&vault, PASS, &["import", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 1"));
    assert_eq!(ok(ward(&vault, PASS, &["list", "--json"])).trim(), "[]");
    // A bad line among good ones is skipped and named; the rest imports
    // (issue 4: partial success is normal and reported, never silent).
    std::fs::write(
        &file,
        "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP\nnot a uri\n",
    )
    .unwrap();
    let output = ward(&vault, PASS, &["import", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 2"));
    assert!(ok(ward(&vault, PASS, &["list", "--json"])).contains("\"A\""));
}

#[test]
fn damaged_entry_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let vault = init(dir.path());
    let a = ok(ward(
        &vault,
        PASS,
        &["add", "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP"],
    ));
    ok(ward(
        &vault,
        PASS,
        &["add", "otpauth://totp/B:b?secret=GEZDGNBVGY3TQOJQ"],
    ));
    let id: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&a.trim()[i * 2..i * 2 + 2], 16).unwrap())
        .collect();
    let conn = rusqlite::Connection::open(&vault).unwrap();
    conn.execute(
        "UPDATE entries SET sealed = zeroblob(60) WHERE id = ?1",
        [id],
    )
    .unwrap();
    drop(conn);
    // A blob changed outside Ward: reported as damaged and, since Ward did
    // not write it, as tampering (exit 3 after printing every entry).
    let tampered = |output: Output| {
        assert_eq!(output.status.code(), Some(3));
        assert!(String::from_utf8_lossy(&output.stderr).starts_with("ward: tampered: "));
        String::from_utf8(output.stdout).unwrap()
    };
    let codes = json(&tampered(ward(
        &vault,
        PASS,
        &["codes", "--json", "--at", "59"],
    )));
    let codes = codes.as_array().unwrap();
    assert_eq!(codes.len(), 2);
    assert_eq!(codes[0]["id"], a.trim());
    assert_eq!(codes[0]["code"], serde_json::Value::Null);
    assert!(codes[0]["error"].as_str().unwrap().contains("damaged"));
    assert!(codes[1]["code"].is_string());
    let list = json(&tampered(ward(&vault, PASS, &["list", "--json"])));
    assert!(list[0]["error"].is_string());
}
