//! A borrowed 8-bit luma (grayscale) frame, as cameras hand it over, and the
//! downscaled copies the decoder tries first.

use super::QrError;

/// The widest or tallest frame accepted, in pixels.
pub const MAX_SIDE: u32 = 16_384;

/// The most pixels accepted in one frame (64 megapixels): larger photos
/// should be scaled down by the app before decoding.
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// One 8-bit luma plane, borrowed without copying: exactly Android's
/// `ImageReader` Y plane (`Image.getPlanes()[0]`, pixel stride 1) or iOS's
/// `CVPixelBuffer` plane 0 of a bi-planar 4:2:0 buffer.
///
/// Pixel `(x, y)` is `data[y * row_stride + x]`; 0 is black, 255 white.
/// Bytes past `width` in a row (padding) are never read. The last row may
/// stop at `width` (Android's buffers often do).
#[derive(Clone, Copy)]
pub struct LumaFrame<'a> {
    data: &'a [u8],
    width: u32,
    height: u32,
    row_stride: usize,
}

impl std::fmt::Debug for LumaFrame<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LumaFrame")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("row_stride", &self.row_stride)
            .finish_non_exhaustive()
    }
}

impl<'a> LumaFrame<'a> {
    /// Checks the geometry against the buffer and borrows it.
    ///
    /// Errors with [`QrError::BadFrame`] when a side is 0, `row_stride <
    /// width`, the buffer is shorter than `row_stride * (height - 1) +
    /// width`, or the frame is larger than [`MAX_SIDE`] per side or
    /// [`MAX_PIXELS`] in all.
    pub fn new(
        data: &'a [u8],
        width: u32,
        height: u32,
        row_stride: usize,
    ) -> Result<Self, QrError> {
        if width == 0 || height == 0 {
            return Err(QrError::BadFrame("the frame has no pixels (a side is 0)"));
        }
        if width > MAX_SIDE
            || height > MAX_SIDE
            || u64::from(width) * u64::from(height) > MAX_PIXELS
        {
            return Err(QrError::BadFrame(
                "the frame is too large: scale it below 64 megapixels first",
            ));
        }
        let width_px = width as usize;
        if row_stride < width_px {
            return Err(QrError::BadFrame(
                "the row stride is smaller than the width",
            ));
        }
        let needed = row_stride
            .checked_mul(height as usize - 1)
            .and_then(|rows| rows.checked_add(width_px));
        match needed {
            Some(needed) if needed <= data.len() => Ok(LumaFrame {
                data,
                width,
                height,
                row_stride,
            }),
            _ => Err(QrError::BadFrame(
                "the buffer is shorter than width, height and row stride say",
            )),
        }
    }

    /// A tightly packed frame (`row_stride == width`).
    pub fn packed(data: &'a [u8], width: u32, height: u32) -> Result<Self, QrError> {
        Self::new(data, width, height, width as usize)
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The pixels as one contiguous `width * height` slice, if the frame
    /// is packed (then nothing is copied).
    pub(crate) fn contiguous(&self) -> Option<&'a [u8]> {
        if self.row_stride == self.width as usize {
            self.data.get(..self.width as usize * self.height as usize)
        } else {
            None
        }
    }

