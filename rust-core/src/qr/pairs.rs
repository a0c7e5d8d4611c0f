//! Completing a code's corners from two finder patterns: blurred codes.
//!
//! Blur spreads a finder pattern's one-module light ring into its dark
//! rings, so the row scan of `precheck.rs` (which looks for 1:1:3:1:1 runs
//! after thresholding) may find two of a code's three patterns and miss the
//! third: then it either finds no triple at all, or pairs the two with a
//! look-alike (an alignment pattern, a blob of data) and no triple reads.
//! Two real patterns fix where the third can be (ISO/IEC 18004 §6.3.3: the
//! patterns sit at three corners of a square):
//!
//! - **The pair is a leg.** The timing pattern between them (§6.3.5: row 6
//!   alternates dark and light) shows on the side where the third lies, and
//!   the leg's length in modules (dimension − 7 = 4 × version + 10) gives
//!   the module size: every version the search's module size allows is
//!   tried, on both sides ([`timing`]). The third is then looked for at the
//!   right angle from either end.
//! - **The pair is the diagonal.** The third lies at the right angle on
//!   either side; the template's best size at one of the pair tells the
//!   module size.
//!
//! At each place a finder template (7×7 modules and the separator), laid on
//! the module axes the pair gives, is matched against the luma: its
//! correlation with the ideal pattern, which a blur of half a module lowers
//! to about 0.9 but does not destroy. A place that fits at least
//! [`MIN_FIT`] and shows the timing pattern on its own leg too is handed to
//! the grid sampler ([`grid::read`]), whose decoder checks every
//! Reed–Solomon block: a completion is either the code's text or nothing.
//!
//! Runs only where the normal path read nothing, so frames it already
//! reads cost nothing more. Two hooks: where the search finds no triple
//! (`precheck::find_code_region`: the completion must read before the
//! frame counts as holding a code, so a code-less frame still gets
//! `NoCode`), and where neither the sampler nor rxing's passes over the
//! region read the search's triples (`scan::run_with_hint`).
//! Measured on the benchmark set (issue 16, under load): 4 more of the 40
//! blurred frames read (25 → 29), no wrong text; the code-less frames where
//! the search saw 2 to 8 patterns pay 1 to 3 ms more, the class median a
//! few tenths of a millisecond.

use super::frame::LumaFrame;
use super::grid;
use super::precheck::CornerTriple;
use super::reader::Region;

type Xy = (f32, f32);

/// One finder pattern as the search saw it: centre (full-resolution pixels)
/// and module size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pattern {
    pub x: f32,
    pub y: f32,
    pub module: f32,
}

/// The least correlation between a place's luma and the finder template
/// for the place to be sampled as the missing pattern (the completions that
/// read on the benchmark's blurred frames fit 0.93 to 0.97).
const MIN_FIT: f32 = 0.6;
/// How far from the geometry's place the missing pattern is looked for, in
/// modules (the pair's module size and centres are good to about half a
/// module each; a leg of 50 modules at 1° off puts the far end a module off).
const REACH: f32 = 2.0;
/// The most completions sampled per frame (each failed read costs a few
/// tenths of a millisecond).
const MAX_READS: usize = 4;
/// The most patterns the search saw whose pairs are completed when it
/// found no triple (a code-less frame with more is textured: every pair
/// costs a look along its legs).
const MAX_SEARCH_PATTERNS: usize = 8;
/// The most distinct patterns of the search's triples whose pairs are
/// completed when no triple read (those frames go on to rxing's passes,
/// which cost far more).
const MAX_TRIPLE_PATTERNS: usize = 12;
/// The most patterns whose pairs are also tried as diagonals (each such
/// try sizes a pattern on the template, the costliest step).
const MAX_DIAGONAL_PATTERNS: usize = 6;
/// The largest module size considered, in pixels (a version 1 code filling
/// a 4K frame's height).
const MAX_MODULE: f32 = 100.0;

