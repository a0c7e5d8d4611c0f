//! HMAC-SHA1 pieces both OTP benchmarks measure in the same way:
//! `rust-core/benches/otp.rs` and the stand-alone `scripts/otp-zeroize-ab`
//! package, which includes this file by path.

use std::hint::black_box;

/// SHA-1's initial hash value (FIPS 180-4 §5.3.1).
pub const SHA1_INIT: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];

/// Two SHA-1 compressions where the second block holds the first one's
/// digest, as HMAC's outer block holds the inner digest (RFC 2104): the floor
/// any HMAC-SHA1 code generator is measured against. `blocks` are the inner
/// and outer blocks; inputs go through `black_box` so nothing is folded away.
#[inline(always)]
pub fn dependent_sha1_compressions(blocks: &([u8; 64], [u8; 64])) -> [u32; 5] {
    let mut inner = black_box(SHA1_INIT);
    sha1::block_api::compress(&mut inner, &[*black_box(&blocks.0)]);
    let mut block = *black_box(&blocks.1);
    for (bytes, word) in block[..20].chunks_exact_mut(4).zip(inner) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    let mut outer = black_box(SHA1_INIT);
    sha1::block_api::compress(&mut outer, &[block]);
    outer
}

/// RFC 4226 §5.3 dynamic truncation (the benchmarks' own copy, so that they
/// can time the crate paths piece by piece).
pub fn truncate(mac: &[u8]) -> u32 {
    let offset = usize::from(mac[mac.len() - 1] & 0x0f);
    u32::from_be_bytes([
        mac[offset],
        mac[offset + 1],
        mac[offset + 2],
        mac[offset + 3],
    ]) & 0x7fff_ffff
}
