//! QR encoding: a text in, the module matrix out (ISO/IEC 18004), for the
//! Google Authenticator export the apps show on screen.
//!
//! The encoder is the `qrcode` crate (no default features: no image
//! rendering, no dependencies), the one the export's batch sizes were
//! measured with (the `qr_batch_sizes` example). rxing's encoder, already
//! linked for decoding, was measured first and is not used: its `encoders`
//! feature added 131 KB to the aarch64 library (its encoder pulls in
//! encoding_rs's encoders for every character set). Error correction is
//! level M (15% of the code can be lost), the level the batch sizes were
//! measured at (see [`crate::export::google`]); the segments and the mask
//! are chosen by the standard's rules.
//!
//! The matrix holds the text (for an export, the secrets): it is zeroized
//! on drop. The encoder's intermediate buffers (bits, blocks, its own
//! module vector) are freed without being wiped; they never leave the
//! process.

use qrcode::{Color, EcLevel, QrCode};
use zeroize::Zeroizing;

/// The longest text [`encode`] accepts: version 40 at level M holds 2,331
/// bytes. A code that dense is unreadable from a phone screen anyway; the
/// Google export keeps each code to a few hundred bytes.
pub const MAX_ENCODED_LEN: usize = 2_331;

/// How many light modules the standard asks around a code (ISO/IEC 18004
/// section 6.3.8): the matrix from [`encode`] has none, the drawing adds them.
pub const QUIET_ZONE_MODULES: u32 = 4;

/// A QR code's modules: `size` × `size`, row-major, `1` dark and `0` light,
/// without the quiet zone. Zeroized on drop (it encodes the text).
#[derive(Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side: 21 for version 1, plus 4 per version (ISO/IEC 18004 section 6.3.1).
    pub size: u32,
    /// `size * size` bytes, row by row from the top left, `1` = dark.
    pub modules: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for QrMatrix {
    // The modules encode the text (secrets, for an export): never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrMatrix")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl QrMatrix {
    /// True when the module at column `x`, row `y` is dark (false outside).
    pub fn dark(&self, x: u32, y: u32) -> bool {
        x < self.size && y < self.size && self.modules[(y * self.size + x) as usize] == 1
    }

    /// The code drawn as 8-bit luma: `scale` pixels per module, black on
    /// white, with the [`QUIET_ZONE_MODULES`] margin on every side. Returns
    /// the pixels and the side length in pixels. For tests and the CLI; the
    /// apps draw the matrix themselves.
    pub fn to_luma(&self, scale: u32) -> (Zeroizing<Vec<u8>>, u32) {
        let scale = scale.max(1);
        let side = (self.size + 2 * QUIET_ZONE_MODULES) * scale;
        let mut pixels = Zeroizing::new(vec![255u8; (side * side) as usize]);
        for y in 0..side {
            for x in 0..side {
                let module_x = (x / scale).wrapping_sub(QUIET_ZONE_MODULES);
                let module_y = (y / scale).wrapping_sub(QUIET_ZONE_MODULES);
                if self.dark(module_x, module_y) {
                    pixels[(y * side + x) as usize] = 0;
                }
            }
        }
        (pixels, side)
    }
}

/// Why a text could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrEncodeError {
    /// Empty, or longer than [`MAX_ENCODED_LEN`] bytes.
    #[error("the text does not fit in one QR code (it must hold 1 to 2,331 bytes)")]
    BadLength,
    /// The encoder failed (or panicked) on this text.
    #[error("the QR encoder failed on this text")]
    EncoderFailed,
}

