//! QR decoding for scanning and importing: camera frames and screenshots in,
//! checked texts out.
//!
//! - [`LumaFrame`] borrows an 8-bit grayscale plane with its row stride,
//!   exactly as Android's `ImageReader` (Y plane) and iOS's `CVPixelBuffer`
//!   (luma plane) give it. Nothing is copied for a packed full-resolution
//!   pass; a padded frame is packed once if a full-resolution pass runs.
//! - [`decode_luma`] returns every QR text found, each checked by
//!   [`is_acceptable_text`].
//! - [`classify`] and [`authenticator_qr`] sort a text into an otpauth URI
//!   (one account, [`crate::uri::parse`]), a Google Authenticator export
//!   (`otpauth-migration://`, for the importer) or "not an authenticator QR
//!   code" with what it is.
//!
//! [`encode`] goes the other way: a text to a QR module matrix (the Google
//! Authenticator export the apps show).
//!
//! Encoded images (PNG, JPEG) are decoded outside the core: by the CLI with
//! the `image` crate and by the apps with `BitmapFactory` / `ImageIO`, which
//! hand over luma pixels. That keeps image codecs out of the phone library.
//!
//! The decoder is `rxing` (a pure-Rust port of ZXing, QR only, no image
//! codecs), run by [`Strategy`]: a half-resolution pass first, then
//! full-resolution fallbacks. Any panic inside it is caught.

mod content;
mod encode;
mod filter;
mod frame;
mod grid;
mod pairs;
mod precheck;
mod reader;
mod scan;
mod session;

/// The benchmark frames for the measurements run by hand (the ignored tests
/// `precheck::tests::gate_over_the_benchmark_frames` and
/// `grid::tests::sampler_over_the_benchmark_frames`).
#[cfg(test)]
pub(crate) mod benchmark_frames {
    /// The frames' folder (`tests/qr/frames`, made by
    /// `tests/qr/make_frames.py`; `WARD_QR_FRAMES` overrides it) and its
    /// manifest's entries (`file`, `class`, `texts`).
    pub(crate) fn manifest() -> (String, Vec<serde_json::Value>) {
        let dir = std::env::var("WARD_QR_FRAMES").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/qr/frames").to_string()
        });
        let manifest: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{dir}/manifest.json")).expect("manifest"),
        )
        .expect("manifest json");
        let frames = manifest["frames"].as_array().expect("frames").clone();
        (dir, frames)
    }

    /// The grey pixels (packed rows), width and height of `file` in `dir`.
    pub(crate) fn luma(dir: &str, file: &str) -> (Vec<u8>, u32, u32) {
        let image = image::open(format!("{dir}/{file}"))
            .expect("frame")
            .into_luma8();
        let (width, height) = image.dimensions();
        (image.into_raw(), width, height)
    }
}

pub use content::{
    MAX_TEXT_LEN, OtherContent, QrContent, classify, is_acceptable_text, web_origin,
};
pub use encode::{MAX_ENCODED_LEN, QUIET_ZONE_MODULES, QrEncodeError, QrMatrix, encode};
pub use filter::Filter;
pub use frame::{LumaFrame, MAX_PIXELS, MAX_SIDE};
pub use scan::{Pass, Strategy, Threshold};
pub use session::ScanSession;

/// Why a QR code could not be read or used. Carries no decoded text (which
/// could be a secret), only its kind and, for a web address, its origin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// The frame's geometry does not match its buffer, or it is too large.
    #[error("cannot read the camera frame: {0}")]
    BadFrame(&'static str),
    /// The picture holds no QR code Ward could read.
    #[error(
        "no QR code found: make sure the whole code is in the picture, sharp and well lit, and try again"
    )]
    NoCode,
    /// Codes were found, but their text is empty, too long or holds control
    /// characters.
    #[error(
        "the QR code holds text Ward will not use (empty, too long or with control characters)"
    )]
    UnacceptableText,
    /// The QR decoder failed internally (it panicked); the frame was dropped.
    #[error("the QR decoder failed on this picture: try another picture")]
    DecoderFailed,
    /// A readable QR code that is not an authenticator code.
    #[error(
        "this is not an authenticator QR code: it holds {what}{}; scan the code the site shows when you turn on two-factor authentication, or a Google Authenticator export",
        origin.as_ref().map(|o| format!(" ({o})")).unwrap_or_default()
    )]
    NotAuthenticator {
        /// What the code holds instead.
        what: OtherContent,
        /// For a web address, its scheme and host (never path or query).
        origin: Option<String>,
    },
}

/// An authenticator QR code's text, sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthenticatorQr<'a> {
    /// One account: an `otpauth://` URI.
    Otpauth(&'a str),
    /// A Google Authenticator export: an `otpauth-migration://` URI.
    Migration(&'a str),
}

/// Every QR code text in `frame`, decoded with Ward's default [`Strategy`].
///
/// Contract: texts are in the order found, without duplicates, each passing
/// [`is_acceptable_text`]. An empty list means no code was seen (the usual
/// case while a camera is still aiming). Errors: [`QrError::UnacceptableText`]
/// if codes were found but none had acceptable text;
/// [`QrError::DecoderFailed`] if the decoder panicked. Never panics.
///
/// A frame with several codes returns those found by the first pass that
/// finds any, so a small code beside a large one may be missed.
pub fn decode_luma(frame: &LumaFrame<'_>) -> Result<Vec<String>, QrError> {
    decode_luma_with(frame, &Strategy::default())
}

/// [`decode_luma`] with a chosen strategy (for benchmarks and experiments).
pub fn decode_luma_with(
    frame: &LumaFrame<'_>,
    strategy: &Strategy,
) -> Result<Vec<String>, QrError> {
    accept_texts(scan::run(frame, strategy)?)
}

/// Keeps the acceptable texts; [`QrError::UnacceptableText`] when codes were
/// found but none had acceptable text.
fn accept_texts(found: Vec<String>) -> Result<Vec<String>, QrError> {
    let total = found.len();
    let texts: Vec<String> = found
        .into_iter()
        .filter(|text| is_acceptable_text(text))
        .collect();
    if texts.is_empty() && total > 0 {
        return Err(QrError::UnacceptableText);
    }
    Ok(texts)
}

/// Sorts a decoded text: an otpauth or migration URI, or
/// [`QrError::NotAuthenticator`] naming what it is instead.
pub fn authenticator_qr(text: &str) -> Result<AuthenticatorQr<'_>, QrError> {
    match classify(text) {
        QrContent::Otpauth => Ok(AuthenticatorQr::Otpauth(text.trim())),
        QrContent::Migration => Ok(AuthenticatorQr::Migration(text.trim())),
        QrContent::Other(what) => Err(QrError::NotAuthenticator {
            what,
            origin: web_origin(text),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_authenticator_message_shows_only_the_origin() {
        let error = authenticator_qr("https://example.com/reset?token=hunter2").unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("a web address (https://example.com)"),
            "{message}"
        );
        assert!(!message.contains("hunter2"));
        let wifi = authenticator_qr("WIFI:S:home;T:WPA;P:hunter2;;").unwrap_err();
        assert!(!wifi.to_string().contains("hunter2"));
    }

    #[test]
    fn blank_frames_have_no_codes() {
        let white = vec![255u8; 640 * 480];
        let frame = LumaFrame::packed(&white, 640, 480).expect("valid");
        assert_eq!(decode_luma(&frame), Ok(Vec::new()));
        let tiny = [0u8; 4];
        let frame = LumaFrame::packed(&tiny, 2, 2).expect("valid");
        assert_eq!(decode_luma(&frame), Ok(Vec::new()));
    }
}
