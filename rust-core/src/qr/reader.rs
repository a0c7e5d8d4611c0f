//! One decoding attempt over a binarized picture: rxing's QR detector and
//! decoder called step by step (the same steps as its `QrReader`, QR codes
//! only), so that the caller also learns WHERE finder-pattern sets were seen,
//! even when none of them decoded. [`super::scan`] uses those places to run
//! its expensive full-resolution passes only over the part of the frame that
//! may hold a code, and not at all when nothing like a code was seen.

use rxing::common::{BitMatrix, DetectorRXingResult};
use rxing::qrcode::cpp_port::decoder::Decode;
use rxing::qrcode::cpp_port::detector::{
    FindFinderPatterns, FinderPatternSet, GenerateFinderPatternSets, SampleQR,
};

/// An axis-aligned rectangle in pixels, `x0..x1` × `y0..y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Region {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Region {
    /// The smallest region holding `points`, widened by `margin` on each
    /// side.
    pub fn around(points: &[(f32, f32)], margin: f32) -> Region {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in points {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        Region {
            x0: x0 - margin,
            y0: y0 - margin,
            x1: x1 + margin,
            y1: y1 + margin,
        }
    }

    /// The smallest region holding both.
    pub fn union(self, other: Region) -> Region {
        Region {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// This region in a picture `factor` times larger.
    pub fn scaled(self, factor: f32) -> Region {
        Region {
            x0: self.x0 * factor,
            y0: self.y0 * factor,
            x1: self.x1 * factor,
            y1: self.y1 * factor,
        }
    }

    /// This region moved by `(dx, dy)`.
    pub fn moved(self, dx: f32, dy: f32) -> Region {
        Region {
            x0: self.x0 + dx,
            y0: self.y0 + dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        }
    }

    /// This region grown by `fraction` of its width and height on each side
    /// (a code moves a little between camera frames).
    pub fn widened(self, fraction: f32) -> Region {
        let (dx, dy) = (
            (self.x1 - self.x0) * fraction,
            (self.y1 - self.y0) * fraction,
        );
        Region {
            x0: self.x0 - dx,
            y0: self.y0 - dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        }
    }
}

/// What one attempt found.
#[derive(Debug, Default)]
pub(crate) struct Attempt {
    /// Decoded texts, in the order found, without duplicates.
    pub texts: Vec<String>,
    /// Where a code could be, one region per finder-pattern set tried
    /// (whether or not it decoded), in the picture's pixels.
    pub regions: Vec<Region>,
    /// The region of the first set that decoded.
    pub decoded: Option<Region>,
}

/// The area a code with these three finder patterns covers: the four
/// corners (the fourth opposite the top-left one), widened by two pattern
/// widths (half a pattern, the quiet zone and room for perspective).
fn region_of(set: &FinderPatternSet) -> Region {
    let corners = [
        (set.tl.p.x, set.tl.p.y),
        (set.tr.p.x, set.tr.p.y),
        (set.bl.p.x, set.bl.p.y),
        (
            set.tr.p.x + set.bl.p.x - set.tl.p.x,
            set.tr.p.y + set.bl.p.y - set.tl.p.y,
        ),
    ];
    let size = set.tl.size.max(set.tr.size).max(set.bl.size).max(4) as f32;
    let margin = 2.0 * size;
    Region::around(&corners, margin)
}

/// Finds finder patterns in `matrix` (every third row with `try_harder`),
/// groups them into sets of three, and samples and decodes each set whose
/// patterns were not already part of a decoded code. May panic inside
/// rxing: callers run it under `catch_unwind`.
pub(crate) fn attempt(matrix: &BitMatrix, try_harder: bool) -> Attempt {
    let mut patterns = FindFinderPatterns(matrix, try_harder, 0);
    let sets = GenerateFinderPatternSets(&mut patterns);
    let mut found = Attempt::default();
    let mut used = Vec::new();
    for set in sets {
        if used.contains(&set.bl) || used.contains(&set.tl) || used.contains(&set.tr) {
            continue;
        }
        let region = region_of(&set);
        found.regions.push(region);
        let Ok(detected) = SampleQR(matrix, &set) else {
            continue;
        };
        let Ok(decoded) = Decode(detected.getBits()) else {
            continue;
        };
        if decoded.isValid() {
            used.extend([set.bl, set.tl, set.tr]);
            let text = text_of(decoded.content().bytes());
            found.decoded.get_or_insert(region);
            if !found.texts.contains(&text) {
                found.texts.push(text);
            }
        }
    }
    found
}

/// The text of a decoded code's data bytes: UTF-8 when they are valid UTF-8
/// (every otpauth and otpauth-migration URI, which are ASCII), otherwise
/// ISO-8859-1, QR's default byte encoding (ISO/IEC 18004 §7.4.5), one
/// character per byte.
///
/// Deliberately not rxing's `DecoderResult::text()`: that one guesses among
/// a dozen legacy encodings (Shift_JIS, GB18030, Big5, EUC-KR, ...), and
/// calling it links all of `encoding_rs`'s tables into the phone library
/// (about 150 KB, issue 16) for codes no authenticator ever shows.
pub(crate) fn text_of(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().copied().map(char::from).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_combine_and_scale() {
        let a = Region {
            x0: 0.0,
            y0: 10.0,
            x1: 5.0,
            y1: 20.0,
        };
        let b = Region {
            x0: 3.0,
            y0: 2.0,
            x1: 9.0,
            y1: 12.0,
        };
        let both = a.union(b);
        assert_eq!((both.x0, both.y0, both.x1, both.y1), (0.0, 2.0, 9.0, 20.0));
        let moved = both.scaled(2.0).moved(1.0, -1.0);
        assert_eq!(
            (moved.x0, moved.y0, moved.x1, moved.y1),
            (1.0, 3.0, 19.0, 39.0)
        );
        let wide = a.widened(0.5);
        assert_eq!((wide.x0, wide.y0, wide.x1, wide.y1), (-2.5, 5.0, 7.5, 25.0));
    }

    #[test]
    fn data_bytes_read_as_utf8_else_as_latin1() {
        assert_eq!(
            text_of(b"otpauth://totp/A?secret=JBSWY3DP"),
            "otpauth://totp/A?secret=JBSWY3DP"
        );
        assert_eq!(text_of("Bücher ✓".as_bytes()), "Bücher ✓");
        // 0xFC alone is not UTF-8: ISO-8859-1 'ü'.
        assert_eq!(text_of(b"B\xfccher"), "Bücher");
        assert_eq!(text_of(b""), "");
    }
}
