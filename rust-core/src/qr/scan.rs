//! The decoding strategy: which passes over a frame are tried, in which
//! order, with which binarizer. The first pass that finds a code wins.
//!
//! The default was chosen with `tests/qr/bench_qr.py` on 400 camera-like
//! 1080p frames in ten distortion classes: a sharpened half-resolution pass
//! finds about 70% of codes at a quarter of the cost of a full-resolution
//! one, and full-resolution passes with contrast stretching, smoothing and
//! sharpening catch the small, dim, noisy and blurred ones.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::multi::MultipleBarcodeReader;
use rxing::qrcode::cpp_port::QrReader;
use rxing::{BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Luma8Source, RXingResult};

use super::QrError;
use super::filter::{self, Filter};
use super::frame::LumaFrame;
use super::precheck;

/// How pixels are turned into black and white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// A threshold per 8×8 block from its 5×5 neighbourhood (ZXing's
    /// `HybridBinarizer`): robust to uneven light.
    Local,
    /// One threshold per row from the histogram (ZXing's
    /// `GlobalHistogramBinarizer`): sometimes better on blur and noise.
    Global,
}

/// One attempt at a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Shrink factor (1 = full resolution, 2 = half, ...).
    pub scale: u32,
    /// Binarizer.
    pub threshold: Threshold,
    /// ZXing's "try harder": scan every row for finder patterns.
    pub try_harder: bool,
    /// Look for light-on-dark codes (dark-mode screens).
    pub inverted: bool,
    /// Applied to a copy of the pixels before binarizing.
    pub filter: Filter,
}

/// An ordered list of passes; decoding stops after the first one that finds
/// at least one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strategy {
    /// Look for three finder patterns placed like a code's corners first,
    /// and give up on the frame without running any pass when there are
    /// none (see `precheck.rs`). Off by default: on the benchmark set it
    /// either costs no reliability and rejects too few code-less frames, or
    /// rejects them and loses small and blurred codes (issue 16 report).
    pub precheck: bool,
    /// The passes, tried in order.
    pub passes: Vec<Pass>,
}

impl Default for Strategy {
    /// Ward's measured default (see the module documentation): a sharpened
    /// half-resolution pass, then full resolution plain, contrast-stretched,
    /// smoothed and sharpened. All passes use try-harder, which costs little
    /// here and finds rotated and small codes.
    fn default() -> Self {
        let pass = |scale, filter| Pass {
            scale,
            threshold: Threshold::Local,
            try_harder: true,
            inverted: false,
            filter,
        };
        Strategy {
            precheck: false,
            passes: vec![
                pass(2, Filter::Sharpen),
                pass(1, Filter::None),
                pass(1, Filter::Stretch),
                pass(1, Filter::Smooth),
                pass(1, Filter::Sharpen),
            ],
        }
    }
}

impl Strategy {
    /// For still pictures (screenshots, photos), where a few more
    /// milliseconds do not matter: the default passes, then inverted and
    /// coarser ones.
    pub fn for_stills() -> Self {
        let pass = |scale, inverted| Pass {
            scale,
            threshold: Threshold::Local,
            try_harder: true,
            inverted,
            filter: Filter::None,
        };
        let mut strategy = Strategy::default();
        strategy
            .passes
            .extend([pass(1, true), pass(2, true), pass(3, false), pass(4, false)]);
        strategy
    }
}

