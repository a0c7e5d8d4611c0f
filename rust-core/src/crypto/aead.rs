//! AES-256-GCM (NIST SP 800-38D) through ring, with a fresh random 96-bit
//! nonce for every message.
//!
//! Sealed format: `nonce (12 bytes) || ciphertext || tag (16 bytes)`, so a
//! sealed message is [`OVERHEAD`] bytes longer than its plaintext.
//!
//! Random nonces are safe for up to 2^32 messages per key (SP 800-38D §8.3);
//! a vault writes far fewer than that in its lifetime.
//!
//! The associated data is authenticated, not stored: the caller passes the
//! same bytes to [`Cipher::open`] as to [`Cipher::seal`]. Use it to bind a
//! ciphertext to its place (file id, record id, format version) so that
//! moving it elsewhere makes it fail to open.

use std::fmt;

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use zeroize::{Zeroize, Zeroizing};

use super::{CryptoError, SecretKey, random};

/// Nonce length in bytes (96 bits).
pub const NONCE_BYTES: usize = NONCE_LEN;
/// Tag length in bytes (128 bits).
pub const TAG_BYTES: usize = 16;
/// Bytes a sealed message adds to its plaintext: nonce plus tag.
pub const OVERHEAD: usize = NONCE_BYTES + TAG_BYTES;

/// An AES-256-GCM key ready to seal and open many messages (the AES key
/// schedule is computed once, in [`Cipher::new`]).
///
/// Limitation: ring does not wipe its expanded key schedule when a
/// `Cipher` is dropped. Keep `Cipher`s only as long as the key they came
/// from is meant to be in memory (the vault drops its one on `lock`).
pub struct Cipher {
    key: LessSafeKey,
}

impl Cipher {
    /// Prepares `key` for AES-256-GCM.
    pub fn new(key: &SecretKey) -> Self {
        // A 32-byte key is always a valid AES-256 key, so ring cannot refuse it.
        let unbound = match UnboundKey::new(&AES_256_GCM, key.as_bytes()) {
            Ok(unbound) => unbound,
            Err(_) => unreachable!("AES-256 takes any 32-byte key"),
        };
        Cipher {
            key: LessSafeKey::new(unbound),
        }
    }

    /// Encrypts and authenticates `plaintext`, authenticating `aad` too,
    /// under a fresh random nonce. Returns `nonce || ciphertext || tag`.
    ///
    /// Fails only if the OS random generator fails.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let nonce_bytes: [u8; NONCE_BYTES] = random::array()?;
        let mut sealed = Vec::with_capacity(plaintext.len() + OVERHEAD);
        sealed.extend_from_slice(&nonce_bytes);
        sealed.extend_from_slice(plaintext);
        let tag = self
            .key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce_bytes),
                Aad::from(aad),
                &mut sealed[NONCE_BYTES..],
            )
            .map_err(|_| CryptoError::Authentication)?;
        sealed.extend_from_slice(tag.as_ref());
        Ok(sealed)
    }

    /// Checks and decrypts a message made by [`Cipher::seal`] with the same
    /// key and `aad`. The plaintext is zeroized when dropped.
    ///
    /// Fails with [`CryptoError::Truncated`] if `sealed` is shorter than
    /// [`OVERHEAD`], and [`CryptoError::Authentication`] if the key, the
    /// associated data or any byte differs.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        self.open_owned(aad, sealed.to_vec())
    }

    /// [`Cipher::open`] decrypting in place, in a buffer the caller gives
    /// up (no copy): the plaintext reuses its allocation, and the buffer is
    /// zeroized when dropped whatever the outcome.
    pub fn open_owned(
        &self,
        aad: &[u8],
        sealed: Vec<u8>,
    ) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        let mut buffer = Zeroizing::new(sealed);
        if buffer.len() < OVERHEAD {
            return Err(CryptoError::Truncated);
        }
        let mut nonce_bytes = [0u8; NONCE_BYTES];
        nonce_bytes.copy_from_slice(&buffer[..NONCE_BYTES]);
        let nonce = Nonce::assume_unique_for_key(nonce_bytes);
        let plaintext_len = self
            .key
            .open_within(nonce, Aad::from(aad), buffer.as_mut_slice(), NONCE_BYTES..)
            .map_err(|_| CryptoError::Authentication)?
            .len();
        buffer.truncate(plaintext_len);
        Ok(buffer)
    }
}

/// Wipes and frees a plaintext buffer, as dropping it would, but in bulk.
///
/// Dropping a `Zeroizing<Vec<u8>>` wipes its bytes one volatile write at a
/// time (zeroize's `Vec` impl visits every element), about a byte per
/// cycle: for the 64 KiB manifest of a 1,000-entry vault, over a percent of
/// an unlock (issue 12, perf). Here the bytes are wiped as one slice
/// (zeroize's bulk fill, kept by an optimisation barrier), then the vector
/// is cleared, which leaves its drop only the spare capacity to wipe, also
/// in bulk: every byte of the allocation is still wiped before it is freed.
pub fn wipe(mut buffer: Zeroizing<Vec<u8>>) {
    wipe_vec(&mut std::mem::take(&mut *buffer));
}

/// Wipes every byte of `bytes`'s allocation, in bulk as [`wipe`] does: its
/// contents as one slice, then its spare capacity; leaves it empty (its
/// allocation is kept until it is dropped). For buffers of secret bytes
/// that are not `Zeroizing`, in their `Drop`.
pub fn wipe_vec(bytes: &mut Vec<u8>) {
    bytes.as_mut_slice().zeroize();
    bytes.clear();
    // After `clear`, zeroize's `Vec` impl has only the spare capacity left.
    bytes.zeroize();
}

