//! Importing accounts from other authenticators' exports and backups.
//!
//! One entry point, [`import`], takes the file's bytes (and a password for
//! encrypted formats), recognises the format, and returns an
//! [`ImportReport`]: the entries found, every item that was skipped with the
//! reason, and for Google Authenticator exports which QR batches were seen
//! and which are missing. Partial success is normal and always reported,
//! never silent.
//!
//! Each format lives in its own module, written from the format's public
//! documentation or source:
//!
//! | module | format |
//! | --- | --- |
//! | [`otpauth_text`] | `otpauth://` URIs one per line (also Ente Auth's text export and Google migration URIs) |
//! | [`google`] | Google Authenticator `otpauth-migration://offline?data=` export |
//! | [`aegis`] | Aegis vault JSON, plain or password-encrypted (scrypt + AES-256-GCM) |
//! | [`twofas`] | 2FAS `.2fas` backup, plain or encrypted (PBKDF2-SHA256 + AES-256-GCM) |
//! | [`andotp`] | andOTP JSON, plain or `.json.aes` (PBKDF2-SHA1 + AES-256-GCM) |
//! | [`bitwarden`] | Bitwarden unencrypted JSON export (`login.totp`) |
//! | [`ente`] | Ente Auth plain-text export (`codeDisplay` metadata) |
//! | [`freeotp_plus`] | FreeOTP+ JSON export |
//! | [`proton`] | Proton Authenticator JSON export |
//! | [`bitwarden_csv`] | Bitwarden CSV export |
//! | [`duo`] | Duo Mobile account list (`accounts.json`); desktop |
//! | [`steam`] | Steam Guard files (`Steamguard-*`, `.maFile`); desktop |
//! | [`stratum`] | Stratum / Authenticator Pro JSON backup, plain or encrypted (Argon2id + AES-256-GCM); desktop |
//! | [`freeotp_backup`] | FreeOTP 2 encrypted backup (Java-serialized map, PBKDF2 + AES-GCM master key); desktop |
//! | [`app_prefs`] | FreeOTP / FreeOTP+ token file, Authy token file (secrets in clear), TOTP Authenticator internal file, Battle.net authenticator file (Android preferences XML); desktop |
//! | [`app_database`] | Google Authenticator, Microsoft Authenticator and Stratum app databases (SQLite); desktop |
//! | `authy_encrypted` | Authy token file with encrypted secrets (PBKDF2-SHA1 + AES-256-CBC); desktop |
//! | `stratum_legacy` | Stratum's old encrypted backup (PBKDF2-SHA1 + AES-256-CBC); desktop |
//! | `totp_authenticator_backup` | TOTP Authenticator backup (SHA-256 + AES-256-CBC, base64); desktop |
//! | `authenticator_plus` | Authenticator Plus ZIP (ZipCrypto + DEFLATE, `Accounts.txt`); desktop |
//! | [`crate::export::backup`] | Ward's own encrypted backup |
//! | [`crate::vault::import_snapshot`] | a Ward vault file or automatic backup snapshot |
//!
//! Formats are recognised by positive evidence only (`detect`): a file no
//! format claims is reported as not recognised, never asked for a password.
//!
//! Formats marked "desktop" need crates the phone library does without
//! (AES-CBC, DEFLATE): they are compiled only with the `full-import` cargo
//! feature (the CLI has it, the FFI library does not). Without it such a
//! file is still recognised and refused with [`ImportError::NeedsDesktop`].
//! Besides those, the formats a phone user does not have at hand are
//! desktop-only, to keep the phone library small (issue 16): other apps'
//! internal databases and token files (they come off a rooted phone or an
//! adb backup, i.e. through a computer), Duo and Steam Guard files (rooted
//! phones or Steam Desktop Authenticator), Stratum and FreeOTP 2 backups.
//! Their code stays in ward-core and is compiled into every build; the
//! phone library never calls it, so link-time optimisation leaves it out.
//! The phone keeps what people move between phones: Google Authenticator's
//! export QR, `otpauth://` lists, Aegis, 2FAS, andOTP, Bitwarden (JSON and
//! CSV), Proton, Ente, FreeOTP+ and Ward's own backups.
//! [`READERS`] is the one table that says which readers are desktop-only;
//! [`formats`] lists it for the apps.
//!
//! Key-derivation parameters read from a file are checked against caps
//! ([`limits`]) before any derivation starts, so a crafted file cannot make
//! a phone derive with gigabytes of memory or for minutes.
//!
//! Nothing here logs, and no error or `Debug` output carries a secret or a
//! password. Decrypted plaintext is zeroized when dropped.

