//! The CLI on a vault changed outside Ward (with SQL, as sqlite3 would):
//! `ward list` and `ward codes` print every untouched entry, then exit 3
//! with one stderr line starting `ward: tampered:`; `ward next` exits 3
//! rather than print a code it printed before; `ward passwd` leaves none of
//! the old slot's bytes in the vault, `-wal` or `-shm`; the files are 0600.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{ok, ward};
use rusqlite::{Connection, params};

const PASS: &str = "cli tamper passphrase";

/// Exit status 3 and exactly one stderr line, starting `ward: tampered:`.
fn tampered(output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("ward: tampered: "), "{stderr}");
}

fn raw(vault: &Path) -> Connection {
    let conn = Connection::open(vault).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn
}

/// A vault with three TOTP entries and one HOTP entry; their ids in order.
fn setup(dir: &Path) -> (PathBuf, Vec<String>) {
    let vault = dir.join("vault.ward");
    ok(ward(
        &vault,
        PASS,
        &["init", "--kdf-memory-mib", "19", "--kdf-iterations", "2"],
    ));
    for uri in [
        "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/B:b?secret=KRSXG5CTMVRXEZLU",
        "otpauth://totp/C:c?secret=GEZDGNBVGY3TQOJQ",
        "otpauth://hotp/H:h?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0",
    ] {
        ok(ward(&vault, PASS, &["add", uri]));
    }
    let ids = ids(&ok(ward(&vault, PASS, &["list", "--json"])));
    (vault, ids)
}

fn ids(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_str().unwrap().to_owned())
        .collect()
}

fn hex(id: &str) -> Vec<u8> {
    (0..32)
        .step_by(2)
        .map(|i| u8::from_str_radix(&id[i..i + 2], 16).unwrap())
        .collect()
}

fn row(conn: &Connection, id: &str) -> (i64, Vec<u8>) {
    conn.query_row(
        "SELECT position, sealed FROM entries WHERE id = ?1",
        [hex(id)],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .unwrap()
}

/// `list` and `codes --json` print the entries in `expected` and exit 3.
fn reported(vault: &Path, expected: &[&String]) {
    for args in [&["list", "--json"][..], &["codes", "--json", "--at", "59"]] {
        let output = ward(vault, PASS, args);
        tampered(&output);
        let mut printed = ids(&String::from_utf8(output.stdout).unwrap());
        printed.sort();
        let mut expected: Vec<String> = expected.iter().map(|id| id.to_string()).collect();
        expected.sort();
        assert_eq!(printed, expected, "{args:?}");
    }
    let output = ward(vault, PASS, &["list"]);
    tampered(&output);
}

#[test]
fn a_row_deleted_with_sql() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, ids) = setup(dir.path());
    raw(&vault)
        .execute("DELETE FROM entries WHERE id = ?1", [hex(&ids[1])])
        .unwrap();
    reported(&vault, &[&ids[0], &ids[2], &ids[3]]);
    let stderr = String::from_utf8(ward(&vault, PASS, &["list"]).stderr).unwrap();
    assert!(
        stderr.contains(&ids[1]) && stderr.contains("deleted"),
        "{stderr}"
    );
}

#[test]
fn a_deleted_row_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, ids) = setup(dir.path());
    let (position, sealed) = row(&raw(&vault), &ids[1]);
    ok(ward(&vault, PASS, &["remove", &ids[1]]));
    ok(ward(&vault, PASS, &["list"]));
    raw(&vault)
        .execute(
            "INSERT INTO entries (id, position, sealed) VALUES (?1, ?2, ?3)",
            params![hex(&ids[1]), position, sealed],
        )
        .unwrap();
    reported(&vault, &ids.iter().collect::<Vec<_>>());
}

#[test]
fn an_old_blob_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, ids) = setup(dir.path());
    let (_, before) = row(&raw(&vault), &ids[3]);
    ok(ward(&vault, PASS, &["next", &ids[3]]));
    raw(&vault)
        .execute(
            "UPDATE entries SET sealed = ?2 WHERE id = ?1",
            params![hex(&ids[3]), before],
        )
        .unwrap();
    reported(&vault, &ids.iter().collect::<Vec<_>>());
}

#[test]
fn two_positions_swapped() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, ids) = setup(dir.path());
    let conn = raw(&vault);
    let (first, _) = row(&conn, &ids[0]);
    let (third, _) = row(&conn, &ids[2]);
    conn.execute(
        "UPDATE entries SET position = ?2 WHERE id = ?1",
        params![hex(&ids[0]), third],
    )
    .unwrap();
    conn.execute(
        "UPDATE entries SET position = ?2 WHERE id = ?1",
        params![hex(&ids[2]), first],
    )
    .unwrap();
    reported(&vault, &ids.iter().collect::<Vec<_>>());
}

