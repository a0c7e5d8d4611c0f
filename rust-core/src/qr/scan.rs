//! The decoding strategy: which passes over a frame are tried, in which
//! order, with which binarizer. The first pass that finds a code wins.
//!
//! The default was chosen with `tests/qr/bench_qr.py` on 400 camera-like
//! 1080p frames in ten distortion classes: a sharpened half-resolution pass
//! finds about 70% of codes at a quarter of the cost of a full-resolution
//! one, and full-resolution passes with contrast stretching, smoothing and
//! sharpening catch the small, dim, noisy and blurred ones.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::{Binarizer, BinaryBitmap, Luma8Source};

use super::QrError;
use super::filter::{self, Filter};
use super::frame::{BlockStats, LumaFrame};
use super::grid;
use super::precheck::{self, CornerTriple, Verdict};
use super::reader::{self, Attempt, Region};

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
    /// Look for three finder patterns placed like a code's corners first
    /// (see `precheck.rs`): give up on the frame without running any pass
    /// when there are none; otherwise read the code from the luma with the
    /// grid sampler laid from those patterns (`grid.rs`, docs/qr-grid.md),
    /// then, if that read nothing, run the passes over the region they
    /// mark, and over the whole frame only if that read nothing either.
    /// Off by default (one-shot decoding): on the benchmark set it gives up
    /// on about two thirds of the code-less frames after the search alone, but
    /// misses one blurred code of 382 (issue 16 report). [`super::ScanSession`]
    /// turns it on for camera streams.
    pub precheck: bool,
    /// Scouting: every reduced-resolution pass and the first
    /// full-resolution one run over the whole frame; the other passes run
    /// only over the part where a scout saw finder-pattern sets (three
    /// patterns placed like a code's corners, found by rxing's own detector),
    /// and not at all when no scout saw any.
    ///
    /// Off by default: on the benchmark set (issue 16 report) it cuts the
    /// median CPU time on code-less frames from about 58 to 13 ms, but
    /// loses a few blurred, noisy or dim codes that only a filtered
    /// full-resolution pass shows.
    pub focus: bool,
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
            focus: false,
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
    /// For camera streams ([`super::ScanSession`]): the default passes
    /// except contrast stretching, after the finder-pattern search
    /// ([`Strategy::precheck`]). A frame the search gives up on costs a few
    /// milliseconds; the next frame comes 33 ms later.
    ///
    /// No [`Filter::Stretch`] pass: it is there for dim, low-contrast codes,
    /// and on the camera path the grid sampler, whose thresholds are local,
    /// reads those first. On the 440 benchmark frames (issue 16) it was never
    /// the pass that read a code here (in one-shot decoding it reads 2 of the
    /// 40 low-light ones), yet it was about a quarter of the CPU time spent
    /// in rxing's passes on the frames the sampler does not read.
    pub fn for_camera() -> Self {
        let mut strategy = Strategy {
            precheck: true,
            ..Strategy::default()
        };
        strategy
            .passes
            .retain(|pass| pass.filter != Filter::Stretch);
        strategy
    }

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
        // Inverted codes show no finder patterns to the scouts: every pass
        // runs over the whole picture.
        let mut strategy = Strategy::default();
        strategy
            .passes
            .extend([pass(1, true), pass(2, true), pass(3, false), pass(4, false)]);
        strategy
    }
}

/// What a successful run found, and how: enough for a scan session to try
/// the same pass on the same place first in the next frame.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// The decoded texts, in the order found, without duplicates.
    pub texts: Vec<String>,
    /// Index in [`Strategy::passes`] of the pass that found them.
    pub pass: usize,
    /// Where the first decoded code lies, in the frame's pixels.
    pub region: Option<Region>,
}

/// A hint from the previous frame: try pass `pass` over `region` (in the
/// frame's pixels) before anything else.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hint {
    pub pass: usize,
    pub region: Region,
}