pub mod aegis;
pub mod andotp;
mod android_prefs;
pub mod app_database;
pub mod app_prefs;
#[cfg(feature = "full-import")]
pub mod authenticator_plus;
#[cfg(feature = "full-import")]
pub mod authy_encrypted;
pub mod bitwarden;
pub mod bitwarden_csv;
mod decrypt;
mod detect;
pub mod duo;
pub mod ente;
pub(crate) mod fields;
pub mod freeotp_backup;
pub mod freeotp_plus;
pub mod google;
pub(crate) mod json;
pub mod limits;
pub mod otpauth_text;
pub mod proton;
mod sqlite;
pub mod steam;
pub mod stratum;
#[cfg(feature = "full-import")]
pub mod stratum_legacy;
#[cfg(feature = "full-import")]
pub mod totp_authenticator_backup;
pub mod twofas;
#[cfg(feature = "full-import")]
mod zip;

use std::fmt;

use crate::account::Account;
use detect::Detected;

/// The largest input [`import`] reads. Real exports with thousands of
/// accounts are a few megabytes.
pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;

/// The formats Ward recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `otpauth://` URIs, one per line.
    OtpauthText,
    /// Google Authenticator's "Transfer accounts" export.
    GoogleMigration,
    /// Aegis Authenticator vault.
    Aegis,
    /// 2FAS Authenticator backup.
    TwoFas,
    /// andOTP backup.
    AndOtp,
    /// Bitwarden JSON export.
    Bitwarden,
    /// Ente Auth plain-text export.
    Ente,
    /// FreeOTP+ JSON export.
    FreeOtpPlus,
    /// Proton Authenticator JSON export.
    Proton,
    /// Ward's own encrypted backup.
    WardBackup,
    /// A Ward vault file or automatic backup snapshot (issue 13).
    WardVault,
    /// Google Authenticator's app database (SQLite).
    GoogleAuthenticatorDb,
    /// Microsoft Authenticator's app database (SQLite).
    MicrosoftAuthenticator,
    /// Duo Mobile's account list.
    Duo,
    /// Steam Guard file.
    Steam,
    /// Stratum (Authenticator Pro) backup or database.
    Stratum,
    /// FreeOTP (original) token file or FreeOTP 2 backup.
    FreeOtp,
    /// Authy's token file.
    Authy,
    /// Battle.net authenticator file.
    BattleNet,
    /// TOTP Authenticator backup or token file.
    TotpAuthenticator,
    /// Authenticator Plus password-protected ZIP.
    AuthenticatorPlus,
}

