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

/// AES-256-CBC decryption with PKCS#7 padding removed (NIST SP 800-38A
/// §6.2; RFC 5652 §6.3), as Authy, old Stratum and TOTP Authenticator
/// backups use. CBC has no authentication: a wrong key shows only as bad
/// padding (or, 1 time in about 256, as garbage the caller must reject).
#[cfg(feature = "full-import")]
pub(crate) fn aes256_cbc_decrypt(
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    use aes::cipher::{BlockDecryptMut, KeyIvInit, block_padding::Pkcs7};
    if ciphertext.is_empty() || ciphertext.len() % 16 != 0 {
        return Err(OpenError::BadShape);
    }
    let decryptor =
        cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv).map_err(|_| OpenError::BadShape)?;
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    let plain_len = decryptor
        .decrypt_padded_mut::<Pkcs7>(&mut buffer)
        .map_err(|_| OpenError::Rejected)?
        .len();
    buffer.truncate(plain_len);
    Ok(buffer)
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

    /// NIST SP 800-38A F.2.6 (CBC-AES256.Decrypt), first block: as given
    /// its plaintext is not PKCS#7-padded and is rejected; with the IV's
    /// last byte changed so the plaintext ends in 0x01, it decrypts.
    #[cfg(feature = "full-import")]
    #[test]
    fn aes256_cbc_matches_sp800_38a_and_checks_padding() {
        let hex = |s: &str| {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect::<Vec<u8>>()
        };
        let key = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
        let iv = hex("000102030405060708090a0b0c0d0e0f");
        let ciphertext = hex("f58c4c04d6e5f1ba779eabfb5f7bfbd6");
        // The plaintext block 6bc1bee2...172a ends in 0x2a: not valid PKCS#7.
        assert_eq!(
            aes256_cbc_decrypt(&key, &iv, &ciphertext).unwrap_err(),
            OpenError::Rejected
        );
        // XOR-ing the IV turns the last plaintext byte into 0x01 (valid padding).
        let mut iv = iv;
        iv[15] ^= 0x2a ^ 0x01;
        let plain = aes256_cbc_decrypt(&key, &iv, &ciphertext).unwrap();
        assert_eq!(plain[..4], hex("6bc1bee2")[..]);
        assert_eq!(plain.len(), 15);
        assert_eq!(
            aes256_cbc_decrypt(&key, &iv, &ciphertext[..15]).unwrap_err(),
            OpenError::BadShape
        );
    }

    #[test]
    fn pbkdf2_matches_rfc7914_vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", 1, 64): first 32 bytes.
        let key = pbkdf2_sha256(b"passwd", b"salt", NonZeroU32::new(1).unwrap());
        assert_eq!(&key[..8], &[0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f]);
    }
}