/// `text` as a QR code at error-correction level M, in the smallest
/// version that holds it.
///
/// Contract: the matrix decodes back to exactly `text` (tests check it with
/// Ward's own decoder, [`super::decode_luma`]). Errors:
/// [`QrEncodeError::BadLength`] for an empty text or one over
/// [`MAX_ENCODED_LEN`] bytes; [`QrEncodeError::EncoderFailed`] if the
/// encoder fails. Never panics (a panic inside the encoder is caught).
pub fn encode(text: &str) -> Result<QrMatrix, QrEncodeError> {
    if text.is_empty() || text.len() > MAX_ENCODED_LEN {
        return Err(QrEncodeError::BadLength);
    }
    let encoded = std::panic::catch_unwind(|| {
        QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
    })
    .map_err(|_| QrEncodeError::EncoderFailed)?
    .map_err(|_| QrEncodeError::EncoderFailed)?;
    let size = u32::try_from(encoded.width()).map_err(|_| QrEncodeError::EncoderFailed)?;
    let colors = encoded.into_colors();
    if size < 21 || colors.len() != (size * size) as usize {
        return Err(QrEncodeError::EncoderFailed);
    }
    let modules = Zeroizing::new(
        colors
            .iter()
            .map(|color| u8::from(*color == Color::Dark))
            .collect::<Vec<u8>>(),
    );
    Ok(QrMatrix { size, modules })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qr::{LumaFrame, decode_luma};

    /// What Ward's own decoder reads from `matrix` drawn at `scale`.
    fn decoded(matrix: &QrMatrix, scale: u32) -> Vec<String> {
        let (pixels, side) = matrix.to_luma(scale);
        let frame = LumaFrame::packed(&pixels, side, side).expect("valid frame");
        decode_luma(&frame).expect("decodes")
    }

    fn round_trip(text: &str) -> QrMatrix {
        let matrix = encode(text).expect("encodes");
        assert_eq!(matrix.modules.len(), (matrix.size * matrix.size) as usize);
        assert_eq!((matrix.size - 17) % 4, 0, "a QR size is 17 + 4 × version");
        assert_eq!(
            decoded(&matrix, 4),
            vec![text.to_owned()],
            "size {}",
            matrix.size
        );
        matrix
    }

    #[test]
    fn short_and_long_texts_decode_back_to_themselves() {
        for text in [
            "a",
            "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services",
            "0123456789",
            "HELLO WORLD",
            &"x".repeat(500),
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn every_google_export_code_decodes_back_to_its_uri() {
        use crate::account::Account;
        use crate::export::google;
        let accounts: Vec<Account> = (0..25)
            .map(|i| {
                crate::uri::parse(&format!(
                    "otpauth://totp/Issuer%20{i}:user{i}@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX{}&issuer=Issuer%20{i}",
                    ["A", "B", "C", "D"][i % 4]
                ))
                .expect("valid uri")
            })
            .collect();
        let export = google::export(&accounts, 7);
        assert!(export.uris.len() > 1, "several codes");
        for uri in &export.uris {
            let matrix = round_trip(uri);
            // The budget in export::google keeps every code at version 15 or below.
            assert!(matrix.size <= 17 + 4 * 15, "size {}", matrix.size);
        }
    }

    #[test]
    fn small_scales_and_the_largest_version_still_decode() {
        let matrix = round_trip(
            "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SBGFsaWNlGgdFeGFtcGxlIAEoATACEAEYASAA",
        );
        assert_eq!(decoded(&matrix, 2).len(), 1);
        let largest = encode(&"y".repeat(MAX_ENCODED_LEN)).expect("fits version 40");
        assert_eq!(largest.size, 17 + 4 * 40);
    }

    #[test]
    fn empty_and_oversized_texts_are_refused() {
        assert_eq!(encode(""), Err(QrEncodeError::BadLength));
        assert_eq!(
            encode(&"z".repeat(MAX_ENCODED_LEN + 1)),
            Err(QrEncodeError::BadLength)
        );
    }

    #[test]
    fn debug_output_hides_the_modules() {
        let matrix = encode("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP").expect("encodes");
        let shown = format!("{matrix:?}");
        assert!(shown.contains("size"), "{shown}");
        assert!(!shown.contains("modules"), "{shown}");
    }
}