impl Format {
    /// A name a person recognises, e.g. "Aegis vault".
    pub fn name(self) -> &'static str {
        match self {
            Format::OtpauthText => "otpauth URI list",
            Format::GoogleMigration => "Google Authenticator export",
            Format::Aegis => "Aegis vault",
            Format::TwoFas => "2FAS backup",
            Format::AndOtp => "andOTP backup",
            Format::Bitwarden => "Bitwarden export",
            Format::Ente => "Ente Auth export",
            Format::FreeOtpPlus => "FreeOTP+ export",
            Format::Proton => "Proton Authenticator export",
            Format::WardBackup => "Ward backup",
            Format::WardVault => "Ward vault snapshot",
            Format::GoogleAuthenticatorDb => "Google Authenticator database",
            Format::MicrosoftAuthenticator => "Microsoft Authenticator database",
            Format::Duo => "Duo Mobile account list",
            Format::Steam => "Steam Guard file",
            Format::Stratum => "Stratum backup",
            Format::FreeOtp => "FreeOTP backup",
            Format::Authy => "Authy token file",
            Format::BattleNet => "Battle.net authenticator file",
            Format::TotpAuthenticator => "TOTP Authenticator file",
            Format::AuthenticatorPlus => "Authenticator Plus backup",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One kind of file Ward reads: a format, or a variant of one that needs
/// its own code (and may need the desktop build).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    /// The format's files, plain or encrypted, unless a variant below applies.
    Plain(Format),
    /// Authy's token file with encrypted secrets.
    AuthyEncrypted,
    /// Stratum's old encrypted backup.
    StratumLegacy,
    /// TOTP Authenticator's encrypted backup.
    TotpAuthenticatorBackup,
}

/// Which builds import a reader's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Builds {
    /// Phone and desktop.
    Everywhere,
    /// Only builds with the `full-import` feature (the CLI). The phone
    /// library recognises the file and says so ([`ImportError::NeedsDesktop`]).
    Desktop,
}

use Builds::{Desktop, Everywhere};

/// Every reader, in the order [`formats`] lists them, with the name shown
/// to people and the builds that import it.
///
/// This table is the one place that puts a format behind the `full-import`
/// feature: change its `Everywhere` to `Desktop` and the import is refused
/// on the phone with [`ImportError::NeedsDesktop`] (and [`formats`] says
/// so). To also drop its code from the phone library, put
/// `#[cfg(feature = "full-import")]` on its module and on its arm in
/// `import_detected` (as for the four desktop readers below).
const READERS: &[(Reader, &str, Builds)] = &[
    (
        Reader::Plain(Format::OtpauthText),
        "otpauth URI list",
        Everywhere,
    ),
    (
        Reader::Plain(Format::GoogleMigration),
        "Google Authenticator export",
        Everywhere,
    ),
    (
        Reader::Plain(Format::GoogleAuthenticatorDb),
        "Google Authenticator database",
        Desktop,
    ),
    (Reader::Plain(Format::Aegis), "Aegis vault", Everywhere),
    (Reader::Plain(Format::TwoFas), "2FAS backup", Everywhere),
    (Reader::Plain(Format::AndOtp), "andOTP backup", Everywhere),
    (
        Reader::Plain(Format::Bitwarden),
        "Bitwarden export (JSON or CSV)",
        Everywhere,
    ),
    (Reader::Plain(Format::Ente), "Ente Auth export", Everywhere),
    (
        Reader::Plain(Format::FreeOtpPlus),
        "FreeOTP+ export",
        Everywhere,
    ),
    (
        Reader::Plain(Format::Proton),
        "Proton Authenticator export",
        Everywhere,
    ),
    (
        Reader::Plain(Format::MicrosoftAuthenticator),
        "Microsoft Authenticator database",
        Desktop,
    ),
    (
        Reader::Plain(Format::Duo),
        "Duo Mobile account list",
        Desktop,
    ),
    (Reader::Plain(Format::Steam), "Steam Guard file", Desktop),
    (
        Reader::Plain(Format::Stratum),
        "Stratum backup or database",
        Desktop,
    ),
    (
        Reader::StratumLegacy,
        "Stratum backup (old encryption)",
        Desktop,
    ),
    (
        Reader::Plain(Format::FreeOtp),
        "FreeOTP token file or backup",
        Desktop,
    ),
    (Reader::Plain(Format::Authy), "Authy token file", Desktop),
    (
        Reader::AuthyEncrypted,
        "Authy token file (encrypted)",
        Desktop,
    ),
    (
        Reader::Plain(Format::BattleNet),
        "Battle.net authenticator file",
        Desktop,
    ),
    (
        Reader::Plain(Format::TotpAuthenticator),
        "TOTP Authenticator file",
        Desktop,
    ),
    (
        Reader::TotpAuthenticatorBackup,
        "TOTP Authenticator backup",
        Desktop,
    ),
    (
        Reader::Plain(Format::AuthenticatorPlus),
        "Authenticator Plus backup",
        Desktop,
    ),
    (Reader::Plain(Format::WardBackup), "Ward backup", Everywhere),
    (
        Reader::Plain(Format::WardVault),
        "Ward vault snapshot",
        Everywhere,
    ),
];

