//! Unit tests of the vault's behaviour that need its internals (the SQLite
//! connection for size limits). Behaviour seen from outside is tested in
//! `rust-core/tests/vault_*.rs`.

use super::*;
use crate::account::{Algorithm, OtpKind, OtpParams};
use crate::secret::Secret;

const PASSWORD: &[u8] = b"correct horse battery staple";

fn account(issuer: &str, name: &str, secret: &str) -> Account {
    Account {
        issuer: issuer.into(),
        name: name.into(),
        params: OtpParams::new(
            Secret::from_base32(secret).unwrap(),
            Algorithm::Sha1,
            6,
            OtpKind::Totp { period: 30 },
        )
        .unwrap(),
    }
}

fn new_vault() -> (tempfile::TempDir, std::path::PathBuf, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ward");
    let vault = Vault::create(&path, PASSWORD, KdfParams::MINIMUM).unwrap();
    (dir, path, vault)
}

#[test]
fn add_list_update_delete_reorder() {
    let (_dir, path, vault) = new_vault();
    let a = vault
        .add_uri("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP", 100)
        .unwrap();
    let b = vault
        .add_account(account("Bank", "bob", "GEZDGNBVGY3TQOJQ"), 101)
        .unwrap();
    let listed: Vec<_> = vault.list("").unwrap().iter().map(|e| e.id()).collect();
    assert_eq!(listed, [a, b]);
    assert_eq!(vault.list("ACM").unwrap().len(), 1);
    assert_eq!(vault.list("BOB").unwrap()[0].id(), b);

    let mut edit = EntryEdit::of(&vault.get(&a).unwrap());
    edit.note = "work".into();
    edit.favourite = true;
    vault.update(&a, &edit, 200).unwrap();
    vault.reorder(&[b, a]).unwrap();
    assert!(matches!(
        vault.reorder(&[b]),
        Err(VaultError::InvalidInput(InputError::NotAPermutation))
    ));

    // Everything is on disk: a fresh open sees it.
    drop(vault);
    let vault = Vault::open(&path).unwrap();
    assert_eq!(vault.list(""), Err(VaultError::Locked));
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    let listed: Vec<_> = vault.list("").unwrap().iter().map(|e| e.id()).collect();
    assert_eq!(listed, [b, a]);
    let entry = vault.get(&a).unwrap();
    assert_eq!(
        (
            entry.note.as_str(),
            entry.favourite,
            entry.created_at,
            entry.updated_at
        ),
        ("work", true, 100, 200)
    );
    vault.delete(&a).unwrap();
    assert_eq!(vault.delete(&a), Err(VaultError::NotFound { id: a }));
    assert_eq!(vault.get(&a).err(), Some(VaultError::NotFound { id: a }));
}

#[test]
fn duplicates_are_refused_and_reported() {
    let (_dir, _path, vault) = new_vault();
    let first = vault
        .add_account(account("ACME", "alice", "JBSWY3DPEHPK3PXP"), 1)
        .unwrap();
    assert_eq!(
        vault.add_account(account("ACME", "alice", "JBSWY3DPEHPK3PXP"), 2),
        Err(VaultError::Duplicate { id: first })
    );
    let report = vault
        .import(
            vec![
                account("ACME", "alice", "JBSWY3DPEHPK3PXP"),
                account("ACME", "alice", "GEZDGNBVGY3TQOJQ"),
                account("Other", "x", "GEZDGNBVGY3TQOJQ"),
                account("Other", "x", "GEZDGNBVGY3TQOJQ"),
            ],
            3,
        )
        .unwrap();
    assert_eq!(report.added.len(), 2);
    let skipped: Vec<_> = report.duplicates.iter().map(|d| d.index).collect();
    assert_eq!(skipped, [0, 3]);
    assert_eq!(report.duplicates[0].existing, first);
    assert_eq!(report.duplicates[1].existing, report.added[1]);
    assert_eq!(vault.list("").unwrap().len(), 3);
}

