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

/// `qr_luma`: the QR decoder on an arbitrary small frame never panics and
/// returns only acceptable texts. Input: width (u16 LE, at most 256),
/// height (u16 LE, at most 256), row padding (u8), then the pixels.
pub fn qr_luma(data: &[u8]) {
    use ward_core::qr::{LumaFrame, QrError, Strategy, decode_luma_with, is_acceptable_text};
    let [w0, w1, h0, h1, pad, pixels @ ..] = data else {
        return;
    };
    let width = u32::from(u16::from_le_bytes([*w0, *w1])) % 257;
    let height = u32::from(u16::from_le_bytes([*h0, *h1])) % 257;
    let stride = width as usize + usize::from(*pad);
    let Ok(frame) = LumaFrame::new(pixels, width, height, stride) else {
        return;
    };
    match decode_luma_with(&frame, &Strategy::for_stills()) {
        Ok(texts) => assert!(texts.iter().all(|t| is_acceptable_text(t))),
        Err(QrError::UnacceptableText) => {}
        Err(error) => panic!("unexpected error on a valid frame: {error}"),
    }
}