/// Runs `strategy` over `frame`; returns the raw decoded texts of the first
/// successful pass, in the order found, without duplicates.
///
/// With [`Strategy::focus`], the first pass runs over the whole frame and the
/// others only where it saw finder-pattern sets (see [`Strategy::focus`]).
///
/// A panic inside the third-party decoder is caught and reported as
/// [`QrError::DecoderFailed`] (the crate is built with `panic = "unwind"`).
pub(crate) fn run(frame: &LumaFrame<'_>, strategy: &Strategy) -> Result<Vec<String>, QrError> {
    Ok(run_with_hint(frame, strategy, None)?
        .map(|outcome| outcome.texts)
        .unwrap_or_default())
}

/// [`run`], trying `hint` first, and telling which pass succeeded where.
pub(crate) fn run_with_hint(
    frame: &LumaFrame<'_>,
    strategy: &Strategy,
    hint: Option<Hint>,
) -> Result<Option<Outcome>, QrError> {
    if let Some(hint) = hint
        && let Some(pass) = strategy.passes.get(hint.pass)
        && let Some((focused, x0, y0)) = crop_to(frame, hint.region.widened(0.25))
        && let Some(outcome) = Passes::new(focused).outcome(pass, hint.pass, (x0, y0))?
    {
        return Ok(Some(outcome));
    }
    let mut passes = Passes::new(*frame);
    if strategy.precheck
        && let Some(stats) = passes.half_stats()
    {
        let (data, stride) = frame.raw();
        let (width, height) = (frame.width() as usize, frame.height() as usize);
        let verdict = catch_unwind(AssertUnwindSafe(|| {
            precheck::find_code_region_in(data, width, height, stride, &stats)
        }))
        .map_err(|_| QrError::DecoderFailed)?;
        match verdict {
            Verdict::NoCode => return Ok(None),
            Verdict::Anywhere => {}
            Verdict::Within {
                region,
                triples,
                text,
            } => {
                // The grid sampler first: it reads most codes, blurred ones
                // included, in well under a millisecond (the search has
                // already read a code it completed from two patterns).
                let texts = match text {
                    Some(text) => vec![text],
                    None => guarded(|| read_grids(frame, &triples))?,
                };
                if !texts.is_empty() {
                    return Ok(Some(Outcome {
                        texts,
                        pass: 0,
                        region: None,
                    }));
                }
                // Every pass over the part of the frame where the code is
                // first; the whole frame only if that read nothing (the
                // binarizer sees a little less context on a crop). A crop
                // that is most of the frame is skipped: the passes over the
                // whole frame would read the same pixels again.
                if let Some((focused, x0, y0)) = crop_to(frame, region)
                    && !is_most_of(focused, frame)
                {
                    let mut crop_passes = Passes::new(focused);
                    for (index, pass) in strategy.passes.iter().enumerate() {
                        if let Some(outcome) = crop_passes.outcome(pass, index, (x0, y0))? {
                            return Ok(Some(outcome));
                        }
                    }
                }
                // qr-blur: a blurred third finder pattern the search paired
                // wrongly (after rxing's crop passes, which read most others).
                if let Some(text) = guarded(|| super::pairs::read_regrouped(frame, &triples))? {
                    return Ok(Some(Outcome {
                        texts: vec![text],
                        pass: 0,
                        region: None,
                    }));
                }
            }
        }
    }
    if !strategy.focus {
        for (index, pass) in strategy.passes.iter().enumerate() {
            if let Some(outcome) = passes.outcome(pass, index, (0, 0))? {
                return Ok(Some(outcome));
            }
        }
        return Ok(None);
    }
    // Scouts: every reduced-resolution pass and the first full-resolution
    // one run over the whole frame. As
    // soon as one has seen finder-pattern sets, the other passes run over
    // the part of the frame where the scouts saw them; when no scout saw
    // any, the frame holds no code.
    let mut scouted: Vec<u32> = Vec::new();
    let mut seen: Option<Region> = None;
    let mut focused_on: Option<Region> = None;
    for (index, pass) in strategy.passes.iter().enumerate() {
        if pass.scale <= 1 && scouted.contains(&pass.scale) {
            continue;
        }
        scouted.push(pass.scale);
        let found = passes.run(pass)?;
        let scale = pass.scale.max(1) as f32;
        if !found.texts.is_empty() {
            return Ok(Some(Outcome {
                texts: found.texts,
                pass: index,
                region: found.decoded.map(|r| r.scaled(scale)),
            }));
        }
        let Some(region) = found.regions.into_iter().reduce(Region::union) else {
            continue;
        };
        let region = region.scaled(scale);
        let union = seen.map_or(region, |seen| seen.union(region));
        seen = Some(union);
        if focused_on == Some(union) {
            continue;
        }
        focused_on = Some(union);
        let Some((focused, x0, y0)) = crop_to(frame, union) else {
            continue;
        };
        // The pass that read the previous frame goes first.
        let mut order: Vec<usize> = (0..strategy.passes.len())
            .filter(|&i| i > index || !is_scout(&strategy.passes, i))
            .collect();
        if let Some(hint) = hint
            && let Some(at) = order.iter().position(|&i| i == hint.pass)
        {
            order.remove(at);
            order.insert(0, hint.pass);
        }
        let mut crop_passes = Passes::new(focused);
        for other in order {
            let pass = &strategy.passes[other];
            if let Some(outcome) = crop_passes.outcome(pass, other, (x0, y0))? {
                return Ok(Some(outcome));
            }
        }
    }
    Ok(None)
}