    /// The part of the frame `x0..x0 + width` × `y0..y0 + height`, borrowed
    /// without copying (same buffer and row stride); `None` when it does not
    /// lie inside the frame or is empty.
    pub(crate) fn crop(&self, x0: u32, y0: u32, width: u32, height: u32) -> Option<LumaFrame<'a>> {
        if x0.checked_add(width)? > self.width || y0.checked_add(height)? > self.height {
            return None;
        }
        let start = y0 as usize * self.row_stride + x0 as usize;
        LumaFrame::new(self.data.get(start..)?, width, height, self.row_stride).ok()
    }

    /// The borrowed buffer and its row stride (pixel `(x, y)` is at
    /// `y * stride + x`).
    pub(crate) fn raw(&self) -> (&'a [u8], usize) {
        (self.data, self.row_stride)
    }

    /// The luma at `(x, y)` in pixel-edge coordinates (pixel `(i, j)` covers
    /// `i..i + 1` × `j..j + 1`), interpolated between the four nearest pixel
    /// centres; points outside (NaN included) take the nearest edge pixel's
    /// value, so any coordinate is safe.
    ///
    /// Read as two pixel pairs from two rows (the grid sampler reads tens of
    /// thousands of points per frame); frames narrower or lower than two
    /// pixels take [`LumaFrame::bilinear_checked`], which gives the same
    /// value for every point.
    pub(crate) fn bilinear(&self, x: f32, y: f32) -> f32 {
        let (width, height) = (self.width as usize, self.height as usize);
        if width < 2 || height < 2 {
            return self.bilinear_checked(x, y);
        }
        let fx = (x - 0.5).clamp(0.0, (width - 1) as f32);
        let fy = (y - 0.5).clamp(0.0, (height - 1) as f32);
        // `as` saturates (NaN becomes 0). On the last column or row the
        // weight of the next pixel is 1 and the previous one's 0: the edge
        // pixel's own value, as the checked read gives it.
        let (x0, y0) = ((fx as usize).min(width - 2), (fy as usize).min(height - 2));
        let (ax, ay) = (fx - x0 as f32, fy - y0 as f32);
        let at = y0 * self.row_stride + x0;
        let pair = |from: usize| {
            self.data
                .get(from..from + 2)
                .and_then(|p| <&[u8; 2]>::try_from(p).ok())
        };
        let (Some(&[a, b]), Some(&[c, d])) = (pair(at), pair(at + self.row_stride)) else {
            return self.bilinear_checked(x, y);
        };
        let top = f32::from(a) * (1.0 - ax) + f32::from(b) * ax;
        let bottom = f32::from(c) * (1.0 - ax) + f32::from(d) * ax;
        top * (1.0 - ay) + bottom * ay
    }

    /// [`LumaFrame::bilinear`] by its definition: four pixel reads, each
    /// checked, the neighbours clamped to the last column and row.
    fn bilinear_checked(&self, x: f32, y: f32) -> f32 {
        let (last_x, last_y) = (self.width as usize - 1, self.height as usize - 1);
        let fx = (x - 0.5).clamp(0.0, last_x as f32);
        let fy = (y - 0.5).clamp(0.0, last_y as f32);
        // `as` saturates (NaN becomes 0): never out of range.
        let (x0, y0) = (fx as usize, fy as usize);
        let (x1, y1) = ((x0 + 1).min(last_x), (y0 + 1).min(last_y));
        let (ax, ay) = (fx - x0 as f32, fy - y0 as f32);
        let pixel = |x: usize, y: usize| {
            f32::from(self.data.get(y * self.row_stride + x).copied().unwrap_or(0))
        };
        let top = pixel(x0, y0) * (1.0 - ax) + pixel(x1, y0) * ax;
        let bottom = pixel(x0, y1) * (1.0 - ax) + pixel(x1, y1) * ax;
        top * (1.0 - ay) + bottom * ay
    }

    /// Row `y` (`y < height`), without padding.
    fn row(&self, y: usize) -> &'a [u8] {
        let start = y * self.row_stride;
        &self.data[start..start + self.width as usize]
    }

    /// The frame packed into a new buffer (`row_stride == width`).
    pub(crate) fn to_packed(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.width as usize * self.height as usize);
        for y in 0..self.height as usize {
            out.extend_from_slice(self.row(y));
        }
        out
    }

    /// The frame shrunk by `factor` in each direction, each output pixel the
    /// mean of a `factor`×`factor` block (a box filter, which also smooths
    /// sensor noise). Leftover columns and rows are dropped. Returns the
    /// packed pixels, width and height; `None` when the result would be
    /// smaller than a QR code can be (21 pixels).
    pub(crate) fn downscaled(&self, factor: u32) -> Option<(Vec<u8>, u32, u32)> {
        let factor = factor.max(1);
        let (out_w, out_h) = (self.width / factor, self.height / factor);
        if out_w < 21 || out_h < 21 {
            return None;
        }
        let pixels = if factor == 2 {
            self.halved(out_w as usize, out_h as usize)
        } else {
            self.box_filtered(factor as usize, out_w as usize, out_h as usize)
        };
        Some((pixels, out_w, out_h))
    }

    /// Any-factor box filter.
    fn box_filtered(&self, f: usize, out_w_px: usize, out_h_px: usize) -> Vec<u8> {
        let mut sums = vec![0u32; out_w_px];
        let mut out = Vec::with_capacity(out_w_px * out_h_px);
        let area = (f * f) as u32;
        for oy in 0..out_h_px {
            sums.iter_mut().for_each(|s| *s = 0);
            for y in oy * f..oy * f + f {
                let row = self.row(y);
                for (sum, block) in sums.iter_mut().zip(row.chunks_exact(f)) {
                    *sum += block.iter().map(|&p| u32::from(p)).sum::<u32>();
                }
            }
            out.extend(sums.iter().map(|&s| ((s + area / 2) / area) as u8));
        }
        out
    }
}

