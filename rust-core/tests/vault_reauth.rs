//! Sensitive actions need a fresh proof, and platform slots behave
//! (issue 12, points 5 and 7): exports, password changes and enabling
//! device unlock fail with `ReauthRequired` unless the user unlocked or
//! re-authenticated within the window; a clock set back never stretches
//! it; enabling device unlock replaces the platform slot; a cancelled
//! prompt stops the unlock; key derivation and prompts never block `lock`.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{PASSWORD, fixed_keystore, new_vault, raw, totp};
use ward_core::crypto::KdfParams;
use ward_core::vault::{
    KeyStore, KeyStoreError, MemoryKeyStore, REAUTH_WINDOW_SECONDS, SlotKind, Vault, VaultError,
};

const T: u64 = 1_800_000_000;

/// A vault with one entry, unlocked with the password at `T` (so with a
/// proof at `T`), and its platform slot under [`fixed_keystore`].
fn unlocked_at_t() -> (tempfile::TempDir, std::path::PathBuf, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault) = new_vault(dir.path());
    vault
        .add_account(totp("ACME", "alice", b"12345678901234567890"), 1)
        .unwrap();
    vault.lock();
    vault.unlock_with_password(PASSWORD, T).unwrap();
    (dir, path, vault)
}

/// Every sensitive core call at `now`: `Ok` or the first error.
fn sensitive_calls(vault: &Vault, now: u64) -> Vec<Result<(), VaultError>> {
    vec![
        vault.export_entries(now).map(drop),
        vault
            .replace_platform_slot(&fixed_keystore(), now)
            .map(drop),
        vault
            .change_password(PASSWORD, KdfParams::MINIMUM, now)
            .map(drop),
    ]
}

fn platform_slots(vault: &Vault) -> usize {
    vault
        .slots()
        .unwrap()
        .iter()
        .filter(|slot| slot.kind == SlotKind::Platform)
        .count()
}

#[test]
fn sensitive_calls_need_a_proof_within_the_window() {
    let (_dir, _path, vault) = unlocked_at_t();
    // The unlock at T is a proof: fine at T and at the window's end.
    for result in sensitive_calls(&vault, T + REAUTH_WINDOW_SECONDS) {
        result.unwrap();
    }
    // One second later it is stale.
    for result in sensitive_calls(&vault, T + REAUTH_WINDOW_SECONDS + 1) {
        assert_eq!(result, Err(VaultError::ReauthRequired));
    }
    // Re-authenticating makes them work again.
    let later = T + 3_600;
    vault.reauthenticate(PASSWORD, later).unwrap();
    for result in sensitive_calls(&vault, later + 10) {
        result.unwrap();
    }
    let exported = vault.export_entries(later).unwrap();
    assert_eq!(exported.entries.len(), 1);
    assert!(exported.damaged.is_empty());
}

#[test]
fn a_new_vault_has_no_proof_until_the_user_gives_one() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::create(dir.path().join("v.ward"), PASSWORD, KdfParams::MINIMUM).unwrap();
    assert_eq!(
        vault.export_entries(T).map(drop),
        Err(VaultError::ReauthRequired)
    );
    vault.reauthenticate(PASSWORD, T).unwrap();
    vault.export_entries(T).unwrap();
}

#[test]
fn a_clock_set_back_does_not_revive_or_stretch_a_proof() {
    let (_dir, _path, vault) = unlocked_at_t();
    // `now` before the proof (the clock went backwards): refused, however
    // far back, so going back cannot keep a proof fresh forever.
    for now in [T - 1, T - REAUTH_WINDOW_SECONDS, 0] {
        for result in sensitive_calls(&vault, now) {
            assert_eq!(result, Err(VaultError::ReauthRequired), "now = {now}");
        }
    }
    // A proof stamped in the future (a clock that was ahead) is not
    // usable once the clock is corrected either.
    vault.reauthenticate(PASSWORD, T + 10_000).unwrap();
    assert_eq!(
        vault.export_entries(T).map(drop),
        Err(VaultError::ReauthRequired)
    );
}

#[test]
fn a_wrong_password_is_refused_and_forgets_the_proof() {
    let (_dir, _path, vault) = unlocked_at_t();
    assert_eq!(
        vault.reauthenticate(b"not the password", T + 1),
        Err(VaultError::WrongPassword)
    );
    assert_eq!(
        vault.export_entries(T + 2).map(drop),
        Err(VaultError::ReauthRequired)
    );
    // Re-authentication needs an unlocked vault.
    vault.lock();
    assert_eq!(vault.reauthenticate(PASSWORD, T), Err(VaultError::Locked));
    assert_eq!(vault.export_entries(T).map(drop), Err(VaultError::Locked));
}

