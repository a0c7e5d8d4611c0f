//! The early exit: a cheap search for QR finder patterns (the three nested
//! squares in a code's corners, ISO/IEC 18004 §6.3.3) before any decoding
//! pass runs. Most frames a camera delivers while the user aims hold no
//! code; they are given up on after this search instead of after every pass.
//!
//! How: a threshold per 16×16 block (the mean of its 3×3 block
//! neighbourhood, as ZXing's hybrid binarizer does, from the half-resolution
//! copy), then every fourth full-resolution row (and the rows halfway
//! between, near a possible pattern: see [`scan_rows`]) is scanned for the
//! dark-light-dark-light-dark runs in the ratio 1:1:3:1:1 that a line through
//! a finder pattern's centre crosses at any rotation; each hit is confirmed
//! by the same ratio along its column and a diagonal, and must be crossed by
//! consecutive scanned rows (2 for small modules, up to 3 for large ones).
//! Three such patterns of similar module size lying like the corners of one
//! code (two legs and a diagonal), with the timing patterns' alternating
//! modules showing along both legs, give the region the decoding passes
//! then run on (see [`Verdict`]).
//!
//! A noisy frame (sensor noise, low light: see [`NOISY`]) is searched for
//! patterns of 2.5-pixel modules and more only, and a block counts as flat
//! there when the MEANS of its neighbourhood's blocks hardly differ (noise
//! averages out over a block, a code's modules do not).
//!
//! Measured on the 440-frame benchmark set (`qr_bench --precheck`, issue 16
//! report): 27 of the 40 code-less frames are given up on after the search
//! alone (21 before the timing-pattern check), and of the 382 codes the
//! passes read, the search misses one (a blurred one). [`super::Strategy::default`] leaves it off (one-shot
//! decoding must not lose a code); [`super::ScanSession`] turns it on for
//! camera streams, where the next frame is a few milliseconds away.

use super::frame::{BlockStats, STATS_BLOCK};
use super::reader::Region;

/// Side of a threshold block, in full-resolution pixels (a block of the
/// half-resolution copy's [`BlockStats`]).
const BLOCK: usize = 2 * STATS_BLOCK;
/// Below this spread (max - min) in a block's neighbourhood the area is
/// flat: no pattern is looked for there. Dim codes (a 20-level span in the
/// benchmark's low-light class) stay above it.
const MIN_CONTRAST: u8 = 10;
/// The smallest module the search looks for, in full-resolution pixels
/// (times 7 for the whole pattern). The benchmark's small class starts at
/// 1.6 pixels per module.
const MIN_PATTERN: usize = 8;
/// A frame whose mean step between neighbouring pixels exceeds this share
/// of its contrast (2nd to 98th percentile) is noisy (sensor noise, low
/// light): chance 1:1:3:1:1 runs are everywhere at the smallest sizes, and
/// a code there is only readable with modules of 2.5 pixels or more, so the
/// search starts at [`NOISY_MIN_PATTERN`]. Measured on the benchmark set:
/// clean, small, blurred, rotated frames 0.002 to 0.014; noise, low light
/// and the combined class 0.03 to 0.24.
const NOISY: f32 = 0.025;
/// In a noisy frame, a neighbourhood whose block means spread over less
/// than this share of the frame's contrast counts as flat (at least 3
/// levels: a dim code's 20-level span still shows).
const NOISY_MEAN_CONTRAST_SHARE: f32 = 0.08;
/// The least contrast between a row hit's light rings and its dark centre,
/// as a share of its block neighbourhood's spread, before the hit's column
/// and diagonals are walked (see [`Image::ring_contrast`]); not applied in
/// noisy frames, where the spread is the noise's. Measured on the benchmark
/// set: on textured desks 10–15% of the hits that were walked and rejected
/// lie below 0.2, and three code-less frames lose every look-alike triple
/// at 0.08; every code frame keeps the same verdict and the same triples at
/// 0.08 (at 0.2 a blurred code is lost, at 0.12 some triples move).
const MIN_RING_CONTRAST: f32 = 0.08;
/// The shortest pattern looked for in a noisy frame (2.5-pixel modules).
const NOISY_MIN_PATTERN: usize = 17;

/// Rows between those [`noise_ratio`] reads: half as many as every 8th row
/// gave the same noisy or clean call on all 440 benchmark frames (1080p:
/// 68 rows of 1,919 steps each).
const NOISE_ROW_STEP: usize = 16;

/// Rows between those whose pixels fill [`noise_ratio`]'s histogram (a
/// multiple of [`NOISE_ROW_STEP`]; 1080p: 34 rows, 65k pixels for the 2nd
/// and 98th percentiles).
const HISTOGRAM_ROW_STEP: usize = 32;

/// The mean absolute step between horizontal neighbours on every
/// [`NOISE_ROW_STEP`]th row,
/// as a share of the 2nd-98th percentile spread of the pixels of every
/// [`HISTOGRAM_ROW_STEP`]th row; and that spread.
fn noise_ratio(pixels: &[u8], width: usize, height: usize, stride: usize) -> (f32, u32) {
    // Four histograms filled in turn, summed at the end: consecutive equal
    // pixels would otherwise wait on each other's increment of one counter.
    let mut histograms = [[0u32; 256]; 4];
    let (mut steps, mut count) = (0u64, 0u64);
    for y in (0..height).step_by(NOISE_ROW_STEP) {
        let row = &pixels[y * stride..][..width];
        // Neighbours as two shifted slices (vectorises; `windows` does not).
        steps += row
            .iter()
            .zip(&row[1..])
            .map(|(&a, &b)| u32::from(a.abs_diff(b)))
            .sum::<u32>() as u64;
        count += (width - 1) as u64;
        // The percentiles need fewer samples than the mean step (the
        // scalar histogram is this estimate's main cost).
        if y % HISTOGRAM_ROW_STEP != 0 {
            continue;
        }
        let mut quads = row.chunks_exact(4);
        for quad in &mut quads {
            for (histogram, &p) in histograms.iter_mut().zip(quad) {
                histogram[usize::from(p)] += 1;
            }
        }
        for &p in quads.remainder() {
            histograms[0][usize::from(p)] += 1;
        }
    }
    let mut histogram = [0usize; 256];
    for (level, total) in histogram.iter_mut().enumerate() {
        *total = histograms.iter().map(|h| h[level] as usize).sum();
    }
    let total: usize = histogram.iter().sum();
    let cut = total / 50;
    let level_at = |mut remaining: usize, order: &mut dyn Iterator<Item = usize>| {
        for level in order {
            if histogram[level] > remaining {
                return level;
            }
            remaining -= histogram[level];
        }
        0
    };
    let low = level_at(cut, &mut (0..256));
    let high = level_at(cut, &mut (0..256).rev());
    let spread = high.saturating_sub(low).max(1);
    (
        (steps as f32 / count.max(1) as f32) / spread as f32,
        spread as u32,
    )
}

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
    /// spans about 1.5 scanned rows per module; a chance hit in noise does not
    /// repeat on the next rows.
    rows: u32,
    /// The last scanned row that crossed it.
    last_row: usize,
}

/// Rows a candidate needs before it counts: about 60% of the scanned rows
/// its 3-module centre spans (1.5 per module), at least 2 and at most 4.
fn counts(candidate: &Candidate) -> bool {
    candidate.rows >= rows_needed(candidate)
}

/// The rows [`counts`] asks of a candidate (fixed by its module size).
fn rows_needed(candidate: &Candidate) -> u32 {
    ((0.6 * candidate.module) as u32).clamp(2, 3)
}

/// The candidates found so far, and how many of them already [`counts`]:
/// rows only add to a candidate, so once more than [`MAX_TESTED`] count,
/// the verdict is [`Verdict::Anywhere`] whatever the rows below show.
#[derive(Default)]
struct Found {
    candidates: Vec<Candidate>,
    counted: usize,
}

/// `values` (a grid `columns` wide) combined over each cell's 3×3
/// neighbourhood (cut at the grid's edges) with `combine` (associative and
/// commutative): first along rows, then along columns.
///
/// Generic over `combine` (each use compiled with its operation inlined),
/// and written as element-wise passes over shifted slices so they
/// vectorise: 6 calls on a 1080p frame's 120×68 blocks took 0.44 ms through
/// a function pointer with a branch per neighbour, 0.06 ms like this
/// (stand-alone measurement, x86-64).
fn neighbourhood<T: Copy, F: Fn(T, T) -> T + Copy>(
    values: &[T],
    columns: usize,
    combine: F,
) -> Vec<T> {
    let mut across = values.to_vec();
    for (row, out) in values.chunks(columns).zip(across.chunks_mut(columns)) {
        let n = row.len();
        // The left neighbours, then the right ones.
        for (cell, &left) in out[1..].iter_mut().zip(&row[..n - 1]) {
            *cell = combine(*cell, left);
        }
        for (cell, &right) in out[..n - 1].iter_mut().zip(&row[1..]) {
            *cell = combine(*cell, right);
        }
    }
    let mut result = across.clone();
    if across.len() > columns {
        let n = across.len();
        // The neighbours above, then those below.
        for (cell, &above) in result[columns..].iter_mut().zip(&across[..n - columns]) {
            *cell = combine(*cell, above);
        }
        for (cell, &below) in result[..n - columns].iter_mut().zip(&across[columns..]) {
            *cell = combine(*cell, below);
        }
    }
    result
}

/// Block thresholds: per block, the mean of its 3×3 neighbourhood, or 0
/// (everything light) where the neighbourhood is flat.
struct Thresholds {
    columns: usize,
    values: Vec<u8>,
    /// Per block, the spread (max - min) of its 3×3 neighbourhood's
    /// half-resolution pixels.
    spreads: Vec<u8>,
}

impl Thresholds {
    /// From the half-resolution copy (`half` is `width`×`height`, each pixel
    /// a 2×2 full-resolution block): 8×8 half pixels per block.
    /// `min_mean_contrast`: in a noisy frame, the spread of block means in a
    /// neighbourhood below which it counts as flat (`None`: not noisy).
    #[cfg(test)]
    fn new(half: &[u8], width: usize, height: usize, min_mean_contrast: Option<u32>) -> Self {
        Self::from_stats(&BlockStats::of(half, width, height), min_mean_contrast)
    }

