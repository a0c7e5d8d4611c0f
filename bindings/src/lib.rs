//! # ward-ffi
//!
//! Ward's core as a native library for the Android (Kotlin) and iOS (Swift)
//! apps, through UniFFI proc-macros. This is the only crate in the
//! workspace with UniFFI annotations; `ward-core` knows nothing of FFI.
//!
//! Every exported function is a short adapter: convert the arguments, call
//! the core, map its error with [`WardError::from_core`]. The surface:
//!
//! - free functions: [`parse_uri`], [`code_at`], [`decode_qr_luma`],
//!   [`decode_qr_picture`], [`reauth_window_seconds`], [`init_logging`];
//! - [`Vault`], the encrypted vault; [`ScannedCode`], a scanned QR code
//!   held in Rust (its secret never becomes an app string); and
//!   [`KeyStore`], the platform key store the app implements;
//! - records: [`AccountRecord`], [`CodeRecord`], [`EntryRecord`],
//!   [`ListedEntry`], [`EntryCode`], [`EntryEdit`], [`ImportReport`],
//!   [`BackupExport`], [`GoogleExport`], [`GoogleQrExport`], [`QrMatrix`], [`ScannedQr`], [`IntegrityReport`],
//!   [`IntegrityProblem`], [`BackupOutcome`], [`BackupStatus`];
//! - [`WardError`], the one error type the apps see.
//!
//! Rules kept here: time is always an argument (Unix seconds); secrets never
//! appear in records, errors or logs; nothing panics across the boundary
//! (UniFFI catches any panic into an internal error, which needs
//! `panic = "unwind"`, checked below).
//!
//! Generate the bindings with `bindings/generate.sh`.

// UniFFI turns a Rust panic into a foreign exception by catching the
// unwind; with `panic = "abort"` a bug would kill the app instead.
#[cfg(panic = "abort")]
compile_error!("ward-ffi must be built with panic = \"unwind\" so UniFFI can catch panics");

mod account;
mod backup;
mod codes;
mod entry;
mod error;
mod export_qr;
mod import;
mod integrity;
mod keystore;
mod logging;
mod qr;
mod vault;

pub use account::{AccountRecord, Algorithm, OtpKind};
pub use backup::{BackupOutcome, BackupStatus};
pub use codes::{CodeRecord, code_at, parse_uri};
pub use entry::{CodeState, EntryCode, EntryEdit, EntryRecord, ListedEntry};
pub use error::WardError;
pub use export_qr::{GoogleQrExport, QrMatrix};
pub use import::{
    BackupExport, GoogleBatches, GoogleExport, ImportFormat, ImportReport, SkippedItem,
    import_formats,
};
pub use integrity::{IntegrityProblem, IntegrityReport};
pub use keystore::KeyStore;
pub use logging::init_logging;
pub use qr::{QrScanSession, ScannedCode, ScannedQr, decode_qr_luma, decode_qr_picture};
pub use vault::{Vault, reauth_window_seconds};

uniffi::setup_scaffolding!();