impl Reader {
    /// True when this build imports the reader's files.
    pub(crate) fn on_this_build(self) -> bool {
        READERS
            .iter()
            .find(|(reader, _, _)| *reader == self)
            .is_none_or(|(_, _, builds)| *builds == Everywhere || cfg!(feature = "full-import"))
    }

    /// The format named in messages.
    pub(crate) fn format(self) -> Format {
        match self {
            Reader::Plain(format) => format,
            Reader::AuthyEncrypted => Format::Authy,
            Reader::StratumLegacy => Format::Stratum,
            Reader::TotpAuthenticatorBackup => Format::TotpAuthenticator,
        }
    }
}

/// A kind of file Ward knows, and whether this build imports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatInfo {
    /// The name people know it by, e.g. "Authy token file (encrypted)".
    pub name: &'static str,
    /// False when only Ward for desktop (`ward import`) imports it: this
    /// build recognises such a file and refuses it with
    /// [`ImportError::NeedsDesktop`].
    pub on_this_build: bool,
}

/// Every kind of file Ward knows, in a stable order, with whether this
/// build imports it (the phone apps show which need the desktop).
pub fn formats() -> Vec<FormatInfo> {
    READERS
        .iter()
        .map(|(reader, name, _)| FormatInfo {
            name,
            on_this_build: reader.on_this_build(),
        })
        .collect()
}

/// The list of supported formats, as shown in "unknown format" errors.
pub const SUPPORTED_FORMATS: &str = "otpauth:// URI lists, Google Authenticator exports (otpauth-migration://) and app databases, Aegis vaults (.json), 2FAS backups (.2fas), andOTP backups (.json, .json.aes), Bitwarden JSON and CSV exports, Duo Mobile account lists, Ente Auth text exports, FreeOTP+ JSON exports, Microsoft Authenticator databases, Proton Authenticator exports, Steam Guard files, Stratum (Authenticator Pro) backups (plain or encrypted) and databases, FreeOTP 2 backups, FreeOTP, Authy, TOTP Authenticator and Battle.net app files, Ward backups and Ward vault snapshots";

