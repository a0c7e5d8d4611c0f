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

    /// Prints the message as one line and returns the exit status.
    pub fn report(self) -> ExitCode {
        let line = self.message.replace(['\n', '\r'], " ");
        eprintln!("ward: {line}");
        ExitCode::from(self.status)
    }
}

impl From<ward_core::Error> for Failure {
    fn from(error: ward_core::Error) -> Self {
        Failure::input(error)
    }
}

impl From<ward_core::uri::UriError> for Failure {
    fn from(error: ward_core::uri::UriError) -> Self {
        Failure::input(error)
    }
}
