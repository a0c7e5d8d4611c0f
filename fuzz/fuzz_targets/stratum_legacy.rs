//! Fuzz target: see `import_checks::stratum_legacy`.
#![no_main]

#[path = "../import_checks.rs"]
mod import_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| import_checks::stratum_legacy(data));
