//! `ward decode-qr <IMAGE>`

use std::path::PathBuf;

use ward_core::qr::{LumaFrame, QrError, Strategy, decode_luma_with};

use crate::failure::Failure;
use crate::picture;

/// Arguments of `ward decode-qr`.
#[derive(clap::Args)]
pub struct Args {
    /// A PNG or JPEG picture (a screenshot or a photo) holding QR codes.
    image: PathBuf,
}

/// Every QR text in the picture, checked (no control characters, bounded
/// length). Fails with [`QrError::NoCode`] when there is none.
pub fn texts_in(path: &std::path::Path) -> Result<Vec<String>, Failure> {
    let picture = picture::read_luma(path)?;
    let frame = LumaFrame::packed(&picture.pixels, picture.width, picture.height)
        .map_err(ward_core::Error::from)?;
    let texts =
        decode_luma_with(&frame, &Strategy::for_stills()).map_err(ward_core::Error::from)?;
    if texts.is_empty() {
        return Err(ward_core::Error::from(QrError::NoCode).into());
    }
    Ok(texts)
}

/// Prints each decoded text on its own line and nothing else.
pub fn run(args: Args) -> Result<(), Failure> {
    for text in texts_in(&args.image)? {
        println!("{text}");
    }
    Ok(())
}