/// The correlation (−1..1) of the luma at the 9×9 module points around
/// `centre` (module axes `u`, `v`) with a finder pattern and its light
/// separator: 1 for a sharp pattern, lower as blur flattens its rings,
/// about 0 on unrelated texture.
fn finder_fit(luma: &LumaFrame<'_>, centre: Xy, u: Xy, v: Xy) -> f32 {
    let (mut sum, mut sum_sq, mut dot, mut signs) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    grid::visit_finder_points(luma, centre, u, v, |light, value| {
        let sign = if light { 1.0 } else { -1.0 };
        sum += value;
        sum_sq += value * value;
        dot += value * sign;
        signs += sign;
    });
    let n = 81.0;
    let mean = sum / n;
    let variance = sum_sq / n - mean * mean;
    let sign_mean = signs / n;
    let sign_variance = 1.0 - sign_mean * sign_mean;
    if variance <= 1.0 {
        return 0.0;
    }
    let covariance = dot / n - mean * sign_mean;
    let fit = covariance / (variance * sign_variance).sqrt();
    if fit.is_finite() { fit } else { 0.0 }
}

/// The best [`finder_fit`] within [`REACH`] modules of `guess`: on a
/// half-module grid, then on an eighth-module grid around the best point.
fn best_fit_near(luma: &LumaFrame<'_>, guess: Xy, u: Xy, v: Xy) -> (f32, Xy) {
    let mut best = (finder_fit(luma, guess, u, v), guess);
    let coarse = (2.0 * REACH) as i32;
    for (steps, step) in [(coarse, 0.5), (4, 0.125)] {
        let origin = best.1;
        for j in -steps..=steps {
            for i in -steps..=steps {
                let (fi, fj) = (i as f32 * step, j as f32 * step);
                let point = (
                    origin.0 + fi * u.0 + fj * v.0,
                    origin.1 + fi * u.1 + fj * v.1,
                );
                let fit = finder_fit(luma, point, u, v);
                if fit > best.0 {
                    best = (fit, point);
                }
            }
        }
    }
    best
}

/// The two places where the third pattern of a code lies when patterns
/// `a` and `b` are its diagonal: at the right angle, on either side of it.
fn diagonal_places(a: Xy, b: Xy) -> [Xy; 2] {
    let normal = (a.1 - b.1, b.0 - a.0);
    let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    [0.5, -0.5].map(|s| (mid.0 + s * normal.0, mid.1 + s * normal.1))
}

/// The module size and place at which a finder pattern near `p` on module
/// axes along `unit` (a unit vector) and across it fits the template best,
/// with that fit: the search's row-measured module is often far off on a
/// blurred code (0.5× to 2×), so sizes from 0.4× to 1.4× of it are tried.
fn fitted(luma: &LumaFrame<'_>, p: &Pattern, unit: Xy) -> (f32, f32, Xy) {
    let mut best = (f32::MIN, p.module, (p.x, p.y));
    let mut module = (0.4 * p.module).max(1.2);
    while module <= 1.4 * p.module {
        let u = (unit.0 * module, unit.1 * module);
        let v = (-u.1, u.0);
        for j in -1i32..=1 {
            for i in -1i32..=1 {
                let (fi, fj) = (i as f32 * 0.5, j as f32 * 0.5);
                let point = (p.x + fi * u.0 + fj * v.0, p.y + fi * u.1 + fj * v.1);
                let fit = finder_fit(luma, point, u, v);
                if fit > best.0 {
                    best = (fit, module, point);
                }
            }
        }
        module *= 1.15;
    }
    best
}

/// How strongly the luma along the line from `p` to `q` (finder centres, a
/// leg of `modules` module spans), about 3 modules towards `side` (a unit
/// vector), alternates once per module as a timing pattern does (§6.3.5:
/// row 6 alternates from column 8 to the other pattern's separator): the
/// correlation (0..1) of half-module samples with the alternation at its
/// best phase, so centres a fraction of a module off along the leg still
/// show it; the best of three lines 2.5, 3 and 3.5 modules out.
fn timing(luma: &LumaFrame<'_>, p: Xy, q: Xy, side: Xy, modules: usize) -> f32 {
    [2.5, 3.0, 3.5]
        .iter()
        .map(|&out| timing_at(luma, (p, q), side, out, modules))
        .fold(0.0, f32::max)
}

