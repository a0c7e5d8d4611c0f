//! The early exit: a cheap search for QR finder patterns (the three nested
//! squares in a code's corners, ISO/IEC 18004 §6.3.3) before any decoding
//! pass runs. Most frames a camera delivers while the user aims hold no
//! code; they are given up on after this search instead of after every pass.
//!
//! How: a threshold per 16×16 block (the mean of its 3×3 block
//! neighbourhood, as ZXing's hybrid binarizer does, from the half-resolution
//! copy), then every other full-resolution row is scanned for the
//! dark-light-dark-light-dark runs in the ratio 1:1:3:1:1 that a line through
//! a finder pattern's centre crosses at any rotation; each hit is confirmed
//! by the same ratio along its column and a diagonal, and must be crossed by two scanned
//! rows. A frame passes when three such patterns of similar module size lie
//! like the corners of one code (two legs and a diagonal).
//!
//! Measured on the 440-frame benchmark set (`qr_bench --precheck`), this
//! search does not yet meet its purpose, so [`super::Strategy`] leaves it
//! off by default: with these wide tolerances it rejects no frame a pass
//! could read, but also only a few of the frames without a code; with
//! ZXing's ±50% tolerance and three crossing rows for small modules it
//! rejected most code-less frames (56 ms to 5.6 ms median) but lost 27 of
//! the 382 codes the passes read (small, blurred, low-light ones).

/// Side of a threshold block, in full-resolution pixels.
const BLOCK: usize = 16;
/// Below this spread (max - min) in a block's neighbourhood the area is
/// flat: no pattern is looked for there. Dim codes (a 20-level span in the
/// benchmark's low-light class) stay above it.
const MIN_CONTRAST: u8 = 10;
/// The smallest module the search looks for, in full-resolution pixels
/// (times 7 for the whole pattern). The benchmark's small class starts at
/// 1.6 pixels per module.
const MIN_PATTERN: usize = 8;
/// The largest pattern: half the frame's shorter side (a version 1 code
/// without quiet zone filling the picture has patterns of a third).
const MAX_PATTERN_DIVISOR: usize = 2;

/// One confirmed finder pattern: centre and module size, full resolution.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    x: f32,
    y: f32,
    module: f32,
    /// Scanned rows that crossed it: a real pattern's centre (3 modules)
    /// spans at least two scanned rows; a chance hit in noise does not.
    rows: u32,
}

/// Rows a candidate needs before it counts: two (a chance pattern in
/// noise seldom repeats on the next scanned row).
fn counts(candidate: &Candidate) -> bool {
    candidate.rows >= 2
}

/// Block thresholds: per block, the mean of its 3×3 neighbourhood, or 0
/// (everything light) where the neighbourhood is flat.
struct Thresholds {
    columns: usize,
    values: Vec<u8>,
}

impl Thresholds {
    /// From the half-resolution copy (`half` is `width`×`height`, each pixel
    /// a 2×2 full-resolution block): 8×8 half pixels per block.
    fn new(half: &[u8], width: usize, height: usize) -> Self {
        let side = BLOCK / 2;
        let (columns, rows) = (width.div_ceil(side), height.div_ceil(side));
        let mut sums = vec![0u32; columns * rows];
        let mut counts = vec![0u32; columns * rows];
        let mut lows = vec![u8::MAX; columns * rows];
        let mut highs = vec![0u8; columns * rows];
        for (y, row) in half.chunks_exact(width).take(height).enumerate() {
            let base = (y / side) * columns;
            for (bx, chunk) in row.chunks(side).enumerate() {
                let i = base + bx;
                sums[i] += chunk.iter().map(|&p| u32::from(p)).sum::<u32>();
                counts[i] += chunk.len() as u32;
                lows[i] = lows[i].min(*chunk.iter().min().unwrap_or(&u8::MAX));
                highs[i] = highs[i].max(*chunk.iter().max().unwrap_or(&0));
            }
        }
        let mut values = vec![0u8; columns * rows];
        for by in 0..rows {
            for bx in 0..columns {
                let (mut sum, mut count, mut low, mut high) = (0u32, 0u32, u8::MAX, 0u8);
                for ny in by.saturating_sub(1)..(by + 2).min(rows) {
                    for nx in bx.saturating_sub(1)..(bx + 2).min(columns) {
                        let i = ny * columns + nx;
                        sum += sums[i];
                        count += counts[i];
                        low = low.min(lows[i]);
                        high = high.max(highs[i]);
                    }
                }
                if high.saturating_sub(low) >= MIN_CONTRAST && count > 0 {
                    values[by * columns + bx] = (sum / count) as u8;
                }
            }
        }
        Thresholds { columns, values }
    }