impl LumaFrame<'_> {
    /// [`LumaFrame::downscaled`]`(2)` and the [`BlockStats`] of that copy,
    /// made in one pass over the frame: each output row's blocks are
    /// summed while the row is still in the first-level cache, instead of
    /// reading the whole copy again afterwards. Exactly the copy
    /// `downscaled(2)` gives and the stats [`BlockStats::of`] gives.
    pub(crate) fn halved_with_stats(&self) -> Option<(Vec<u8>, u32, u32, BlockStats)> {
        let (out_w, out_h) = (self.width / 2, self.height / 2);
        if out_w < 21 || out_h < 21 {
            return None;
        }
        let (w, h) = (out_w as usize, out_h as usize);
        let mut stats = BlockStats::empty(w, h);
        let mut band = BandStats::new(w);
        let pixels = self.halved_rows(w, h, |oy, row| band.add(&mut stats, oy, row));
        Some((pixels, out_w, out_h, stats))
    }

    /// The 2×2 box filter: each output pixel the rounded mean of a 2×2
    /// block. Written so the compiler vectorises it (the half-resolution
    /// copy is made for every camera frame): two rows at a time, in fixed
    /// chunks of [`HALVED_CHUNK`] output pixels whose column sums fit u16
    /// lanes; about 4× faster than summing whole rows first (0.09 against
    /// 0.27 ms for 1920×1080 in a stand-alone measurement, x86-64).
    fn halved(&self, out_w: usize, out_h: usize) -> Vec<u8> {
        self.halved_rows(out_w, out_h, |_, _| {})
    }

    /// [`LumaFrame::halved`], handing each finished output row (its index
    /// and pixels) to `each_row`.
    #[inline(always)]
    fn halved_rows(
        &self,
        out_w: usize,
        out_h: usize,
        mut each_row: impl FnMut(usize, &[u8]),
    ) -> Vec<u8> {
        const L: usize = HALVED_CHUNK;
        // Filled by appending (no zeroing pass over the copy first).
        let mut out = Vec::with_capacity(out_w * out_h);
        let mean = |t: &[u8], b: &[u8]| {
            ((u16::from(t[0]) + u16::from(t[1]) + u16::from(b[0]) + u16::from(b[1]) + 2) >> 2) as u8
        };
        for oy in 0..out_h {
            let top = &self.row(2 * oy)[..2 * out_w];
            let bottom = &self.row(2 * oy + 1)[..2 * out_w];
            let mut tops = top.chunks_exact(2 * L);
            let mut bottoms = bottom.chunks_exact(2 * L);
            for (t, b) in (&mut tops).zip(&mut bottoms) {
                // Fixed-size arrays: the lengths are known to the compiler.
                let (Ok(t), Ok(b)) = (<&[u8; 2 * L]>::try_from(t), <&[u8; 2 * L]>::try_from(b))
                else {
                    continue;
                };
                let mut pixels = [0u8; L];
                let mut sums = [0u16; 2 * L];
                for ((sum, &a), &c) in sums.iter_mut().zip(t).zip(b) {
                    *sum = u16::from(a) + u16::from(c);
                }
                for (pixel, pair) in pixels.iter_mut().zip(sums.chunks_exact(2)) {
                    *pixel = ((pair[0] + pair[1] + 2) >> 2) as u8;
                }
                out.extend_from_slice(&pixels);
            }
            let rest = (tops.remainder().chunks_exact(2)).zip(bottoms.remainder().chunks_exact(2));
            out.extend(rest.map(|(t, b)| mean(t, b)));
            each_row(oy, &out[oy * out_w..]);
        }
        debug_assert_eq!(out.len(), out_w * out_h);
        out
    }
}

/// Side of the blocks [`BlockStats`] covers, in half-resolution pixels
/// (16×16 full-resolution pixels: the finder search's threshold blocks).
pub(crate) const STATS_BLOCK: usize = 8;

/// Per block of [`STATS_BLOCK`]×[`STATS_BLOCK`] pixels of a packed image
/// (row-major, `columns` blocks per row, `rows` rows; the last column and
/// row of blocks cut at the image's edge): the sum, the least and the
/// greatest pixel value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BlockStats {
    /// The image's width and height, in pixels.
    pub(crate) width: usize,
    pub(crate) height: usize,
    pub(crate) columns: usize,
    pub(crate) rows: usize,
    pub(crate) sums: Vec<u32>,
    pub(crate) lows: Vec<u8>,
    pub(crate) highs: Vec<u8>,
}

