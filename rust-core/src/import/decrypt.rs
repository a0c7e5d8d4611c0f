//! The decryption primitives the encrypted import formats share: AES-GCM
//! opening (ring), PBKDF2 (ring) and scrypt (RustCrypto), each with inputs
//! already checked against [`super::limits`]. Keys and plaintext are
//! zeroized when dropped.

use std::num::NonZeroU32;

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use zeroize::Zeroizing;

/// A 256-bit key, zeroized on drop.
pub(crate) type Key = Zeroizing<[u8; 32]>;

/// Why opening failed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum OpenError {
    /// The nonce or key has the wrong length.
    BadShape,
    /// Authentication failed: wrong key or altered data.
    Rejected,
}

/// Opens AES-256-GCM `ciphertext || tag` (16-byte tag at the end) with a
/// 12-byte nonce and empty associated data.
pub(crate) fn aes_gcm_open(
    key: &[u8],
    nonce: &[u8],
    ciphertext_and_tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    aes_gcm_open_with_aad(key, nonce, ciphertext_and_tag, &[])
}

/// Like [`aes_gcm_open`], with associated data `aad`.
pub(crate) fn aes_gcm_open_with_aad(
    key: &[u8],
    nonce: &[u8],
    ciphertext_and_tag: &[u8],
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    if nonce.len() != NONCE_LEN || ciphertext_and_tag.len() < AES_256_GCM.tag_len() {
        return Err(OpenError::BadShape);
    }
    let unbound = UnboundKey::new(&AES_256_GCM, key).map_err(|_| OpenError::BadShape)?;
    let key = LessSafeKey::new(unbound);
    let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| OpenError::BadShape)?;
    let mut buffer = Zeroizing::new(ciphertext_and_tag.to_vec());
    let plain_len = key
        .open_in_place(nonce, Aad::from(aad), &mut buffer)
        .map_err(|_| OpenError::Rejected)?
        .len();
    buffer.truncate(plain_len);
    Ok(buffer)
}

/// PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2) into a 256-bit key.
/// `iterations` must already be capped.
pub(crate) fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: NonZeroU32) -> Key {
    let mut key = Zeroizing::new([0u8; 32]);
    ring::pbkdf2::derive(
        ring::pbkdf2::PBKDF2_HMAC_SHA256,
        iterations,
        salt,
        password,
        key.as_mut(),
    );
    key
}

/// PBKDF2 with HMAC-SHA-1 (RFC 8018 §5.2) into a 256-bit key, as andOTP uses.
pub(crate) fn pbkdf2_sha1(password: &[u8], salt: &[u8], iterations: NonZeroU32) -> Key {
    let mut key = Zeroizing::new([0u8; 32]);
    ring::pbkdf2::derive(
        ring::pbkdf2::PBKDF2_HMAC_SHA1,
        iterations,
        salt,
        password,
        key.as_mut(),
    );
    key
}

/// scrypt (RFC 7914) into a 256-bit key. The parameters must already have
/// passed [`super::limits::check_scrypt`]; `None` if the crate still refuses them.
pub(crate) fn scrypt(password: &[u8], salt: &[u8], log_n: u8, r: u32, p: u32) -> Option<Key> {
    let params = scrypt::Params::new(log_n, r, p, 32).ok()?;
    let mut key = Zeroizing::new([0u8; 32]);
    scrypt::scrypt(password, salt, &params, key.as_mut()).ok()?;
    Some(key)
}

/// Argon2id (RFC 9106, version 0x13) into a 256-bit key. The parameters
/// must already have passed [`super::limits::check_argon2`]; `None` if the
/// crate still refuses them.
pub(crate) fn argon2id(
    password: &[u8],
    salt: &[u8],
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
) -> Option<Key> {
    let params = argon2::Params::new(memory_kib, iterations, parallelism, Some(32)).ok()?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(password, salt, key.as_mut())
        .ok()?;
    Some(key)
}

/// SHA-256 of the password, the key andOTP's first encrypted format used.
pub(crate) fn sha256(password: &[u8]) -> Key {
    let digest = ring::digest::digest(&ring::digest::SHA256, password);
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(digest.as_ref());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_rejects_bad_shapes_and_tags() {
        let key = [7u8; 32];
        assert_eq!(
            aes_gcm_open(&key, &[0; 11], &[0; 32]).unwrap_err(),
            OpenError::BadShape
        );
        assert_eq!(
            aes_gcm_open(&key, &[0; 12], &[0; 8]).unwrap_err(),
            OpenError::BadShape
        );
        assert_eq!(
            aes_gcm_open(&key, &[0; 12], &[0; 32]).unwrap_err(),
            OpenError::Rejected
        );
    }

    #[test]
    fn pbkdf2_matches_rfc7914_vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", 1, 64): first 32 bytes.
        let key = pbkdf2_sha256(b"passwd", b"salt", NonZeroU32::new(1).unwrap());
        assert_eq!(&key[..8], &[0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f]);
    }
}