    /// The threshold at full-resolution pixel (x, y); a pixel below it is dark.
    #[inline]
    fn at(&self, x: usize, y: usize) -> u8 {
        self.values
            .get((y / BLOCK) * self.columns + x / BLOCK)
            .copied()
            .unwrap_or(0)
    }
}

/// True when `runs` (dark, light, dark, light, dark) look like 1:1:3:1:1
/// within the search's wide tolerance; returns the module size.
#[inline]
fn finder_ratio(runs: &[usize; 5], max_total: usize) -> Option<f32> {
    let total: usize = runs.iter().sum();
    if total < MIN_PATTERN || total > max_total {
        return None;
    }
    let module = total as f32 / 7.0;
    // Each 1-module run within ±(0.7 module + 1 pixel), the centre within
    // ±(1.5 modules + 1 pixel): wider than ZXing's ±50%, because blur and
    // thresholding shift edges by a pixel or more in the smallest codes
    // (the tighter tolerance lost small and blurred codes on the benchmark).
    let slack = 0.7 * module + 1.0;
    let ok = [0usize, 1, 3, 4]
        .iter()
        .all(|&i| (runs[i] as f32 - module).abs() <= slack)
        && (runs[2] as f32 - 3.0 * module).abs() <= 1.5 * module + 1.0;
    ok.then_some(module)
}

/// The frame's pixels, row by row, with their thresholds.
struct Image<'a> {
    pixels: &'a [u8],
    width: usize,
    height: usize,
    stride: usize,
    thresholds: Thresholds,
}

