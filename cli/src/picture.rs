//! Reading a PNG or JPEG file into 8-bit luma pixels for the QR decoder.
//!
//! Image codecs live here, in the CLI, not in ward-core: the phone apps
//! decode pictures with the platform (BitmapFactory, ImageIO) and hand the
//! core luma pixels, so the mobile library carries no image codecs.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use image::{ImageFormat, ImageReader, Limits};
use ward_core::qr::{MAX_PIXELS, MAX_SIDE};

use crate::failure::Failure;

/// The largest picture file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A decoded picture as packed 8-bit luma (`width * height` bytes).
pub struct Picture {
    /// Row-major luma, 0 black, 255 white.
    pub pixels: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Reads a PNG or JPEG file (the format is told by its content, not its
/// name) into luma. Transparent pixels are composited over white, so a code
/// drawn on a transparent background stays readable.
///
/// Fails with a one-line message, never a panic, when the file is missing,
/// larger than [`MAX_FILE_BYTES`], not a PNG or JPEG, truncated or corrupt,
/// or larger than the QR decoder accepts (`MAX_SIDE`, `MAX_PIXELS`).
pub fn read_luma(path: &Path) -> Result<Picture, Failure> {
    let shown = path.display();
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::input(format!("cannot open {shown}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::input(format!("cannot read {shown}: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Failure::input(format!(
            "{shown} is larger than {} MiB: use a smaller picture",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    decode(&bytes).map_err(|reason| Failure::input(format!("cannot read {shown}: {reason}")))
}

/// Decodes PNG or JPEG bytes into luma; the error says why not.
pub fn decode(bytes: &[u8]) -> Result<Picture, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg) => {}
        _ => return Err("it is not a PNG or JPEG picture".into()),
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(4 * MAX_PIXELS * 2);
    reader.limits(limits);
    let decoded = catch_unwind(AssertUnwindSafe(|| reader.decode()))
        .map_err(|_| "the picture decoder failed on it (the file is probably corrupt)".to_string())?
        .map_err(|e| format!("the picture is damaged or unsupported ({e})"))?;
    let (width, height) = (decoded.width(), decoded.height());
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err("the picture is larger than 64 megapixels: scale it down".into());
    }
    let pixels = if decoded.color().has_alpha() {
        decoded
            .to_luma_alpha8()
            .pixels()
            .map(|p| {
                let [luma, alpha] = p.0;
                let (luma, alpha) = (u32::from(luma), u32::from(alpha));
                ((luma * alpha + 255 * (255 - alpha) + 127) / 255) as u8
            })
            .collect()
    } else {
        decoded.into_luma8().into_raw()
    };
    Ok(Picture {
        pixels,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_pictures_and_damage_without_panicking() {
        assert!(decode(b"").is_err());
        assert!(decode(b"hello, not a picture").is_err());
        assert!(decode(b"GIF89a\x01\x00\x01\x00").is_err());
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\xff\xff\xff\xff\xff\xff\xff\xff")
                .is_err()
        );
        assert!(decode(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00").is_err());
    }
}
