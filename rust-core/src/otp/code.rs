//! A computed code, and the two renderings of an HMAC value: decimal digits
//! (RFC 4226 §5.3 dynamic truncation) and Steam's 5-character alphabet.

use std::fmt;

/// Steam Guard's code alphabet (26 symbols, no vowels or look-alikes).
pub const STEAM_ALPHABET: &[u8; 26] = b"23456789BCDFGHJKMNPQRTVWXY";

/// `10^digits` for 0 to 9 digits. Every one fits a `u32`; 10 digits need no
/// modulus, since a 31-bit value has at most 10 digits.
const POW10: [u32; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

/// "00" to "99": the decimal rendering writes two digits per division by
/// 100 (half the divisions of one digit at a time; measured a few ns faster
/// per code in `cargo bench -p ward-core --bench otp`).
const DIGIT_PAIRS: &[u8; 200] = b"\
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// A one-time code: 5 to 10 ASCII characters, stored inline (no allocation).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct OtpCode {
    text: [u8; 10],
    len: u8,
}

impl OtpCode {
    /// The code as text, e.g. `"094287"`.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and Steam alphabet symbols are ever written.
        std::str::from_utf8(&self.text[..usize::from(self.len)]).unwrap_or("")
    }

    /// The code split for reading aloud or typing: `"094 287"` for 6 digits,
    /// `"0942 8712"` for 8, groups of three from the left otherwise; Steam
    /// codes are left whole.
    pub fn grouped(&self) -> String {
        let text = self.as_str();
        let group = match text.len() {
            0..=5 => return text.to_string(),
            8 => 4,
            _ => 3,
        };
        let mut out = String::with_capacity(text.len() + 3);
        for (i, c) in text.chars().enumerate() {
            if i > 0 && i % group == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// RFC 4226 §5.3: dynamic truncation of an HMAC value, then the low
    /// `digits` decimal digits, zero-padded. `digits` is 1 to 10.
    #[inline]
    pub(crate) fn decimal(mac: &[u8], digits: u8) -> OtpCode {
        OtpCode::decimal_from_truncated(dynamic_truncation(mac), digits)
    }

    /// The low `digits` decimal digits (1 to 10) of an already truncated
    /// 31-bit value, zero-padded (RFC 4226 §5.3 `Snum mod 10^Digit`).
    /// 6 and 8 digits (nearly every account) take a path with the modulus
    /// and the digit count as constants: no division instruction, the loop
    /// unrolled (measured by `format_*` in `cargo bench -p ward-core --bench otp`).
    #[inline]
    pub(crate) fn decimal_from_truncated(truncated: u32, digits: u8) -> OtpCode {
        match digits {
            6 => OtpCode::decimal_digits::<6>(truncated),
            8 => OtpCode::decimal_digits::<8>(truncated),
            _ => OtpCode::decimal_any(truncated, digits),
        }
    }

    /// [`OtpCode::decimal_from_truncated`] for a constant digit count (at
    /// most 9). Each pair of digits is computed from the value on its own
    /// (a multiplication by a constant each), not from the previous
    /// quotient, so the CPU can compute them at once.
    #[inline(always)]
    fn decimal_digits<const DIGITS: u8>(truncated: u32) -> OtpCode {
        let value = truncated % POW10[usize::from(DIGITS)];
        let mut text = [b'0'; 10];
        let mut end = usize::from(DIGITS);
        let mut divisor = 1;
        while end >= 2 {
            let pair = (value / divisor % 100) as usize;
            text[end - 2] = DIGIT_PAIRS[2 * pair];
            text[end - 1] = DIGIT_PAIRS[2 * pair + 1];
            divisor *= 100;
            end -= 2;
        }
        if end == 1 {
            text[0] = b'0' + (value / divisor % 10) as u8;
        }
        OtpCode { text, len: DIGITS }
    }

    /// [`OtpCode::decimal_from_truncated`] for any digit count.
    #[inline(always)]
    fn decimal_any(truncated: u32, digits: u8) -> OtpCode {
        let digits = digits.clamp(1, 10);
        let mut value = match POW10.get(usize::from(digits)) {
            Some(modulus) => truncated % modulus,
            // 10 digits: the whole 31-bit value, zero-padded.
            None => truncated,
        };
        let mut text = [b'0'; 10];
        let mut end = usize::from(digits);
        while end >= 2 {
            let pair = (value % 100) as usize;
            value /= 100;
            text[end - 2] = DIGIT_PAIRS[2 * pair];
            text[end - 1] = DIGIT_PAIRS[2 * pair + 1];
            end -= 2;
        }
        if end == 1 {
            text[0] = b'0' + (value % 10) as u8;
        }
        OtpCode { text, len: digits }
    }

    /// Steam Guard rendering: dynamic truncation, then 5 symbols, least
    /// significant first, from [`STEAM_ALPHABET`].
    #[inline]
    pub(crate) fn steam(mac: &[u8]) -> OtpCode {
        OtpCode::steam_from_truncated(dynamic_truncation(mac))
    }

    /// Steam Guard rendering of an already truncated 31-bit value.
    #[inline]
    pub(crate) fn steam_from_truncated(truncated: u32) -> OtpCode {
        let mut value = truncated;
        let mut text = [b'0'; 10];
        for slot in text[..5].iter_mut() {
            *slot = STEAM_ALPHABET[(value % 26) as usize];
            value /= 26;
        }
        OtpCode { text, len: 5 }
    }
}

/// RFC 4226 §5.3 `DT`: the low 4 bits of the last byte pick an offset; the
/// 31 bits at that offset are the result.
/// Every HMAC output is at least 20 bytes, so the offset (at most 15) plus
/// 4 always fits; a shorter slice yields 0 rather than a panic.
#[inline]
pub(crate) fn dynamic_truncation(mac: &[u8]) -> u32 {
    let offset = mac.last().map_or(0, |last| usize::from(last & 0x0f));
    match mac.get(offset..offset + 4) {
        Some(&[a, b, c, d]) => u32::from_be_bytes([a, b, c, d]) & 0x7fff_ffff,
        _ => 0,
    }
}

impl fmt::Display for OtpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for OtpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OtpCode({})", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4226 §5.4's worked example.
    #[test]
    fn rfc4226_truncation_example() {
        let mac = [
            0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85, 0x50, 0xef, 0x7f, 0x19,
            0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
        ];
        assert_eq!(dynamic_truncation(&mac), 0x50ef7f19);
        assert_eq!(OtpCode::decimal(&mac, 6).as_str(), "872921");
        assert_eq!(OtpCode::decimal(&mac, 10).as_str(), "1357872921");
    }

    #[test]
    fn ten_digits_zero_pad_without_overflow() {
        let mut mac = [0u8; 20];
        mac[3] = 5;
        assert_eq!(OtpCode::decimal(&mac, 10).as_str(), "0000000005");
        let mac = [0xff; 20];
        let offset_ff = OtpCode::decimal(&mac, 10);
        assert_eq!(offset_ff.as_str(), "2147483647");
    }

    #[test]
    fn every_digit_count_matches_plain_arithmetic() {
        for value in [0u32, 7, 42, 999_999, 1_000_000, 123_456_789, 0x7fff_ffff] {
            for digits in 1..=10u8 {
                let expected = format!(
                    "{:0width$}",
                    u64::from(value) % 10u64.pow(u32::from(digits)),
                    width = usize::from(digits)
                );
                let code = OtpCode::decimal_from_truncated(value, digits);
                assert_eq!(code.as_str(), expected, "{value} with {digits} digits");
            }
        }
    }

    proptest::proptest! {
        /// The constant-digit paths (6 and 8) and the general one agree
        /// with plain arithmetic on any 31-bit value.
        #[test]
        fn any_value_matches_plain_arithmetic(value in 0u32..=0x7fff_ffff, digits in 1u8..=10) {
            let expected = format!(
                "{:0width$}",
                u64::from(value) % 10u64.pow(u32::from(digits)),
                width = usize::from(digits)
            );
            let code = OtpCode::decimal_from_truncated(value, digits);
            proptest::prop_assert_eq!(code.as_str(), expected);
        }
    }

    #[test]
    fn grouping() {
        let mac = [0u8; 20];
        assert_eq!(OtpCode::decimal(&mac, 6).grouped(), "000 000");
        assert_eq!(OtpCode::decimal(&mac, 7).grouped(), "000 000 0");
        assert_eq!(OtpCode::decimal(&mac, 8).grouped(), "0000 0000");
        assert_eq!(OtpCode::steam(&mac).grouped(), "22222");
    }
}
