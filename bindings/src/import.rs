//! Import and export through the vault: [`ImportReport`] and the export
//! records. Reading other apps' files is `ward_core::import`; writing
//! backups and Google export codes is `ward_core::export`.

use std::sync::Arc;

use ward_core::export::{ImportedEntry, backup, google};
use ward_core::vault::{Vault as CoreVault, VaultError};

use zeroize::Zeroizing;

use crate::error::WardError;
use crate::qr::ScannedCode;
use crate::vault::Vault;

/// What an import did: what was found, added, skipped and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportReport {
    /// The detected format, e.g. "Aegis vault", "Google Authenticator export".
    pub format: String,
    /// True when the file was encrypted (and the password opened it).
    pub encrypted: bool,
    /// Ids of the entries added, in the file's order.
    pub added: Vec<String>,
    /// Accounts not added because the vault already has them.
    pub duplicates: Vec<SkippedItem>,
    /// Items of the file that could not be read, each with its reason.
    pub skipped: Vec<SkippedItem>,
    /// For Google Authenticator exports: which QR codes of the export were
    /// read and which are still missing (scan those too).
    pub google_batches: Vec<GoogleBatches>,
    /// Items that are not OTP accounts at all (e.g. password-manager
    /// logins without a TOTP key): counted, not listed.
    pub without_otp: u32,
}

/// An item an import did not add, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SkippedItem {
    /// Where it is in the file, e.g. "line 4", "entry 3"; empty for a
    /// duplicate.
    pub position: String,
    /// "Issuer: name" when known (never the secret).
    pub label: String,
    /// Why it was not added, and what to do.
    pub reason: String,
}

/// The QR codes of one Google Authenticator export.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GoogleBatches {
    /// How many QR codes the export has.
    pub batch_size: u32,
    /// 0-based numbers of the codes read.
    pub present: Vec<u32>,
    /// 0-based numbers of the codes not read yet: non-empty means accounts
    /// are missing; ask the user to scan these.
    pub missing: Vec<u32>,
}

/// A Ward backup file and the entries it could not hold.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BackupExport {
    /// The backup file's bytes (JSON, encrypted with the password).
    pub data: Vec<u8>,
    /// Entries left out (damaged ones), each with its reason.
    pub left_out: Vec<SkippedItem>,
}

/// Google Authenticator export QR codes and the entries they cannot carry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GoogleExport {
    /// One `otpauth-migration://` URI per QR code, in order. They hold
    /// secrets unencrypted.
    pub uris: Vec<String>,
    /// Entries Google Authenticator cannot hold (or damaged), with reasons.
    pub left_out: Vec<SkippedItem>,
}

/// A kind of file Ward knows, and whether this library imports it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportFormat {
    /// The name people know it by, e.g. "Authy token file (encrypted)".
    pub name: String,
    /// False when only Ward for desktop (`ward import`) imports it: the app
    /// recognises such a file and refuses it (`WardError.InvalidInput`, the
    /// reason names the desktop), so list these as "needs the desktop".
    pub on_this_build: bool,
}

/// Every kind of file Ward knows, in a stable order, with whether this
/// library imports it. The phone libraries leave a few rare formats out
/// (ward-core's `full-import` feature).
#[uniffi::export]
pub fn import_formats() -> Vec<ImportFormat> {
    ward_core::import::formats()
        .into_iter()
        .map(|format| ImportFormat {
            name: format.name.to_owned(),
            on_this_build: format.on_this_build,
        })
        .collect()
}

#[uniffi::export]
impl Vault {
    /// Imports another authenticator's export or backup (the file's bytes,
    /// or Google Authenticator export URIs one per line), all accounts in
    /// one transaction. `password` only for encrypted files:
    /// `PasswordNeeded` says when one is needed. Accounts already in the
    /// vault are skipped and reported.
    pub fn import(
        &self,
        data: Vec<u8>,
        password: Option<Vec<u8>>,
        now: u64,
    ) -> Result<ImportReport, WardError> {
        let password = password.map(Zeroizing::new);
        import_into(
            &self.core,
            &data,
            password.as_deref().map(Vec::as_slice),
            now,
        )
    }

    /// Imports scanned QR codes (from `decodeQrLuma` / `decodeQrPicture`):
    /// the codes of a Google Authenticator export, in any order, possibly
    /// mixed with single `otpauth://` codes; all accounts in one
    /// transaction. The report's `googleBatches` names the export's codes
    /// still missing.
    pub fn import_scanned(
        &self,
        codes: Vec<Arc<ScannedCode>>,
        now: u64,
    ) -> Result<ImportReport, WardError> {
        if codes.is_empty() {
            return Err(WardError::InvalidInput {
                reason: "no QR code was scanned: scan the export's codes first".into(),
            });
        }
        let mut lines = Zeroizing::new(String::new());
        for code in &codes {
            lines.push_str(code.uri());
            lines.push('\n');
        }
        import_into(&self.core, lines.as_bytes(), None, now)
    }

    /// A Ward backup of every entry, encrypted with `password` (Argon2id +
    /// AES-256-GCM), as the bytes of the file to save. Needs a fresh proof
    /// at `now` (`ReauthRequired`).
    pub fn export_backup(&self, password: Vec<u8>, now: u64) -> Result<BackupExport, WardError> {
        let password = Zeroizing::new(password);
        export_backup(&self.core, &password, now)
    }