impl BlockStats {
    /// The stats of `pixels`, a packed `width`×`height` image (rows past
    /// the buffer's end count as missing: never a panic).
    pub(crate) fn of(pixels: &[u8], width: usize, height: usize) -> Self {
        let mut stats = BlockStats::empty(width, height);
        let mut band = BandStats::new(width);
        if width > 0 {
            for (y, row) in pixels.chunks_exact(width).take(height).enumerate() {
                band.add(&mut stats, y, row);
            }
        }
        stats
    }

    /// Every block empty (sum 0, least 255, greatest 0).
    fn empty(width: usize, height: usize) -> Self {
        let (columns, rows) = (width.div_ceil(STATS_BLOCK), height.div_ceil(STATS_BLOCK));
        BlockStats {
            width,
            height,
            columns,
            rows,
            sums: vec![0; columns * rows],
            lows: vec![u8::MAX; columns * rows],
            highs: vec![0; columns * rows],
        }
    }

    /// How many pixels block `(bx, by)` holds (fewer at the right and
    /// bottom edges).
    pub(crate) fn count(&self, bx: usize, by: usize) -> u32 {
        let span = |b: usize, size: usize| size.saturating_sub(b * STATS_BLOCK).min(STATS_BLOCK);
        (span(bx, self.width) * span(by, self.height)) as u32
    }
}

/// Per pixel column, the sum, least and greatest value over the rows of
/// one band of [`STATS_BLOCK`] rows so far; element-wise over whole rows,
/// so it vectorises (the sums and the least and greatest in separate
/// passes: 25-40% faster than one pass updating all three).
struct BandStats {
    sums: Vec<u16>,
    lows: Vec<u8>,
    highs: Vec<u8>,
}

impl BandStats {
    fn new(width: usize) -> Self {
        BandStats {
            sums: vec![0; width],
            lows: vec![u8::MAX; width],
            highs: vec![0; width],
        }
    }

    /// Adds row `y` (rows come in order, each `width` pixels long); at the
    /// band's last row, or the image's, its blocks go into `stats`.
    #[inline]
    fn add(&mut self, stats: &mut BlockStats, y: usize, row: &[u8]) {
        let row = &row[..self.sums.len().min(row.len())];
        if y.is_multiple_of(STATS_BLOCK) {
            for (sum, &p) in self.sums.iter_mut().zip(row) {
                *sum = u16::from(p);
            }
            self.lows[..row.len()].copy_from_slice(row);
            self.highs[..row.len()].copy_from_slice(row);
        } else {
            for (sum, &p) in self.sums.iter_mut().zip(row) {
                *sum += u16::from(p);
            }
            for ((low, high), &p) in self.lows.iter_mut().zip(&mut self.highs).zip(row) {
                *low = (*low).min(p);
                *high = (*high).max(p);
            }
        }
        if y % STATS_BLOCK != STATS_BLOCK - 1 && y + 1 != stats.height {
            return;
        }
        // Per block over its columns: each array in its own loop of whole
        // blocks (fixed length: unrolled; 4× faster than one loop over
        // three zipped `chunks`), then the cut last block.
        let blocks = (y / STATS_BLOCK) * stats.columns..(y / STATS_BLOCK + 1) * stats.columns;
        let (sums, lows, highs) = (
            &mut stats.sums[blocks.clone()],
            &mut stats.lows[blocks.clone()],
            &mut stats.highs[blocks],
        );
        let sum = |c: &[u16]| c.iter().map(|&s| u32::from(s)).sum::<u32>();
        let low = |c: &[u8]| c.iter().fold(u8::MAX, |a, &b| a.min(b));
        let high = |c: &[u8]| c.iter().fold(0, |a, &b| a.max(b));
        for (out, c) in sums.iter_mut().zip(self.sums.chunks_exact(STATS_BLOCK)) {
            *out = sum(c);
        }
        for (out, c) in lows.iter_mut().zip(self.lows.chunks_exact(STATS_BLOCK)) {
            *out = low(c);
        }
        for (out, c) in highs.iter_mut().zip(self.highs.chunks_exact(STATS_BLOCK)) {
            *out = high(c);
        }
        let cut = self.sums.len() / STATS_BLOCK * STATS_BLOCK;
        if cut < self.sums.len()
            && let (Some(s), Some(l), Some(h)) =
                (sums.last_mut(), lows.last_mut(), highs.last_mut())
        {
            (*s, *l, *h) = (
                sum(&self.sums[cut..]),
                low(&self.lows[cut..]),
                high(&self.highs[cut..]),
            );
        }
    }
}