/// Runs `strategy` over `frame`; returns the raw decoded texts of the first
/// successful pass, in the order found, without duplicates.
///
/// A panic inside the third-party decoder is caught and reported as
/// [`QrError::DecoderFailed`] (the crate is built with `panic = "unwind"`).
pub(crate) fn run(frame: &LumaFrame<'_>, strategy: &Strategy) -> Result<Vec<String>, QrError> {
    let mut packed: Option<Vec<u8>> = None;
    // The half-resolution copy serves the pre-check and every scale-2 pass.
    let half = frame.downscaled(2);
    if strategy.precheck
        && let Some((pixels, _, _)) = &half
    {
        let (data, stride) = frame.raw();
        let (width, height) = (frame.width() as usize, frame.height() as usize);
        let may_hold = catch_unwind(AssertUnwindSafe(|| {
            precheck::may_hold_code(data, width, height, stride, pixels)
        }))
        .map_err(|_| QrError::DecoderFailed)?;
        if !may_hold {
            return Ok(Vec::new());
        }
    }
    let scaled_copy = |scale: u32| {
        if scale == 2 {
            half.clone()
        } else {
            frame.downscaled(scale)
        }
    };
    for pass in &strategy.passes {
        let texts = if pass.filter != Filter::None {
            let scaled = if pass.scale <= 1 {
                Some((frame.to_packed(), frame.width(), frame.height()))
            } else {
                scaled_copy(pass.scale)
            };
            match scaled {
                Some((mut pixels, width, height)) => {
                    filter::apply(pass.filter, &mut pixels, width as usize, height as usize);
                    decode_pixels(&pixels, width, height, pass)?
                }
                None => continue,
            }
        } else if pass.scale <= 1 {
            match frame.contiguous() {
                Some(pixels) => decode_pixels(pixels, frame.width(), frame.height(), pass)?,
                None => {
                    let pixels = packed.get_or_insert_with(|| frame.to_packed());
                    decode_pixels(pixels, frame.width(), frame.height(), pass)?
                }
            }
        } else if pass.scale == 2 {
            match &half {
                Some((pixels, width, height)) => decode_pixels(pixels, *width, *height, pass)?,
                None => continue,
            }
        } else {
            match frame.downscaled(pass.scale) {
                Some((pixels, width, height)) => decode_pixels(&pixels, width, height, pass)?,
                None => continue,
            }
        };
        if !texts.is_empty() {
            return Ok(texts);
        }
    }
    Ok(Vec::new())
}

/// One pass over packed pixels, with panics caught.
fn decode_pixels(
    pixels: &[u8],
    width: u32,
    height: u32,
    pass: &Pass,
) -> Result<Vec<String>, QrError> {
    guarded(|| decode_unguarded(pixels, width, height, pass))
}

/// Runs `decode`, turning a panic into [`QrError::DecoderFailed`].
fn guarded(decode: impl FnOnce() -> Vec<String>) -> Result<Vec<String>, QrError> {
    catch_unwind(AssertUnwindSafe(decode)).map_err(|_| QrError::DecoderFailed)
}

fn decode_unguarded(pixels: &[u8], width: u32, height: u32, pass: &Pass) -> Vec<String> {
    let Ok(mut source) = Luma8Source::new_with_slice(pixels, width, height) else {
        return Vec::new();
    };
    if pass.inverted {
        rxing::LuminanceSource::invert(&mut source);
    }
    let hints = DecodeHints {
        PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
        TryHarder: Some(pass.try_harder),
        ..DecodeHints::default()
    };
    let results = match pass.threshold {
        Threshold::Local => read(BinaryBitmap::new(HybridBinarizer::new(source)), &hints),
        Threshold::Global => read(
            BinaryBitmap::new(GlobalHistogramBinarizer::new(source)),
            &hints,
        ),
    };
    let mut texts: Vec<String> = Vec::with_capacity(results.len());
    for result in results {
        if *result.getBarcodeFormat() == BarcodeFormat::QR_CODE
            && !texts.iter().any(|t| t == result.getText())
        {
            texts.push(result.getText().to_owned());
        }
    }
    texts
}

fn read<B: Binarizer>(mut bitmap: BinaryBitmap<B>, hints: &DecodeHints) -> Vec<RXingResult> {
    QrReader
        .decode_multiple_with_hints(&mut bitmap, hints)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoder_panic_becomes_an_error() {
        let result = guarded(|| panic!("decoder bug"));
        assert_eq!(result, Err(QrError::DecoderFailed));
        assert_eq!(guarded(|| vec!["x".to_owned()]), Ok(vec!["x".to_owned()]));
    }
}
