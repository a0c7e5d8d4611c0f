//! Fuzz target: otpauth URI parsing and writing (see `checks::otpauth_uri`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::otpauth_uri(data));