/// [`timing`] on the one line `out` modules towards `side`.
fn timing_at(luma: &LumaFrame<'_>, (p, q): (Xy, Xy), side: Xy, out: f32, modules: usize) -> f32 {
    let span = modules as f32;
    let step = ((q.0 - p.0) / span, (q.1 - p.1) / span);
    let module = step.0.hypot(step.1);
    let offset = (side.0 * out * module, side.1 * out * module);
    // Columns 8 to dimension − 9: 5 to modules − 5 spans from p's centre,
    // every half module.
    let values: Vec<f32> = (10..=2 * modules.saturating_sub(5))
        .map(|half_steps| {
            let t = half_steps as f32 / 2.0;
            luma.bilinear(p.0 + t * step.0 + offset.0, p.1 + t * step.1 + offset.1)
        })
        .collect();
    if values.len() < 8 {
        return 0.0;
    }
    let n = values.len() as f32;
    let mean = values.iter().sum::<f32>() / n;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    if variance <= 1.0 {
        return 0.0;
    }
    // cos(πt) and sin(πt) at half-module steps: 1, 0, −1, 0, … and
    // 0, 1, 0, −1, …
    let (mut c, mut s) = (0.0f32, 0.0f32);
    for (j, v) in values.iter().enumerate() {
        let v = v - mean;
        match j % 4 {
            0 => c += v,
            1 => s += v,
            2 => c -= v,
            _ => s -= v,
        }
    }
    // Each reference has variance 1/2.
    let score = ((c * c + s * s) * 2.0 / n / n / variance).sqrt();
    if score.is_finite() { score } else { 0.0 }
}

/// The least [`timing`] correlation a leg needs.
const MIN_TIMING: f32 = 0.45;

/// The leg length in module spans (dimension − 7 = 4 × version + 10) and
/// the side of the line from `a` to `b` where the timing pattern between
/// them shows best, for module sizes `low..=high` pixels, with its
/// [`timing`] correlation.
fn best_leg(luma: &LumaFrame<'_>, a: Xy, b: Xy, (low, high): (f32, f32)) -> (f32, usize, Xy) {
    let d = (b.0 - a.0, b.1 - a.1);
    let distance = d.0.hypot(d.1);
    let normal = (-d.1 / distance, d.0 / distance);
    let mut best = (f32::MIN, 0, normal);
    let first = ((distance / high - 10.0) / 4.0).ceil().max(1.0) as usize;
    let last = ((distance / low - 10.0) / 4.0).floor().min(40.0) as usize;
    for version in first..=last {
        let modules = 4 * version + 10;
        for side in [normal, (-normal.0, -normal.1)] {
            let score = timing_at(luma, (a, b), side, 3.0, modules);
            if score > best.0 {
                best = (score, modules, side);
            }
        }
    }
    best
}

/// Triples completing `a` and `b` with a third pattern that fits the
/// template at least [`MIN_FIT`] and shows the timing patterns between it
/// and its neighbours, with their fits.
fn completions(
    luma: &LumaFrame<'_>,
    a: &Pattern,
    b: &Pattern,
    diagonals: bool,
) -> Vec<(f32, CornerTriple)> {
    let (pa, pb) = ((a.x, a.y), (b.x, b.y));
    let d = (pb.0 - pa.0, pb.1 - pa.1);
    let distance = d.0.hypot(d.1);
    if !(distance.is_finite() && distance > 0.0) {
        return Vec::new();
    }
    let sizes = (
        (0.4 * a.module.min(b.module)).max(1.2),
        1.4 * a.module.max(b.module),
    );
    let mut found = Vec::new();
    let mut keep = |fit: f32, corner: Xy, first: Xy, second: Xy, module: f32| {
        found.push((
            fit,
            CornerTriple {
                corner,
                first,
                second,
                module,
            },
        ));
    };
    // The pair is a leg: the timing pattern between them tells the module
    // size and the side the third pattern lies on.
    let (score, modules, side) = best_leg(luma, pa, pb, sizes);
    if score >= MIN_TIMING {
        let module = distance / modules as f32;
        let u = (d.0 / modules as f32, d.1 / modules as f32);
        let v = (side.0 * module, side.1 * module);
        for (corner, other) in [(pa, pb), (pb, pa)] {
            let place = (corner.0 + side.0 * distance, corner.1 + side.1 * distance);
            let (fit, centre) = best_fit_near(luma, place, u, v);
            let unit = (
                (other.0 - corner.0) / distance,
                (other.1 - corner.1) / distance,
            );
            let leg = timing(luma, corner, centre, unit, modules);
            if fit >= MIN_FIT && leg >= MIN_TIMING {
                keep(fit, corner, other, centre, module);
            }
        }
    }
    if !diagonals {
        return found;
    }
    // The pair is the diagonal: the third lies at the right angle, on
    // either side; the fit at `a` on axes 45° off the pair tells the size.
    let s = std::f32::consts::FRAC_1_SQRT_2;
    let along = (d.0 / distance, d.1 / distance);
    let unit = ((along.0 - along.1) * s, (along.0 + along.1) * s);
    let (fit_a, module, _) = fitted(luma, a, unit);
    if fit_a < MIN_FIT {
        return found;
    }
    let leg = distance * s;
    let modules = (((leg / module - 10.0) / 4.0).round().clamp(1.0, 40.0) as usize) * 4 + 10;
    let u = (unit.0 * module, unit.1 * module);
    let v = (-u.1, u.0);
    for place in diagonal_places(pa, pb) {
        let (fit, centre) = best_fit_near(luma, place, u, v);
        if fit < MIN_FIT {
            continue;
        }
        let towards = |p: Xy| {
            let w = (p.0 - centre.0, p.1 - centre.1);
            let l = w.0.hypot(w.1);
            (w.0 / l, w.1 / l)
        };
        let timing_ok = timing(luma, centre, pa, towards(pb), modules) >= MIN_TIMING
            && timing(luma, centre, pb, towards(pa), modules) >= MIN_TIMING;
        if timing_ok {
            keep(fit, centre, pa, pb, leg / modules as f32);
        }
    }
    found
}