    /// From the half-resolution copy's [`BlockStats`] (8×8 half pixels,
    /// one [`BLOCK`] of the frame, per block); `min_mean_contrast` as in
    /// [`Thresholds::new`].
    fn from_stats(stats: &BlockStats, min_mean_contrast: Option<u32>) -> Self {
        let columns = stats.columns;
        // Over each block's 3×3 neighbourhood, in two separable passes; the
        // least and greatest as bytes (16 lanes to a vector).
        let near_sums = neighbourhood(&stats.sums, columns, u32::wrapping_add);
        let spreads: Vec<u8> = neighbourhood(&stats.highs, columns, u8::max)
            .iter()
            .zip(neighbourhood(&stats.lows, columns, u8::min))
            .map(|(&high, low)| high.saturating_sub(low))
            .collect();
        let structured: Vec<bool> = match min_mean_contrast {
            // In a noisy frame every block spans a wide range of pixel
            // values; only the spread of block MEANS (noise averages out
            // over a block) tells structure from flat areas.
            Some(min) => {
                let means: Vec<u32> = (stats.sums.iter().enumerate())
                    .map(|(i, &sum)| sum / stats.count(i % columns, i / columns).max(1))
                    .collect();
                neighbourhood(&means, columns, u32::max)
                    .iter()
                    .zip(neighbourhood(&means, columns, u32::min))
                    .map(|(&high, low)| high.saturating_sub(low) >= min)
                    .collect()
            }
            None => spreads
                .iter()
                .map(|&spread| spread >= MIN_CONTRAST)
                .collect(),
        };
        // A neighbourhood's pixel count is its columns' widths times its
        // rows' heights (blocks are cut only at the right and bottom edge).
        let spans = |blocks: usize, size: usize| -> Vec<u32> {
            let side = |b: usize| size.saturating_sub(b * STATS_BLOCK).min(STATS_BLOCK);
            (0..blocks)
                .map(|b| {
                    (b.saturating_sub(1)..(b + 2).min(blocks))
                        .map(side)
                        .sum::<usize>() as u32
                })
                .collect()
        };
        let (widths, heights) = (spans(columns, stats.width), spans(stats.rows, stats.height));
        // Inside the frame a neighbourhood holds 9 whole blocks: a division
        // by a constant (a multiplication) instead of a division per block.
        let whole = (9 * STATS_BLOCK * STATS_BLOCK) as u32;
        let mut values = vec![0u8; near_sums.len()];
        for (((row, sums), structured), &height) in (values.chunks_mut(columns.max(1)))
            .zip(near_sums.chunks(columns.max(1)))
            .zip(structured.chunks(columns.max(1)))
            .zip(&heights)
        {
            for (((value, &sum), &structured), &width) in
                row.iter_mut().zip(sums).zip(structured).zip(&widths)
            {
                *value = match (structured, width * height) {
                    (false, _) | (_, 0) => 0,
                    (true, count) if count == whole => (sum / whole) as u8,
                    (true, count) => (sum / count) as u8,
                };
            }
        }
        Thresholds {
            columns,
            values,
            spreads,
        }
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

/// Bit `i` set when `pixels[i] < threshold` (at most 64 pixels).
///
/// A block of [`BLOCK`] pixels is compared all at once: the comparisons
/// as a byte array of 0 or 0xFF (which the compiler turns into one vector
/// compare), then each eight bytes' top bits gathered into a byte by one
/// multiplication. About twice as fast on the row scan as comparing eight
/// pixels at a time in a `u64` (stand-alone measurement, x86-64); shorter
/// chunks (a frame's last block) pixel by pixel.
#[inline]
fn dark_mask(pixels: &[u8], threshold: u8) -> u64 {
    match <&[u8; BLOCK]>::try_from(pixels) {
        Ok(block) => block_dark_mask(block, threshold),
        Err(_) => (pixels.iter().enumerate())
            .fold(0u64, |mask, (i, &p)| mask | u64::from(p < threshold) << i),
    }
}

/// [`dark_mask`] of a whole block. Not inlined: inlined into the row scan,
/// the compiler turned the vector compare back into 16 scalar ones.
#[inline(never)]
fn block_dark_mask(block: &[u8; BLOCK], threshold: u8) -> u64 {
    let below: [u8; BLOCK] = std::array::from_fn(|i| if block[i] < threshold { 0xFF } else { 0 });
    let gather = |bytes: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(bytes);
        // Top bits 7, 15, ..., 63 to bits 56..63, in order.
        let top = (u64::from_le_bytes(word) & 0x8080_8080_8080_8080) >> 7;
        top.wrapping_mul(0x0102_0408_1020_4080) >> 56
    };
    gather(&below[..8]) | gather(&below[8..]) << 8
}

/// [`dark_mask`] of four whole blocks (a word), each against its own
/// threshold: one call per word instead of per block (a flat block's
/// threshold 0 leaves its bits clear, as skipping it would).
#[inline(never)]
fn word_dark_mask(pixels: &[u8; 64], thresholds: &[u8; 64 / BLOCK]) -> u64 {
    let below: [u8; 64] = std::array::from_fn(|i| {
        if pixels[i] < thresholds[i / BLOCK] {
            0xFF
        } else {
            0
        }
    });
    let mut mask = 0u64;
    for (i, bytes) in below.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(bytes);
        // Top bits 7, 15, ..., 63 to bits 56..63, in order.
        let top = (u64::from_le_bytes(word) & 0x8080_8080_8080_8080) >> 7;
        mask |= (top.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * i);
    }
    mask
}

/// A row hit before it is confirmed: where its five runs end on the row,
/// the runs, and their module.
#[derive(Debug, Clone, Copy)]
struct RowHit {
    end: usize,
    runs: [usize; 5],
    module: f32,
}

/// The frame's pixels, row by row, with their thresholds.
struct Image<'a> {
    pixels: &'a [u8],
    width: usize,
    height: usize,
    stride: usize,
    thresholds: Thresholds,
    /// The shortest horizontal pattern looked for (see [`NOISY`]).
    min_total: usize,
    /// The least [`Image::ring_contrast`] a row hit needs before its column
    /// and diagonals are walked (0: no such check; see [`MIN_RING_CONTRAST`]).
    min_ring_contrast: f32,
}