/// One plaintext buffer reused for opening many messages in turn
/// ([`Cipher::open_into`]): no allocation per message, and one wipe at the
/// end instead of one per message. Zeroized (its whole capacity, so every
/// earlier plaintext too) when dropped; when a longer message needs more
/// room, the old allocation is wiped before it is freed.
#[derive(Default)]
pub struct OpenBuffer {
    buffer: Zeroizing<Vec<u8>>,
}

impl OpenBuffer {
    /// An empty buffer (it allocates on first use).
    pub fn new() -> Self {
        OpenBuffer::default()
    }

    /// Copies `sealed` in, growing without leaving a copy behind.
    fn load(&mut self, sealed: &[u8]) -> &mut [u8] {
        if sealed.len() > self.buffer.capacity() {
            let capacity = sealed.len().max(2 * self.buffer.capacity());
            // The old buffer is dropped (and zeroized) here.
            self.buffer = Zeroizing::new(Vec::with_capacity(capacity));
        }
        self.buffer.clear();
        self.buffer.extend_from_slice(sealed);
        self.buffer.as_mut_slice()
    }
}

impl fmt::Debug for OpenBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OpenBuffer(<redacted>)")
    }
}

impl Cipher {
    /// [`Cipher::open`] into a reused buffer: copies the ciphertext and tag
    /// of `sealed` (not the nonce, so ring decrypts in place without
    /// shifting) into `buffer` and decrypts them there. The plaintext
    /// borrows the buffer until the next call; it is wiped when the buffer
    /// is dropped.
    pub fn open_into<'b>(
        &self,
        aad: &[u8],
        sealed: &[u8],
        buffer: &'b mut OpenBuffer,
    ) -> Result<&'b [u8], CryptoError> {
        if sealed.len() < OVERHEAD {
            return Err(CryptoError::Truncated);
        }
        let mut nonce_bytes = [0u8; NONCE_BYTES];
        nonce_bytes.copy_from_slice(&sealed[..NONCE_BYTES]);
        let nonce = Nonce::assume_unique_for_key(nonce_bytes);
        let in_out = buffer.load(&sealed[NONCE_BYTES..]);
        let plaintext = self
            .key
            .open_in_place(nonce, Aad::from(aad), in_out)
            .map_err(|_| CryptoError::Authentication)?;
        Ok(plaintext)
    }
}

impl fmt::Debug for Cipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cipher(AES-256-GCM, <redacted>)")
    }
}

/// Seals with a one-off [`Cipher`]; see [`Cipher::seal`].
pub fn seal(key: &SecretKey, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    Cipher::new(key).seal(aad, plaintext)
}

/// Opens with a one-off [`Cipher`]; see [`Cipher::open`].
pub fn open(key: &SecretKey, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    Cipher::new(key).open(aad, sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SecretKey {
        SecretKey::from_slice(&[byte; 32]).unwrap()
    }

    #[test]
    fn round_trip_with_fresh_nonces() {
        let cipher = Cipher::new(&key(1));
        let a = cipher.seal(b"aad", b"hello").unwrap();
        let b = cipher.seal(b"aad", b"hello").unwrap();
        assert_eq!(a.len(), 5 + OVERHEAD);
        assert_ne!(a[..NONCE_BYTES], b[..NONCE_BYTES]);
        assert_eq!(cipher.open(b"aad", &a).unwrap().as_slice(), b"hello");
        assert_eq!(open(&key(1), b"aad", &b).unwrap().as_slice(), b"hello");
    }

    #[test]
    fn any_change_is_detected() {
        let sealed = seal(&key(1), b"aad", b"secret message").unwrap();
        for index in 0..sealed.len() {
            let mut changed = sealed.clone();
            changed[index] ^= 0x01;
            assert_eq!(
                open(&key(1), b"aad", &changed),
                Err(CryptoError::Authentication)
            );
        }
        assert_eq!(
            open(&key(1), b"aaD", &sealed),
            Err(CryptoError::Authentication)
        );
        assert_eq!(
            open(&key(2), b"aad", &sealed),
            Err(CryptoError::Authentication)
        );
        assert_eq!(
            open(&key(1), b"aad", &sealed[..OVERHEAD - 1]),
            Err(CryptoError::Truncated)
        );
    }

    #[test]
    fn open_into_reuses_one_buffer() {
        let cipher = Cipher::new(&key(1));
        let long = cipher.seal(b"a", &[7; 300]).unwrap();
        let short = cipher.seal(b"b", b"hi").unwrap();
        let mut buffer = OpenBuffer::new();
        assert_eq!(cipher.open_into(b"b", &short, &mut buffer).unwrap(), b"hi");
        assert_eq!(
            cipher.open_into(b"a", &long, &mut buffer).unwrap(),
            &[7; 300][..]
        );
        assert_eq!(cipher.open_into(b"b", &short, &mut buffer).unwrap(), b"hi");
        assert_eq!(
            cipher.open_into(b"a", &short, &mut buffer),
            Err(CryptoError::Authentication)
        );
        assert_eq!(
            cipher.open_into(b"b", &short[..OVERHEAD - 1], &mut buffer),
            Err(CryptoError::Truncated)
        );
    }

    /// NIST GCM test vector (gcmEncryptExtIV256, Count 0 with 128-bit
    /// plaintext): checks the layout against a published result.
    #[test]
    fn known_answer() {
        let cipher = Cipher::new(&SecretKey::from_slice(&[0; 32]).unwrap());
        let mut sealed = vec![0u8; 12];
        sealed.extend_from_slice(&hex("cea7403d4d606b6e074ec5d3baf39d18"));
        sealed.extend_from_slice(&hex("d0d1c8a799996bf0265b98b5d48ab919"));
        assert_eq!(cipher.open(b"", &sealed).unwrap().as_slice(), &[0u8; 16]);
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }
}
