//! HMAC (RFC 2104) over an 8-byte counter with the key schedule done once.
//!
//! HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)). The hash states after
//! the one block `K ^ ipad` and the one block `K ^ opad` depend only on the
//! key, so they are computed once per account. Each code then costs two
//! compressions: the inner block (counter plus padding) and the outer block
//! (inner digest plus padding). The states are key material and are
//! zeroized on drop.
//!
//! The compression functions come from RustCrypto's `sha1` and `sha2`
//! (hardware SHA instructions where the CPU has them). Equality with the
//! `hmac` crate for every algorithm and key length is tested below and in
//! the differential tests.

use sha1::Digest;
use zeroize::Zeroize;

use crate::account::Algorithm;

const SHA1_INIT: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
const SHA256_INIT: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const SHA512_INIT: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

const IPAD: u8 = 0x36;
const OPAD: u8 = 0x5c;

/// The largest HMAC output (SHA-512).
#[cfg(test)]
pub(crate) const MAX_MAC_LEN: usize = 64;

/// Pre-keyed HMAC state for one algorithm.
#[derive(Clone, Zeroize)]
#[zeroize(drop)]
pub(crate) enum KeyedHmac {
    Sha1 { inner: [u32; 5], outer: [u32; 5] },
    Sha256 { inner: [u32; 8], outer: [u32; 8] },
    Sha512 { inner: [u64; 8], outer: [u64; 8] },
}

/// An HMAC value; `len` bytes of `bytes` are used.
#[cfg(test)]
pub(crate) struct Mac {
    pub(crate) bytes: [u8; MAX_MAC_LEN],
    pub(crate) len: usize,
}

