//! How a command fails: one line on stderr and an exit status.

use std::fmt::Display;
use std::process::ExitCode;

/// A failed command: the message for stderr and the exit status.
#[derive(Debug)]
pub struct Failure {
    message: String,
    status: u8,
}

impl Failure {
    /// Bad input or a wrong password: exit status 2.
    pub fn input(message: impl Display) -> Self {
        Failure {
            message: message.to_string(),
            status: 2,
        }
    }

    /// The vault could not be read or written (disk full, read-only,
    /// busy, damaged): exit status 1.
    pub fn storage(message: impl Display) -> Self {
        Failure {
            message: message.to_string(),
            status: 1,
        }
    }

    /// The vault was changed outside Ward, or a used HOTP code would have
    /// been issued again: exit status 3, "ward: tampered: ..." on stderr.
    pub fn tampered(message: impl Display) -> Self {
        Failure {
            message: format!("tampered: {message}"),
            status: 3,
        }
    }

    /// Fails with [`Failure::tampered`] unless the vault's integrity check
    /// is clean. Called after a command printed what it could, so every
    /// untouched entry is still shown.
    pub fn unless_intact(vault: &ward_core::vault::Vault) -> Result<(), Failure> {
        let report = vault.integrity()?;
        if report.intact {
            Ok(())
        } else {
            Err(Failure::tampered(report.summary()))
        }
    }

    /// Prints the message as one line and returns the exit status.
    pub fn report(self) -> ExitCode {
        let line = self.message.replace(['\n', '\r'], " ");
        eprintln!("ward: {line}");
        ExitCode::from(self.status)
    }
}

impl From<ward_core::Error> for Failure {
    fn from(error: ward_core::Error) -> Self {
        match error {
            ward_core::Error::Vault(vault) => vault.into(),
            other => Failure::input(other),
        }
    }
}

impl From<ward_core::vault::VaultError> for Failure {
    /// Storage trouble exits with 1; everything the user can fix by
    /// changing the input (wrong passphrase, bad id, missing vault) with 2.
    fn from(error: ward_core::vault::VaultError) -> Self {
        use ward_core::vault::VaultError as E;
        match error {
            E::Tampered { message } => Failure::tampered(message),
            E::DiskFull | E::ReadOnly | E::Storage(_) | E::Busy | E::Random | E::Damaged { .. } => {
                Failure::storage(error)
            }
            other => Failure::input(other),
        }
    }
}

impl From<ward_core::uri::UriError> for Failure {
    fn from(error: ward_core::uri::UriError) -> Self {
        Failure::input(error)
    }
}
