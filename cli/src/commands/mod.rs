//! One module per `ward` subcommand.

pub mod code;
pub mod export;
pub mod import;
pub mod parse;