/// Why a whole import failed. Item-level problems are not errors: they are
/// [`SkippedItem`]s in the report. No variant carries secret material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    #[error(
        "the file is larger than {} MiB: this is not an authenticator export",
        MAX_IMPORT_BYTES / (1024 * 1024)
    )]
    TooLarge,
    /// Nothing in the input matches a known format.
    #[error("Ward does not recognise this file ({looks_like}). Ward reads {SUPPORTED_FORMATS}")]
    UnknownFormat {
        /// What the input looks like, e.g. "JSON without the fields of any known export".
        looks_like: String,
    },
    /// The file is encrypted and no password was given.
    #[error("this {format} is encrypted: give the password it was exported with")]
    NeedsPassword {
        /// The detected format.
        format: Format,
    },
    /// The password does not open the file (or the file was altered).
    #[error(
        "the password does not open this {format}: check it and try again (if it is right, the file is damaged)"
    )]
    WrongPassword {
        /// The detected format.
        format: Format,
    },
    /// The file stops in the middle.
    #[error("this {format} is cut short ({detail}): export it again or copy the whole file")]
    Truncated {
        /// The detected format.
        format: Format,
        /// Where it stops.
        detail: String,
    },
    /// The file is recognised but its structure is wrong.
    #[error("this looks like a {format} but {detail}")]
    Malformed {
        /// The detected format.
        format: Format,
        /// What is wrong, without secret values.
        detail: String,
    },
    /// The file asks for key-derivation work above Ward's caps.
    #[error(
        "this {format} asks for {detail}, more than Ward allows (see its limits); it was not opened. Export it again with default settings"
    )]
    KdfTooExpensive {
        /// The detected format.
        format: Format,
        /// The requested parameters.
        detail: String,
    },
    /// The file holds more items than [`limits::MAX_ITEMS`].
    #[error(
        "this {format} holds more than {limit} items, more than any real export: it was not imported. Split it, or export again from the app"
    )]
    TooManyItems {
        /// The detected format.
        format: Format,
        /// The cap, [`limits::MAX_ITEMS`].
        limit: usize,
    },
    /// A known format that only Ward for desktop imports: this build
    /// (the phone library, without the `full-import` feature) leaves it out.
    #[error(
        "This {format} can be imported with Ward for desktop (`ward import`); the phone app does not include this format."
    )]
    NeedsDesktop {
        /// The detected format.
        format: Format,
    },
    /// A variant of a known format that Ward cannot read.
    #[error("this {format} cannot be imported: {detail}")]
    Unsupported {
        /// The detected format.
        format: Format,
        /// What to do instead.
        detail: String,
    },
}

/// One account found in an import, with the extras some formats carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEntry {
    /// The account and its code parameters.
    pub account: Account,
    /// A free-text note (Aegis, Ente, Proton, Bitwarden), if any.
    pub note: Option<String>,
    /// Marked as favourite or pinned in the source app.
    pub favorite: bool,
}

impl ImportedEntry {
    /// An entry with no note, not a favourite.
    pub fn plain(account: Account) -> Self {
        ImportedEntry {
            account,
            note: None,
            favorite: false,
        }
    }
}

/// An item of the input that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedItem {
    /// Where it is: e.g. "line 4", "entry 3", "batch 2, account 5".
    pub position: String,
    /// Issuer and account name when known (never the secret).
    pub label: String,
    /// Why it was skipped, and what to do.
    pub reason: String,
}

impl fmt::Display for SkippedItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.label.is_empty() {
            write!(f, "{}: {}", self.position, self.reason)
        } else {
            write!(f, "{} ({}): {}", self.position, self.label, self.reason)
        }
    }
}

/// Which batches of one Google Authenticator export were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleBatches {
    /// The export's batch id (the same in every QR code of one export).
    pub batch_id: i32,
    /// How many QR codes the export has.
    pub batch_size: u32,
    /// 0-based indices of the batches read, ascending.
    pub present: Vec<u32>,
    /// 0-based indices of the batches not read, ascending. Non-empty means
    /// some accounts of the export are not in this report.
    pub missing: Vec<u32>,
}

/// What an import found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The detected format.
    pub format: Format,
    /// True when the input was encrypted (and the password opened it).
    pub encrypted: bool,
    /// The accounts found, in the file's order.
    pub entries: Vec<ImportedEntry>,
    /// Items that were not imported, each with its reason: the first
    /// [`limits::MAX_SKIPPED_LISTED`] of them.
    pub skipped: Vec<SkippedItem>,
    /// How many more items were skipped than `skipped` lists.
    pub skipped_more: usize,
    /// For Google Authenticator exports: batches seen and missing.
    pub google_batches: Vec<GoogleBatches>,
    /// Items that are not OTP accounts at all (e.g. Bitwarden logins
    /// without a TOTP key). Counted, not listed.
    pub without_otp: usize,
}

impl ImportReport {
    /// An empty report for a format.
    pub fn new(format: Format) -> Self {
        ImportReport {
            format,
            encrypted: false,
            entries: Vec::new(),
            skipped: Vec::new(),
            skipped_more: 0,
            google_batches: Vec::new(),
            without_otp: 0,
        }
    }

