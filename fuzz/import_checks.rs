//! The checks behind the import fuzz targets, one function per target named
//! like it. Shared by the cargo-fuzz targets (`fuzz_targets/<name>.rs`,
//! nightly) and the corpus replay test
//! (`rust-core/tests/fuzz_corpus_replay.rs`, stable).
//!
//! Every check feeds arbitrary bytes to an importer and requires: no panic;
//! every skipped item has a reason; the `Debug` output of imported
//! parameters never shows their secret; Google batch lists are sorted and disjoint. No check
//! passes a password to a format whose key derivation the file controls
//! (scrypt, Argon2, large PBKDF2 counts), so each run stays fast; the
//! decrypted JSON goes through the same entry readers the plain files use.

#![allow(dead_code)] // each fuzz target uses one of these checks

use ward_core::import::{
    self, ImportReport, aegis, andotp, app_database, app_prefs, bitwarden, bitwarden_csv, duo,
    freeotp_plus, google, otpauth_text, proton, steam, stratum, twofas,
};

fn check_report(report: &ImportReport) {
    for item in &report.skipped {
        assert!(!item.reason.is_empty(), "a skipped item has no reason");
    }
    for entry in &report.entries {
        // Names may hold any text (even another entry's secret), so the
        // property is on the secret-bearing part: its Debug never shows it.
        let secret = entry.account.params.secret().to_base32();
        let shown = format!("{:?}", entry.account.params);
        assert!(!shown.contains(secret.as_str()), "Debug shows a secret");
    }
    for batches in &report.google_batches {
        assert!(batches.present.windows(2).all(|w| w[0] < w[1]));
        assert!(batches.missing.windows(2).all(|w| w[0] < w[1]));
        assert!(batches.present.iter().all(|i| !batches.missing.contains(i)));
        assert!(batches.missing.len() <= google::MAX_BATCH_SIZE as usize);
    }
}