/// A row hit: the scanned row, where its five runs end, and the runs.
struct Hit<'a> {
    row: &'a [u8],
    end: usize,
    runs: [usize; 5],
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
            let (sx, sy) = (sign * dx, sign * dy);
            // How many points of the line from (px, py) on lie inside the
            // frame: the walk needs no bounds check per point.
            let inside = |p: isize, step: isize, size: usize| -> usize {
                match (p >= 0 && (p as usize) < size, step.signum()) {
                    (false, _) => 0,
                    (true, 1) => size - p as usize,
                    (true, -1) => p as usize + 1,
                    (true, _) => usize::MAX,
                }
            };
            let mut left = inside(px, sx, self.width).min(inside(py, sy, self.height));
            let (mut state, mut walked) = (0, 0usize);
            while state < 3 && left > 0 {
                let want_dark = state != 1;
                if self.dark(px as usize, py as usize) == want_dark {
                    half[state] += 1;
                    walked += 1;
                    left -= 1;
                    px += sx;
                    py += sy;
                    if walked > max_total {
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

    /// Every row hit on row `y` (five runs in the 1:1:3:1:1 ratio, not yet
    /// confirmed), appended to `hits`: where its runs end, the runs and
    /// their module.
    ///
    /// The row is first turned into bits (1 = dark), 16 pixels against their
    /// block's threshold at a time; the runs are then read from where
    /// neighbouring bits differ, a word of 64 pixels at a time, so long runs
    /// and flat stretches cost nothing per pixel.
    fn row_hits(&self, y: usize, max_total: usize, bits: &mut Vec<u64>, hits: &mut Vec<RowHit>) {
        let row = &self.pixels[y * self.stride..][..self.width];
        bits.clear();
        bits.resize(self.width.div_ceil(64), 0);
        let block_row = (y / BLOCK) * self.thresholds.columns;
        let thresholds = self.thresholds.values.get(block_row..).unwrap_or(&[]);
        // A word of 64 pixels (4 blocks) at a time; a frame's last, shorter
        // word block by block.
        for ((word, pixels), thresholds) in bits
            .iter_mut()
            .zip(row.chunks(64))
            .zip(thresholds.chunks(64 / BLOCK))
        {
            if thresholds.iter().all(|&t| t == 0) {
                // Flat blocks: all light.
                continue;
            }
            if let (Ok(pixels), Ok(thresholds)) = (
                <&[u8; 64]>::try_from(pixels),
                <&[u8; 64 / BLOCK]>::try_from(thresholds),
            ) {
                *word = word_dark_mask(pixels, thresholds);
                continue;
            }
            for (b, (chunk, &threshold)) in pixels.chunks(BLOCK).zip(thresholds).enumerate() {
                // BLOCK divides 64: a block never straddles two words.
                *word |= dark_mask(chunk, threshold) << (b * BLOCK);
            }
        }
        // The last four complete runs, oldest first, and the run in
        // progress (from `run_start`); colours alternate, and a complete
        // pattern is checked when a dark run ends. Five variables rather
        // than an array shifted at every change: they stay in registers.
        let (mut r0, mut r1, mut r2, mut r3) = (0usize, 0usize, 0usize, 0usize);
        let mut current_dark = false;
        let mut filled = 0usize;
        let mut run_start = 0usize;
        let mut previous = 0u64;
        let tail = self.width % 64;
        let words = bits.len();
        let mut check = |end: usize, runs: [usize; 5]| {
            if runs.iter().sum::<usize>() >= self.min_total
                && let Some(module) = finder_ratio(&runs, max_total)
            {
                hits.push(RowHit { end, runs, module });
            }
        };
        for (w, &word) in bits.iter().enumerate() {
            let valid = if w + 1 == words && tail != 0 {
                (1u64 << tail) - 1
            } else {
                u64::MAX
            };
            // Bit i set: pixel i differs from the one before it.
            let mut changes = (word ^ ((word << 1) | previous)) & valid;
            previous = word >> 63;
            while changes != 0 {
                let x = w * 64 + changes.trailing_zeros() as usize;
                changes &= changes - 1;
                let r4 = x - run_start;
                // A run ended just before x. Colours alternate, so when it
                // is dark, runs 0, 2 and 4 are dark and 1, 3 light.
                if current_dark && filled >= 4 {
                    check(x, [r0, r1, r2, r3, r4]);
                }
                (r0, r1, r2, r3) = (r1, r2, r3, r4);
                filled += 1;
                current_dark = !current_dark;
                run_start = x;
            }
        }
        // A pattern touching the right edge.
        if current_dark && filled >= 4 {
            check(self.width, [r0, r1, r2, r3, self.width - run_start]);
        }
    }

    /// Confirms the row hits of row `y` in order (see [`Image::confirm`]).
    fn confirm_row(
        &self,
        y: usize,
        hits: &[RowHit],
        max_total: usize,
        found: &mut Found,
        rejected: &mut [(usize, f32)],
    ) {
        let row = &self.pixels[y * self.stride..][..self.width];
        for raw in hits {
            let hit = Hit {
                row,
                end: raw.end,
                runs: raw.runs,
            };
            self.confirm(&hit, y, raw.module, max_total, found, rejected);
        }
    }

    /// How far the mean of a row hit's light rings lies above the mean of
    /// its dark centre run, as a share of the spread (max - min) of the
    /// centre's block neighbourhood: near 1 across a printed pattern, a
    /// few hundredths where wood grain or other faint texture happens to
    /// cross the threshold in the 1:1:3:1:1 ratio.
    fn ring_contrast(&self, y: usize, hit: &Hit) -> f32 {
        let runs = &hit.runs;
        let mean = |from: usize, length: usize| {
            let sum: u32 = hit.row[from..from + length]
                .iter()
                .map(|&p| u32::from(p))
                .sum();
            sum as f32 / length.max(1) as f32
        };
        let ring_start = hit.end - runs.iter().sum::<usize>() + runs[0];
        let centre_start = ring_start + runs[1];
        let outer_start = centre_start + runs[2];
        let light = (mean(ring_start, runs[1]) + mean(outer_start, runs[3])) / 2.0;
        let dark = mean(centre_start, runs[2]);
        let centre = centre_start + runs[2] / 2;
        let spread = self
            .thresholds
            .spreads
            .get((y / BLOCK) * self.thresholds.columns + centre / BLOCK)
            .copied()
            .unwrap_or(0);
        (light - dark) / f32::from(spread.max(1))
    }

    /// Checks a row hit on row `y` (unless it extends a known pattern or
    /// repeats a rejected one) and records it in `found` or `rejected`.
    fn confirm(
        &self,
        hit: &Hit,
        y: usize,
        module: f32,
        max_total: usize,
        found: &mut Found,
        rejected: &mut [(usize, f32)],
    ) {
        let runs = &hit.runs;
        let x = hit.end - runs[4] - runs[3] - runs[2] + runs[2] / 2;
        // Candidates are appended as rows go down, each within 1.5 of its
        // modules of the row that found it: the search stops at the first
        // one too far above to be crossed by this row.
        let reach = 3.0 * max_total as f32 / 7.0 + 4.0;
        if let Some(known) = (found.candidates)
            .iter_mut()
            .rev()
            .take_while(|c| y as f32 - c.y < reach)
            .find(|c| {
                (c.x - x as f32).abs() < c.module.max(1.5)
                    && (c.y - y as f32).abs() < 2.0 * c.module
            })
        {
            // Rows that cross a pattern's centre follow each other; a
            // chance hit near an old one does not extend it.
            if known.last_row != y && y - known.last_row <= 4 {
                known.rows += 1;
                known.last_row = y;
                if known.rows == rows_needed(known) {
                    found.counted += 1;
                }
            }
            return;
        }
        // A hit on the same column's dark run as an earlier rejected one
        // (the next scanned rows through one texture feature) walks the same
        // lines again: it is rejected without walking them.
        if rejected
            .get(x)
            .is_some_and(|&(until, m)| y < until && module < 1.25 * m && m < 1.25 * module)
        {
            return;
        }
        // Faint texture (wood grain on a desk) crossing the threshold in
        // the right ratio: rejected before walking its column and diagonals.
        if self.min_ring_contrast > 0.0 && self.ring_contrast(y, hit) < self.min_ring_contrast {
            return;
        }
        if !self.confirmed(x, y, module, max_total, &mut found.candidates) {
            let end = self.dark_run_end(x, y, max_total);
            if let Some(slot) = rejected.get_mut(x) {
                *slot = (end, module);
            }
        }
    }

    /// The first row below `(x, y)` that is not dark at column `x` (at most
    /// `limit` rows down).
    fn dark_run_end(&self, x: usize, y: usize, limit: usize) -> usize {
        let last = (y + limit).min(self.height);
        (y + 1..last)
            .find(|&row| !self.dark(x, row))
            .unwrap_or(last)
    }

    /// The column and diagonal checks of a row hit at `(x, y)`; true when
    /// they accept it (and it is added to `found`).
    fn confirmed(
        &self,
        x: usize,
        y: usize,
        module: f32,
        max_total: usize,
        found: &mut Vec<Candidate>,
    ) -> bool {
        // The checks below accept at most 1.6× (column) and 2× (diagonal)
        // this pattern's module: longer walks are cut short, so a hit in a
        // texture of long vertical runs costs a few pixels, not a column.
        let max_total = max_total.min((16.0 * module) as usize + 4);
        // Seven modules of at most 1.6× (2×) this one: a longer walk could
        // only end in a rejection below, so it stops there (same verdicts).
        let column_walk = max_total.min((11.2 * module) as usize + 1);
        let diagonal_walk = (max_total * 3 / 2).min((14.0 * module) as usize + 1);
        let Some((vertical, above)) = self.runs_along((x, y), (0, 1), column_walk) else {
            return false;
        };
        let Some(vertical_module) = finder_ratio(&vertical, max_total) else {
            return false;
        };
        // Through a square's centre, lines at right angles cross equal
        // lengths whatever the rotation; perspective makes them differ.
        if vertical_module > 1.6 * module || module > 1.6 * vertical_module {
            return false;
        }
        // And a diagonal line shows the same ratio (text and grids of keys
        // often pass the first two checks, rarely this one).
        let centre = (x, y + vertical[2] / 2 - above.min(y + vertical[2] / 2));
        let diagonal_ok = [(1, 1), (1, -1)].iter().any(|&direction| {
            self.runs_along(centre, direction, diagonal_walk)
                .and_then(|(runs, _)| finder_ratio(&runs, max_total * 3 / 2))
                .is_some_and(|m| m < 2.0 * module && module < 2.0 * m)
        });
        if !diagonal_ok {
            return false;
        }
        found.push(Candidate {
            x: x as f32,
            y: (y + vertical[2] / 2) as f32 - above as f32,
            module: (module + vertical_module) / 2.0,
            rows: 1,
            last_row: y,
        });
        true
    }
}

/// The least share of a timing pattern's module edges a corner triple must
/// show along each leg (see [`Image::timing_shows`]). Measured on the
/// benchmark set: every code-bearing frame the camera strategy reads has a
/// triple at 0.6 or more on both legs (a real code: 0.6 to 1.0, blur and
/// small modules lowest); look-alike triples in clutter, on keyboards and
/// desks mostly 0.05 to 0.45.
const MIN_TIMING_SHARE: f32 = 0.5;

impl Image<'_> {
    /// Whether the timing pattern (ISO/IEC 18004 §6.3.5: alternating dark
    /// and light modules on row 6 between two finder patterns) shows
    /// between `corner` and `along`, on the side of `towards`: the colour
    /// changes seen along that line are at least [`MIN_TIMING_SHARE`] of
    /// the modules it crosses.
    ///
    /// The line is sampled every third of a module (at most a pixel); the
    /// walk stops as soon as the answer is known: once enough changes are
    /// seen, or once the samples left could not add enough (the same
    /// answer as counting them all).
    fn timing_shows(&self, corner: &Candidate, along: &Candidate, towards: &Candidate) -> bool {
        let module = (corner.module + along.module) / 2.0;
        let (ux, uy) = (along.x - corner.x, along.y - corner.y);
        let (vx, vy) = (towards.x - corner.x, towards.y - corner.y);
        let (leg, side) = (ux.hypot(uy), vx.hypot(vy));
        if leg < 1.0 || side < 1.0 {
            return false;
        }
        let (ux, uy, vx, vy) = (ux / leg, uy / leg, vx / side, vy / side);
        // Row 6 runs 3 modules from the centres (row 3.5), from column 8
        // to the other pattern's separator: 4.5 modules in from each centre.
        let length = leg - 9.0 * module;
        if length < module {
            return false;
        }
        let (x0, y0) = (
            corner.x + 3.0 * module * vx + 4.5 * module * ux,
            corner.y + 3.0 * module * vy + 4.5 * module * uy,
        );
        let step = (module / 3.0).min(1.0);
        let samples = (length / step) as usize;
        let point = |i: usize| {
            let t = i as f32 * step;
            (x0 + t * ux, y0 + t * uy)
        };
        let inside = |(x, y): (f32, f32)| {
            x >= 0.0 && y >= 0.0 && (x as usize) < self.width && (y as usize) < self.height
        };
        // The frame is convex and the samples lie in order on a segment:
        // both ends inside means every sample is.
        if !inside(point(0)) || !inside(point(samples)) {
            return false;
        }
        let modules = length / module;
        let enough = |changes: usize| changes as f32 / modules >= MIN_TIMING_SHARE;
        let mut changes = 0usize;
        let (x, y) = point(0);
        let mut last = self.dark(x as usize, y as usize);
        for i in 1..=samples {
            // Even if every sample left showed a change.
            if !enough(changes + (samples + 1 - i)) {
                return false;
            }
            let (x, y) = point(i);
            let dark = self.dark(x as usize, y as usize);
            if dark != last {
                changes += 1;
                if enough(changes) {
                    return true;
                }
            }
            last = dark;
        }
        enough(changes)
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

/// Whether three patterns could be one code's corners: two legs from the
/// corner pattern 7 to 180 modules long (versions 1 to 40) and within 2× of
/// each other, and the third side 1.1 to 1.9 times the mean leg (√2 for a
/// square; perspective and blur bend it). Returns which of the three
/// (0 = a, 1 = b, 2 = c) is the corner, opposite the diagonal.
fn corners_of_one_code(a: &Candidate, b: &Candidate, c: &Candidate) -> Option<usize> {
    let (Some(ab), Some(ac), Some(bc)) = (
        modules_apart(a, b),
        modules_apart(a, c),
        modules_apart(b, c),
    ) else {
        return None;
    };
    // The longest side is the diagonal; the other two are the legs.
    let (corner, diagonal, leg1, leg2) = if bc >= ab && bc >= ac {
        (0, bc, ab.min(ac), ab.max(ac))
    } else if ac >= ab {
        (1, ac, ab.min(bc), ab.max(bc))
    } else {
        (2, ab, ac.min(bc), ac.max(bc))
    };
    let legs_ok = leg1 >= 7.0 && leg2 <= 180.0 && leg2 <= 2.0 * leg1;
    let mean_leg = (leg1 + leg2) / 2.0;
    (legs_ok && (1.1 * mean_leg..=1.9 * mean_leg).contains(&diagonal)).then_some(corner)
}

/// The most patterns whose triples are tested; a frame with more (dense
/// texture) is left to the decoder.
const MAX_TESTED: usize = 40;

/// Three finder patterns that lie like one code's corners, as the search
/// saw them (full-resolution pixel coordinates of the pattern centres).
///
/// `corner` is the pattern at the right angle (opposite the diagonal);
/// `first` and `second` are the other two in no particular order: which one
/// is the top-right depends on the code being mirrored or not, so a sampler
/// tries both or decides from the cross product.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CornerTriple {
    pub corner: (f32, f32),
    pub first: (f32, f32),
    pub second: (f32, f32),
    /// The largest of the three patterns' module sizes, in pixels (an
    /// estimate: one seventh of a pattern's 1:1:3:1:1 run).
    pub module: f32,
}

/// What the search says about a frame.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// No three finder patterns lie like a code's corners: no code.
    NoCode,
    /// Every code the search could see lies inside `region` (full
    /// resolution pixels): the union of the areas of all plausible corner
    /// triples, with room for the quiet zone and perspective. `triples`
    /// lists those triples (at least one), least skewed first (see
    /// [`skew`]): at least the [`ALWAYS_CHECKED`] least skewed ones, and
    /// every one that widens the region. `text` is the code's text when
    /// the search already read it (a pair completed by `pairs.rs`, which
    /// must read before the frame counts as holding a code): the caller
    /// need not read it again.
    Within {
        region: Region,
        triples: Vec<CornerTriple>,
        text: Option<String>,
    },
    /// Too many patterns to tell (dense texture): look everywhere.
    Anywhere,
}

/// The area a code with corner patterns `corner`, `b` and `c` (the corner
/// one opposite the diagonal) covers: the parallelogram's four corners,
/// widened by 6 modules (half a pattern, the quiet zone and perspective).
fn code_area(corner: &Candidate, b: &Candidate, c: &Candidate) -> Region {
    let fourth = (b.x + c.x - corner.x, b.y + c.y - corner.y);
    let points = [(corner.x, corner.y), (b.x, b.y), (c.x, c.y), fourth];
    let module = corner.module.max(b.module).max(c.module);
    let leg = ((b.x - corner.x).hypot(b.y - corner.y)).max((c.x - corner.x).hypot(c.y - corner.y));
    let margin = 6.0 * module + 0.3 * leg;
    Region::around(&points, margin)
}

/// How far a triple is from the corners of a square code: the cosine of
/// the angle at the corner pattern plus the legs' relative difference in
/// length (0 for a square seen head-on; the grid sampler ranks triples by
/// the same measure). Look-alike patterns in a code's data make skewed
/// triples.
fn skew(corner: &Candidate, b: &Candidate, c: &Candidate) -> f32 {
    let (a, b) = (
        (b.x - corner.x, b.y - corner.y),
        (c.x - corner.x, c.y - corner.y),
    );
    let (la, lb) = (a.0.hypot(a.1), b.0.hypot(b.1));
    let value = ((a.0 * b.0 + a.1 * b.1) / (la * lb)).abs() + (la - lb).abs() / la.max(lb);
    if value.is_finite() { value } else { f32::MAX }
}

/// The least skewed triples whose timing patterns are always checked (a
/// sampler tries the least skewed few). Past them, a triple whose area lies
/// inside the region so far is skipped: it could not change the region.
/// Inside a dense code, hundreds to thousands of look-alike triples show
/// alternating modules along their legs (measured on the benchmark set:
/// up to 3,754 on a 1080p frame), each two walks of a few hundred samples.
const ALWAYS_CHECKED: usize = 16;

/// Whether `inner` lies inside `outer`.
fn contains(outer: &Region, inner: &Region) -> bool {
    outer.x0 <= inner.x0 && outer.y0 <= inner.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1
}

/// The union of the areas of every triple of `found` that could be one
/// code's corners, and those triples (least skewed first; see
/// [`ALWAYS_CHECKED`] for the ones left out); `None` if there is none.
fn code_corners_region(
    image: &Image<'_>,
    found: &[&Candidate],
) -> Option<(Region, Vec<CornerTriple>)> {
    // The geometry first (cheap), for every triple; then the timing
    // patterns (two walks each), least skewed first.
    let mut plausible: Vec<(f32, [&Candidate; 3])> = Vec::new();
    for (i, a) in found.iter().enumerate() {
        for (j, b) in found.iter().enumerate().skip(i + 1) {
            if modules_apart(a, b).is_none() {
                continue;
            }
            for c in &found[j + 1..] {
                let Some(corner) = corners_of_one_code(a, b, c) else {
                    continue;
                };
                let (corner, b, c) = match corner {
                    0 => (*a, *b, *c),
                    1 => (*b, *a, *c),
                    _ => (*c, *a, *b),
                };
                plausible.push((skew(corner, b, c), [corner, b, c]));
            }
        }
    }
    // Stable: equal skews keep the order found.
    plausible.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut region: Option<Region> = None;
    let mut triples = Vec::new();
    for (_, [corner, b, c]) in plausible {
        let area = code_area(corner, b, c);
        if triples.len() >= ALWAYS_CHECKED && region.is_some_and(|r| contains(&r, &area)) {
            continue;
        }
        // Both timing patterns must show: look-alikes in clutter
        // (keys, text, tiles) form plausible triples, rarely with
        // alternating modules between them.
        if !image.timing_shows(corner, b, c) || !image.timing_shows(corner, c, b) {
            continue;
        }
        region = Some(region.map_or(area, |r| r.union(area)));
        triples.push(CornerTriple {
            corner: (corner.x, corner.y),
            first: (b.x, b.y),
            second: (c.x, c.y),
            module: corner.module.max(b.module).max(c.module),
        });
    }
    region.map(|region| (region, triples))
}

/// [`find_code_region_in`] from the half-resolution copy itself (`half`,
/// `width / 2`×`height / 2`): the tests' shorthand.
#[cfg(test)]
pub(crate) fn find_code_region(
    pixels: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    half: &[u8],
) -> Verdict {
    let stats = BlockStats::of(half, width / 2, height / 2);
    find_code_region_in(pixels, width, height, stride, &stats)
}

/// Where `pixels` (`width`×`height`, rows `stride` apart) may hold a QR
/// code: three finder patterns, each crossed by enough scanned rows, placed
/// like one code's corners. `stats` are the [`BlockStats`] of the frame's
/// half-resolution copy (`width / 2`×`height / 2`, as
/// [`super::LumaFrame::halved_with_stats`] makes them with the copy);
/// stats of another size give [`Verdict::Anywhere`].
///
/// Contract: [`Verdict::NoCode`] only when no such triple is seen; a frame
/// with a readable code is expected to pass, with the code inside the
/// region (measured on the benchmark set, see the module documentation).
/// Cost: one pass over every 16th and one over every fourth
/// full-resolution row (and the rows between those near a possible
/// pattern: see [`scan_rows`]).
pub(crate) fn find_code_region_in(
    pixels: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    stats: &BlockStats,
) -> Verdict {
    if (stats.width, stats.height) != (width / 2, height / 2) {
        return Verdict::Anywhere;
    }
    let (image, found) = match counted_patterns(pixels, width, height, stride, stats) {
        Ok(scanned) => scanned,
        Err(verdict) => return verdict,
    };
    let counted: Vec<&Candidate> = found.iter().collect();
    match code_corners_region(&image, &counted) {
        Some((region, triples)) => Verdict::Within {
            region,
            triples,
            text: None,
        },
        // qr-blur: two real finder patterns whose blurred third the rows missed.
        None => super::pairs::completed_verdict(
            (pixels, width, height, stride),
            counted.iter().map(|c| (c.x, c.y, c.module)),
        ),
    }
}

impl<'a> Image<'a> {
    /// The frame (at least 2 blocks per side) with its noise estimate and
    /// block thresholds from `stats`, its half-resolution copy's.
    fn new(
        pixels: &'a [u8],
        width: usize,
        height: usize,
        stride: usize,
        stats: &BlockStats,
    ) -> Self {
        let (noise, spread) = noise_ratio(pixels, width, height, stride);
        // A nearly uniform frame (a few features on a flat background) has no
        // meaningful ratio: it is not noisy.
        let noisy = spread >= 8 && noise > NOISY;
        let min_mean_contrast =
            noisy.then(|| ((spread as f32 * NOISY_MEAN_CONTRAST_SHARE) as u32).max(3));
        Image {
            pixels,
            width,
            height,
            stride,
            thresholds: Thresholds::from_stats(stats, min_mean_contrast),
            min_total: if noisy {
                NOISY_MIN_PATTERN
            } else {
                MIN_PATTERN
            },
            min_ring_contrast: if noisy { 0.0 } else { MIN_RING_CONTRAST },
        }
    }
}

/// Which of the odd rows [`scan_rows`] reads.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RowOrder {
    /// Every odd row (what [`RowOrder::Sparse`] is measured against).
    #[cfg_attr(not(test), allow(dead_code))]
    Every,
    /// Every fourth row (1, 5, 9, ...), and the odd rows between them only
    /// next to one that shows a row hit worth walking (see [`scan_rows`]).
    Sparse,
}