#[test]
fn codes_and_hotp_next() {
    let (_dir, path, vault) = new_vault();
    // RFC 6238 Appendix B SHA-1 secret, 8 digits.
    let totp = vault
        .add_uri(
            "otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8",
            0,
        )
        .unwrap();
    let hotp = vault
        .add_uri(
            "otpauth://hotp/RFC:4226?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0",
            0,
        )
        .unwrap();
    let codes = vault.codes_at(59).unwrap();
    assert_eq!(codes[0].id, totp);
    match &codes[0].state {
        CodeState::Timed {
            code,
            seconds_remaining,
            next_code,
            period,
        } => {
            assert_eq!(code.as_str(), "94287082");
            assert_eq!((*seconds_remaining, *period), (1, 30));
            assert_eq!(
                next_code,
                &Generator::new(&vault.get(&totp).unwrap().account.params).current_code(60)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(codes[1].state, CodeState::Hotp { counter: 0 });
    // RFC 4226 Appendix D: counters 0 and 1.
    assert_eq!(vault.hotp_next(&hotp, 5).unwrap().as_str(), "755224");
    assert_eq!(vault.hotp_next(&hotp, 6).unwrap().as_str(), "287082");
    assert_eq!(
        vault.hotp_next(&totp, 6),
        Err(VaultError::InvalidInput(InputError::NotHotp))
    );
    // The counter is on disk.
    drop(vault);
    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    assert_eq!(vault.hotp_next(&hotp, 7).unwrap().as_str(), "359152");
    assert_eq!(vault.get(&hotp).unwrap().updated_at, 7);
}

/// `list` shares the summaries the unlock cache built (no text copied per
/// listing); lock drops the cache's share, so a list an app still holds
/// is the only owner left, and it holds no secret.
#[test]
fn list_shares_the_cached_summaries_until_lock() {
    let (_dir, _path, vault) = new_vault();
    vault
        .add_uri("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP", 0)
        .unwrap();
    let summary = |listed: &[ListedEntry]| match &listed[0] {
        ListedEntry::Entry(summary) => summary.clone(),
        ListedEntry::Damaged { .. } => panic!("damaged"),
    };
    let first = summary(&vault.list("").unwrap());
    let second = summary(&vault.list("acme").unwrap());
    assert!(first.same_storage(&second));
    assert_eq!((first.issuer(), first.account()), ("ACME", "alice"));
    drop(second);
    // The cache's share and this one.
    assert_eq!(first.block_handles(), 2);
    vault.lock();
    assert_eq!(first.block_handles(), 1);
    // Debug shows no account data.
    let shown = format!("{first:?}");
    assert!(
        !shown.contains("ACME") && !shown.contains("alice"),
        "{shown}"
    );
}

#[test]
fn lock_forgets_everything() {
    let (_dir, _path, vault) = new_vault();
    vault
        .add_uri("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP", 0)
        .unwrap();
    vault.codes_at(0).unwrap();
    vault.lock();
    assert!(!vault.is_unlocked());
    assert!(vault.inner().unlocked.is_none());
    assert_eq!(vault.codes_at(0), Err(VaultError::Locked));
    assert_eq!(
        vault.add_uri("otpauth://totp/A:c?secret=JBSWY3DPEHPK3PXP", 0),
        Err(VaultError::Locked)
    );
    assert_eq!(
        vault.unlock_with_password(b"wrong", 0),
        Err(VaultError::WrongPassword)
    );
    assert!(!vault.is_unlocked());
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    assert_eq!(vault.list("").unwrap().len(), 1);
}

#[test]
fn slots_change_password_never_last() {
    let (_dir, path, vault) = new_vault();
    let store = MemoryKeyStore::new().unwrap();
    vault.reauthenticate(PASSWORD, 0).unwrap();
    vault.replace_platform_slot(&store, 0).unwrap();
    vault
        .add_password_slot(b"recovery", KdfParams::MINIMUM)
        .unwrap();
    let password = vault
        .change_password(b"new password", KdfParams::MINIMUM, 0)
        .unwrap();
    // Re-keyed: only the new password slot is left; the app enrols again.
    assert_eq!(vault.slots().unwrap().len(), 1);
    assert!(vault.integrity().unwrap().intact);
    let platform = vault.replace_platform_slot(&store, 0).unwrap();
    drop(vault);

    let vault = Vault::open(&path).unwrap();
    assert_eq!(
        vault.unlock_with_password(PASSWORD, 0),
        Err(VaultError::WrongPassword)
    );
    assert_eq!(
        vault.unlock_with_password(b"recovery", 0),
        Err(VaultError::WrongPassword)
    );
    vault.unlock_with_password(b"new password", 0).unwrap();
    vault.lock();
    vault.unlock_with_keystore(&store, 0).unwrap();
    vault.remove_slot(&platform).unwrap();
    assert_eq!(vault.remove_slot(&password), Err(VaultError::LastSlot));
    assert_eq!(
        vault.unlock_with_keystore(&store, 0),
        Err(VaultError::NoSuchSlotKind("platform"))
    );
    assert_eq!(vault.slots().unwrap().len(), 1);
}

#[test]
fn refuses_bad_creation_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v");
    assert!(matches!(
        Vault::create(&path, b"", KdfParams::MINIMUM),
        Err(VaultError::InvalidInput(InputError::EmptyPassword))
    ));
    let weak = KdfParams {
        memory_kib: 1024,
        ..KdfParams::MINIMUM
    };
    assert!(matches!(
        Vault::create(&path, b"pw", weak),
        Err(VaultError::InvalidInput(InputError::Kdf(_)))
    ));
    assert!(!path.exists());
    Vault::create(&path, b"pw", KdfParams::MINIMUM).unwrap();
    assert!(matches!(
        Vault::create(&path, b"pw", KdfParams::MINIMUM),
        Err(VaultError::AlreadyExists { .. })
    ));
    assert!(matches!(
        Vault::open(dir.path().join("missing")),
        Err(VaultError::Missing { .. })
    ));
    std::fs::write(
        dir.path().join("text"),
        b"hello, not a database at all......",
    )
    .unwrap();
    assert!(matches!(
        Vault::open(dir.path().join("text")),
        Err(VaultError::NotAVault)
    ));
}

/// A size-limited file (`max_page_count`) stands in for a full disk: the
/// failing import reports `DiskFull` and leaves nothing half-written.
#[test]
fn full_disk_is_a_clean_error() {
    let (_dir, path, vault) = new_vault();
    let first = vault
        .add_uri("otpauth://totp/Keep:me?secret=JBSWY3DPEHPK3PXP", 0)
        .unwrap();
    {
        let inner = vault.inner();
        let pages: i64 = inner
            .db
            .conn()
            .query_row("PRAGMA page_count", [], |row| row.get(0))
            .unwrap();
        inner
            .db
            .conn()
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
    }
    let many: Vec<Account> = (0..400)
        .map(|i| {
            let mut account = account("Filler", &format!("user{i}"), "JBSWY3DPEHPK3PXP");
            account.name.push_str(&"x".repeat(200));
            account
        })
        .collect();
    assert_eq!(vault.import(many, 1), Err(VaultError::DiskFull));
    assert_eq!(vault.list("").unwrap().len(), 1);
    drop(vault);
    let vault = Vault::open(&path).unwrap();
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    let listed: Vec<_> = vault.list("").unwrap().iter().map(|e| e.id()).collect();
    assert_eq!(listed, [first]);
    let ok: String = vault
        .inner()
        .db
        .conn()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn vault_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Vault>();
}

#[test]
fn another_writer_holding_the_lock_is_busy_not_an_error_mess() {
    let (_dir, path, vault) = new_vault();
    vault
        .inner()
        .db
        .conn()
        .busy_timeout(std::time::Duration::from_millis(50))
        .unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert_eq!(
        vault.add_uri("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP", 0),
        Err(VaultError::Busy)
    );
    other.execute_batch("ROLLBACK").unwrap();
    vault
        .add_uri("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP", 0)
        .unwrap();
}

#[test]
fn another_connections_changes_are_seen() {
    let (_dir, path, first) = new_vault();
    let second = Vault::open(&path).unwrap();
    second.unlock_with_password(PASSWORD, 0).unwrap();
    assert!(second.list("").unwrap().is_empty());
    let id = first
        .add_uri("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP", 0)
        .unwrap();
    assert_eq!(second.list("").unwrap()[0].id(), id);
    second.delete(&id).unwrap();
    assert!(first.list("").unwrap().is_empty());
}

#[test]
fn lock_forgets_the_fresh_proof() {
    let (_dir, _path, vault) = new_vault();
    vault.reauthenticate(PASSWORD, 100).unwrap();
    assert!(vault.inner().proof.is_fresh(100));
    vault.lock();
    assert!(!vault.inner().proof.is_fresh(100));
}

/// New vaults get the larger page size (fewer reads at unlock); the page
/// size is fixed in the file once written, so it survives reopening.
#[test]
fn new_vaults_use_the_larger_page_size() {
    let (_dir, path, vault) = new_vault();
    drop(vault);
    let vault = Vault::open(&path).unwrap();
    let page_size: u32 = vault
        .inner()
        .db
        .conn()
        .query_row("PRAGMA page_size", [], |row| row.get(0))
        .unwrap();
    assert_eq!(page_size, db::NEW_VAULT_PAGE_SIZE);
}

/// A key store whose prompt, while it is showing, lets another program
/// (here a bare connection) delete every platform slot from the file.
struct SlotRemovingKeyStore {
    inner: MemoryKeyStore,
    path: std::path::PathBuf,
}

impl KeyStore for SlotRemovingKeyStore {
    fn wrap(&self, key: Vec<u8>) -> std::result::Result<Vec<u8>, KeyStoreError> {
        self.inner.wrap(key)
    }

    fn unwrap(&self, wrapped: Vec<u8>) -> std::result::Result<Vec<u8>, KeyStoreError> {
        let conn = rusqlite::Connection::open(&self.path).unwrap();
        conn.execute("DELETE FROM slots WHERE kind = ?1", [slots::KIND_PLATFORM])
            .unwrap();
        self.inner.unwrap(wrapped)
    }
}

#[test]
fn a_slot_removed_during_the_prompt_leaves_the_vault_locked() {
    let (_dir, path, vault) = new_vault();
    let store = MemoryKeyStore::new().unwrap();
    vault.reauthenticate(PASSWORD, 0).unwrap();
    vault.replace_platform_slot(&store, 0).unwrap();
    vault.lock();
    let racing = SlotRemovingKeyStore {
        inner: store,
        path: path.clone(),
    };
    // The key store still opens the slot it was shown, but the slot is no
    // longer in the vault when the unlock finishes.
    assert!(matches!(
        vault.unlock_with_keystore(&racing, 0),
        Err(VaultError::WrongPlatformKey)
    ));
    assert!(!vault.is_unlocked());
    assert!(matches!(vault.list(""), Err(VaultError::Locked)));
    // The password still unlocks it, and the removal shows as tampering.
    vault.unlock_with_password(PASSWORD, 0).unwrap();
    assert!(!vault.integrity().unwrap().intact);
}

#[test]
fn slots_are_read_by_kind_then_id() {
    let (_dir, _path, vault) = new_vault();
    for _ in 0..4 {
        vault
            .add_password_slot(b"another", KdfParams::MINIMUM)
            .unwrap();
    }
    vault.reauthenticate(PASSWORD, 0).unwrap();
    vault
        .replace_platform_slot(&MemoryKeyStore::new().unwrap(), 0)
        .unwrap();
    let inner = vault.inner();
    let rows = db::slots(inner.db.conn()).unwrap();
    let found: Vec<(u8, [u8; 16])> = rows.iter().map(|slot| (slot.kind, slot.id)).collect();
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(found.len(), 6);
    assert_eq!(found, sorted);
    assert_eq!(rows[0].kind, slots::KIND_PASSWORD);
    assert_eq!(rows[5].kind, slots::KIND_PLATFORM);
}