    /// Google Authenticator export QR codes (`otpauth-migration://` URIs,
    /// one per QR code) of every entry. They hold the secrets unencrypted:
    /// show them only on the user's explicit request. Needs a fresh proof
    /// at `now` (`ReauthRequired`).
    pub fn export_google(&self, now: u64) -> Result<GoogleExport, WardError> {
        export_google(&self.core, now)
    }

    /// Every readable entry as an `otpauth://` URI, in list order. They
    /// hold the secrets unencrypted: show or share them only on the user's
    /// explicit request. Needs a fresh proof at `now` (`ReauthRequired`).
    /// Damaged entries are left out.
    pub fn export_otpauth(&self, now: u64) -> Result<Vec<String>, WardError> {
        let exported = self.core.export_entries(now)?;
        Ok(exported
            .entries
            .iter()
            .map(|entry| ward_core::uri::to_uri(&entry.account).as_str().to_owned())
            .collect())
    }
}

/// The skipped items as records, with one last line counting those not
/// listed (a hostile file can make millions; only the first are listed).
fn skipped_items(listed: Vec<ward_core::import::SkippedItem>, more: usize) -> Vec<SkippedItem> {
    let mut items: Vec<SkippedItem> = listed
        .into_iter()
        .map(|item| SkippedItem {
            position: item.position,
            label: item.label,
            reason: item.reason,
        })
        .collect();
    if more > 0 {
        items.push(SkippedItem {
            position: String::new(),
            label: String::new(),
            reason: format!(
                "{more} more items were skipped (only the first {} are listed)",
                items.len()
            ),
        });
    }
    items
}

/// Reads `data` (any supported format) and adds its accounts in one
/// transaction.
pub(crate) fn import_into(
    vault: &CoreVault,
    data: &[u8],
    password: Option<&[u8]>,
    now: u64,
) -> Result<ImportReport, WardError> {
    // Refuse before any (possibly slow) decryption of the file.
    if !vault.is_unlocked() {
        return Err(WardError::Locked);
    }
    let mut found = ward_core::import::import(data, password)?;
    // Notes and favourites come across with the accounts.
    let entries = std::mem::take(&mut found.entries);
    let stored = vault.import_entries(entries, now)?;
    Ok(ImportReport {
        format: found.format.name().to_owned(),
        encrypted: found.encrypted,
        added: stored.added.iter().map(ToString::to_string).collect(),
        duplicates: stored
            .duplicates
            .into_iter()
            .map(|duplicate| SkippedItem {
                position: String::new(),
                label: label_of(&duplicate.issuer, &duplicate.account),
                reason: format!("already in the vault as entry {}", duplicate.existing),
            })
            .collect(),
        skipped: skipped_items(found.skipped, found.skipped_more),
        google_batches: found
            .google_batches
            .into_iter()
            .map(|batches| GoogleBatches {
                batch_size: batches.batch_size,
                present: batches.present,
                missing: batches.missing,
            })
            .collect(),
        without_otp: u32::try_from(found.without_otp).unwrap_or(u32::MAX),
    })
}

/// Every readable entry in full (secrets included), and the damaged ones
/// as left-out items. Needs a fresh proof at `now` (checked by the core).
pub(crate) fn all_entries(
    vault: &CoreVault,
    now: u64,
) -> Result<(Vec<ImportedEntry>, Vec<SkippedItem>), WardError> {
    let exported = vault.export_entries(now)?;
    let left_out = exported
        .damaged
        .into_iter()
        .map(|id| SkippedItem {
            position: String::new(),
            label: format!("entry {id}"),
            reason: VaultError::Damaged { id }.to_string(),
        })
        .collect();
    Ok((exported.entries, left_out))
}

/// A Ward backup of every readable entry.
pub(crate) fn export_backup(
    vault: &CoreVault,
    password: &[u8],
    now: u64,
) -> Result<BackupExport, WardError> {
    let (entries, left_out) = all_entries(vault, now)?;
    let data = backup::seal(&entries, password)?;
    Ok(BackupExport { data, left_out })
}

/// The Google Authenticator export of every readable entry (its URIs
/// hold secrets), and every entry left out of it: unreadable ones and those
/// the format cannot carry. Shared by the URI and the QR-matrix exports.
pub(crate) fn google_export_of(
    vault: &CoreVault,
    now: u64,
) -> Result<(google::GoogleExport, Vec<SkippedItem>), WardError> {
    let (entries, mut left_out) = all_entries(vault, now)?;
    let accounts: Vec<_> = entries.into_iter().map(|entry| entry.account).collect();
    let mut export = google::export(&accounts, google::random_batch_id());
    left_out.extend(export.left_out.drain(..).map(|item| SkippedItem {
        position: String::new(),
        label: item.label,
        reason: item.reason,
    }));
    Ok((export, left_out))
}

/// Google Authenticator export URIs of every readable entry.
pub(crate) fn export_google(vault: &CoreVault, now: u64) -> Result<GoogleExport, WardError> {
    let (export, left_out) = google_export_of(vault, now)?;
    Ok(GoogleExport {
        uris: export
            .uris
            .iter()
            .map(|uri| uri.as_str().to_owned())
            .collect(),
        left_out,
    })
}

fn label_of(issuer: &str, name: &str) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (true, _) => name.to_owned(),
        (false, true) => issuer.to_owned(),
        (false, false) => format!("{issuer}: {name}"),
    }
}