/// Output pixels per step of [`LumaFrame::halved`] (16: the fastest of
/// 8, 16, 32 and 64 measured).
const HALVED_CHUNK: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-row read gives exactly the checked read's value for every
    /// point (NaN, infinite and far-off ones too) on packed, padded,
    /// cropped and one-pixel-wide frames.
    #[test]
    fn bilinear_reads_as_its_definition() {
        let pixels: Vec<u8> = (0..23u32 * 17)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        // Packed, padded rows, and a crop (rows longer than the frame).
        let padded = LumaFrame::new(&pixels, 20, 17, 23).expect("valid");
        let frames = [
            LumaFrame::packed(&pixels[..23], 23, 1).expect("valid"),
            LumaFrame::packed(&pixels[..17], 1, 17).expect("valid"),
            LumaFrame::packed(&pixels, 23, 17).expect("valid"),
            padded,
            padded.crop(3, 2, 11, 9).expect("inside"),
        ];
        let mut points = vec![
            (f32::NAN, 3.0),
            (4.0, f32::NAN),
            (f32::INFINITY, f32::NEG_INFINITY),
            (-1e30, 1e30),
        ];
        for i in -8..=100 {
            for j in -8..=80 {
                points.push((i as f32 * 0.27, j as f32 * 0.31));
            }
        }
        for frame in &frames {
            for &(x, y) in &points {
                let (ours, theirs) = (frame.bilinear(x, y), frame.bilinear_checked(x, y));
                assert!(
                    ours == theirs || (ours.is_nan() && theirs.is_nan()),
                    "({x}, {y}): {ours} against {theirs}"
                );
            }
        }
    }

    #[test]
    fn accepts_android_style_short_last_row() {
        let data = vec![0u8; 8 * 2 + 5];
        let frame = LumaFrame::new(&data, 5, 3, 8).expect("valid geometry");
        assert_eq!(frame.to_packed().len(), 15);
        assert!(frame.contiguous().is_none());
    }

    #[test]
    fn refuses_bad_geometry() {
        let data = vec![0u8; 100];
        assert!(LumaFrame::new(&data, 0, 10, 10).is_err());
        assert!(LumaFrame::new(&data, 10, 0, 10).is_err());
        assert!(LumaFrame::new(&data, 10, 10, 9).is_err());
        assert!(LumaFrame::new(&data, 10, 11, 10).is_err());
        assert!(LumaFrame::new(&data, 10, 10, usize::MAX).is_err());
        assert!(LumaFrame::new(&data, MAX_SIDE + 1, 1, MAX_SIDE as usize + 1).is_err());
        assert!(LumaFrame::packed(&data, 10, 10).is_ok());
    }

    #[test]
    fn crops_borrow_the_same_pixels() {
        let data: Vec<u8> = (0..100).map(|i| i as u8).collect();
        let frame = LumaFrame::packed(&data, 10, 10).expect("valid");
        let crop = frame.crop(2, 3, 4, 5).expect("inside");
        assert_eq!((crop.width(), crop.height()), (4, 5));
        assert_eq!(&crop.to_packed()[..5], &[32, 33, 34, 35, 42]);
        assert!(frame.crop(8, 0, 3, 1).is_none());
        assert!(frame.crop(0, 0, 0, 1).is_none());
        assert_eq!(frame.crop(0, 0, 10, 10).expect("whole").to_packed(), data);
    }

    /// The vectorised 2×2 filter equals its definition (the rounded mean
    /// of each 2×2 block, the odd last column and row dropped) on odd sizes,
    /// widths around its chunk size and padded rows.
    #[test]
    fn halving_matches_its_definition() {
        for (width, height, stride) in [
            (42usize, 42usize, 42usize),
            (43, 45, 43),
            (63, 42, 70),
            (64, 43, 64),
            (65, 44, 129),
            (97, 43, 100),
            (200, 51, 203),
        ] {
            let data: Vec<u8> = (0..stride * (height - 1) + width)
                .map(|i| ((i * 7919 + i / 13) % 256) as u8)
                .collect();
            let frame = LumaFrame::new(&data, width as u32, height as u32, stride).expect("valid");
            let (half, w, h) = frame.downscaled(2).expect("big enough");
            assert_eq!((w as usize, h as usize), (width / 2, height / 2));
            let pixel = |x: usize, y: usize| u32::from(data[y * stride + x]);
            for y in 0..height / 2 {
                for x in 0..width / 2 {
                    let sum = pixel(2 * x, 2 * y)
                        + pixel(2 * x + 1, 2 * y)
                        + pixel(2 * x, 2 * y + 1)
                        + pixel(2 * x + 1, 2 * y + 1);
                    assert_eq!(
                        u32::from(half[y * (width / 2) + x]),
                        (sum + 2) / 4,
                        "{width}x{height}/{stride} at ({x}, {y})"
                    );
                }
            }
        }
        // Too small for a code: nothing, never a panic.
        let data = [7u8; 41 * 41];
        let frame = LumaFrame::packed(&data, 41, 41).expect("valid");
        assert!(frame.downscaled(2).is_none());
    }

    /// The stats made with the half copy equal [`BlockStats::of`] that
    /// copy, and both equal the definition (per block of 8×8 copy pixels,
    /// cut at the edges: sum, least, greatest); the copy equals
    /// `downscaled(2)`'s. Odd sizes, widths and heights around the block
    /// and chunk sizes, padded rows.
    #[test]
    fn block_stats_match_their_definition() {
        for (width, height, stride) in [
            (42usize, 42usize, 42usize),
            (43, 45, 43),
            (63, 42, 70),
            (64, 43, 64),
            (65, 49, 129),
            (97, 43, 100),
            (200, 51, 203),
            (81, 64, 81),
        ] {
            let data: Vec<u8> = (0..stride * (height - 1) + width)
                .map(|i| ((i * 7919 + i / 13) % 256) as u8)
                .collect();
            let frame = LumaFrame::new(&data, width as u32, height as u32, stride).expect("valid");
            let (half, w, h, stats) = frame.halved_with_stats().expect("big enough");
            assert_eq!(Some((half.clone(), w, h)), frame.downscaled(2));
            let (w, h) = (w as usize, h as usize);
            assert_eq!(stats, BlockStats::of(&half, w, h));
            let (columns, rows) = (w.div_ceil(STATS_BLOCK), h.div_ceil(STATS_BLOCK));
            assert_eq!((stats.columns, stats.rows), (columns, rows));
            for by in 0..rows {
                for bx in 0..columns {
                    let block: Vec<u8> = (by * STATS_BLOCK..((by + 1) * STATS_BLOCK).min(h))
                        .flat_map(|y| {
                            (bx * STATS_BLOCK..((bx + 1) * STATS_BLOCK).min(w))
                                .map(|x| half[y * w + x])
                                .collect::<Vec<_>>()
                        })
                        .collect();
                    let i = by * columns + bx;
                    let case = format!("{width}x{height}/{stride} block ({bx}, {by})");
                    assert_eq!(stats.count(bx, by) as usize, block.len(), "{case}");
                    let sum: u32 = block.iter().map(|&p| u32::from(p)).sum();
                    assert_eq!(stats.sums[i], sum, "{case}");
                    assert_eq!(Some(&stats.lows[i]), block.iter().min(), "{case}");
                    assert_eq!(Some(&stats.highs[i]), block.iter().max(), "{case}");
                }
            }
        }
        // Too small for a code: nothing. A short buffer: no panic.
        let data = [7u8; 41 * 41];
        let frame = LumaFrame::packed(&data, 41, 41).expect("valid");
        assert!(frame.halved_with_stats().is_none());
        let stats = BlockStats::of(&data[..100], 30, 30);
        assert_eq!((stats.columns, stats.rows), (4, 4));
        assert_eq!(BlockStats::of(&[], 0, 5).sums.len(), 0);
    }

    #[test]
    fn downscale_averages_blocks() {
        let mut data = vec![0u8; 44 * 44];
        for (i, p) in data.iter_mut().enumerate() {
            *p = if (i % 44) % 2 == 0 { 200 } else { 100 };
        }
        let frame = LumaFrame::packed(&data, 44, 44).expect("valid");
        let (small, w, h) = frame.downscaled(2).expect("big enough");
        assert_eq!((w, h), (22, 22));
        assert!(small.iter().all(|&p| p == 150));
        let (small, w, h) = frame.downscaled(2).expect("big enough");
        assert_eq!((small, w, h), (frame.box_filtered(2, 22, 22), 22, 22));
        assert!(frame.downscaled(3).is_none());
    }
}
