//! Other authenticators' own SQLite databases, as a rooted phone or a
//! device backup yields them: Google Authenticator (`databases`),
//! Microsoft Authenticator (`PhoneFactor`) and Stratum / Authenticator Pro
//! (`authenticator.db3`). Each is recognised by its tables and columns,
//! never by elimination; rows that cannot be read are skipped with the
//! reason.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rusqlite::Connection;

use super::fields::Fields;
use super::sqlite::{self, has_table_with, integer, text};
use super::{Format, ImportError, ImportReport, ImportedEntry, label_of, limits};
use crate::secret::Secret;

/// A recognised app database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AppDatabase {
    /// Google Authenticator: table `accounts` (email, secret, type, counter).
    Google,
    /// Microsoft Authenticator: table `accounts` (oath_secret_key, account_type).
    Microsoft,
    /// Stratum / Authenticator Pro: table `authenticator`.
    Stratum,
}

impl AppDatabase {
    pub(crate) fn format(self) -> Format {
        match self {
            AppDatabase::Google => Format::GoogleAuthenticatorDb,
            AppDatabase::Microsoft => Format::MicrosoftAuthenticator,
            AppDatabase::Stratum => Format::Stratum,
        }
    }
}

/// Recognises which app's database `connection` is, by its tables.
pub(crate) fn recognise(connection: &Connection) -> Option<AppDatabase> {
    if has_table_with(
        connection,
        "accounts",
        &["oath_secret_key", "account_type", "username"],
    ) {
        Some(AppDatabase::Microsoft)
    } else if has_table_with(connection, "accounts", &["email", "secret", "type"]) {
        Some(AppDatabase::Google)
    } else if has_table_with(
        connection,
        "authenticator",
        &[
            "type",
            "issuer",
            "username",
            "secret",
            "algorithm",
            "digits",
            "period",
            "counter",
        ],
    ) {
        Some(AppDatabase::Stratum)
    } else {
        None
    }
}

/// Recognises and imports an app database (SQLite bytes): the entry point
/// for tests and fuzzing; [`super::import`] reaches the same code.
pub fn import_database(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    let unknown = |looks_like: &str| ImportError::UnknownFormat {
        looks_like: looks_like.into(),
    };
    let connection =
        sqlite::open(bytes).map_err(|_| unknown("an SQLite database that cannot be read"))?;
    let kind = recognise(&connection)
        .ok_or_else(|| unknown("an SQLite database without the tables of any app Ward knows"))?;
    drop(connection);
    import(bytes, kind)
}

/// Imports every account row of a recognised app database.
pub(crate) fn import(bytes: &[u8], kind: AppDatabase) -> Result<ImportReport, ImportError> {
    let format = kind.format();
    let malformed = |detail: String| ImportError::Malformed { format, detail };
    let connection = sqlite::open(bytes).map_err(malformed)?;
    let (table, order) = match kind {
        AppDatabase::Google | AppDatabase::Microsoft => ("accounts", "_id"),
        AppDatabase::Stratum => ("authenticator", "rowid"),
    };
    let order = if sqlite::columns(&connection, table)
        .iter()
        .any(|c| c == order)
    {
        order
    } else {
        "rowid"
    };
    let query = format!(
        "SELECT * FROM {table} ORDER BY {order} LIMIT {}",
        limits::MAX_ITEMS + 1
    );
    let unreadable = |_| malformed(format!("its table '{table}' cannot be read"));
    let mut statement = connection.prepare(&query).map_err(unreadable)?;
    let mut rows = statement.query([]).map_err(unreadable)?;
    let mut report = ImportReport::new(format);
    let mut index = 0;
    while let Some(row) = rows.next().map_err(unreadable)? {
        index += 1;
        if index > limits::MAX_ITEMS {
            return Err(ImportError::TooManyItems {
                format,
                limit: limits::MAX_ITEMS,
            });
        }
        let position = format!("row {index}");
        let read = match kind {
            AppDatabase::Google => google_row(row),
            AppDatabase::Microsoft => microsoft_row(row),
            AppDatabase::Stratum => stratum_row(row),
        };
        match read {
            Ok(Some(entry)) => report.entries.push(ImportedEntry::plain(entry)),
            Ok(None) => report.without_otp += 1,
            Err((label, reason)) => report.skip(position, label, reason),
        }
    }
    Ok(report)
}

