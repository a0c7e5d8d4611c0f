//! One module per `ward` subcommand.

pub mod code;
pub mod decode_qr;
pub mod parse;