    /// True when Google batches are missing.
    pub fn has_missing_batches(&self) -> bool {
        self.google_batches.iter().any(|b| !b.missing.is_empty())
    }

    /// How many items were skipped in all (listed and counted).
    pub fn skipped_count(&self) -> usize {
        self.skipped.len() + self.skipped_more
    }

    /// Records a skipped item: listed while fewer than
    /// [`limits::MAX_SKIPPED_LISTED`] are, else only counted. The label is
    /// cut to [`limits::MAX_LABEL_CHARS`].
    pub(crate) fn skip(
        &mut self,
        position: impl Into<String>,
        label: impl Into<String>,
        reason: impl Into<String>,
    ) {
        if self.skipped.len() >= limits::MAX_SKIPPED_LISTED {
            self.skipped_more += 1;
            return;
        }
        self.skipped.push(SkippedItem {
            position: position.into(),
            label: shorten(&label.into(), limits::MAX_LABEL_CHARS),
            reason: reason.into(),
        });
    }

    /// Applies the caps every format shares: at most [`limits::MAX_ITEMS`]
    /// entries, and entries whose issuer, name or note is longer than
    /// [`limits`] allows are skipped with the reason.
    fn enforce_caps(mut self) -> Result<Self, ImportError> {
        if self.entries.len() + self.skipped_count() > limits::MAX_ITEMS {
            return Err(ImportError::TooManyItems {
                format: self.format,
                limit: limits::MAX_ITEMS,
            });
        }
        let entries = std::mem::take(&mut self.entries);
        for (index, entry) in entries.into_iter().enumerate() {
            match too_long_field(&entry) {
                None => self.entries.push(entry),
                Some(reason) => self.skip(
                    format!("account {}", index + 1),
                    label_of(&entry.account.issuer, &entry.account.name),
                    reason,
                ),
            }
        }
        Ok(self)
    }
}

/// Why an entry's text fields are too long, if they are.
fn too_long_field(entry: &ImportedEntry) -> Option<String> {
    let fields = [
        (
            "issuer",
            entry.account.issuer.as_str(),
            limits::MAX_ISSUER_CHARS,
        ),
        (
            "account name",
            entry.account.name.as_str(),
            limits::MAX_NAME_CHARS,
        ),
        (
            "note",
            entry.note.as_deref().unwrap_or(""),
            limits::MAX_NOTE_CHARS,
        ),
    ];
    fields.iter().find_map(|(what, text, cap)| {
        let chars = text.chars().take(cap + 1).count();
        (chars > *cap).then(|| {
            format!("its {what} is longer than {cap} characters: shorten it in the other app and export again")
        })
    })
}

/// `text` cut to `max` characters, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

/// Detects the format of `bytes` and imports every account it holds.
///
/// `password` is needed only for encrypted files; for plain ones it is
/// ignored. It is bytes (UTF-8 as typed), never logged or echoed.
///
/// Fails with [`ImportError`] when the file as a whole cannot be read
/// (unknown format, missing or wrong password, truncated, malformed, KDF
/// parameters above [`limits`]). Single items that cannot be read are
/// skipped and listed in [`ImportReport::skipped`].
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    if crate::vault::looks_like_vault(bytes) {
        return crate::vault::import_snapshot(bytes, password)?.enforce_caps();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let report = match detect::detect(bytes) {
        Ok(detected) => import_detected(detected, bytes, password),
        // An andOTP backup from before 0.6.3 has no header at all: with a
        // password it is tried (one SHA-256, no key stretching); without
        // one, or when it does not open, the file is not recognised.
        Err(unknown @ ImportError::UnknownFormat { .. }) => match password {
            Some(password) if std::str::from_utf8(bytes).is_err() => {
                andotp::import_old_format(bytes, password).ok_or(unknown)
            }
            _ => Err(unknown),
        },
        Err(other) => Err(other),
    }?;
    report.enforce_caps()
}

