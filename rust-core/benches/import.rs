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
//! With the `full-import` feature, three of the desktop-only formats too:
//! a TOTP Authenticator backup (SHA-256 + AES-256-CBC, base64), an
//! Authenticator Plus ZIP (ZipCrypto + DEFLATE) and an old-format Stratum
//! backup (PBKDF2-SHA1 with 64,000 iterations + AES-256-CBC, where the
//! derivation dominates).
//!
//! Run: `cargo bench -p ward-core --features full-import --bench import`

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

/// The files of the desktop-only formats, written here from each format's
/// description (see `tests/fixtures/import/make_fixtures.py` for the same
/// layouts in Python).
#[cfg(feature = "full-import")]
mod desktop {
    use super::*;
    use aes::cipher::{BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};

    fn aes_cbc(key: &[u8], iv: &[u8; 16], plain: &[u8]) -> Vec<u8> {
        cbc::Encryptor::<aes::Aes256>::new_from_slices(key, iv)
            .unwrap()
            .encrypt_padded_vec_mut::<Pkcs7>(plain)
    }

    fn sha256(data: &[u8]) -> Vec<u8> {
        ring::digest::digest(&ring::digest::SHA256, data)
            .as_ref()
            .to_vec()
    }

    pub fn totp_authenticator(accounts: &[Account], password: &[u8]) -> Vec<u8> {
        let tokens: Vec<serde_json::Value> = accounts
            .iter()
            .map(|a| {
                json!({"base": 32, "digits": "6", "issuer": a.issuer, "name": a.name, "period": "30",
                       "key": a.params.secret().to_base32().as_str()})
            })
            .collect();
        let mut object = serde_json::Map::new();
        object.insert(
            serde_json::Value::Array(tokens).to_string(),
            json!("1608293023"),
        );
        let plain = serde_json::Value::Object(object).to_string();
        STANDARD
            .encode(aes_cbc(&sha256(password), &[0; 16], plain.as_bytes()))
            .into_bytes()
    }

    pub fn stratum_legacy(accounts: &[Account], password: &[u8]) -> Vec<u8> {
        let salt = [3u8; 20];
        let iv = [5u8; 16];
        let mut key = [0u8; 32];
        ring::pbkdf2::derive(
            ring::pbkdf2::PBKDF2_HMAC_SHA1,
            std::num::NonZeroU32::new(64_000).unwrap(),
            &salt,
            password,
            &mut key,
        );
        let mut file = b"AuthenticatorPro".to_vec();
        file.extend_from_slice(&salt);
        file.extend_from_slice(&iv);
        file.extend_from_slice(&aes_cbc(&key, &iv, &stratum_json(accounts)));
        file
    }

    fn crc_step(crc: u32, byte: u8) -> u32 {
        let mut value = (crc ^ u32::from(byte)) & 0xff;
        for _ in 0..8 {
            value = if value & 1 != 0 {
                (value >> 1) ^ 0xEDB8_8320
            } else {
                value >> 1
            };
        }
        (crc >> 8) ^ value
    }

    /// ZipCrypto (APPNOTE.TXT 6.1.5) over `plain`.
    fn zip_crypto(password: &[u8], plain: &[u8]) -> Vec<u8> {
        let mut keys = [0x1234_5678u32, 0x2345_6789, 0x3456_7890];
        let update = |keys: &mut [u32; 3], byte: u8| {
            keys[0] = crc_step(keys[0], byte);
            keys[1] = keys[1]
                .wrapping_add(keys[0] & 0xff)
                .wrapping_mul(134_775_813)
                .wrapping_add(1);
            keys[2] = crc_step(keys[2], (keys[1] >> 24) as u8);
        };
        password.iter().for_each(|&b| update(&mut keys, b));
        plain
            .iter()
            .map(|&p| {
                let temp = (keys[2] | 2) & 0xffff;
                let c = p ^ ((temp.wrapping_mul(temp ^ 1) >> 8) & 0xff) as u8;
                update(&mut keys, p);
                c
            })
            .collect()
    }

    /// A one-member ZIP (APPNOTE.TXT 4.3): `Accounts.txt`, DEFLATE, ZipCrypto.
    pub fn authenticator_plus(accounts: &[Account], password: &[u8]) -> Vec<u8> {
        let text: String = accounts
            .iter()
            .map(|a| format!("{}\n", ward_core::uri::to_uri(a).as_str()))
            .collect();
        let crc = !text.bytes().fold(!0u32, crc_step);
        let mut sealed = vec![0u8; 11];
        sealed.push((crc >> 24) as u8);
        sealed.extend(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6));
        let sealed = zip_crypto(password, &sealed);
        let name = b"Accounts.txt";
        let le16 = |v: usize| (v as u16).to_le_bytes();
        let le32 = |v: usize| (v as u32).to_le_bytes();
        let mut zip = Vec::new();
        zip.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        zip.extend_from_slice(&[20, 0, 1, 0, 8, 0, 0, 0, 0, 0]);
        zip.extend_from_slice(&crc.to_le_bytes());
        zip.extend_from_slice(&le32(sealed.len()));
        zip.extend_from_slice(&le32(text.len()));
        zip.extend_from_slice(&le16(name.len()));
        zip.extend_from_slice(&[0, 0]);
        zip.extend_from_slice(name);
        zip.extend_from_slice(&sealed);
        let directory = zip.len();
        zip.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        zip.extend_from_slice(&[20, 0, 20, 0, 1, 0, 8, 0, 0, 0, 0, 0]);
        zip.extend_from_slice(&crc.to_le_bytes());
        zip.extend_from_slice(&le32(sealed.len()));
        zip.extend_from_slice(&le32(text.len()));
        zip.extend_from_slice(&le16(name.len()));
        zip.extend_from_slice(&[0; 16]);
        zip.extend_from_slice(name);
        let size = zip.len() - directory;
        zip.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        zip.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
        zip.extend_from_slice(&le32(size));
        zip.extend_from_slice(&le32(directory));
        zip.extend_from_slice(&[0, 0]);
        zip
    }

    pub fn bench(c: &mut Criterion, accounts: &[Account]) {
        let files = [
            (
                "totp_authenticator_backup",
                totp_authenticator(accounts, b"password"),
            ),
            (
                "authenticator_plus_zip",
                authenticator_plus(accounts, b"password"),
            ),
            (
                "stratum_legacy_pbkdf2_64000",
                stratum_legacy(accounts, b"password"),
            ),
        ];
        let mut group = c.benchmark_group("import_1000_accounts");
        group.sample_size(20);
        for (name, file) in &files {
            assert_eq!(
                import(file, Some(b"password")).unwrap().entries.len(),
                ACCOUNTS,
                "{name}"
            );
            group.bench_function(*name, |b| {
                b.iter(|| import(black_box(file), Some(b"password")).unwrap())
            });
        }
        group.finish();
    }
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
    #[cfg(feature = "full-import")]
    desktop::bench(c, &accounts);
}

criterion_group!(benches, bench);
criterion_main!(benches);
