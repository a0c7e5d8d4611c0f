//! Pixel filters some fallback passes apply before binarizing: they work on
//! a packed copy, never on the caller's frame.

/// What a pass does to the pixels before binarizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Nothing.
    None,
    /// Stretches the 1st-99th percentile range to 0-255 (dim, low-contrast
    /// frames fall below the binarizer's minimum local contrast).
    Stretch,
    /// A 3×3 box blur (sensor noise and salt-and-pepper).
    Smooth,
    /// Unsharp masking against a 3×3 box blur (out-of-focus codes).
    Sharpen,
}

/// Applies `filter` to packed `width`×`height` pixels in place.
pub(crate) fn apply(filter: Filter, pixels: &mut [u8], width: usize, height: usize) {
    match filter {
        Filter::None => {}
        Filter::Stretch => stretch(pixels),
        Filter::Smooth => {
            let blurred = box3(pixels, width, height);
            pixels.copy_from_slice(&blurred);
        }
        Filter::Sharpen => {
            let blurred = box3(pixels, width, height);
            for (p, b) in pixels.iter_mut().zip(blurred) {
                *p = (2 * i16::from(*p) - i16::from(b)).clamp(0, 255) as u8;
            }
        }
    }
}

fn stretch(pixels: &mut [u8]) {
    let mut histogram = [0usize; 256];
    for &p in pixels.iter() {
        histogram[usize::from(p)] += 1;
    }
    let cut = pixels.len() / 100;
    let percentile = |mut remaining: usize, order: &mut dyn Iterator<Item = usize>| {
        for level in order {
            if histogram[level] > remaining {
                return level;
            }
            remaining -= histogram[level];
        }
        0
    };
    let low = percentile(cut, &mut (0..256));
    let high = percentile(cut, &mut (0..256).rev());
    if high <= low + 1 {
        return;
    }
    let span = (high - low) as u32;
    let mut table = [0u8; 256];
    for (level, entry) in table.iter_mut().enumerate() {
        let shifted = level.clamp(low, high) - low;
        *entry = ((shifted as u32 * 255 + span / 2) / span) as u8;
    }
    for p in pixels.iter_mut() {
        *p = table[usize::from(*p)];
    }
}

/// 3×3 box blur, edges clamped.
fn box3(pixels: &[u8], width: usize, height: usize) -> Vec<u8> {
    if width < 3 || height < 3 {
        return pixels.to_vec();
    }
    // Horizontal sums of three.
    let mut rows = vec![0u16; pixels.len()];
    for (src, dst) in pixels.chunks_exact(width).zip(rows.chunks_exact_mut(width)) {
        dst[0] = 2 * u16::from(src[0]) + u16::from(src[1]);
        for x in 1..width - 1 {
            dst[x] = u16::from(src[x - 1]) + u16::from(src[x]) + u16::from(src[x + 1]);
        }
        dst[width - 1] = u16::from(src[width - 2]) + 2 * u16::from(src[width - 1]);
    }
    let mut out = vec![0u8; pixels.len()];
    for y in 0..height {
        let above = &rows[y.saturating_sub(1) * width..][..width];
        let here = &rows[y * width..][..width];
        let below = &rows[(y + 1).min(height - 1) * width..][..width];
        let dst = &mut out[y * width..][..width];
        for (((d, &a), &h), &b) in dst.iter_mut().zip(above).zip(here).zip(below) {
            *d = ((a + h + b + 4) / 9) as u8;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretch_spreads_a_dim_range() {
        let mut pixels: Vec<u8> = (0..1000).map(|i| 10 + (i % 31) as u8).collect();
        apply(Filter::Stretch, &mut pixels, 1000, 1);
        assert_eq!(pixels.iter().min(), Some(&0));
        assert_eq!(pixels.iter().max(), Some(&255));
    }

    #[test]
    fn smooth_and_sharpen_keep_flat_areas() {
        let mut pixels = vec![77u8; 25];
        apply(Filter::Smooth, &mut pixels, 5, 5);
        assert!(pixels.iter().all(|&p| p == 77));
        apply(Filter::Sharpen, &mut pixels, 5, 5);
        assert!(pixels.iter().all(|&p| p == 77));
        let mut tiny = vec![1u8, 2];
        apply(Filter::Sharpen, &mut tiny, 2, 1);
        assert_eq!(tiny, vec![1, 2]);
    }
}
