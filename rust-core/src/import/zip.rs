//! A minimal ZIP reader: finds one member by name through the central
//! directory and returns its bytes, stored or DEFLATE-compressed (RFC 1951,
//! through `miniz_oxide`), in clear or encrypted with the traditional PKWARE
//! cipher ("ZipCrypto", APPNOTE.TXT §6.1). Enough for Authenticator Plus
//! backups; no ZIP64, no multi-disk archives, no AES (WinZip) encryption.
//!
//! Every offset and length read from the file is checked before use, the
//! output is capped at [`super::MAX_IMPORT_BYTES`], and the member's CRC-32
//! is verified, so damaged or crafted archives fail cleanly.

use zeroize::Zeroizing;

/// Why a member could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ZipError {
    /// Not a ZIP archive Ward can read (with what is wrong).
    Malformed(&'static str),
    /// The archive has no member of that name.
    Missing,
    /// The member is encrypted and no password was given.
    NeedsPassword,
    /// The password does not open the member.
    WrongPassword,
    /// A ZIP feature this reader does not have (with which).
    Unsupported(&'static str),
}

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
const EOCD_LEN: usize = 22;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_DATA_DESCRIPTOR: u16 = 1 << 3;
const FLAG_STRONG_ENCRYPTION: u16 = 1 << 6;
/// Most central-directory records looked at.
const MAX_MEMBERS: usize = super::limits::MAX_ITEMS;

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// One central-directory record, as far as this reader needs it.
struct Member {
    flags: u16,
    method: u16,
    time: u16,
    crc: u32,
    compressed: usize,
    uncompressed: usize,
    local_offset: usize,
}

/// The end-of-central-directory record's offset: the last signature from
/// which a whole record (and its comment) fits.
fn find_end(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(EOCD_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last).rev().find(|&at| {
        u32_at(bytes, at) == Some(END_OF_CENTRAL_DIRECTORY)
            && u16_at(bytes, at + 20).map(usize::from) == Some(bytes.len() - at - EOCD_LEN)
    })
}

/// The member whose file name (its last path component) is `name`.
fn find_member(bytes: &[u8], name: &str) -> Result<Member, ZipError> {
    let end = find_end(bytes).ok_or(ZipError::Malformed("it has no end-of-directory record"))?;
    let count = usize::from(u16_at(bytes, end + 10).unwrap_or(0));
    let mut at = u32_at(bytes, end + 16).unwrap_or(u32::MAX) as usize;
    for _ in 0..count.min(MAX_MEMBERS) {
        let bad = ZipError::Malformed("its directory is damaged");
        if u32_at(bytes, at) != Some(CENTRAL_HEADER) {
            return Err(bad);
        }
        let field16 = |offset| {
            u16_at(bytes, at + offset).ok_or(ZipError::Malformed("its directory is cut short"))
        };
        let field32 = |offset| {
            u32_at(bytes, at + offset).ok_or(ZipError::Malformed("its directory is cut short"))
        };
        let name_len = usize::from(field16(28)?);
        let extra_len = usize::from(field16(30)?);
        let comment_len = usize::from(field16(32)?);
        let member_name = bytes.get(at + 46..at + 46 + name_len).ok_or(bad)?;
        let base_name = member_name
            .rsplit(|&b| b == b'/' || b == b'\\')
            .next()
            .unwrap_or(&[]);
        if base_name == name.as_bytes() {
            let (compressed, uncompressed, local_offset) =
                (field32(20)?, field32(24)?, field32(42)?);
            if [compressed, uncompressed, local_offset].contains(&u32::MAX) {
                return Err(ZipError::Unsupported("ZIP64 archives"));
            }
            return Ok(Member {
                flags: field16(8)?,
                method: field16(10)?,
                time: field16(12)?,
                crc: field32(16)?,
                compressed: compressed as usize,
                uncompressed: uncompressed as usize,
                local_offset: local_offset as usize,
            });
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Err(ZipError::Missing)
}

/// The bytes of the member named `name` (compared with each member's last
/// path component), decrypted with `password` when it is encrypted, and
/// whether it was.
pub(crate) fn read_member(
    bytes: &[u8],
    name: &str,
    password: Option<&[u8]>,
) -> Result<(Zeroizing<Vec<u8>>, bool), ZipError> {
    let member = find_member(bytes, name)?;
    if member.flags & FLAG_STRONG_ENCRYPTION != 0 || member.method == 99 {
        return Err(ZipError::Unsupported("AES-encrypted (WinZip) members"));
    }
    if member.method != STORED && member.method != DEFLATED {
        return Err(ZipError::Unsupported(
            "compression methods other than DEFLATE",
        ));
    }
    if member.uncompressed > super::MAX_IMPORT_BYTES {
        return Err(ZipError::Malformed("its member is larger than any export"));
    }
    let local = member.local_offset;
    if u32_at(bytes, local) != Some(LOCAL_HEADER) {
        return Err(ZipError::Malformed(
            "its directory points outside the archive",
        ));
    }
    let cut = ZipError::Malformed("it is cut short");
    let name_len =
        usize::from(u16_at(bytes, local + 26).ok_or(ZipError::Malformed("it is cut short"))?);
    let extra_len =
        usize::from(u16_at(bytes, local + 28).ok_or(ZipError::Malformed("it is cut short"))?);
    let start = local + 30 + name_len + extra_len;
    let data = start
        .checked_add(member.compressed)
        .and_then(|end| bytes.get(start..end))
        .ok_or(cut)?;
    let encrypted = member.flags & FLAG_ENCRYPTED != 0;
    let stored: Zeroizing<Vec<u8>> = if encrypted {
        let password = password.ok_or(ZipError::NeedsPassword)?;
        // APPNOTE §6.1.6: the header's last byte is the CRC's high byte, or
        // with a data descriptor (bit 3) the modification time's high byte.
        let check = if member.flags & FLAG_DATA_DESCRIPTOR != 0 {
            (member.time >> 8) as u8
        } else {
            (member.crc >> 24) as u8
        };
        zip_crypto_decrypt(password, data, check).ok_or(ZipError::WrongPassword)?
    } else {
        Zeroizing::new(data.to_vec())
    };
    let wrong = || {
        if encrypted {
            ZipError::WrongPassword
        } else {
            ZipError::Malformed("its member is damaged")
        }
    };
    let plain = match member.method {
        STORED => stored,
        _ => Zeroizing::new(
            miniz_oxide::inflate::decompress_to_vec_with_limit(&stored, member.uncompressed)
                .map_err(|_| wrong())?,
        ),
    };
    if plain.len() != member.uncompressed || crc32(0, &plain) != member.crc {
        return Err(wrong());
    }
    Ok((plain, encrypted))
}

/// The CRC-32 of ISO 3309 / ITU-T V.42 (reflected, polynomial 0xEDB88320)
/// that ZIP uses (APPNOTE §4.4.7), continuing from `crc`.
fn crc32(crc: u32, data: &[u8]) -> u32 {
    !data.iter().fold(!crc, |crc, &byte| crc32_byte(crc, byte))
}

/// One step of the raw (uncomplemented) CRC-32 register, as ZipCrypto's
/// key schedule uses it (APPNOTE §6.1.5).
fn crc32_byte(crc: u32, byte: u8) -> u32 {
    let mut value = (crc ^ u32::from(byte)) & 0xff;
    for _ in 0..8 {
        value = if value & 1 != 0 {
            (value >> 1) ^ 0xEDB8_8320
        } else {
            value >> 1
        };
    }
    (crc >> 8) ^ value
}

/// The traditional PKWARE cipher's three keys (APPNOTE §6.1.5).
struct ZipCryptoKeys([u32; 3]);

impl ZipCryptoKeys {
    fn new(password: &[u8]) -> Self {
        let mut keys = ZipCryptoKeys([0x1234_5678, 0x2345_6789, 0x3456_7890]);
        password.iter().for_each(|&byte| keys.update(byte));
        keys
    }

    fn update(&mut self, byte: u8) {
        let [k0, k1, k2] = &mut self.0;
        *k0 = crc32_byte(*k0, byte);
        *k1 = k1
            .wrapping_add(*k0 & 0xff)
            .wrapping_mul(134_775_813)
            .wrapping_add(1);
        *k2 = crc32_byte(*k2, (*k1 >> 24) as u8);
    }

    fn decrypt(&mut self, byte: u8) -> u8 {
        let temp = (self.0[2] | 2) & 0xffff;
        let plain = byte ^ ((temp.wrapping_mul(temp ^ 1) >> 8) & 0xff) as u8;
        self.update(plain);
        plain
    }
}

impl Drop for ZipCryptoKeys {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// Decrypts `data` (12-byte encryption header, then the member) with
/// `password`; `None` when the header's check byte differs from `check`
/// (a wrong password, 255 times in 256) or the data is shorter than the header.
fn zip_crypto_decrypt(password: &[u8], data: &[u8], check: u8) -> Option<Zeroizing<Vec<u8>>> {
    let (header, body) = data.split_at_checked(12)?;
    let mut keys = ZipCryptoKeys::new(password);
    let last = header.iter().fold(0, |_, &byte| keys.decrypt(byte));
    if last != check {
        return None;
    }
    Some(Zeroizing::new(
        body.iter().map(|&byte| keys.decrypt(byte)).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_check_value() {
        // The CRC-32 catalogue's check value for "123456789".
        assert_eq!(crc32(0, b"123456789"), 0xCBF4_3926);
    }

    /// A one-member archive, stored, written here the way APPNOTE §4.3 lays it out.
    fn stored_zip(name: &str, data: &[u8]) -> Vec<u8> {
        let crc = crc32(0, data);
        let mut zip = Vec::new();
        zip.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        zip.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        zip.extend_from_slice(&crc.to_le_bytes());
        zip.extend_from_slice(&(data.len() as u32).to_le_bytes());
        zip.extend_from_slice(&(data.len() as u32).to_le_bytes());
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&[0, 0]);
        zip.extend_from_slice(name.as_bytes());
        zip.extend_from_slice(data);
        let directory = zip.len() as u32;
        zip.extend_from_slice(&CENTRAL_HEADER.to_le_bytes());
        zip.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        zip.extend_from_slice(&crc.to_le_bytes());
        zip.extend_from_slice(&(data.len() as u32).to_le_bytes());
        zip.extend_from_slice(&(data.len() as u32).to_le_bytes());
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&[0; 12]);
        zip.extend_from_slice(&0u32.to_le_bytes());
        zip.extend_from_slice(name.as_bytes());
        let size = zip.len() as u32 - directory;
        zip.extend_from_slice(&END_OF_CENTRAL_DIRECTORY.to_le_bytes());
        zip.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
        zip.extend_from_slice(&size.to_le_bytes());
        zip.extend_from_slice(&directory.to_le_bytes());
        zip.extend_from_slice(&[0, 0]);
        zip
    }

    #[test]
    fn reads_a_stored_member_by_its_last_path_component() {
        let zip = stored_zip("backup/Accounts.txt", b"hello");
        let (data, encrypted) = read_member(&zip, "Accounts.txt", None).unwrap();
        assert_eq!((&data[..], encrypted), (&b"hello"[..], false));
        assert_eq!(
            read_member(&zip, "Other.txt", None).unwrap_err(),
            ZipError::Missing
        );
    }

    #[test]
    fn every_truncation_and_flipped_byte_fails_cleanly() {
        let zip = stored_zip("Accounts.txt", b"otpauth://totp/A?secret=JBSWY3DPEHPK3PXP");
        for len in 0..zip.len() {
            assert!(
                read_member(&zip[..len], "Accounts.txt", None).is_err(),
                "{len}"
            );
        }
        for at in 0..zip.len() {
            let mut bad = zip.clone();
            bad[at] ^= 0xff;
            let _ = read_member(&bad, "Accounts.txt", Some(b"x"));
        }
    }

    #[test]
    fn zip_crypto_round_trip_and_check_byte() {
        // Encrypt with the same key schedule (APPNOTE §6.1.5: c = p ^ k(…), then update with p).
        let encrypt = |password: &[u8], plain: &[u8]| {
            let mut keys = ZipCryptoKeys::new(password);
            plain
                .iter()
                .map(|&p| {
                    let temp = (keys.0[2] | 2) & 0xffff;
                    let c = p ^ ((temp.wrapping_mul(temp ^ 1) >> 8) & 0xff) as u8;
                    keys.update(p);
                    c
                })
                .collect::<Vec<u8>>()
        };
        let mut plain = vec![1u8; 11];
        plain.push(0xAB);
        plain.extend_from_slice(b"secret text");
        let sealed = encrypt(b"pw", &plain);
        assert_eq!(
            &zip_crypto_decrypt(b"pw", &sealed, 0xAB).unwrap()[..],
            b"secret text"
        );
        assert!(zip_crypto_decrypt(b"pw", &sealed, 0xAC).is_none());
        assert!(zip_crypto_decrypt(b"pw", &sealed[..11], 0xAB).is_none());
    }
}
