//! The checks behind each fuzz target, one function per target named like
//! it. Shared by the cargo-fuzz targets (`fuzz_targets/<name>.rs`, nightly)
//! and the corpus replay test (`rust-core/tests/fuzz_corpus_replay.rs`,
//! stable), so CI checks the committed corpus without nightly.
//!
//! A check panics when a property fails; returning means the input is fine.

use ward_core::Secret;
use ward_core::otp::Generator;
use ward_core::uri::{parse, to_uri};

/// `otpauth_uri`: `uri::parse` on arbitrary text never panics; whatever it
/// accepts, `to_uri` writes as a URI that parses back to an equal account
/// and is a fixed point of writing; codes can be computed for it at the
/// extremes of time. `Secret::from_base32` on the same text never panics,
/// and what it accepts survives a canonical round trip.
pub fn otpauth_uri(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(account) = parse(&text) {
        let written = to_uri(&account);
        let again = match parse(&written) {
            Ok(again) => again,
            Err(error) => panic!("to_uri wrote a URI parse refuses: {error}"),
        };
        assert_eq!(again, account, "to_uri then parse changed the account");
        assert_eq!(
            to_uri(&again).as_str(),
            written.as_str(),
            "to_uri is not canonical"
        );
        let generator = Generator::new(&account.params);
        for time in [0, 59, u64::MAX] {
            let timed = generator.code_at(time);
            let digits = usize::from(account.params.digits());
            assert_eq!(timed.current.as_str().len(), digits);
            assert_eq!(timed.next.as_str().len(), digits);
        }
    }
    if let Ok(secret) = Secret::from_base32(&text) {
        let canonical = secret.to_base32();
        assert_eq!(Secret::from_base32(&canonical).ok(), Some(secret));
    }
}
