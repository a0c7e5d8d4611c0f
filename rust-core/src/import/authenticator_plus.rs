//! Authenticator Plus backups: a ZIP archive whose member `Accounts.txt`
//! is a list of `otpauth://` URIs, one per line, encrypted with the
//! backup's password by the traditional PKWARE cipher (ZipCrypto,
//! APPNOTE.TXT §6.1) and DEFLATE-compressed. Read through [`super::zip`],
//! then as any URI list ([`super::otpauth_text`]).
//!
//! ZipCrypto has no key stretching (the password is fed straight into its
//! key schedule), so there are no parameters to cap; its 1-byte password
//! check lets a wrong password through 1 time in 256, which the member's
//! CRC-32 then catches.

use super::zip::{self, ZipError};
use super::{Format, ImportError, ImportReport, otpauth_text};

const FORMAT: Format = Format::AuthenticatorPlus;
/// The member holding the accounts.
pub(crate) const ACCOUNTS_FILE: &str = "Accounts.txt";

/// Imports an Authenticator Plus backup (`password`: the backup's).
pub fn import(bytes: &[u8], password: Option<&[u8]>) -> Result<ImportReport, ImportError> {
    let (text, encrypted) = zip::read_member(bytes, ACCOUNTS_FILE, password).map_err(|error| match error {
        ZipError::NeedsPassword => ImportError::NeedsPassword { format: FORMAT },
        ZipError::WrongPassword => ImportError::WrongPassword { format: FORMAT },
        ZipError::Missing => ImportError::Malformed {
            format: FORMAT,
            detail: format!("it has no {ACCOUNTS_FILE}"),
        },
        ZipError::Malformed(detail) => ImportError::Malformed {
            format: FORMAT,
            detail: detail.into(),
        },
        ZipError::Unsupported(what) => ImportError::Unsupported {
            format: FORMAT,
            detail: format!(
                "Ward does not read {what}: unzip it with its password and import the {ACCOUNTS_FILE} inside"
            ),
        },
    })?;
    let mut report = otpauth_text::import(&text).map_err(|_| ImportError::Malformed {
        format: FORMAT,
        detail: format!("its {ACCOUNTS_FILE} is not UTF-8 text"),
    })?;
    report.format = FORMAT;
    report.encrypted = encrypted;
    Ok(report)
}
