//! Importing never holds the vault's lock while it derives a key (issue 12,
//! point 6): while an import runs scrypt for an encrypted Aegis file on one
//! thread, `lock()` on another returns at once, and the import then adds
//! nothing (the vault is locked by the time it would write).

use std::sync::Arc;
use std::time::{Duration, Instant};

use ward_core::import::limits;
use ward_ffi::{Vault, WardError};

/// An encrypted Aegis vault with two password slots at the scrypt cap that
/// no password opens: importing it derives two expensive keys.
fn slow_aegis_file() -> Vec<u8> {
    let n = limits::SCRYPT_MAX_WORK / 8;
    let slot = |index: u32| {
        format!(
            r#"{{"type":1,"uuid":"u{index}","key":"{}","key_params":{{"nonce":"{}","tag":"{}"}},"n":{n},"r":8,"p":1,"salt":"{index:064x}"}}"#,
            "00".repeat(32),
            "00".repeat(12),
            "00".repeat(16)
        )
    };
    format!(
        r#"{{"version":1,"header":{{"slots":[{},{}],"params":{{"nonce":"{}","tag":"{}"}}}},"db":"AAAA"}}"#,
        slot(0),
        slot(1),
        "00".repeat(12),
        "00".repeat(16)
    )
    .into_bytes()
}

#[test]
fn lock_is_not_blocked_by_an_import_deriving_keys() {
    let dir = std::env::temp_dir().join(format!("ward-import-lock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("vault.db").to_string_lossy().into_owned();
    let _ = std::fs::remove_file(&path);
    let vault = Vault::create(path, b"vault password".to_vec()).unwrap();
    assert!(vault.is_unlocked());

    let importing = Arc::clone(&vault);
    let started = Instant::now();
    let worker = std::thread::spawn(move || {
        importing.import(slow_aegis_file(), Some(b"wrong".to_vec()), 1_700_000_000)
    });
    std::thread::sleep(Duration::from_millis(300));
    let before_lock = Instant::now();
    vault.lock();
    let lock_took = before_lock.elapsed();
    let result = worker.join().unwrap();
    let import_took = started.elapsed();
    assert!(!vault.is_unlocked());
    assert!(
        matches!(result, Err(WardError::WrongPassword)),
        "{result:?}"
    );
    // The import derives for far longer than the lock may take.
    assert!(
        lock_took < Duration::from_millis(200) && lock_took * 4 < import_took,
        "lock took {lock_took:?} while the import took {import_took:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