#[test]
fn unlocking_with_the_key_store_and_reauthenticating_with_it_are_proofs() {
    let (_dir, _path, vault) = unlocked_at_t();
    vault.lock();
    vault
        .unlock_with_keystore(&fixed_keystore(), T + 500)
        .unwrap();
    vault.export_entries(T + 500).unwrap();
    vault
        .reauthenticate_with_keystore(&fixed_keystore(), T + 900)
        .unwrap();
    vault.export_entries(T + 950).unwrap();
    // Another device's key proves nothing.
    assert!(
        vault
            .reauthenticate_with_keystore(&MemoryKeyStore::new().unwrap(), T + 960)
            .is_err()
    );
    assert_eq!(
        vault.export_entries(T + 960).map(drop),
        Err(VaultError::ReauthRequired)
    );
}

/// A key store that counts its prompts and lets the test decide the
/// answer.
struct CountingStore {
    inner: MemoryKeyStore,
    wraps: AtomicUsize,
    unwraps: AtomicUsize,
    cancel: bool,
}

impl CountingStore {
    fn new(cancel: bool) -> Self {
        CountingStore {
            inner: fixed_keystore(),
            wraps: AtomicUsize::new(0),
            unwraps: AtomicUsize::new(0),
            cancel,
        }
    }
}