/// True when pass `index` is a scout, run over the whole frame: every
/// reduced-resolution pass (cheap) and the first full-resolution one.
fn is_scout(passes: &[Pass], index: usize) -> bool {
    passes[index].scale > 1
        || passes[..index]
            .iter()
            .all(|earlier| earlier.scale != passes[index].scale)
}

/// The text the grid sampler reads from the likeliest of `triples`
/// ([`grid::read_likeliest`]), or nothing.
fn read_grids(frame: &LumaFrame<'_>, triples: &[CornerTriple]) -> Vec<String> {
    grid::read_likeliest(frame, triples).into_iter().collect()
}

/// True when `crop` covers at least [`MOST_OF_THE_FRAME`] of `frame`'s
/// pixels.
fn is_most_of(crop: LumaFrame<'_>, frame: &LumaFrame<'_>) -> bool {
    let area = |f: &LumaFrame<'_>| u64::from(f.width()) * u64::from(f.height());
    area(&crop) * MOST_OF_THE_FRAME.1 >= area(frame) * MOST_OF_THE_FRAME.0
}

/// The share of a frame (numerator, denominator) above which the camera
/// path runs its passes over the whole frame instead of a crop first: a
/// crop that large costs as much as the whole frame and, when it reads
/// nothing, the same passes then ran over nearly the same pixels twice
/// (frames without a code whose look-alike patterns spread over the frame
/// paid up to 100 ms for it on the benchmark set).
const MOST_OF_THE_FRAME: (u64, u64) = (3, 4);

/// The part of `frame` inside `region` (clamped to the frame), rounded out
/// to even coordinates, with its top-left corner; `None` if too small to
/// hold a code.
fn crop_to<'a>(frame: &LumaFrame<'a>, region: Region) -> Option<(LumaFrame<'a>, u32, u32)> {
    let clamp = |v: f32, max: u32| (v.max(0.0) as u32).min(max) & !1;
    let (x0, y0) = (
        clamp(region.x0, frame.width()),
        clamp(region.y0, frame.height()),
    );
    let x1 = (clamp(region.x1, frame.width()) + 2).min(frame.width());
    let y1 = (clamp(region.y1, frame.height()) + 2).min(frame.height());
    if x1 < x0 + 21 || y1 < y0 + 21 {
        return None;
    }
    Some((frame.crop(x0, y0, x1 - x0, y1 - y0)?, x0, y0))
}

/// The passes over one frame, sharing its copies: the packed full-resolution
/// pixels (for a padded frame) and the half-resolution copy, each made at
/// most once.
struct Passes<'a> {
    frame: LumaFrame<'a>,
    packed: Option<Vec<u8>>,
    half: Option<Option<(Vec<u8>, u32, u32)>>,
}

impl<'a> Passes<'a> {
    fn new(frame: LumaFrame<'a>) -> Self {
        Passes {
            frame,
            packed: None,
            half: None,
        }
    }