/// The candidates the row scan finds on the odd rows (in row order), or
/// [`Verdict::Anywhere`] once more than [`MAX_TESTED`] count.
///
/// [`RowOrder::Sparse`] reads rows 1, 5, 9, ... (every fourth) in full, and
/// a row between two of them (3, 7, ...) only when one of those two shows a
/// row hit whose ring contrast would have it walked (see
/// [`Image::confirm`]). A finder pattern's centre spans 3 modules, so a
/// pattern of 1.4-pixel modules and up is crossed through its centre by at
/// least one row of every fourth; the rows next to it are then read too,
/// so it gets the same rows as reading every odd row. Rows of flat or
/// pattern-free areas (most of a frame) are read once in four instead of
/// once in two.
fn scan_rows(image: &Image<'_>, max_total: usize, order: RowOrder) -> Result<Found, Verdict> {
    let height = image.height;
    let mut found = Found::default();
    let mut rejected = vec![(0usize, 0.0f32); image.width];
    let mut bits = Vec::new();
    let (mut hits, mut ahead) = (Vec::new(), Vec::new());
    // The row `ahead` holds the hits of, and whether the every-fourth row
    // above the current one had a hit worth walking.
    let mut ahead_row = None;
    let mut above_walkable = false;
    let walkable = |y: usize, hits: &[RowHit]| {
        let row = &image.pixels[y * image.stride..][..image.width];
        hits.iter().any(|h| {
            image.min_ring_contrast <= 0.0
                || image.ring_contrast(
                    y,
                    &Hit {
                        row,
                        end: h.end,
                        runs: h.runs,
                    },
                ) >= image.min_ring_contrast
        })
    };
    for y in (1..height).step_by(2) {
        hits.clear();
        if order == RowOrder::Every {
            image.row_hits(y, max_total, &mut bits, &mut hits);
        } else if y % 4 == 1 {
            if ahead_row == Some(y) {
                std::mem::swap(&mut hits, &mut ahead);
            } else {
                image.row_hits(y, max_total, &mut bits, &mut hits);
            }
            above_walkable = walkable(y, &hits);
        } else {
            ahead.clear();
            ahead_row = None;
            let below = y + 2;
            let mut below_walkable = false;
            if below < height {
                image.row_hits(below, max_total, &mut bits, &mut ahead);
                ahead_row = Some(below);
                below_walkable = walkable(below, &ahead);
            }
            if above_walkable || below_walkable {
                image.row_hits(y, max_total, &mut bits, &mut hits);
            }
        }
        image.confirm_row(y, &hits, max_total, &mut found, &mut rejected);
        // Too many already: the rest of the frame cannot change that.
        if found.counted > MAX_TESTED {
            return Err(Verdict::Anywhere);
        }
    }
    Ok(found)
}

