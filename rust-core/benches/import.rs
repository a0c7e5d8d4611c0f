//! Import throughput: 1,000 accounts from a Google Authenticator export
//! (the migration URIs Ward's own exporter writes, in QR-sized batches),
//! from a plain Aegis vault, and from an Aegis vault encrypted with Aegis's
//! default scrypt parameters (N = 2^15, r = 8, p = 1; within Ward's caps),
//! where the one scrypt derivation dominates; and from three of the formats
//! added for issue 15: a Google Authenticator app database (SQLite, read
//! from bytes in memory), a Bitwarden CSV export and a Stratum JSON backup.
//! The plain Aegis vault is the peer to compare them with (same accounts,
//! same run).
//!
//! Run: `cargo bench -p ward-core --bench import`

use std::hint::black_box;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, criterion_group, criterion_main};
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use serde_json::json;
use ward_core::account::{Account, Algorithm, OtpKind, OtpParams};
use ward_core::export::google;
use ward_core::import::import;
use ward_core::secret::Secret;

const ACCOUNTS: usize = 1_000;

fn accounts() -> Vec<Account> {
    (0..ACCOUNTS)
        .map(|n| Account {
            issuer: format!("Issuer {n}"),
            name: format!("user{n}@example.com"),
            params: OtpParams::new(
                Secret::from_bytes((0..20).map(|i| (n * 31 + i) as u8).collect()).unwrap(),
                Algorithm::Sha1,
                6,
                OtpKind::Totp { period: 30 },
            )
            .unwrap(),
        })
        .collect()
}

fn google_text(accounts: &[Account]) -> String {
    let export = google::export(accounts, 42);
    assert!(export.left_out.is_empty());
    export
        .uris
        .iter()
        .map(|u| u.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn aegis_db(accounts: &[Account]) -> serde_json::Value {
    let entries: Vec<serde_json::Value> = accounts
        .iter()
        .map(|a| {
            json!({"type": "totp", "uuid": "u", "name": a.name, "issuer": a.issuer, "note": "",
                   "favorite": false, "icon": null,
                   "info": {"secret": a.params.secret().to_base32().as_str(), "algo": "SHA1",
                            "digits": 6, "period": 30}})
        })
        .collect();
    json!({"version": 2, "entries": entries})
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn seal(key: &[u8], nonce: [u8; 12], plain: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).unwrap());
    let mut buffer = plain.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::empty(),
        &mut buffer,
    )
    .unwrap();
    let tag = buffer.split_off(buffer.len() - 16);
    (buffer, tag)
}

fn aegis_encrypted(db: &serde_json::Value, password: &[u8]) -> Vec<u8> {
    let master = [7u8; 32];
    let salt = [9u8; 32];
    let params = scrypt::Params::new(15, 8, 1, 32).unwrap();
    let mut derived = [0u8; 32];
    scrypt::scrypt(password, &salt, &params, &mut derived).unwrap();
    let (key, key_tag) = seal(&derived, [1; 12], &master);
    let (db_ct, db_tag) = seal(&master, [2; 12], db.to_string().as_bytes());
    json!({"version": 1, "header": {"slots": [{"type": 1, "uuid": "p", "key": hex(&key),
            "key_params": {"nonce": hex(&[1; 12]), "tag": hex(&key_tag)},
            "n": 32768, "r": 8, "p": 1, "salt": hex(&salt)}],
          "params": {"nonce": hex(&[2; 12]), "tag": hex(&db_tag)}},
          "db": STANDARD.encode(db_ct)})
    .to_string()
    .into_bytes()
}

fn google_database(accounts: &[Account]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("databases");
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection
        .execute_batch(
            "CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, \
             counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, \
             original_name TEXT DEFAULT NULL); BEGIN;",
        )
        .unwrap();
    for a in accounts {
        connection
            .execute(
                "INSERT INTO accounts (email, secret, type, issuer) VALUES (?1, ?2, 0, ?3)",
                (
                    format!("{}:{}", a.issuer, a.name),
                    a.params.secret().to_base32().as_str(),
                    &a.issuer,
                ),
            )
            .unwrap();
    }
    connection.execute_batch("COMMIT;").unwrap();
    drop(connection);
    std::fs::read(&path).unwrap()
}

fn bitwarden_csv(accounts: &[Account]) -> Vec<u8> {
    let mut csv = String::from(
        "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\r\n",
    );
    for a in accounts {
        csv.push_str(&format!(
            ",,login,{},,,0,https://example.com,{},pw,{}\r\n",
            a.issuer,
            a.name,
            a.params.secret().to_base32().as_str()
        ));
    }
    csv.into_bytes()
}

fn stratum_json(accounts: &[Account]) -> Vec<u8> {
    let rows: Vec<serde_json::Value> = accounts
        .iter()
        .map(|a| {
            json!({"Type": 2, "Icon": null, "Issuer": a.issuer, "Username": a.name,
                   "Secret": a.params.secret().to_base32().as_str(), "Pin": null, "Algorithm": 0,
                   "Digits": 6, "Period": 30, "Counter": 0, "Ranking": 0})
        })
        .collect();
    json!({"Authenticators": rows, "Categories": [], "AuthenticatorCategories": [], "CustomIcons": []})
        .to_string()
        .into_bytes()
}

fn bench(c: &mut Criterion) {
    let accounts = accounts();
    let google = google_text(&accounts);
    let db = aegis_db(&accounts);
    let aegis_plain = json!({"version": 1, "header": {"slots": null, "params": null}, "db": db})
        .to_string()
        .into_bytes();
    let aegis_sealed = aegis_encrypted(&db, b"password");
    let google_db = google_database(&accounts);
    let bitwarden = bitwarden_csv(&accounts);
    let stratum = stratum_json(&accounts);
    for (bytes, password) in [
        (google_db.as_slice(), None),
        (bitwarden.as_slice(), None),
        (stratum.as_slice(), None),
        (google.as_bytes(), None),
        (aegis_plain.as_slice(), None),
        (aegis_sealed.as_slice(), Some(&b"password"[..])),
    ] {
        assert_eq!(import(bytes, password).unwrap().entries.len(), ACCOUNTS);
    }

    let mut group = c.benchmark_group("import_1000_accounts");
    group.sample_size(20);
    group.bench_function("google_migration_uris", |b| {
        b.iter(|| import(black_box(google.as_bytes()), None).unwrap())
    });
    group.bench_function("aegis_plain", |b| {
        b.iter(|| import(black_box(&aegis_plain), None).unwrap())
    });
    group.bench_function("google_authenticator_database", |b| {
        b.iter(|| import(black_box(&google_db), None).unwrap())
    });
    group.bench_function("bitwarden_csv", |b| {
        b.iter(|| import(black_box(&bitwarden), None).unwrap())
    });
    group.bench_function("stratum_json", |b| {
        b.iter(|| import(black_box(&stratum), None).unwrap())
    });
    group.bench_function("aegis_encrypted_scrypt_n2e15", |b| {
        b.iter(|| import(black_box(&aegis_sealed), Some(b"password")).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