    fn half(&mut self) -> &Option<(Vec<u8>, u32, u32)> {
        let frame = self.frame;
        self.half.get_or_insert_with(|| frame.downscaled(2))
    }

    /// The half-resolution copy's block stats (for the finder search),
    /// made with the copy in one pass when there is no copy yet (the copy
    /// is kept for the passes); `None` when the frame is too small for a
    /// half-resolution copy.
    fn half_stats(&mut self) -> Option<BlockStats> {
        match &self.half {
            Some(half) => (half.as_ref()).map(|(pixels, width, height)| {
                BlockStats::of(pixels, *width as usize, *height as usize)
            }),
            None => {
                let made = self.frame.halved_with_stats();
                let (half, stats) = match made {
                    Some((pixels, width, height, stats)) => {
                        (Some((pixels, width, height)), Some(stats))
                    }
                    None => (None, None),
                };
                self.half = Some(half);
                stats
            }
        }
    }

    fn scaled_copy(&mut self, scale: u32) -> Option<(Vec<u8>, u32, u32)> {
        if scale == 2 {
            self.half().clone()
        } else {
            self.frame.downscaled(scale)
        }
    }

    /// Pass number `index` as an [`Outcome`] (regions moved by `offset`,
    /// the crop's corner in the whole frame), or `None` if it read nothing.
    fn outcome(
        &mut self,
        pass: &Pass,
        index: usize,
        (x0, y0): (u32, u32),
    ) -> Result<Option<Outcome>, QrError> {
        let found = self.run(pass)?;
        if found.texts.is_empty() {
            return Ok(None);
        }
        let scale = pass.scale.max(1) as f32;
        Ok(Some(Outcome {
            texts: found.texts,
            pass: index,
            region: found
                .decoded
                .map(|r| r.scaled(scale).moved(x0 as f32, y0 as f32)),
        }))
    }

    /// One pass; nothing found when the frame is too small for its scale.
    fn run(&mut self, pass: &Pass) -> Result<Attempt, QrError> {
        let frame = self.frame;
        if pass.filter != Filter::None {
            let scaled = if pass.scale <= 1 {
                Some((frame.to_packed(), frame.width(), frame.height()))
            } else {
                self.scaled_copy(pass.scale)
            };
            return match scaled {
                Some((mut pixels, width, height)) => {
                    filter::apply(pass.filter, &mut pixels, width as usize, height as usize);
                    decode_pixels(&pixels, width, height, pass)
                }
                None => Ok(Attempt::default()),
            };
        }
        if pass.scale <= 1 {
            return match frame.contiguous() {
                Some(pixels) => decode_pixels(pixels, frame.width(), frame.height(), pass),
                None => {
                    let pixels = self.packed.get_or_insert_with(|| frame.to_packed());
                    decode_pixels(pixels, frame.width(), frame.height(), pass)
                }
            };
        }
        if pass.scale == 2 {
            return match self.half() {
                Some((pixels, width, height)) => decode_pixels(pixels, *width, *height, pass),
                None => Ok(Attempt::default()),
            };
        }
        match frame.downscaled(pass.scale) {
            Some((pixels, width, height)) => decode_pixels(&pixels, width, height, pass),
            None => Ok(Attempt::default()),
        }
    }
}

/// One pass over packed pixels, with panics caught.
fn decode_pixels(pixels: &[u8], width: u32, height: u32, pass: &Pass) -> Result<Attempt, QrError> {
    guarded(|| decode_unguarded(pixels, width, height, pass))
}

/// Runs `decode`, turning a panic into [`QrError::DecoderFailed`].
fn guarded<T>(decode: impl FnOnce() -> T) -> Result<T, QrError> {
    catch_unwind(AssertUnwindSafe(decode)).map_err(|_| QrError::DecoderFailed)
}

fn decode_unguarded(pixels: &[u8], width: u32, height: u32, pass: &Pass) -> Attempt {
    let Ok(mut source) = Luma8Source::new_with_slice(pixels, width, height) else {
        return Attempt::default();
    };
    if pass.inverted {
        rxing::LuminanceSource::invert(&mut source);
    }
    match pass.threshold {
        Threshold::Local => read(BinaryBitmap::new(HybridBinarizer::new(source)), pass),
        Threshold::Global => read(
            BinaryBitmap::new(GlobalHistogramBinarizer::new(source)),
            pass,
        ),
    }
}