type Row<'a> = rusqlite::Row<'a>;
type RowResult = Result<Option<crate::Account>, (String, String)>;

/// Google Authenticator: `email` is the label (`Issuer:name` or `name`),
/// `issuer` the issuer, `type` 0 = TOTP, 1 = HOTP with `counter`; 30 s,
/// 6 digits, SHA-1 always. Rows with `isencrypted` set hold a secret
/// sealed by the phone's keystore and cannot be read.
fn google_row(row: &Row<'_>) -> RowResult {
    let email = text(row, "email");
    let issuer = text(row, "issuer");
    let name = match email.split_once(':') {
        Some((_, rest)) if !rest.contains(':') => rest.to_string(),
        _ => email.clone(),
    };
    let label = label_of(&issuer, &name);
    if integer(row, "isencrypted").unwrap_or(0) > 0 {
        return Err((
            label,
            "Google Authenticator encrypted this secret with the phone's keystore: use its Transfer accounts QR codes instead".into(),
        ));
    }
    let kind = match integer(row, "type") {
        Some(0) | None => "totp",
        Some(1) => "hotp",
        Some(other) => {
            return Err((
                label,
                format!("its type {other} is not TOTP (0) or HOTP (1)"),
            ));
        }
    };
    let secret = text(row, "secret").replace(' ', "").to_ascii_uppercase();
    let counter = integer(row, "counter").and_then(|c| u64::try_from(c).ok());
    Fields {
        kind: Some(kind),
        secret: &secret,
        counter,
        issuer: &issuer,
        name: &name,
        ..Fields::default()
    }
    .build()
    .map(Some)
    .map_err(|reason| (label, reason))
}

/// Microsoft Authenticator: `name` is the issuer, `username` the account;
/// `account_type` 0 = TOTP with a base32 secret, 1 = a Microsoft account
/// (8 digits, base64 secret); other types (work accounts using push) hold
/// no OTP secret.
fn microsoft_row(row: &Row<'_>) -> RowResult {
    let issuer = text(row, "name");
    let name = text(row, "username");
    let label = label_of(&issuer, &name);
    let secret_text = text(row, "oath_secret_key");
    let (secret, digits) = match integer(row, "account_type") {
        Some(0) => (
            Secret::from_base32(&secret_text.replace(' ', ""))
                .map_err(|e| (label.clone(), format!("bad secret: {e}")))?,
            6,
        ),
        Some(1) => {
            let bytes = STANDARD.decode(secret_text.trim()).map_err(|_| {
                (
                    label.clone(),
                    "its Microsoft account secret is not base64".to_string(),
                )
            })?;
            (
                Secret::from_bytes(bytes)
                    .map_err(|e| (label.clone(), format!("bad secret: {e}")))?,
                8,
            )
        }
        _ if secret_text.trim().is_empty() => return Ok(None),
        Some(other) => {
            return Err((
                label,
                format!("its account type {other} is not an OTP account Ward can read"),
            ));
        }
        None => return Err((label, "its account type is missing".into())),
    };
    Fields {
        digits: Some(digits),
        issuer: &issuer,
        name: &name,
        ..Fields::default()
    }
    .build_with(secret)
    .map(Some)
    .map_err(|reason| (label, reason))
}

/// Stratum's `authenticator` table: the columns of its JSON backup.
fn stratum_row(row: &Row<'_>) -> RowResult {
    let issuer = text(row, "issuer");
    let name = text(row, "username");
    let secret = text(row, "secret");
    super::stratum::account(super::stratum::Columns {
        kind: integer(row, "type"),
        issuer: &issuer,
        name: &name,
        secret: &secret,
        algorithm: integer(row, "algorithm"),
        digits: integer(row, "digits"),
        period: integer(row, "period"),
        counter: integer(row, "counter"),
    })
    .map(Some)
    .map_err(|reason| (label_of(&issuer, &name), reason))
}