impl Image<'_> {
    #[inline]
    fn dark(&self, x: usize, y: usize) -> bool {
        self.pixels[y * self.stride + x] < self.thresholds.at(x, y)
    }

    /// The five runs along the line through `(x, y)` in direction
    /// `(dx, dy)` (steps of -1, 0 or 1) around the dark run holding
    /// `(x, y)`, and how many of that run's pixels lie before `(x, y)`;
    /// `None` if the line does not show five runs within `max_total`.
    fn runs_along(
        &self,
        (x, y): (usize, usize),
        (dx, dy): (isize, isize),
        max_total: usize,
    ) -> Option<([usize; 5], usize)> {
        if !self.dark(x, y) {
            return None;
        }
        let mut halves = [[0usize; 3]; 2];
        for (half, sign) in halves.iter_mut().zip([-1isize, 1]) {
            let (mut px, mut py) = (x as isize, y as isize);
            if sign > 0 {
                // The centre pixel is counted in the backward half.
                px += dx;
                py += dy;
            }
            let mut state = 0;
            while state < 3 {
                if px < 0 || py < 0 || px as usize >= self.width || py as usize >= self.height {
                    break;
                }
                let want_dark = state != 1;
                if self.dark(px as usize, py as usize) == want_dark {
                    half[state] += 1;
                    px += sign * dx;
                    py += sign * dy;
                    if half.iter().sum::<usize>() > max_total {
                        return None;
                    }
                } else {
                    state += 1;
                }
            }
        }
        let [back, forward] = halves;
        if back[1] == 0 || back[2] == 0 || forward[1] == 0 || forward[2] == 0 {
            return None;
        }
        Some((
            [
                back[2],
                back[1],
                back[0] + forward[0],
                forward[1],
                forward[2],
            ],
            back[0],
        ))
    }

    /// Every confirmed pattern on row `y`, appended to `found`.
    fn scan_row(&self, y: usize, max_total: usize, found: &mut Vec<Candidate>) {
        let row = &self.pixels[y * self.stride..][..self.width];
        // runs[4] is the run in progress; colours alternate, and a complete
        // pattern is checked when a dark run ends.
        let mut runs = [0usize; 5];
        let mut current_dark = false;
        let mut filled = 0usize;
        let block_row = (y / BLOCK) * self.thresholds.columns;
        for (bx, chunk) in row.chunks(BLOCK).enumerate() {
            let threshold = self
                .thresholds
                .values
                .get(block_row + bx)
                .copied()
                .unwrap_or(0);
            if threshold == 0 && !current_dark {
                // A flat block: all light, no transition inside.
                runs[4] += chunk.len();
                continue;
            }
            for (i, &p) in chunk.iter().enumerate() {
                let dark = p < threshold;
                if dark == current_dark {
                    runs[4] += 1;
                    continue;
                }
                // A run ended just before x = bx * BLOCK + i. Colours
                // alternate, so when it is dark, runs[0], [2] and [4] are
                // dark and [1], [3] light.
                if current_dark
                    && filled >= 4
                    && let Some(module) = finder_ratio(&runs, max_total)
                {
                    let end = bx * BLOCK + i;
                    let centre = end - runs[4] - runs[3] - runs[2] + runs[2] / 2;
                    self.confirm(centre, y, module, max_total, found);
                }
                runs.copy_within(1.., 0);
                runs[4] = 1;
                filled += 1;
                current_dark = dark;
            }
        }
        // A pattern touching the right edge.
        if current_dark
            && filled >= 4
            && let Some(module) = finder_ratio(&runs, max_total)
        {
            let end = self.width;
            let centre = end - runs[4] - runs[3] - runs[2] + runs[2] / 2;
            self.confirm(centre, y, module, max_total, found);
        }
    }

    fn confirm(
        &self,
        x: usize,
        y: usize,
        module: f32,
        max_total: usize,
        found: &mut Vec<Candidate>,
    ) {
        if let Some(known) = found.iter_mut().find(|c| {
            (c.x - x as f32).abs() < 2.0 * c.module && (c.y - y as f32).abs() < 2.0 * c.module
        }) {
            known.rows += 1;
            return;
        }
        let Some((vertical, above)) = self.runs_along((x, y), (0, 1), max_total) else {
            return;
        };
        let Some(vertical_module) = finder_ratio(&vertical, max_total) else {
            return;
        };
        // Through a square's centre, lines at right angles cross equal
        // lengths whatever the rotation; perspective makes them differ.
        if vertical_module > 1.6 * module || module > 1.6 * vertical_module {
            return;
        }
        // And a diagonal line shows the same ratio (text and grids of keys
        // often pass the first two checks, rarely this one).
        let centre = (x, y + vertical[2] / 2 - above.min(y + vertical[2] / 2));
        let diagonal_ok = [(1, 1), (1, -1)].iter().any(|&direction| {
            self.runs_along(centre, direction, max_total * 3 / 2)
                .and_then(|(runs, _)| finder_ratio(&runs, max_total * 3 / 2))
                .is_some_and(|m| m < 2.0 * module && module < 2.0 * m)
        });
        if !diagonal_ok {
            return;
        }
        found.push(Candidate {
            x: x as f32,
            y: (y + vertical[2] / 2) as f32 - above as f32,
            module: (module + vertical_module) / 2.0,
            rows: 1,
        });
    }
}