impl KeyStore for CountingStore {
    fn wrap(&self, key: Vec<u8>) -> Result<Vec<u8>, KeyStoreError> {
        self.wraps.fetch_add(1, Ordering::SeqCst);
        self.inner.wrap(key)
    }
    fn unwrap(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, KeyStoreError> {
        self.unwraps.fetch_add(1, Ordering::SeqCst);
        if self.cancel {
            return Err(KeyStoreError::Cancelled);
        }
        self.inner.unwrap(wrapped)
    }
}

#[test]
fn enabling_device_unlock_replaces_the_platform_slot() {
    let (_dir, path, vault) = unlocked_at_t();
    assert_eq!(platform_slots(&vault), 1);
    let old_slots = vault.slots().unwrap();
    let other = MemoryKeyStore::new().unwrap();
    vault.replace_platform_slot(&other, T + 1).unwrap();
    vault.replace_platform_slot(&other, T + 2).unwrap();
    assert_eq!(platform_slots(&vault), 1, "platform slots must not stack");
    assert_eq!(vault.slots().unwrap().len(), 2);
    let new_slots = vault.slots().unwrap();
    assert_eq!(
        new_slots
            .iter()
            .filter(|slot| old_slots.contains(slot))
            .count(),
        1,
        "the password slot stays, the platform slot is new"
    );
    drop(vault);
    let vault = Vault::open(&path).unwrap();
    // The replaced slot is gone: the old key store no longer opens it.
    assert!(vault.unlock_with_keystore(&fixed_keystore(), T).is_err());
    vault.unlock_with_keystore(&other, T).unwrap();
}

#[test]
fn a_refused_enable_shows_no_prompt_and_changes_nothing() {
    let (_dir, _path, vault) = unlocked_at_t();
    let store = CountingStore::new(false);
    let before = vault.slots().unwrap();
    assert_eq!(
        vault.replace_platform_slot(&store, T + REAUTH_WINDOW_SECONDS + 1),
        Err(VaultError::ReauthRequired)
    );
    assert_eq!(store.wraps.load(Ordering::SeqCst), 0);
    assert_eq!(vault.slots().unwrap(), before);
}

#[test]
fn a_cancelled_prompt_stops_the_unlock() {
    let (_dir, path, vault) = unlocked_at_t();
    // A second platform slot, as vaults from before slots were replaced
    // can hold: a copy of the first under another id.
    raw(&path)
        .execute(
            "INSERT INTO slots (id, kind, params, sealed_key)
             SELECT randomblob(16), kind, params, sealed_key FROM slots WHERE kind = 2",
            [],
        )
        .unwrap();
    vault.lock();
    let store = CountingStore::new(true);
    assert_eq!(
        vault.unlock_with_keystore(&store, T),
        Err(VaultError::KeyStore(KeyStoreError::Cancelled))
    );
    assert_eq!(
        store.unwraps.load(Ordering::SeqCst),
        1,
        "one prompt at most"
    );
    assert!(!vault.is_unlocked());
    vault.unlock_with_password(PASSWORD, T).unwrap();
    let store = CountingStore::new(true);
    assert_eq!(
        vault.reauthenticate_with_keystore(&store, T + 1),
        Err(VaultError::KeyStore(KeyStoreError::Cancelled))
    );
    assert_eq!(store.unwraps.load(Ordering::SeqCst), 1);
}

#[test]
fn disabling_device_unlock_removes_platform_slots_only() {
    let (_dir, path, vault) = unlocked_at_t();
    assert_eq!(vault.remove_platform_slots(), Ok(1));
    assert_eq!(platform_slots(&vault), 0);
    assert_eq!(vault.slots().unwrap().len(), 1);
    assert_eq!(vault.remove_platform_slots(), Ok(0));
    assert_eq!(
        vault.unlock_with_keystore(&fixed_keystore(), T),
        Err(VaultError::NoSuchSlotKind("platform"))
    );
    // A vault whose only slot is a platform one keeps it.
    vault.replace_platform_slot(&fixed_keystore(), T).unwrap();
    raw(&path)
        .execute("DELETE FROM slots WHERE kind = 1", [])
        .unwrap();
    assert_eq!(vault.remove_platform_slots(), Err(VaultError::LastSlot));
    assert_eq!(platform_slots(&vault), 1);
    vault.lock();
    assert_eq!(vault.remove_platform_slots(), Err(VaultError::Locked));
}

/// A key store whose prompt stays open until the test answers it.
struct PendingPrompt {
    inner: MemoryKeyStore,
    shown: Mutex<Option<mpsc::Sender<()>>>,
    answer: Mutex<mpsc::Receiver<()>>,
}

impl KeyStore for PendingPrompt {
    fn wrap(&self, key: Vec<u8>) -> Result<Vec<u8>, KeyStoreError> {
        self.inner.wrap(key)
    }
    fn unwrap(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, KeyStoreError> {
        if let Some(shown) = self.shown.lock().unwrap().take() {
            shown.send(()).unwrap();
        }
        self.answer.lock().unwrap().recv().unwrap();
        self.inner.unwrap(wrapped)
    }
}

impl PendingPrompt {
    /// The key store, a receiver told when the prompt shows, and the
    /// sender that answers it.
    fn new() -> (Self, mpsc::Receiver<()>, mpsc::Sender<()>) {
        let (shown_tx, shown_rx) = mpsc::channel();
        let (answer_tx, answer_rx) = mpsc::channel();
        let store = PendingPrompt {
            inner: fixed_keystore(),
            shown: Mutex::new(Some(shown_tx)),
            answer: Mutex::new(answer_rx),
        };
        (store, shown_rx, answer_tx)
    }
}

/// Runs `call` on the vault in another thread; true if it returned within
/// 20 s (it hangs while the vault's lock is held).
fn returns_promptly(vault: &Arc<Vault>, call: fn(&Vault)) -> bool {
    let (done_tx, done_rx) = mpsc::channel();
    let vault = Arc::clone(vault);
    std::thread::spawn(move || {
        call(&vault);
        done_tx.send(()).unwrap();
    });
    done_rx.recv_timeout(Duration::from_secs(20)).is_ok()
}

#[test]
fn the_vault_answers_while_an_unlock_prompt_is_open() {
    let (_dir, _path, vault) = unlocked_at_t();
    vault.lock();
    let vault = Arc::new(vault);
    let (store, shown, answer) = PendingPrompt::new();
    let unlocking = {
        let vault = Arc::clone(&vault);
        std::thread::spawn(move || vault.unlock_with_keystore(&store, T))
    };
    shown.recv().unwrap();
    let answered = returns_promptly(&vault, |vault| assert!(!vault.is_unlocked()));
    answer.send(()).unwrap();
    assert!(answered, "the vault waited for the key store's prompt");
    unlocking.join().unwrap().unwrap();
    assert!(vault.is_unlocked());
}

#[test]
fn lock_does_not_wait_for_a_prompt_and_a_proof_does_not_survive_it() {
    let (_dir, _path, vault) = unlocked_at_t();
    let vault = Arc::new(vault);
    let (store, shown, answer) = PendingPrompt::new();
    let prompting = {
        let vault = Arc::clone(&vault);
        std::thread::spawn(move || vault.reauthenticate_with_keystore(&store, T + 30))
    };
    shown.recv().unwrap();
    // The prompt is open: locking must not wait for it.
    let locked = returns_promptly(&vault, Vault::lock);
    answer.send(()).unwrap();
    assert!(locked, "lock() waited for the key store's prompt");
    // The prompt succeeded after the lock: no proof, still locked.
    assert_eq!(prompting.join().unwrap(), Err(VaultError::Locked));
    assert!(!vault.is_unlocked());
}