/// Whether two patterns could be two corners of one code: finite, module
/// sizes within 2.5× of each other (the search's are rough on a blurred
/// code) and at most [`MAX_MODULE`], and apart by 12 modules of the
/// smallest size tried to 260 of the largest (a leg of version 1 to a
/// diagonal of version 40).
fn could_pair(a: &Pattern, b: &Pattern) -> bool {
    let finite = [a.x, a.y, b.x, b.y].iter().all(|v| v.is_finite());
    let (small, large) = if a.module < b.module {
        (a.module, b.module)
    } else {
        (b.module, a.module)
    };
    if !(finite && small > 0.5 && large <= 2.5 * small && large <= MAX_MODULE) {
        return false;
    }
    let apart = (a.x - b.x).hypot(a.y - b.y);
    (12.0 * 0.4 * small..=260.0 * 1.4 * large).contains(&apart)
}

/// The text of the code whose corners two of `patterns` and a third
/// pattern that the search missed mark, and its triple; `None` when no
/// completion reads. At most [`MAX_READS`] completions are sampled, best
/// template fit first, none of them in `skip` (already sampled).
pub(crate) fn read_completed(
    luma: &LumaFrame<'_>,
    patterns: &[Pattern],
    skip: &[CornerTriple],
    max_patterns: usize,
) -> Option<(String, CornerTriple)> {
    if patterns.len() < 2 || patterns.len() > max_patterns {
        return None;
    }
    let mut candidates: Vec<(f32, CornerTriple)> = Vec::new();
    let diagonals = patterns.len() <= MAX_DIAGONAL_PATTERNS;
    for (i, a) in patterns.iter().enumerate() {
        for b in &patterns[i + 1..] {
            if could_pair(a, b) {
                candidates.extend(completions(luma, a, b, diagonals));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0));
    let mut read = 0;
    for (_, triple) in candidates {
        if skip.iter().any(|other| same_corners(&triple, other)) {
            continue;
        }
        if read >= MAX_READS {
            break;
        }
        read += 1;
        if let Some(text) = grid::read(luma, &triple) {
            return Some((text, triple));
        }
    }
    None
}

/// Whether two triples name the same three places (within two modules).
fn same_corners(a: &CornerTriple, b: &CornerTriple) -> bool {
    let reach = 2.0 * a.module.max(b.module);
    let near = |p: Xy| {
        [b.corner, b.first, b.second]
            .iter()
            .any(|&q| (p.0 - q.0).hypot(p.1 - q.1) <= reach)
    };
    near(a.corner) && near(a.first) && near(a.second)
}

/// The text of a code two of the patterns in the search's `triples` and a
/// third place mark (the hook in `scan::run_with_hint`, when nothing read
/// the triples: blur let the search pair two real patterns with a
/// look-alike).
pub(crate) fn read_regrouped(luma: &LumaFrame<'_>, triples: &[CornerTriple]) -> Option<String> {
    let patterns = patterns_of(triples);
    read_completed(luma, &patterns, triples, MAX_TRIPLE_PATTERNS).map(|(text, _)| text)
}

/// The patterns of `triples` (each place once).
fn patterns_of(triples: &[CornerTriple]) -> Vec<Pattern> {
    let mut patterns: Vec<Pattern> = Vec::new();
    for t in triples {
        for (x, y) in [t.corner, t.first, t.second] {
            if !patterns
                .iter()
                .any(|p| (p.x - x).hypot(p.y - y) <= 2.0 * t.module)
            {
                patterns.push(Pattern {
                    x,
                    y,
                    module: t.module,
                });
            }
        }
    }
    patterns
}

/// The region a completed triple's code covers (as the search's regions:
/// the parallelogram widened by 6 modules and 30% of a leg).
pub(crate) fn region_of(triple: &CornerTriple) -> Region {
    let (c, a, b) = (triple.corner, triple.first, triple.second);
    let fourth = (a.0 + b.0 - c.0, a.1 + b.1 - c.1);
    let leg = (a.0 - c.0)
        .hypot(a.1 - c.1)
        .max((b.0 - c.0).hypot(b.1 - c.1));
    Region::around(&[c, a, b, fourth], 6.0 * triple.module + 0.3 * leg)
}

/// The search's verdict when its rows found no triple (the hook in
/// `precheck::find_code_region`): [`super::precheck::Verdict::Within`] the
/// completed triple's region, with the text read, when two of `patterns`
/// (centre and module size, full-resolution pixels) and a third place read
/// as a code; [`super::precheck::Verdict::NoCode`] otherwise.
pub(crate) fn completed_verdict(
    (pixels, width, height, stride): (&[u8], usize, usize, usize),
    patterns: impl Iterator<Item = (f32, f32, f32)>,
) -> super::precheck::Verdict {
    use super::precheck::Verdict;
    let patterns: Vec<Pattern> = patterns
        .map(|(x, y, module)| Pattern { x, y, module })
        .collect();
    if patterns.len() < 2 {
        return Verdict::NoCode;
    }
    let Ok(luma) = LumaFrame::new(pixels, width as u32, height as u32, stride) else {
        return Verdict::NoCode;
    };
    match read_completed(&luma, &patterns, &[], MAX_SEARCH_PATTERNS) {
        Some((text, triple)) => Verdict::Within {
            region: region_of(&triple),
            triples: vec![triple],
            text: Some(text),
        },
        None => Verdict::NoCode,
    }
}

#[cfg(test)]
mod tests {
    use super::super::encode::encode;
    use super::super::precheck::{Verdict, find_code_region};
    use super::*;

    const TEXT: &str = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example";
    const SIDE: usize = 400;
    const MODULE: usize = 5;
    const ORIGIN: usize = 60;

    /// A `SIDE`×`SIDE` frame showing [`TEXT`]'s code (`MODULE` pixels a
    /// module, top-left corner at `ORIGIN`), dark 40 on light 210, box
    /// blurred by one pixel each way; with `hide_top_right`, the top-right
    /// finder pattern's light ring is painted the grey between dark and
    /// light, as a strong blur leaves it: no row through it shows
    /// 1:1:3:1:1 any more. Returns the frame and the module count.
    fn code_frame(hide_top_right: bool) -> (Vec<u8>, usize) {
        let matrix = encode(TEXT).expect("encodes");
        let d = matrix.size as usize;
        let mut pixels = vec![210u8; SIDE * SIDE];
        for r in 0..d {
            for c in 0..d {
                let ring = (c as i32 - (d as i32 - 4)).abs().max((r as i32 - 3).abs());
                let value = if hide_top_right && ring == 2 {
                    125
                } else if matrix.dark(c as u32, r as u32) {
                    40
                } else {
                    210
                };
                for y in 0..MODULE {
                    let row = (ORIGIN + r * MODULE + y) * SIDE + ORIGIN + c * MODULE;
                    pixels[row..row + MODULE].fill(value);
                }
            }
        }
        (box_blurred(&pixels), d)
    }

    fn box_blurred(pixels: &[u8]) -> Vec<u8> {
        let mut out = pixels.to_vec();
        for y in 1..SIDE - 1 {
            for x in 1..SIDE - 1 {
                let mut sum = 0u32;
                for dy in 0..3 {
                    for dx in 0..3 {
                        sum += u32::from(pixels[(y + dy - 1) * SIDE + x + dx - 1]);
                    }
                }
                out[y * SIDE + x] = (sum / 9) as u8;
            }
        }
        out
    }

    /// The centre of the finder pattern whose top-left module is (c, r).
    fn centre(c: usize, r: usize) -> (f32, f32) {
        let at = |m: usize| (ORIGIN + m * MODULE) as f32 + 3.5 * MODULE as f32;
        (at(c), at(r))
    }

    #[test]
    fn two_patterns_and_a_hidden_third_read() {
        let (pixels, d) = code_frame(true);
        let luma = LumaFrame::packed(&pixels, SIDE as u32, SIDE as u32).expect("valid");
        // The two patterns a search saw, about half a module off.
        let (tl, bl) = (centre(0, 0), centre(0, d - 7));
        let seen = [
            Pattern {
                x: tl.0 + 2.0,
                y: tl.1 - 1.0,
                module: MODULE as f32 * 1.1,
            },
            Pattern {
                x: bl.0 - 1.0,
                y: bl.1 + 2.0,
                module: MODULE as f32 * 0.9,
            },
        ];
        let (text, triple) = read_completed(&luma, &seen, &[], MAX_SEARCH_PATTERNS).expect("reads");
        assert_eq!(text, TEXT);
        let tr = centre(d - 7, 0);
        let completed = [triple.corner, triple.first, triple.second];
        assert!(
            completed
                .iter()
                .any(|p| (p.0 - tr.0).hypot(p.1 - tr.1) < MODULE as f32),
            "{triple:?}"
        );
        // As the search's verdict: the code's region, with that triple.
        let verdict = completed_verdict(
            (&pixels, SIDE, SIDE, SIDE),
            seen.iter().map(|p| (p.x, p.y, p.module)),
        );
        let Verdict::Within {
            region,
            triples,
            text,
        } = verdict
        else {
            panic!("{verdict:?}");
        };
        assert_eq!(triples, vec![triple]);
        // Read once, by the completion: the camera path returns this text
        // without sampling the triple again.
        assert_eq!(text.as_deref(), Some(TEXT));
        assert!(region.x0 <= ORIGIN as f32 && region.x1 >= (ORIGIN + d * MODULE) as f32);
    }

    /// The search sees the two visible patterns, pairs them with the
    /// alignment pattern (no triple reads), and regrouping reads the code.
    #[test]
    fn regrouping_the_search_triples_reads_a_code_missing_a_pattern() {
        let (pixels, _) = code_frame(true);
        let luma = LumaFrame::packed(&pixels, SIDE as u32, SIDE as u32).expect("valid");
        let (half, _, _) = luma.downscaled(2).expect("large enough");
        let verdict = find_code_region(&pixels, SIDE, SIDE, SIDE, &half);
        let Verdict::Within { triples, .. } = verdict else {
            panic!("{verdict:?}");
        };
        assert_eq!(grid::read_likeliest(&luma, &triples), None);
        assert_eq!(read_regrouped(&luma, &triples).as_deref(), Some(TEXT));
    }

    #[test]
    fn a_lone_pair_of_patterns_gives_nothing() {
        // Two finder patterns (7 modules of 5 pixels) on grey, 20 modules
        // apart, and nothing else.
        let mut pixels = vec![128u8; SIDE * SIDE];
        for (x0, y0) in [(60, 60), (60 + 20 * MODULE, 60)] {
            for r in 0..7 {
                for c in 0..7 {
                    let ring = (c as i32 - 3).abs().max((r as i32 - 3).abs());
                    let value = if ring == 2 { 230 } else { 20 };
                    for y in 0..MODULE {
                        let row = (y0 + r * MODULE + y) * SIDE + x0 + c * MODULE;
                        pixels[row..row + MODULE].fill(value);
                    }
                }
            }
        }
        let luma = LumaFrame::packed(&pixels, SIDE as u32, SIDE as u32).expect("valid");
        let pair = [
            Pattern {
                x: 77.5,
                y: 77.5,
                module: 5.0,
            },
            Pattern {
                x: 177.5,
                y: 77.5,
                module: 5.0,
            },
        ];
        assert_eq!(read_completed(&luma, &pair, &[], MAX_SEARCH_PATTERNS), None);
        let verdict = completed_verdict(
            (&pixels, SIDE, SIDE, SIDE),
            pair.iter().map(|p| (p.x, p.y, p.module)),
        );
        assert_eq!(verdict, Verdict::NoCode);
        // Absurd patterns never panic.
        for bad in [f32::NAN, f32::INFINITY, -1e9, 1e9, 0.0] {
            let odd = [
                Pattern {
                    x: bad,
                    y: 10.0,
                    module: 5.0,
                },
                Pattern {
                    x: 300.0,
                    y: 300.0,
                    module: bad,
                },
                Pattern {
                    x: 100.0,
                    y: bad,
                    module: bad,
                },
                pair[0],
            ];
            assert_eq!(read_completed(&luma, &odd, &[], MAX_SEARCH_PATTERNS), None);
        }
    }
}