/// Distance between two patterns in modules (of their mean module size),
/// or `None` when their module sizes differ by more than 2×.
fn modules_apart(a: &Candidate, b: &Candidate) -> Option<f32> {
    let (small, large) = if a.module < b.module {
        (a.module, b.module)
    } else {
        (b.module, a.module)
    };
    if large > 2.0 * small {
        return None;
    }
    let module = (a.module + b.module) / 2.0;
    Some(((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt() / module)
}

/// True when three patterns could be one code's corners: two legs from the
/// corner pattern 7 to 180 modules long (versions 1 to 40) and within 2× of
/// each other, and the third side 1.1 to 1.9 times the mean leg (√2 for a
/// square; perspective and blur bend it).
fn corners_of_one_code(a: &Candidate, b: &Candidate, c: &Candidate) -> bool {
    let (Some(ab), Some(ac), Some(bc)) = (
        modules_apart(a, b),
        modules_apart(a, c),
        modules_apart(b, c),
    ) else {
        return false;
    };
    // The longest side is the diagonal; the other two are the legs.
    let mut sides = [ab, ac, bc];
    sides.sort_by(f32::total_cmp);
    let [leg1, leg2, diagonal] = sides;
    let legs_ok = leg1 >= 7.0 && leg2 <= 180.0 && leg2 <= 2.0 * leg1;
    let mean_leg = (leg1 + leg2) / 2.0;
    legs_ok && (1.1 * mean_leg..=1.9 * mean_leg).contains(&diagonal)
}

/// The most patterns whose triples are tested; a frame with more (dense
/// texture) is left to the decoder.
const MAX_TESTED: usize = 120;

/// True when some three of `found` could be one code's corners.
fn any_code_corners(found: &[&Candidate]) -> bool {
    if found.len() > MAX_TESTED {
        return true;
    }
    for (i, a) in found.iter().enumerate() {
        for (j, b) in found.iter().enumerate().skip(i + 1) {
            if modules_apart(a, b).is_none() {
                continue;
            }
            if found[j + 1..].iter().any(|c| corners_of_one_code(a, b, c)) {
                return true;
            }
        }
    }
    false
}

/// Whether `pixels` (`width`×`height`, rows `stride` apart) may hold a QR
/// code: three finder patterns, each crossed by two scanned rows, placed
/// like one code's corners.
/// `half` is the frame's half-resolution copy (`width / 2`×`height / 2`).
///
/// Contract: false only when no finder-pattern pair is seen; a frame with a
/// readable code is expected to pass (measured on the benchmark set, see the
/// module documentation). Cost: one pass over the half-resolution copy and
/// one over every other full-resolution row.
pub(crate) fn may_hold_code(
    pixels: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    half: &[u8],
) -> bool {
    if width < 2 * BLOCK || height < 2 * BLOCK {
        return true;
    }
    let image = Image {
        pixels,
        width,
        height,
        stride,
        thresholds: Thresholds::new(half, width / 2, height / 2),
    };
    let max_total = height.min(width) / MAX_PATTERN_DIVISOR;
    let mut found: Vec<Candidate> = Vec::new();
    let mut strong = 0;
    for y in (1..height).step_by(2) {
        image.scan_row(y, max_total, &mut found);
        let now_strong = found.iter().filter(|c| counts(c)).count();
        if now_strong >= 3 && now_strong > strong {
            let counted: Vec<&Candidate> = found.iter().filter(|c| counts(c)).collect();
            if any_code_corners(&counted) {
                return true;
            }
        }
        strong = now_strong;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qr::LumaFrame;

    /// A `side`×`side` grey frame with finder patterns (7×7 modules) of
    /// `module` pixels at the given top-left corners.
    fn frame_with_finders(side: usize, module: usize, corners: &[(usize, usize)]) -> Vec<u8> {
        let mut pixels = vec![128u8; side * side];
        for &(x0, y0) in corners {
            for my in 0..9 {
                for mx in 0..9 {
                    // A light one-module border around the pattern.
                    let ring = (mx as i32 - 4).abs().max((my as i32 - 4).abs());
                    let dark = ring == 3 || ring <= 1;
                    for y in 0..module {
                        let row = (y0 + my * module + y) * side;
                        let value = if dark && ring <= 3 { 20 } else { 230 };
                        pixels[row + x0 + mx * module..][..module].fill(value);
                    }
                }
            }
        }
        pixels
    }

    fn check(pixels: &[u8], side: usize) -> bool {
        let frame = LumaFrame::packed(pixels, side as u32, side as u32).expect("valid");
        let (half, _, _) = frame.downscaled(2).expect("large enough");
        may_hold_code(pixels, side, side, side, &half)
    }

    #[test]
    fn three_finder_patterns_pass() {
        for module in [2, 3, 5] {
            let far = 30 * module;
            let pixels =
                frame_with_finders(400, module, &[(40, 40), (40 + far, 40), (40, 40 + far)]);
            assert!(check(&pixels, 400), "module {module}");
        }
    }

    /// Pure sensor noise is NOT rejected with these tolerances (chance
    /// 1:1:3:1:1 runs repeat across rows): the weakness that keeps the
    /// pre-check off by default.
    #[test]
    fn flat_and_lone_patterns_are_rejected() {
        assert!(!check(&vec![200u8; 400 * 400], 400));
        let lone = frame_with_finders(400, 4, &[(100, 100)]);
        assert!(!check(&lone, 400));
        // Three in a row are not a code's corners.
        let row = frame_with_finders(600, 3, &[(20, 100), (200, 100), (380, 100)]);
        assert!(!check(&row, 600));
    }

    #[test]
    fn tiny_frames_are_left_to_the_decoder() {
        let pixels = vec![0u8; 20 * 20];
        assert!(may_hold_code(&pixels, 20, 20, 20, &[0u8; 100]));
    }
}