#[cfg(test)]
impl Mac {
    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl KeyedHmac {
    /// Runs the key schedule: RFC 2104 §2 steps (1)-(2) and the first block
    /// of each hash.
    pub(crate) fn new(algorithm: Algorithm, key: &[u8]) -> Self {
        match algorithm {
            Algorithm::Sha1 => {
                let (ipad, opad) = pads::<64>(key, |k| sha1::Sha1::digest(k).to_vec());
                let (mut inner, mut outer) = (SHA1_INIT, SHA1_INIT);
                sha1::block_api::compress(&mut inner, &[ipad.0]);
                sha1::block_api::compress(&mut outer, &[opad.0]);
                KeyedHmac::Sha1 { inner, outer }
            }
            Algorithm::Sha256 => {
                let (ipad, opad) = pads::<64>(key, |k| sha2::Sha256::digest(k).to_vec());
                let (mut inner, mut outer) = (SHA256_INIT, SHA256_INIT);
                sha2::block_api::compress256(&mut inner, &[ipad.0]);
                sha2::block_api::compress256(&mut outer, &[opad.0]);
                KeyedHmac::Sha256 { inner, outer }
            }
            Algorithm::Sha512 => {
                let (ipad, opad) = pads::<128>(key, |k| sha2::Sha512::digest(k).to_vec());
                let (mut inner, mut outer) = (SHA512_INIT, SHA512_INIT);
                sha2::block_api::compress512(&mut inner, &[ipad.0]);
                sha2::block_api::compress512(&mut outer, &[opad.0]);
                KeyedHmac::Sha512 { inner, outer }
            }
        }
    }

    /// RFC 4226 §5.3 `DT(HMAC(K, C))`: the 31-bit dynamic truncation of the
    /// HMAC of the counter as 8 big-endian bytes, read straight from the
    /// final hash state words (the HMAC value is those words in big-endian
    /// order), without writing the HMAC out as bytes.
    #[inline]
    pub(crate) fn truncated(&self, counter: u64) -> u32 {
        match self {
            KeyedHmac::Sha1 { inner, outer } => {
                truncate_words32(&sha1_final_state(inner, outer, counter))
            }
            KeyedHmac::Sha256 { inner, outer } => {
                truncate_words32(&sha256_final_state(inner, outer, counter))
            }
            KeyedHmac::Sha512 { inner, outer } => {
                truncate_words64(&sha512_final_state(inner, outer, counter))
            }
        }
    }

    /// HMAC of the counter as 8 big-endian bytes (RFC 4226 §5.2), as bytes.
    /// Only the tests need the whole value; codes use [`Self::truncated`].
    #[cfg(test)]
    pub(crate) fn mac_counter(&self, counter: u64) -> Mac {
        let mut out = Mac {
            bytes: [0; MAX_MAC_LEN],
            len: 0,
        };
        match self {
            KeyedHmac::Sha1 { inner, outer } => {
                write_be32(
                    &sha1_final_state(inner, outer, counter),
                    &mut out.bytes[..20],
                );
                out.len = 20;
            }
            KeyedHmac::Sha256 { inner, outer } => {
                write_be32(
                    &sha256_final_state(inner, outer, counter),
                    &mut out.bytes[..32],
                );
                out.len = 32;
            }
            KeyedHmac::Sha512 { inner, outer } => {
                write_be64(
                    &sha512_final_state(inner, outer, counter),
                    &mut out.bytes[..64],
                );
                out.len = 64;
            }
        }
        out
    }
}

/// The outer SHA-1 state after HMAC over the counter: two compressions.
#[inline(always)]
fn sha1_final_state(inner: &[u32; 5], outer: &[u32; 5], counter: u64) -> [u32; 5] {
    let mut state = *inner;
    sha1::block_api::compress(&mut state, &[message_block_64(counter)]);
    let mut block = [0u8; 64];
    write_be32(&state, &mut block[..20]);
    finish_block_64(&mut block, 20);
    let mut state = *outer;
    sha1::block_api::compress(&mut state, &[block]);
    state
}

/// The outer SHA-256 state after HMAC over the counter: two compressions.
#[inline(always)]
fn sha256_final_state(inner: &[u32; 8], outer: &[u32; 8], counter: u64) -> [u32; 8] {
    let mut state = *inner;
    sha2::block_api::compress256(&mut state, &[message_block_64(counter)]);
    let mut block = [0u8; 64];
    write_be32(&state, &mut block[..32]);
    finish_block_64(&mut block, 32);
    let mut state = *outer;
    sha2::block_api::compress256(&mut state, &[block]);
    state
}

/// The outer SHA-512 state after HMAC over the counter: two compressions.
#[inline(always)]
fn sha512_final_state(inner: &[u64; 8], outer: &[u64; 8], counter: u64) -> [u64; 8] {
    let mut block = [0u8; 128];
    block[..8].copy_from_slice(&counter.to_be_bytes());
    finish_block_128(&mut block, 8);
    let mut state = *inner;
    sha2::block_api::compress512(&mut state, &[block]);
    let mut block = [0u8; 128];
    write_be64(&state, &mut block[..64]);
    finish_block_128(&mut block, 64);
    let mut state = *outer;
    sha2::block_api::compress512(&mut state, &[block]);
    state
}

/// Dynamic truncation over a digest held as big-endian `u32` words (SHA-1,
/// SHA-256): the offset is the low nibble of the last byte, the low byte
/// of the last word; the 4 bytes at that offset span at most two words.
/// `N` is 5 or 8, so words `offset / 4` and `offset / 4 + 1` (at most 4)
/// always exist.
#[inline(always)]
fn truncate_words32<const N: usize>(words: &[u32; N]) -> u32 {
    let offset = (words[N - 1] & 0x0f) as usize;
    let index = offset / 4;
    let pair = (u64::from(words[index]) << 32) | u64::from(words[index + 1]);
    let shift = 32 - 8 * (offset % 4);
    (pair >> shift) as u32 & 0x7fff_ffff
}

/// The same over big-endian `u64` words (SHA-512): the 4 bytes at an
/// offset of at most 15 lie within words 0 to 2.
#[inline(always)]
fn truncate_words64(words: &[u64; 8]) -> u32 {
    let offset = (words[7] & 0x0f) as usize;
    let index = offset / 8;
    let pair = (u128::from(words[index]) << 64) | u128::from(words[index + 1]);
    let shift = 96 - 8 * (offset % 8);
    (pair >> shift) as u32 & 0x7fff_ffff
}

/// A zeroize-on-drop hash block.
struct Block<const N: usize>([u8; N]);

impl<const N: usize> Drop for Block<N> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// RFC 2104 §2: the key, hashed first if longer than the block, zero-padded
/// to the block size, XORed with ipad and with opad.
fn pads<const N: usize>(key: &[u8], hash: impl Fn(&[u8]) -> Vec<u8>) -> (Block<N>, Block<N>) {
    let mut hashed = if key.len() > N { hash(key) } else { Vec::new() };
    let key = if key.len() > N { &hashed[..] } else { key };
    let mut ipad = Block([IPAD; N]);
    let mut opad = Block([OPAD; N]);
    for (i, byte) in key.iter().enumerate() {
        ipad.0[i] ^= byte;
        opad.0[i] ^= byte;
    }
    hashed.zeroize();
    (ipad, opad)
}

/// The padded final block for a message of 8 bytes that follows one
/// 64-byte block (the key pad).
#[inline]
fn message_block_64(counter: u64) -> [u8; 64] {
    let mut block = [0u8; 64];
    block[..8].copy_from_slice(&counter.to_be_bytes());
    finish_block_64(&mut block, 8);
    block
}

/// Merkle-Damgård padding for SHA-1/SHA-256 when `used` message bytes sit
/// in a block preceded by one 64-byte block: 0x80, zeros, 64-bit bit length.
#[inline]
fn finish_block_64(block: &mut [u8; 64], used: usize) {
    block[used] = 0x80;
    let bits = ((64 + used) as u64) * 8;
    block[56..].copy_from_slice(&bits.to_be_bytes());
}

/// The same for SHA-512: 128-byte blocks and a 128-bit length.
#[inline]
fn finish_block_128(block: &mut [u8; 128], used: usize) {
    block[used] = 0x80;
    let bits = ((128 + used) as u128) * 8;
    block[112..].copy_from_slice(&bits.to_be_bytes());
}

#[inline]
fn write_be32(state: &[u32], out: &mut [u8]) {
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

#[inline]
fn write_be64(state: &[u64], out: &mut [u8]) {
    for (chunk, word) in out.chunks_exact_mut(8).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::code::dynamic_truncation;
    use hmac::{KeyInit, Mac as _};
    use proptest::prelude::*;

    fn reference(algorithm: Algorithm, key: &[u8], counter: u64) -> Vec<u8> {
        let message = counter.to_be_bytes();
        match algorithm {
            Algorithm::Sha1 => {
                let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(key).unwrap();
                mac.update(&message);
                mac.finalize().into_bytes().to_vec()
            }
            Algorithm::Sha256 => {
                let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
                mac.update(&message);
                mac.finalize().into_bytes().to_vec()
            }
            Algorithm::Sha512 => {
                let mut mac = hmac::Hmac::<sha2::Sha512>::new_from_slice(key).unwrap();
                mac.update(&message);
                mac.finalize().into_bytes().to_vec()
            }
        }
    }

    proptest! {
        #[test]
        fn equals_the_hmac_crate(
            key in proptest::collection::vec(any::<u8>(), 1..300),
            counter in any::<u64>(),
            which in 0usize..3,
        ) {
            let algorithm = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512][which];
            let keyed = KeyedHmac::new(algorithm, &key);
            let mac = keyed.mac_counter(counter);
            let expected = reference(algorithm, &key, counter);
            prop_assert_eq!(mac.as_slice(), &expected[..]);
            prop_assert_eq!(keyed.truncated(counter), dynamic_truncation(&expected));
        }
    }

    /// Every truncation offset (0 to 15), for each word size.
    #[test]
    fn truncation_at_every_offset() {
        for offset in 0..16u8 {
            let mut bytes = [0u8; 64];
            for (i, byte) in bytes.iter_mut().enumerate() {
                *byte = (i as u8).wrapping_mul(37).wrapping_add(0x91);
            }
            for len in [20usize, 32, 64] {
                let mut mac = bytes;
                mac[len - 1] = (mac[len - 1] & 0xf0) | offset;
                let mac = &mac[..len];
                let got = if len == 64 {
                    let mut words = [0u64; 8];
                    for (word, chunk) in words.iter_mut().zip(mac.chunks_exact(8)) {
                        *word = u64::from_be_bytes(chunk.try_into().unwrap());
                    }
                    truncate_words64(&words)
                } else {
                    let mut words = [0u32; 8];
                    for (word, chunk) in words.iter_mut().zip(mac.chunks_exact(4)) {
                        *word = u32::from_be_bytes(chunk.try_into().unwrap());
                    }
                    if len == 20 {
                        truncate_words32(&<[u32; 5]>::try_from(&words[..5]).unwrap())
                    } else {
                        truncate_words32(&words)
                    }
                };
                assert_eq!(
                    got,
                    dynamic_truncation(mac),
                    "offset {offset}, {len}-byte MAC"
                );
            }
        }
    }

    #[test]
    fn block_boundary_key_lengths() {
        for algorithm in [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512] {
            for len in [1, 63, 64, 65, 127, 128, 129, 200] {
                let key: Vec<u8> = (0..len).map(|i| i as u8).collect();
                let keyed = KeyedHmac::new(algorithm, &key);
                let expected = reference(algorithm, &key, 42);
                assert_eq!(
                    keyed.mac_counter(42).as_slice(),
                    &expected[..],
                    "{algorithm} key length {len}"
                );
                assert_eq!(keyed.truncated(42), dynamic_truncation(&expected));
            }
        }
    }
}