fn import_detected(
    detected: Detected,
    bytes: &[u8],
    password: Option<&[u8]>,
) -> Result<ImportReport, ImportError> {
    let reader = detected.reader(bytes);
    if !reader.on_this_build() {
        return Err(ImportError::NeedsDesktop {
            format: reader.format(),
        });
    }
    match detected {
        Detected::Text => otpauth_text::import(bytes),
        Detected::Json(kind) => kind.import(bytes, password),
        Detected::AndOtpEncrypted => andotp::import_encrypted(bytes, password),
        Detected::BitwardenCsv => bitwarden_csv::import(bytes),
        #[cfg(feature = "full-import")]
        Detected::StratumEncrypted => stratum::import_encrypted(bytes, password),
        #[cfg(feature = "full-import")]
        Detected::FreeOtpBackup => freeotp_backup::import(bytes, password),
        #[cfg(feature = "full-import")]
        Detected::AppDatabase(kind) => app_database::import(bytes, kind),
        #[cfg(feature = "full-import")]
        Detected::AppPrefs(kind) => kind.import(bytes),
        #[cfg(feature = "full-import")]
        Detected::AuthyEncrypted => authy_encrypted::import(bytes, password),
        #[cfg(feature = "full-import")]
        Detected::StratumLegacy => stratum_legacy::import(bytes, password),
        #[cfg(feature = "full-import")]
        Detected::TotpAuthenticatorBackup => totp_authenticator_backup::import(bytes, password),
        #[cfg(feature = "full-import")]
        Detected::AuthenticatorPlus => authenticator_plus::import(bytes, password),
        #[cfg(not(feature = "full-import"))]
        Detected::StratumEncrypted
        | Detected::FreeOtpBackup
        | Detected::AppDatabase(_)
        | Detected::AppPrefs(_)
        | Detected::AuthyEncrypted
        | Detected::StratumLegacy
        | Detected::TotpAuthenticatorBackup
        | Detected::AuthenticatorPlus => Err(ImportError::NeedsDesktop {
            format: reader.format(),
        }),
    }
}

