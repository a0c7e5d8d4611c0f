//! One module per `ward` subcommand.

pub mod code;
pub mod parse;
