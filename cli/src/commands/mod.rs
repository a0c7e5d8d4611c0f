//! One module per `ward` subcommand.

pub mod add;
pub mod backup;
pub mod code;
pub mod codes;
pub mod decode_qr;
pub mod export;
pub mod import;
pub mod init;
pub mod list;
pub mod next;
pub mod parse;
pub mod passwd;
pub mod remove;
pub mod restore;
pub mod scan;
pub mod verify;
