//! Fuzz target: QR decoding of arbitrary luma frames (see `checks::qr_luma`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::qr_luma(data));