/// The frame with its thresholds, and the finder patterns the row scan
/// confirmed on enough rows ([`counts`]); `Err` with the verdict when that
/// alone decides it (a frame too small, or more than [`MAX_TESTED`]
/// patterns).
fn counted_patterns<'a>(
    pixels: &'a [u8],
    width: usize,
    height: usize,
    stride: usize,
    stats: &BlockStats,
) -> Result<(Image<'a>, Vec<Candidate>), Verdict> {
    if width < 2 * BLOCK || height < 2 * BLOCK {
        return Err(Verdict::Anywhere);
    }
    let image = Image::new(pixels, width, height, stride, stats);
    let max_total = height.min(width) / MAX_PATTERN_DIVISOR;
    let found = scan_rows(&image, max_total, RowOrder::Sparse)?;
    let counted: Vec<Candidate> = found.candidates.into_iter().filter(counts).collect();
    debug_assert_eq!(counted.len(), found.counted);
    if counted.len() > MAX_TESTED {
        return Err(Verdict::Anywhere);
    }
    Ok((image, counted))
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

    /// [`frame_with_finders`] with three patterns placed like a code's
    /// corners (`far` pixels apart, from the top-left one at `(x0, y0)`)
    /// and the two timing patterns between them (ISO/IEC 18004 §6.3.5:
    /// row and column 6, dark on even modules).
    fn frame_with_code_corners(
        side: usize,
        module: usize,
        (x0, y0): (usize, usize),
        far: usize,
    ) -> Vec<u8> {
        let mut pixels =
            frame_with_finders(side, module, &[(x0, y0), (x0 + far, y0), (x0, y0 + far)]);
        // The patterns' module (0, 0) lies one module in from each corner.
        let (ox, oy) = (x0 + module, y0 + module);
        for step in 8..far / module - 1 {
            let value = if step % 2 == 0 { 20 } else { 230 };
            for (mx, my) in [(step, 6), (6, step)] {
                for y in 0..module {
                    let row = (oy + my * module + y) * side;
                    pixels[row + ox + mx * module..][..module].fill(value);
                }
            }
        }
        pixels
    }

    fn check(pixels: &[u8], side: usize) -> bool {
        let frame = LumaFrame::packed(pixels, side as u32, side as u32).expect("valid");
        let (half, _, _) = frame.downscaled(2).expect("large enough");
        find_code_region(pixels, side, side, side, &half) != Verdict::NoCode
    }

    #[test]
    fn three_finder_patterns_pass() {
        for module in [2, 3, 5] {
            let far = 30 * module;
            let pixels = frame_with_code_corners(400, module, (40, 40), far);
            assert!(check(&pixels, 400), "module {module}");
            // The same patterns without the timing patterns between them
            // are look-alikes (keys, tiles), not a code.
            let pixels =
                frame_with_finders(400, module, &[(40, 40), (40 + far, 40), (40, 40 + far)]);
            assert!(!check(&pixels, 400), "module {module} without timing");
        }
    }

    /// The row scan reads runs 64 pixels at a time: patterns that straddle
    /// word boundaries, on a frame whose width is no multiple of 64, and one
    /// touching the right edge's last word, are found all the same.
    #[test]
    fn patterns_across_words_pass() {
        let side = 333;
        let pixels = frame_with_code_corners(side, 3, (50, 50), 90);
        assert!(check(&pixels, side));
        let pixels = frame_with_code_corners(side, 3, (120, 120), 186);
        assert!(check(&pixels, side));
    }

    /// A code's corners drawn with dark at `dark` and light at `light` on
    /// a 128 background, with black and white 2×2 specks every 16 pixels
    /// (off the rows the noise estimate reads) where the background shows:
    /// every block neighbourhood then spans 0 to 255.
    fn code_corners_among_specks(dark: u8, light: u8) -> Vec<u8> {
        let side = 400;
        let mut pixels = frame_with_code_corners(side, 4, (40, 40), 120);
        for p in &mut pixels {
            *p = match *p {
                20 => dark,
                230 => light,
                other => other,
            };
        }
        for (offset, value) in [(2, 0u8), (10, 255)] {
            for y in (offset..side - 1).step_by(16) {
                for x in (offset..side - 1).step_by(16) {
                    let cells = [(x, y), (x + 1, y), (x, y + 1), (x + 1, y + 1)];
                    if cells.iter().all(|&(cx, cy)| pixels[cy * side + cx] == 128) {
                        for (cx, cy) in cells {
                            pixels[cy * side + cx] = value;
                        }
                    }
                }
            }
        }
        pixels
    }

    /// The patterns [`scan_rows`] counts in `pixels` (a packed square or
    /// not) reading rows in `order`.
    fn counted_in(pixels: &[u8], width: usize, height: usize, order: RowOrder) -> Vec<Candidate> {
        let frame = LumaFrame::packed(pixels, width as u32, height as u32).expect("valid");
        let (half, _, _) = frame.downscaled(2).expect("large enough");
        let stats = BlockStats::of(&half, width / 2, height / 2);
        let image = Image::new(pixels, width, height, width, &stats);
        let max_total = width.min(height) / MAX_PATTERN_DIVISOR;
        let found = scan_rows(&image, max_total, order).expect("few patterns");
        found.candidates.into_iter().filter(counts).collect()
    }

    /// Both lists hold the same patterns, in order, centres within half a
    /// module.
    fn same_patterns(every: &[Candidate], sparse: &[Candidate], case: &str) {
        assert_eq!(every.len(), sparse.len(), "{case}: {every:?} {sparse:?}");
        for (a, b) in every.iter().zip(sparse) {
            assert!(
                (a.x - b.x).hypot(a.y - b.y) <= 0.5 * a.module,
                "{case}: {a:?} {b:?}"
            );
        }
    }

    /// Reading every fourth row, and the rows between only near a row hit,
    /// finds the patterns reading every odd row finds, whatever the
    /// patterns' offset against the rows read: the same patterns, centres
    /// within half a module of each other; and the triple's centres lie
    /// within a module of the drawn ones (the search's centres are whole
    /// pixels, rounded down).
    #[test]
    fn sparse_rows_find_the_patterns_every_row_finds() {
        let side = 400;
        for module in [2usize, 3, 4, 5] {
            for offset in 0..4 {
                let (x0, y0) = (40 + 3 * offset, 37 + offset);
                let far = 24 * module;
                let pixels = frame_with_code_corners(side, module, (x0, y0), far);
                let case = format!("module {module} offset {offset}");
                let every = counted_in(&pixels, side, side, RowOrder::Every);
                same_patterns(
                    &every,
                    &counted_in(&pixels, side, side, RowOrder::Sparse),
                    &case,
                );
                let frame = LumaFrame::packed(&pixels, side as u32, side as u32).expect("valid");
                let (half, _, _) = frame.downscaled(2).expect("large enough");
                let Verdict::Within { triples, .. } =
                    find_code_region(&pixels, side, side, side, &half)
                else {
                    panic!("{case}: a code's corners must give a region: {every:?}");
                };
                // Pattern centres: 4.5 modules in from each drawn corner.
                let centre = |x: usize, y: usize| {
                    let inset = 4.5 * module as f32;
                    (x as f32 + inset, y as f32 + inset)
                };
                let centres = [centre(x0, y0), centre(x0 + far, y0), centre(x0, y0 + far)];
                let near = |(x, y): (f32, f32), (cx, cy): (f32, f32)| {
                    (x - cx).hypot(y - cy) <= module as f32
                };
                let triple = triples.first().expect("a triple");
                assert!(near(triple.corner, centres[0]), "{case}: {triple:?}");
                assert!(
                    near(triple.first, centres[1]) && near(triple.second, centres[2])
                        || near(triple.first, centres[2]) && near(triple.second, centres[1]),
                    "{case}: {triple:?} {centres:?}"
                );
            }
        }
    }

    /// A camera frame of the benchmark's small class with 1.6-pixel modules
    /// (`small/037`, its smallest): every fourth row finds the patterns
    /// every odd row finds, and the code's corners.
    #[test]
    fn sparse_rows_find_a_code_of_1_6_pixel_modules() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/qr/camera-small-1.6px.png"
        );
        let picture = image::open(path).expect("fixture").into_luma8();
        let (width, height) = picture.dimensions();
        let pixels = picture.into_raw();
        let (w, h) = (width as usize, height as usize);
        let every = counted_in(&pixels, w, h, RowOrder::Every);
        same_patterns(
            &every,
            &counted_in(&pixels, w, h, RowOrder::Sparse),
            "small/037",
        );
        assert!(every.len() >= 3, "{every:?}");
        assert!(every.iter().any(|c| c.module < 1.8), "{every:?}");
        let frame = LumaFrame::packed(&pixels, width, height).expect("valid");
        let (half, _, _) = frame.downscaled(2).expect("large enough");
        assert!(matches!(
            find_code_region(&pixels, w, h, w, &half),
            Verdict::Within { .. }
        ));
    }

    /// Faint texture (a desk's wood grain) can cross the block threshold in
    /// the 1:1:3:1:1 ratio on rows, columns and diagonals; its rings differ
    /// from its centre by a few hundredths of the neighbourhood's spread, a
    /// printed pattern's by most of it. The faint look-alike is rejected
    /// before its column is walked; the same layout at print contrast passes.
    #[test]
    fn faint_look_alikes_are_rejected() {
        assert!(check(&code_corners_among_specks(20, 230), 400));
        assert!(!check(&code_corners_among_specks(122, 134), 400));
    }

    /// Strong sensor noise with salt and pepper around a dim grey, as a
    /// camera gives in a dark room: chance 1:1:3:1:1 runs everywhere.
    fn noisy_frame(side: usize, seed: u64) -> Vec<u8> {
        let mut state = seed;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        (0..side * side)
            .map(|_| {
                let roll = next() % 100;
                if roll == 0 {
                    return 0;
                }
                if roll == 99 {
                    return 255;
                }
                // The sum of four uniforms: roughly normal, sigma about 28.
                let sum: i32 = (0..4).map(|_| (next() % 97) as i32).sum();
                (110 + sum - 194).clamp(0, 255) as u8
            })
            .collect()
    }

    /// The separable neighbourhood equals the plain 3×3 definition (cut at
    /// the edges) on grids of one column and of one row (the grids are
    /// always whole rows: `columns`×`rows` blocks).
    #[test]
    fn neighbourhood_matches_its_definition() {
        for columns in [1usize, 2, 3, 7] {
            for len in [columns, 3 * columns, 4 * columns] {
                let values: Vec<u32> = (0..len as u32)
                    .map(|i| i.wrapping_mul(2_654_435_761) % 997)
                    .collect();
                for (combine, start) in [
                    (u32::wrapping_add as fn(u32, u32) -> u32, 0),
                    (u32::max, 0),
                    (u32::min, u32::MAX),
                ] {
                    let want: Vec<u32> = (0..len)
                        .map(|i| {
                            let (x, y) = ((i % columns) as isize, (i / columns) as isize);
                            let mut acc = start;
                            for (dx, dy) in (-1..=1).flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)))
                            {
                                let (nx, ny) = (x + dx, y + dy);
                                let j = ny * columns as isize + nx;
                                if nx >= 0 && nx < columns as isize && ny >= 0 && j < len as isize {
                                    acc = combine(acc, values[j as usize]);
                                }
                            }
                            acc
                        })
                        .collect();
                    assert_eq!(
                        neighbourhood(&values, columns, combine),
                        want,
                        "{columns} {len}"
                    );
                }
            }
        }
    }

    /// The noise estimate equals its definition: the mean step between
    /// horizontal neighbours over every 16th row, and the 2nd-98th
    /// percentile spread of every 32nd row's pixels; a noisy frame still
    /// counts as noisy and a clean one as clean.
    #[test]
    fn noise_estimate_matches_its_definition() {
        let naive = |pixels: &[u8], width: usize, height: usize, stride: usize| {
            let (mut steps, mut count) = (0u64, 0u64);
            let mut levels = Vec::new();
            for y in (0..height).step_by(16) {
                let row = &pixels[y * stride..][..width];
                for x in 1..width {
                    steps += u64::from(row[x].abs_diff(row[x - 1]));
                    count += 1;
                }
                if y % 32 == 0 {
                    levels.extend_from_slice(row);
                }
            }
            levels.sort_unstable();
            let cut = levels.len() / 50;
            let (low, high) = (levels[cut], levels[levels.len() - 1 - cut]);
            let spread = u32::from(high.saturating_sub(low)).max(1);
            ((steps as f32 / count as f32) / spread as f32, spread)
        };
        let clean = frame_with_code_corners(640, 4, (200, 150), 120);
        let noisy = noisy_frame(480, 7);
        // A padded copy of the clean frame, odd width and height.
        let (width, height, stride) = (601, 587, 613);
        let mut padded = vec![0u8; stride * height];
        for y in 0..height {
            padded[y * stride..][..width].copy_from_slice(&clean[y * 640..][..width]);
        }
        for (pixels, width, height, stride, is_noisy) in [
            (&clean[..], 640, 640, 640, false),
            (&noisy[..], 480, 480, 480, true),
            (&padded[..], width, height, stride, false),
        ] {
            let (ratio, spread) = noise_ratio(pixels, width, height, stride);
            let (want_ratio, want_spread) = naive(pixels, width, height, stride);
            assert_eq!(spread, want_spread);
            assert!((ratio - want_ratio).abs() < 1e-5, "{ratio} {want_ratio}");
            assert_eq!(spread >= 8 && ratio > NOISY, is_noisy, "{ratio} {spread}");
        }
    }

    #[test]
    fn sensor_noise_is_rejected() {
        for seed in 1..4 {
            let pixels = noisy_frame(480, seed);
            assert!(!check(&pixels, 480), "seed {seed}");
        }
    }

    #[test]
    fn the_region_holds_the_three_patterns() {
        let (module, far) = (4, 120);
        let corners = [(200, 150), (200 + far, 150), (200, 150 + far)];
        let pixels = frame_with_code_corners(640, module, corners[0], far);
        let frame = LumaFrame::packed(&pixels, 640, 640).expect("valid");
        let (half, _, _) = frame.downscaled(2).expect("large enough");
        let Verdict::Within {
            region, triples, ..
        } = find_code_region(&pixels, 640, 640, 640, &half)
        else {
            panic!("three corner patterns must give a region");
        };
        // The triple names the right-angle pattern and the other two, with
        // the module size: what a sampler needs to lay the grid.
        let triple = triples.first().expect("the triple behind the region");
        let near = |(px, py): (f32, f32), (x, y): (usize, usize)| {
            let centre = (
                x as f32 + 4.5 * module as f32,
                y as f32 + 4.5 * module as f32,
            );
            (px - centre.0).hypot(py - centre.1) < 2.0 * module as f32
        };
        assert!(near(triple.corner, corners[0]), "{triple:?}");
        assert!(
            near(triple.first, corners[1]) && near(triple.second, corners[2])
                || near(triple.first, corners[2]) && near(triple.second, corners[1]),
            "{triple:?}"
        );
        assert!((3.0..=5.0).contains(&triple.module), "{triple:?}");
        for (x, y) in corners {
            let (x1, y1) = (x + 9 * module, y + 9 * module);
            assert!(region.x0 <= x as f32 && region.y0 <= y as f32, "{region:?}");
            assert!(
                region.x1 >= x1 as f32 && region.y1 >= y1 as f32,
                "{region:?}"
            );
        }
        // The fourth corner of the code, too.
        assert!(region.x1 >= (200 + far + 9 * module) as f32);
        assert!(region.y1 >= (150 + far + 9 * module) as f32);
    }

    #[test]
    fn flat_and_lone_patterns_are_rejected() {
        assert!(!check(&vec![200u8; 400 * 400], 400));
        let lone = frame_with_finders(400, 4, &[(100, 100)]);
        assert!(!check(&lone, 400));
        // Three in a row are not a code's corners.
        let row = frame_with_finders(600, 3, &[(20, 100), (200, 100), (380, 100)]);
        assert!(!check(&row, 600));
    }

    /// Measures the search alone over the benchmark frames
    /// (`tests/qr/make_frames.py`; `WARD_QR_FRAMES` names another set):
    /// per class, how many frames pass it and the median over frames of its
    /// time per frame (the half-resolution copy it reads included, as on the
    /// camera path): the least wall-clock time of `WARD_GATE_REPEAT` runs (5),
    /// which stays close to the CPU time on a shared machine (the crate
    /// forbids `unsafe`, so no thread CPU clock here).
    /// `WARD_GATE_DUMP=file` writes one line per frame (verdict, triples).
    /// Not a timed test: it asserts nothing about time. Run it with
    /// `cargo test --release -p ward-core --lib qr::precheck::tests::gate_over_the_benchmark_frames -- --ignored --nocapture`.
    #[test]
    #[ignore = "needs the generated frame set; a measurement, run by hand"]
    fn gate_over_the_benchmark_frames() {
        use std::collections::BTreeMap;
        use std::fmt::Write as _;
        let (dir, frames) = crate::qr::benchmark_frames::manifest();
        let repeat: usize = std::env::var("WARD_GATE_REPEAT")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(5);
        let mut per_class: BTreeMap<String, (usize, usize, Vec<f64>)> = BTreeMap::new();
        let (mut nocode_ms, mut code_ms) = (Vec::new(), Vec::new());
        let mut dump = String::new();
        for entry in &frames {
            let file = entry["file"].as_str().expect("file");
            let class = entry["class"].as_str().expect("class").to_string();
            let (pixels, width, height) = crate::qr::benchmark_frames::luma(&dir, file);
            let frame = LumaFrame::packed(&pixels, width, height).expect("valid");
            let mut times = Vec::new();
            let mut verdict = Verdict::NoCode;
            for _ in 0..repeat {
                let start = std::time::Instant::now();
                let (half, _, _) = frame.downscaled(2).expect("large enough");
                verdict = find_code_region(
                    &pixels,
                    width as usize,
                    height as usize,
                    width as usize,
                    &half,
                );
                times.push(start.elapsed().as_secs_f64() * 1e3);
            }
            let ms = times.iter().copied().fold(f64::INFINITY, f64::min);
            let passed = verdict != Verdict::NoCode;
            let slot = per_class.entry(class.clone()).or_default();
            slot.0 += 1;
            slot.1 += usize::from(passed);
            slot.2.push(ms);
            if class == "nocode" {
                nocode_ms.push(ms);
            } else {
                code_ms.push(ms);
            }
            let _ = write!(dump, "{file} {ms:.2} ");
            match &verdict {
                Verdict::NoCode => dump.push_str("nocode"),
                Verdict::Anywhere => dump.push_str("anywhere"),
                Verdict::Within { triples, .. } => {
                    dump.push_str("within");
                    for t in triples {
                        let _ = write!(
                            dump,
                            " {:.1},{:.1};{:.1},{:.1};{:.1},{:.1};{:.2}",
                            t.corner.0,
                            t.corner.1,
                            t.first.0,
                            t.first.1,
                            t.second.0,
                            t.second.1,
                            t.module
                        );
                    }
                }
            }
            dump.push('\n');
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(0.0)
        };
        for (class, (total, passed, times)) in &mut per_class {
            println!(
                "{class:12} passed {passed:3}/{total:3}  median {:.2} ms",
                median(times)
            );
        }
        println!(
            "median gate ms: nocode {:.2}, with a code {:.2}",
            median(&mut nocode_ms),
            median(&mut code_ms)
        );
        if let Ok(path) = std::env::var("WARD_GATE_DUMP") {
            std::fs::write(path, dump).expect("dump");
        }
    }

    /// Where the search's time goes over the benchmark frames (hand-run,
    /// like [`gate_over_the_benchmark_frames`]): per phase the median over
    /// frames with a code and without of the least of `WARD_GATE_REPEAT`
    /// runs; and every odd row against [`RowOrder::Sparse`]: the counted
    /// patterns must agree to within half a module.
    /// `cargo test --release -p ward-core --lib qr::precheck::tests::search_phases_over_the_benchmark_frames -- --ignored --nocapture`
    #[test]
    #[ignore = "needs the generated frame set; a measurement, run by hand"]
    fn search_phases_over_the_benchmark_frames() {
        let (dir, frames) = crate::qr::benchmark_frames::manifest();
        let repeat: usize = std::env::var("WARD_GATE_REPEAT")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(5);
        const PHASES: [&str; 6] = ["half", "noise", "thresholds", "rows", "sparse", "triples"];
        let mut times: [[Vec<f64>; 6]; 2] = Default::default();
        let mut differ = 0;
        for entry in &frames {
            let file = entry["file"].as_str().expect("file");
            let code = entry["class"].as_str() != Some("nocode");
            let (pixels, width, height) = crate::qr::benchmark_frames::luma(&dir, file);
            let frame = LumaFrame::packed(&pixels, width, height).expect("valid");
            let (w, h) = (width as usize, height as usize);
            let mut best = [f64::INFINITY; 6];
            let mut outcomes = Vec::new();
            for _ in 0..repeat {
                let mut lap = std::time::Instant::now();
                let mut mark = |phase: usize, best: &mut [f64; 6]| {
                    let now = std::time::Instant::now();
                    best[phase] = best[phase].min((now - lap).as_secs_f64() * 1e3);
                    lap = now;
                };
                let (half, _, _, stats) = frame.halved_with_stats().expect("large enough");
                let _ = std::hint::black_box(half);
                mark(0, &mut best);
                let _ = std::hint::black_box(noise_ratio(&pixels, w, h, w));
                mark(1, &mut best);
                let image = Image::new(&pixels, w, h, w, &stats);
                mark(2, &mut best);
                let max_total = h.min(w) / MAX_PATTERN_DIVISOR;
                let every = scan_rows(&image, max_total, RowOrder::Every);
                mark(3, &mut best);
                let sparse = scan_rows(&image, max_total, RowOrder::Sparse);
                mark(4, &mut best);
                if let Ok(found) = &sparse {
                    let counted: Vec<&Candidate> =
                        found.candidates.iter().filter(|c| counts(c)).collect();
                    if counted.len() <= MAX_TESTED {
                        let _ = std::hint::black_box(code_corners_region(&image, &counted));
                    }
                }
                mark(5, &mut best);
                outcomes = vec![every, sparse];
            }
            // Thresholds include the noise estimate in `Image::new`.
            best[2] = (best[2] - best[1]).max(0.0);
            for (phase, ms) in best.iter().enumerate() {
                times[usize::from(code)][phase].push(*ms);
            }
            let summary = |r: &Result<Found, Verdict>| match r {
                Err(_) => None,
                Ok(found) => Some(
                    found
                        .candidates
                        .iter()
                        .filter(|c| counts(c))
                        .map(|c| (c.x, c.y, c.module))
                        .collect::<Vec<_>>(),
                ),
            };
            let (every, sparse) = (summary(&outcomes[0]), summary(&outcomes[1]));
            let same = match (&every, &sparse) {
                (None, None) => true,
                (Some(a), Some(b)) => {
                    a.len() == b.len()
                        && a.iter().all(|p| {
                            b.iter()
                                .any(|q| (p.0 - q.0).hypot(p.1 - q.1) <= 0.5 * p.2.max(1.0))
                        })
                }
                _ => false,
            };
            if !same {
                differ += 1;
                println!(
                    "{file}: every {:?}\n  sparse {:?}",
                    every.as_ref().map(|v| v.len()),
                    sparse.as_ref().map(|v| v.len())
                );
            }
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(0.0)
        };
        for (code, label) in [(1, "with a code"), (0, "no code")] {
            let line: Vec<String> = (0..6)
                .map(|p| format!("{} {:.3}", PHASES[p], median(&mut times[code][p])))
                .collect();
            println!("{label}: {}", line.join(", "));
        }
        println!("frames whose counted patterns differ: {differ}");
    }

    /// The block thresholds (per-column bands, separable neighbourhoods)
    /// equal the plain definition: per block, the mean of its 3×3
    /// neighbourhood's pixels, or 0 where that neighbourhood is flat; on
    /// sizes that are no multiple of a block too, noisy or not.
    #[test]
    fn thresholds_match_their_definition() {
        for (width, height) in [(64usize, 48usize), (67, 45), (9, 7), (130, 17)] {
            let half: Vec<u8> = (0..width * height)
                .map(|i| {
                    ((i * 7919 + (i / width) * 31) % 251) as u8 / if i % 5 == 0 { 1 } else { 4 }
                })
                .collect();
            for noisy in [None, Some(12)] {
                let side = BLOCK / 2;
                let (columns, rows) = (width.div_ceil(side), height.div_ceil(side));
                let half = &half;
                let block = |bx: usize, by: usize| {
                    let pixels: Vec<u32> = (by * side..((by + 1) * side).min(height))
                        .flat_map(|y| {
                            (bx * side..((bx + 1) * side).min(width))
                                .map(move |x| u32::from(half[y * width + x]))
                        })
                        .collect();
                    pixels
                };
                let thresholds = Thresholds::new(half, width, height, noisy);
                for by in 0..rows {
                    for bx in 0..columns {
                        let near: Vec<Vec<u32>> = (by.saturating_sub(1)..(by + 2).min(rows))
                            .flat_map(|ny| {
                                (bx.saturating_sub(1)..(bx + 2).min(columns))
                                    .map(move |nx| (nx, ny))
                            })
                            .map(|(nx, ny)| block(nx, ny))
                            .collect();
                        let all: Vec<u32> = near.iter().flatten().copied().collect();
                        let means: Vec<u32> = near
                            .iter()
                            .map(|b| b.iter().sum::<u32>() / b.len() as u32)
                            .collect();
                        let spread = |v: &[u32]| v.iter().max().unwrap() - v.iter().min().unwrap();
                        let structured = match noisy {
                            Some(min) => spread(&means) >= min,
                            None => spread(&all) >= u32::from(MIN_CONTRAST),
                        };
                        let expected = if structured {
                            (all.iter().sum::<u32>() / all.len() as u32) as u8
                        } else {
                            0
                        };
                        assert_eq!(
                            thresholds.values[by * columns + bx],
                            expected,
                            "{width}x{height} block ({bx}, {by}) noisy {noisy:?}"
                        );
                    }
                }
            }
        }
    }

    /// Skipping the timing check of triples inside the region so far
    /// (past the [`ALWAYS_CHECKED`] least skewed) changes neither the
    /// region nor the least skewed triples: against checking every triple,
    /// on the camera fixtures (the blurred one has 50 plausible triples, 26
    /// of them checked).
    #[test]
    fn skipped_triples_change_neither_region_nor_the_best() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/qr/");
        for name in ["aws-photo.jpg", "camera-blur.png", "url-code.png"] {
            let picture = image::open(format!("{dir}{name}"))
                .expect("fixture")
                .into_luma8();
            let (width, height) = picture.dimensions();
            let pixels = picture.into_raw();
            let frame = LumaFrame::packed(&pixels, width, height).expect("valid");
            let (half, _, _) = frame.downscaled(2).expect("large enough");
            let (w, h) = (width as usize, height as usize);
            let stats = BlockStats::of(&half, w / 2, h / 2);
            let Ok((image, found)) = counted_patterns(&pixels, w, h, w, &stats) else {
                panic!("{name}: patterns expected");
            };
            // Every plausible triple checked, in the order found.
            let mut all: Vec<(f32, CornerTriple)> = Vec::new();
            let mut region: Option<Region> = None;
            for (i, a) in found.iter().enumerate() {
                for (j, b) in found.iter().enumerate().skip(i + 1) {
                    for c in &found[j + 1..] {
                        let Some(corner) = corners_of_one_code(a, b, c) else {
                            continue;
                        };
                        let (corner, b, c) = match corner {
                            0 => (a, b, c),
                            1 => (b, a, c),
                            _ => (c, a, b),
                        };
                        if image.timing_shows(corner, b, c) && image.timing_shows(corner, c, b) {
                            let area = code_area(corner, b, c);
                            region = Some(region.map_or(area, |r| r.union(area)));
                            let triple = CornerTriple {
                                corner: (corner.x, corner.y),
                                first: (b.x, b.y),
                                second: (c.x, c.y),
                                module: corner.module.max(b.module).max(c.module),
                            };
                            all.push((skew(corner, b, c), triple));
                        }
                    }
                }
            }
            all.sort_by(|x, y| x.0.total_cmp(&y.0));
            let counted: Vec<&Candidate> = found.iter().collect();
            let (fast_region, triples) = code_corners_region(&image, &counted).expect(name);
            assert_eq!(Some(fast_region), region, "{name}");
            let best: Vec<CornerTriple> =
                all.iter().map(|&(_, t)| t).take(ALWAYS_CHECKED).collect();
            assert_eq!(&triples[..best.len()], &best[..], "{name}");
            assert!(triples.len() <= all.len(), "{name}");
        }
    }

    /// [`Image::timing_shows`] stops walking as soon as its answer is
    /// known: it must give the answer of counting every sample (the share
    /// of colour changes against [`MIN_TIMING_SHARE`], 0 when a sample
    /// falls outside the frame), on a code's corners and on noise, for
    /// patterns placed anywhere (partly outside too).
    #[test]
    fn timing_check_matches_the_full_count() {
        fn share(
            image: &Image<'_>,
            corner: &Candidate,
            along: &Candidate,
            towards: &Candidate,
        ) -> f32 {
            let module = (corner.module + along.module) / 2.0;
            let (ux, uy) = (along.x - corner.x, along.y - corner.y);
            let (vx, vy) = (towards.x - corner.x, towards.y - corner.y);
            let (leg, side) = (ux.hypot(uy), vx.hypot(vy));
            if leg < 1.0 || side < 1.0 {
                return 0.0;
            }
            let (ux, uy, vx, vy) = (ux / leg, uy / leg, vx / side, vy / side);
            let length = leg - 9.0 * module;
            if length < module {
                return 0.0;
            }
            let (x0, y0) = (
                corner.x + 3.0 * module * vx + 4.5 * module * ux,
                corner.y + 3.0 * module * vy + 4.5 * module * uy,
            );
            let step = (module / 3.0).min(1.0);
            let (mut changes, mut last) = (0usize, None);
            for i in 0..=(length / step) as usize {
                let t = i as f32 * step;
                let (x, y) = (x0 + t * ux, y0 + t * uy);
                if x < 0.0 || y < 0.0 || x as usize >= image.width || y as usize >= image.height {
                    return 0.0;
                }
                let dark = image.dark(x as usize, y as usize);
                changes += usize::from(last.is_some_and(|l| l != dark));
                last = Some(dark);
            }
            changes as f32 / (length / module)
        }
        let side = 400;
        for pixels in [
            frame_with_code_corners(side, 4, (40, 40), 160),
            noisy_frame(side, 7),
        ] {
            let frame = LumaFrame::packed(&pixels, side as u32, side as u32).expect("valid");
            let (half, _, _) = frame.downscaled(2).expect("large enough");
            let image = Image {
                pixels: &pixels,
                width: side,
                height: side,
                stride: side,
                thresholds: Thresholds::new(&half, side / 2, side / 2, None),
                min_total: MIN_PATTERN,
                min_ring_contrast: 0.0,
            };
            let at = |x: f32, y: f32, module: f32| Candidate {
                x,
                y,
                module,
                rows: 3,
                last_row: 0,
            };
            let (mut shown, mut total) = (0, 0);
            for dx in (-60..=60).step_by(5) {
                for dy in (-60..=60).step_by(15) {
                    for module in [2.0, 3.5, 4.0, 4.5] {
                        let corner = at(58.0 + dx as f32, 58.0 + dy as f32, module);
                        let right = at(218.0 + dx as f32 / 2.0, 58.0, module);
                        let down = at(58.0, 218.0 + dy as f32, module);
                        for (along, towards) in [(&right, &down), (&down, &right)] {
                            let expected =
                                share(&image, &corner, along, towards) >= MIN_TIMING_SHARE;
                            assert_eq!(
                                image.timing_shows(&corner, along, towards),
                                expected,
                                "{corner:?} {along:?} {towards:?}"
                            );
                            shown += usize::from(expected);
                            total += 1;
                        }
                    }
                }
            }
            // Both answers occur (the comparison means something).
            assert!(shown > 0 || total == 0);
        }
    }

    /// The eight-at-a-time comparison equals the plain one, for every
    /// pixel value against every threshold and on short chunks.
    #[test]
    fn dark_mask_matches_its_definition() {
        let pixels: Vec<u8> = (0..=255u8).collect();
        for threshold in 0..=255u8 {
            for chunk in pixels.chunks(16).chain(pixels[3..].chunks(13)) {
                let expected = (chunk.iter().enumerate())
                    .fold(0u64, |m, (i, &p)| m | u64::from(p < threshold) << i);
                assert_eq!(dark_mask(chunk, threshold), expected, "{threshold}");
            }
        }
    }

    /// A word's mask (four blocks, each against its own threshold, 0 for
    /// a flat block) equals the pixel-by-pixel definition.
    #[test]
    fn word_dark_mask_matches_its_definition() {
        let pixels: Vec<u8> = (0..64 * 8u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        for word in pixels.chunks_exact(64) {
            let word: &[u8; 64] = word.try_into().expect("64 pixels");
            for t in 0..=64u8 {
                let thresholds = [t.wrapping_mul(4), 0, 255 - t, t.wrapping_mul(37)];
                let expected = (word.iter().enumerate()).fold(0u64, |m, (i, &p)| {
                    m | u64::from(p < thresholds[i / BLOCK]) << i
                });
                assert_eq!(
                    word_dark_mask(word, &thresholds),
                    expected,
                    "{thresholds:?}"
                );
            }
        }
    }

    /// The row's bits, built a word at a time, are the pixel-by-pixel
    /// definition (a pixel below its block's threshold is dark) on widths
    /// that end inside a word and inside a block, rows padded or not:
    /// the same row hits as runs read pixel by pixel.
    #[test]
    fn row_bits_match_their_definition() {
        for (width, height, stride) in [(200usize, 48usize, 200usize), (150, 45, 161), (77, 50, 80)]
        {
            let pixels: Vec<u8> = (0..stride * height)
                .map(|i| (((i * 7919) >> 3) % 256) as u8 / if i % 3 == 0 { 1 } else { 6 })
                .collect();
            let half = LumaFrame::new(&pixels, width as u32, height as u32, stride)
                .expect("valid")
                .downscaled(2)
                .expect("large enough")
                .0;
            let stats = BlockStats::of(&half, width / 2, height / 2);
            let image = Image::new(&pixels, width, height, stride, &stats);
            let (mut bits, mut hits) = (Vec::new(), Vec::new());
            for y in 0..height {
                image.row_hits(y, width, &mut bits, &mut hits);
                for x in 0..width {
                    let bit = bits[x / 64] >> (x % 64) & 1 == 1;
                    assert_eq!(
                        bit,
                        image.dark(x, y),
                        "{width}x{height}/{stride} ({x}, {y})"
                    );
                }
                assert!(
                    bits.iter()
                        .flat_map(|w| (0..64).map(move |i| (w >> i) & 1))
                        .skip(width)
                        .all(|b| b == 0)
                );
            }
        }
    }

    /// Odd sizes, padded rows and tiny frames: never a panic, and a padded
    /// frame gets the verdict of the same pixels packed.
    #[test]
    fn any_geometry_is_safe_and_padding_changes_nothing() {
        let code = frame_with_code_corners(400, 3, (30, 30), 120);
        for (width, height, pad) in [
            (400usize, 400usize, 0usize),
            (399, 397, 5),
            (333, 201, 64),
            (33, 33, 1),
            (31, 200, 3),
            (200, 31, 0),
            (65, 64, 7),
        ] {
            let stride = width + pad;
            let mut padded = vec![255u8; stride * (height - 1) + width];
            let mut packed = Vec::with_capacity(width * height);
            for y in 0..height {
                let row = &code[y * 400..][..width];
                padded[y * stride..][..width].copy_from_slice(row);
                packed.extend_from_slice(row);
            }
            let half = LumaFrame::new(&padded, width as u32, height as u32, stride)
                .expect("valid")
                .downscaled(2)
                .map(|(half, _, _)| half)
                .unwrap_or_else(|| vec![0; (width / 2) * (height / 2)]);
            let verdict = find_code_region(&padded, width, height, stride, &half);
            assert_eq!(
                verdict,
                find_code_region(&packed, width, height, width, &half),
                "{width}x{height}+{pad}"
            );
            if (width, height) == (400, 400) {
                assert!(matches!(verdict, Verdict::Within { .. }));
            }
        }
    }

    #[test]
    fn tiny_frames_are_left_to_the_decoder() {
        let pixels = vec![0u8; 20 * 20];
        assert_eq!(
            find_code_region(&pixels, 20, 20, 20, &[0u8; 100]),
            Verdict::Anywhere
        );
    }
}