fn check(result: Result<ImportReport, import::ImportError>) {
    match result {
        Ok(report) => check_report(&report),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
}

/// `import_any`: the detecting entry point, without a password.
pub fn import_any(data: &[u8]) {
    let _ = import::identify(data);
    check(import::import(data, None));
}

/// `google_migration`: raw `MigrationPayload` bytes, and the same bytes as
/// the `data` of a migration URI.
pub fn google_migration(data: &[u8]) {
    if let Ok(payload) = google::decode_payload(data) {
        let mut report = ImportReport::new(import::Format::GoogleMigration);
        google::add_payloads(
            vec![google::SourcedPayload {
                position: "QR 1".into(),
                payload,
            }],
            &mut report,
        );
        check_report(&report);
    }
    let text = String::from_utf8_lossy(data);
    check_report(&google::import_uris(&[format!(
        "otpauth-migration://offline?data={text}"
    )]));
}

/// `otpauth_list`: URI lists (plain, Ente, migration lines).
pub fn otpauth_list(data: &[u8]) {
    check(otpauth_text::import(data));
}

/// `aegis_json`: Aegis vaults (plain; encrypted ones stop before scrypt).
pub fn aegis_json(data: &[u8]) {
    check(aegis::import(data, None));
}

/// `twofas_json`: 2FAS backups (plain; encrypted ones stop before PBKDF2).
pub fn twofas_json(data: &[u8]) {
    check(twofas::import(data, None));
}

/// `andotp_backup`: plain andOTP JSON, and encrypted andOTP with a password when
/// the file asks for at most 16 PBKDF2 iterations.
pub fn andotp_backup(data: &[u8]) {
    check(andotp::import_plain(data));
    if data.len() >= 4 && u32::from_be_bytes([data[0], data[1], data[2], data[3]]) <= 16 {
        check(andotp::import_encrypted(data, Some(b"password")));
    }
}

/// `bitwarden_json`: Bitwarden exports.
pub fn bitwarden_json(data: &[u8]) {
    check(bitwarden::import(data));
}

/// `freeotp_plus_json`: FreeOTP+ exports.
pub fn freeotp_plus_json(data: &[u8]) {
    check(freeotp_plus::import(data));
}

/// `proton_json`: Proton Authenticator exports.
pub fn proton_json(data: &[u8]) {
    check(proton::import(data));
}

/// `duo_json`: Duo Mobile account lists.
pub fn duo_json(data: &[u8]) {
    check(duo::import(data));
}

/// `steam_json`: Steam Guard files (one account or an `accounts` map).
pub fn steam_json(data: &[u8]) {
    check(steam::import(data));
}

/// `stratum_json`: Stratum plain JSON backups.
pub fn stratum_json(data: &[u8]) {
    check(stratum::import(data));
}

/// `bitwarden_csv`: Bitwarden CSV exports (RFC 4180 records).
pub fn bitwarden_csv(data: &[u8]) {
    check(bitwarden_csv::import(data));
}

/// `app_database`: SQLite app databases (Google, Microsoft, Stratum),
/// read from bytes in memory.
pub fn app_database(data: &[u8]) {
    check(app_database::import_database(data));
}

/// `app_prefs`: apps' token files in Android preferences XML (FreeOTP,
/// Authy, TOTP Authenticator, Battle.net).
pub fn app_prefs(data: &[u8]) {
    check(app_prefs::import_freeotp(data));
    check(app_prefs::import_authy(data));
    check(app_prefs::import_totp_authenticator(data));
    check(app_prefs::import_battle_net(data));
}

/// `freeotp_backup`: FreeOTP 2 backups (Java-serialized map). No
/// password, so each run stops before the PBKDF2 derivation; the map
/// reader and JSON probes are what is fuzzed.
pub fn freeotp_backup(data: &[u8]) {
    check(import::freeotp_backup::import(data, None));
}

// The desktop-only readers (ward-core's `full-import` feature, on in the
// fuzz crate by default). Without it (the replay test of a phone build)
// each check runs the detecting entry point on the input instead.

/// `authy_encrypted`: Authy token files with encrypted secrets, with a
/// password (1,000 PBKDF2 iterations per token tried; a token that does not
/// open stops the import, so each run derives at most once or twice).
pub fn authy_encrypted(data: &[u8]) {
    #[cfg(feature = "full-import")]
    check(import::authy_encrypted::import(data, Some(b"password")));
    #[cfg(not(feature = "full-import"))]
    check(import::import(data, Some(b"password")));
}

/// `stratum_legacy`: Stratum's old encrypted backups: the layout checks,
/// then AES-CBC under a fixed key (no 64,000-iteration PBKDF2 per run) and
/// the JSON reader on whatever decrypts.
pub fn stratum_legacy(data: &[u8]) {
    #[cfg(feature = "full-import")]
    check(import::stratum_legacy::import_with_fixed_key(data));
    #[cfg(not(feature = "full-import"))]
    check(import::import(data, Some(b"password")));
}

/// `totp_authenticator_backup`: TOTP Authenticator backups (base64,
/// SHA-256 + AES-CBC: cheap, so the real path with a password) and the
/// decrypted object's reader on the raw input.
pub fn totp_authenticator_backup(data: &[u8]) {
    #[cfg(feature = "full-import")]
    {
        check(import::totp_authenticator_backup::import(
            data,
            Some(b"password"),
        ));
        check(import::totp_authenticator_backup::import_plaintext(data));
    }
    #[cfg(not(feature = "full-import"))]
    check(import::import(data, Some(b"password")));
}

/// `authenticator_plus`: ZIP archives (the minimal reader: directory,
/// ZipCrypto, DEFLATE, CRC) with and without a password.
pub fn authenticator_plus(data: &[u8]) {
    #[cfg(feature = "full-import")]
    {
        check(import::authenticator_plus::import(data, None));
        check(import::authenticator_plus::import(data, Some(b"password")));
    }
    #[cfg(not(feature = "full-import"))]
    check(import::import(data, Some(b"password")));
}