#[test]
fn the_password_slot_deleted() {
    // A vault with a second (recovery) passphrase, made through the core:
    // deleting the main slot leaves one that opens it, and the removal is
    // reported while every entry is printed.
    let dir = tempfile::tempdir().unwrap();
    let (vault, all) = setup(dir.path());
    let main_slot: Vec<u8> = raw(&vault)
        .query_row("SELECT id FROM slots", [], |row| row.get(0))
        .unwrap();
    {
        let core = ward_core::vault::Vault::open(&vault).unwrap();
        core.unlock_with_password(PASS.as_bytes(), 0).unwrap();
        core.add_password_slot(b"recovery", ward_core::crypto::KdfParams::MINIMUM)
            .unwrap();
    }
    let copy = dir.path().join("only-password-slot.ward");
    std::fs::copy(&vault, &copy).unwrap();
    raw(&vault)
        .execute("DELETE FROM slots WHERE id = ?1", [&main_slot])
        .unwrap();
    let output = ward(&vault, "recovery", &["codes", "--json", "--at", "59"]);
    tampered(&output);
    assert_eq!(ids(&String::from_utf8(output.stdout).unwrap()), all);
    assert!(String::from_utf8_lossy(&output.stderr).contains("key slot"));

    // With every slot deleted nothing can be opened: still exit 3.
    raw(&copy).execute("DELETE FROM slots", []).unwrap();
    let output = ward(&copy, PASS, &["list"]);
    tampered(&output);
    assert!(output.stdout.is_empty());
}

#[test]
fn next_never_prints_a_code_twice_after_a_rollback() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, ids) = setup(dir.path());
    let hotp = &ids[3];
    let (_, at_zero) = row(&raw(&vault), hotp);
    let mut printed = vec![ok(ward(&vault, PASS, &["next", hotp]))];
    let (_, at_one) = row(&raw(&vault), hotp);
    printed.push(ok(ward(&vault, PASS, &["next", hotp])));
    assert_eq!(printed, ["755224\n", "287082\n"], "RFC 4226 appendix D");
    for old in [at_zero, at_one] {
        raw(&vault)
            .execute(
                "UPDATE entries SET sealed = ?2 WHERE id = ?1",
                params![hex(hotp), old],
            )
            .unwrap();
        let output = ward(&vault, PASS, &["next", hotp]);
        tampered(&output);
        assert!(output.stdout.is_empty(), "a code was printed");
    }
    // `ward verify` names the change; `--accept` keeps the vault, and the
    // entry continues from its first unused counter.
    let output = ward(&vault, PASS, &["verify"]);
    tampered(&output);
    assert!(String::from_utf8_lossy(&output.stdout).contains(hotp.as_str()));
    assert!(ok(ward(&vault, PASS, &["verify", "--accept"])).contains("intact"));
    assert_eq!(ok(ward(&vault, PASS, &["next", hotp])), "359152\n");
}

/// `ward passwd` (new passphrase from WARD_NEW_PASSPHRASE), while another
/// connection keeps the file open: none of the old slot's bytes is left in
/// the vault, its -wal or its -shm when the command returns.
#[test]
fn passwd_leaves_no_old_slot_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _ids) = setup(dir.path());
    let watcher = raw(&vault);
    let (params, sealed_key): (Vec<u8>, Vec<u8>) = watcher
        .query_row("SELECT params, sealed_key FROM slots", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    let salt = &params[params.len() - 32..];
    let output = Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(["passwd", "--kdf-memory-mib", "19", "--kdf-iterations", "2"])
        .env("WARD_VAULT", &vault)
        .env("WARD_PASSPHRASE", PASS)
        .env("WARD_NEW_PASSPHRASE", "the new passphrase")
        .output()
        .unwrap();
    ok(output);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = vault.as_os_str().to_owned();
        name.push(suffix);
        let Ok(bytes) = std::fs::read(&name) else {
            continue;
        };
        for (what, needle) in [("sealed key", &sealed_key[..]), ("salt", salt)] {
            assert!(
                !bytes.windows(needle.len()).any(|window| window == needle),
                "the old slot's {what} is still in {name:?}"
            );
        }
    }
    drop(watcher);
    ok(ward(&vault, "the new passphrase", &["list"]));
    assert_eq!(ward(&vault, PASS, &["list"]).status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn vault_and_its_wal_and_shm_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (vault, _ids) = setup(dir.path());
    // Keep a connection open so that the -wal and -shm stay after `ward`.
    let watcher = raw(&vault);
    let _: i64 = watcher
        .query_row("SELECT count(*) FROM entries", [], |row| row.get(0))
        .unwrap();
    ok(ward(
        &vault,
        PASS,
        &["add", "otpauth://totp/D:d?secret=JBSWY3DPEHPK3PXP"],
    ));
    for suffix in ["", "-wal", "-shm"] {
        let mut name = vault.as_os_str().to_owned();
        name.push(suffix);
        let mode = std::fs::metadata(&name).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{name:?}");
    }
}