fn read<B: Binarizer>(bitmap: BinaryBitmap<B>, pass: &Pass) -> Attempt {
    reader::attempt(bitmap.get_black_matrix(), pass.try_harder)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `width`×`height` frame of `light` pixels holding `text`'s code
    /// drawn `module` pixels per module in `dark`, its top-left corner at
    /// `(x, y)`.
    fn frame_with(
        text: &str,
        (width, height): (usize, usize),
        (x, y, module): (usize, usize, usize),
        (dark, light): (u8, u8),
    ) -> Vec<u8> {
        let code = crate::qr::encode(text).expect("encodes");
        let side = code.size as usize;
        let mut pixels = vec![light; width * height];
        for (i, &module_dark) in code.modules.iter().enumerate() {
            if module_dark == 1 {
                let (mx, my) = (x + (i % side) * module, y + (i / side) * module);
                for row in my..my + module {
                    pixels[row * width + mx..row * width + mx + module].fill(dark);
                }
            }
        }
        pixels
    }

    /// The camera strategy runs no contrast-stretching pass, and still reads
    /// a dim code whose contrast (14 grey levels) is below rxing's local
    /// binarizer's minimum (24), which stretching exists for: its grid
    /// sampler reads it.
    #[test]
    fn the_camera_strategy_reads_a_dim_code_without_stretching() {
        let camera = Strategy::for_camera();
        assert!(camera.precheck);
        assert!(camera.passes.iter().all(|p| p.filter != Filter::Stretch));
        assert!(
            Strategy::default()
                .passes
                .iter()
                .any(|p| p.filter == Filter::Stretch),
            "one-shot decoding keeps it"
        );
        let text = "otpauth://totp/Example:dim@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example";
        let pixels = frame_with(text, (1280, 720), (400, 200, 6), (40, 54));
        let frame = LumaFrame::packed(&pixels, 1280, 720).expect("valid");
        assert_eq!(
            crate::qr::decode_luma_with(&frame, &camera),
            Ok(vec![text.to_owned()])
        );
        assert_eq!(
            crate::qr::ScanSession::new().decode(&frame),
            Ok(vec![text.to_owned()])
        );
        // rxing's passes alone need the stretching for it: the grid
        // sampler is what reads it on the camera path.
        let passes_without_stretching = Strategy {
            precheck: false,
            ..camera
        };
        assert_eq!(
            crate::qr::decode_luma_with(&frame, &passes_without_stretching),
            Ok(Vec::new())
        );
    }

    /// A crop is skipped for the whole frame from three quarters of its
    /// pixels on, never below.
    #[test]
    fn a_crop_of_most_of_the_frame_counts_as_the_frame() {
        let data = vec![0u8; 200 * 100];
        let frame = LumaFrame::packed(&data, 200, 100).expect("valid");
        let crop = |w, h| frame.crop(0, 0, w, h).expect("inside");
        assert!(is_most_of(frame, &frame));
        assert!(is_most_of(crop(150, 100), &frame));
        assert!(is_most_of(crop(200, 75), &frame));
        assert!(!is_most_of(crop(149, 100), &frame));
        assert!(!is_most_of(crop(100, 100), &frame));
        let whole = Region {
            x0: -5.0,
            y0: -5.0,
            x1: 500.0,
            y1: 500.0,
        };
        let (cropped, x0, y0) = crop_to(&frame, whole).expect("large enough");
        assert_eq!(
            (x0, y0, cropped.width(), cropped.height()),
            (0, 0, 200, 100)
        );
        assert!(is_most_of(cropped, &frame));
    }

    #[test]
    fn a_decoder_panic_becomes_an_error() {
        let result = guarded::<Vec<String>>(|| panic!("decoder bug"));
        assert_eq!(result, Err(QrError::DecoderFailed));
        assert_eq!(guarded(|| vec!["x".to_owned()]), Ok(vec!["x".to_owned()]));
    }
}