/// Recognises the format and says whether a password will be needed,
/// without deriving any key. Formats Ward recognises but cannot import
/// fail here already, with what to do instead.
///
/// Returns `(format, encrypted)`.
pub fn identify(bytes: &[u8]) -> Result<(Format, bool), ImportError> {
    if crate::vault::looks_like_vault(bytes) {
        return Ok((Format::WardVault, true));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let detected = detect::detect(bytes)?;
    let reader = detected.reader(bytes);
    if !reader.on_this_build() {
        return Err(ImportError::NeedsDesktop {
            format: reader.format(),
        });
    }
    Ok(match detected {
        Detected::Text => (otpauth_text::text_format(bytes), false),
        Detected::Json(kind) => (kind.format(), kind.encrypted()),
        Detected::AndOtpEncrypted => (Format::AndOtp, true),
        Detected::BitwardenCsv => (Format::Bitwarden, false),
        Detected::StratumEncrypted => (Format::Stratum, true),
        Detected::FreeOtpBackup => (Format::FreeOtp, true),
        Detected::AppDatabase(kind) => (kind.format(), false),
        Detected::AppPrefs(kind) => (kind.format(), false),
        Detected::AuthyEncrypted | Detected::StratumLegacy | Detected::AuthenticatorPlus => {
            (reader.format(), true)
        }
        Detected::TotpAuthenticatorBackup => (reader.format(), !opens_without_password(bytes)),
    })
}

/// True when a TOTP Authenticator backup opens with the app's built-in
/// password (one SHA-256 and one AES pass: cheap enough for `identify`).
#[cfg(feature = "full-import")]
fn opens_without_password(bytes: &[u8]) -> bool {
    totp_authenticator_backup::opens_without_password(bytes)
}

/// Without `full-import` such a file is refused before this is asked.
#[cfg(not(feature = "full-import"))]
fn opens_without_password(_: &[u8]) -> bool {
    false
}

/// "Issuer: name" for skipped-item labels.
pub(crate) fn label_of(issuer: &str, name: &str) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (true, _) => name.to_string(),
        (false, true) => issuer.to_string(),
        (false, false) => format!("{issuer}: {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_garbage_are_unknown() {
        for input in [&b""[..], b"   \n", b"hello world", b"\x00\x01\x02"] {
            let err = import(input, None).unwrap_err();
            assert!(matches!(err, ImportError::UnknownFormat { .. }), "{err}");
            assert!(err.to_string().contains("Aegis"), "{err}");
        }
    }

    /// `count` andOTP items that all fail (a secret that is not base32).
    fn bad_andotp_items(count: usize) -> Vec<u8> {
        let item = r#"{"secret":"1","issuer":"I","label":"L"}"#;
        format!("[{}]", vec![item; count].join(",")).into_bytes()
    }

    #[test]
    fn skip_list_keeps_the_first_200_and_counts_the_rest() {
        let report = import(&bad_andotp_items(1000), None).unwrap();
        assert_eq!(report.skipped.len(), limits::MAX_SKIPPED_LISTED);
        assert_eq!(report.skipped_more, 1000 - limits::MAX_SKIPPED_LISTED);
        assert_eq!(report.skipped_count(), 1000);
    }

    #[test]
    fn more_items_than_the_cap_is_a_clear_error() {
        let err = import(&bad_andotp_items(limits::MAX_ITEMS + 1), None).unwrap_err();
        assert_eq!(
            err,
            ImportError::TooManyItems {
                format: Format::AndOtp,
                limit: limits::MAX_ITEMS
            }
        );
        assert!(err.to_string().contains("more than 10000 items"), "{err}");
        // A text file of as many lines hits the same cap.
        let line = "otpauth://totp/A:b?secret=1\n";
        let err = import(line.repeat(limits::MAX_ITEMS + 1).as_bytes(), None).unwrap_err();
        assert!(matches!(err, ImportError::TooManyItems { .. }), "{err}");
    }

    #[test]
    fn over_long_issuer_name_and_note_are_skipped_with_the_reason() {
        let long = "x".repeat(limits::MAX_ISSUER_CHARS + 1);
        let note = "n".repeat(limits::MAX_NOTE_CHARS + 1);
        let vault = format!(
            r#"{{"version":1,"header":{{"slots":null,"params":null}},"db":{{"version":2,"entries":[
              {{"type":"totp","name":"ok","issuer":"Fine","info":{{"secret":"JBSWY3DPEHPK3PXP"}}}},
              {{"type":"totp","name":"a","issuer":"{long}","info":{{"secret":"JBSWY3DPEHPK3PXP"}}}},
              {{"type":"totp","name":"{long}","issuer":"I","info":{{"secret":"JBSWY3DPEHPK3PXP"}}}},
              {{"type":"totp","name":"b","issuer":"I","note":"{note}","info":{{"secret":"JBSWY3DPEHPK3PXP"}}}}
            ]}}}}"#
        );
        let report = import(vault.as_bytes(), None).unwrap();
        assert_eq!(report.entries.len(), 1);
        assert_eq!(report.skipped.len(), 3);
        assert!(report.skipped[0].reason.contains("issuer"));
        assert!(report.skipped[1].reason.contains("account name"));
        assert!(report.skipped[2].reason.contains("note"));
        assert!(
            report
                .skipped
                .iter()
                .all(|s| s.label.chars().count() <= limits::MAX_LABEL_CHARS + 1)
        );
    }

    #[test]
    fn too_large_is_refused_first() {
        let big = vec![b' '; MAX_IMPORT_BYTES + 1];
        assert_eq!(import(&big, None), Err(ImportError::TooLarge));
    }
}
