//! OTP shared secrets: lenient base32 reading, canonical base32 writing, and
//! zeroization on drop.
//!
//! A [`Secret`] never shows its bytes in `Debug` output or in any error.

use std::fmt;

use zeroize::{Zeroize, Zeroizing};

/// RFC 4226 §4 (requirement R6): the shared secret must be at least 128 bits.
pub const RFC4226_MIN_SECRET_BYTES: usize = 16;

/// The longest base32 text accepted for one secret (2,560 bytes of key).
/// Longer input is refused before any work is done on it.
pub const MAX_SECRET_BASE32_CHARS: usize = 4096;

/// Why a base32 secret was refused. Never contains the secret itself, except
/// for the one character that is not base32.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// Nothing was left after removing spaces, hyphens and padding.
    #[error("the secret is empty: copy the whole secret key from the site")]
    Empty,
    /// A character that base32 (RFC 4648 §6) does not use.
    #[error(
        "the secret has '{character}' at position {position}, which is not base32 (letters A-Z and digits 2-7 only): check for 0/O, 1/I and 8/B mix-ups"
    )]
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its 1-based position in the text as given.
        position: usize,
    },
    /// A number of base32 symbols that no byte string encodes to (1, 3 or 6
    /// symbols left over after the last full group of 8).
    #[error(
        "the secret has {symbols} base32 characters, a length no key has: a character is probably missing or extra"
    )]
    InvalidLength {
        /// Symbols counted after removing spaces, hyphens and padding.
        symbols: usize,
    },
    /// Longer than [`MAX_SECRET_BASE32_CHARS`].
    #[error(
        "the secret is longer than {MAX_SECRET_BASE32_CHARS} characters: this is not an OTP secret"
    )]
    TooLong,
}

/// An OTP shared secret (the HMAC key of RFC 4226 §5).
///
/// The bytes are zeroized when the value is dropped. `Debug` prints only the
/// length class, never the bytes.
#[derive(Clone, Zeroize)]
#[zeroize(drop)]
pub struct Secret {
    bytes: Vec<u8>,
}

impl Secret {
    /// Takes ownership of raw key bytes (for example from a Google
    /// Authenticator export, which carries them unencoded).
    ///
    /// Fails with [`SecretError::Empty`] for an empty key.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, SecretError> {
        if bytes.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(Secret { bytes })
    }

    /// Reads a base32 secret (RFC 4648 §6) as people and sites write it:
    /// any case; spaces, tabs and hyphens anywhere; `=` padding present,
    /// partial or absent.
    ///
    /// Refuses, saying which character and where: characters outside the
    /// base32 alphabet, a length that no key encodes to, empty input, and
    /// input longer than [`MAX_SECRET_BASE32_CHARS`].
    pub fn from_base32(text: &str) -> Result<Self, SecretError> {
        if text.len() > MAX_SECRET_BASE32_CHARS {
            return Err(SecretError::TooLong);
        }
        let mut symbols = Zeroizing::new(String::with_capacity(text.len()));
        let mut padding_started = false;
        for (index, character) in text.chars().enumerate() {
            match character {
                ' ' | '\t' | '-' => continue,
                '=' => padding_started = true,
                'a'..='z' | 'A'..='Z' | '2'..='7' if !padding_started => {
                    symbols.push(character.to_ascii_uppercase());
                }
                _ => {
                    return Err(SecretError::InvalidCharacter {
                        character,
                        position: index + 1,
                    });
                }
            }
        }
        if symbols.is_empty() {
            return Err(SecretError::Empty);
        }
        if matches!(symbols.len() % 8, 1 | 3 | 6) {
            return Err(SecretError::InvalidLength {
                symbols: symbols.len(),
            });
        }
        let bytes = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, &symbols).ok_or(
            SecretError::InvalidLength {
                symbols: symbols.len(),
            },
        )?;
        Secret::from_bytes(bytes)
    }

    /// The canonical text form: uppercase base32 without padding, as written
    /// into otpauth URIs. Zeroized when dropped.
    pub fn to_base32(&self) -> Zeroizing<String> {
        Zeroizing::new(base32::encode(
            base32::Alphabet::Rfc4648 { padding: false },
            &self.bytes,
        ))
    }

    /// The raw key bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Key length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: an empty secret cannot be constructed.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// True when the key is shorter than RFC 4226 §4's 128-bit minimum.
    /// Such keys are accepted (real sites issue 80-bit ones) but callers
    /// should tell the user.
    pub fn is_below_rfc4226_minimum(&self) -> bool {
        self.bytes.len() < RFC4226_MIN_SECRET_BYTES
    }

    /// Compares two secrets in time that depends only on their lengths.
    pub fn constant_time_eq(&self, other: &Secret) -> bool {
        if self.bytes.len() != other.bytes.len() {
            return false;
        }
        let difference = self
            .bytes
            .iter()
            .zip(&other.bytes)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        difference == 0
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.constant_time_eq(other)
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lenient_forms() {
        let canonical = Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap();
        for text in [
            "jbswy3dpehpk3pxp",
            "JBSW Y3DP EHPK 3PXP",
            "jbsw-y3dp-ehpk-3pxp",
            "JBSWY3DPEHPK3PXP====",
            "JBSWY3DPEHPK3PXP=",
            "\tJBSWY3DPEHPK3PXP ",
        ] {
            assert_eq!(Secret::from_base32(text).unwrap(), canonical, "{text}");
        }
        assert_eq!(canonical.as_bytes(), b"Hello!\xde\xad\xbe\xef");
    }

    #[test]
    fn names_bad_character_and_position() {
        let err = Secret::from_base32("JBSW0Y3DP").unwrap_err();
        assert_eq!(
            err,
            SecretError::InvalidCharacter {
                character: '0',
                position: 5
            }
        );
        assert!(err.to_string().contains("position 5"));
        assert!(matches!(
            Secret::from_base32("AB=CD"),
            Err(SecretError::InvalidCharacter { character: 'C', .. })
        ));
    }

    #[test]
    fn refuses_empty_impossible_length_and_huge() {
        assert_eq!(Secret::from_base32(" - = "), Err(SecretError::Empty));
        assert_eq!(
            Secret::from_base32("ABC"),
            Err(SecretError::InvalidLength { symbols: 3 })
        );
        assert_eq!(
            Secret::from_base32(&"A".repeat(MAX_SECRET_BASE32_CHARS + 1)),
            Err(SecretError::TooLong)
        );
        assert_eq!(Secret::from_bytes(vec![]), Err(SecretError::Empty));
    }

    #[test]
    fn flags_short_keys() {
        assert!(
            Secret::from_bytes(vec![1; 10])
                .unwrap()
                .is_below_rfc4226_minimum()
        );
        assert!(
            !Secret::from_bytes(vec![1; 16])
                .unwrap()
                .is_below_rfc4226_minimum()
        );
    }

    #[test]
    fn debug_hides_bytes() {
        let secret = Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap();
        let shown = format!("{secret:?}");
        assert!(!shown.contains("JBSW") && !shown.contains("72"), "{shown}");
    }

    #[test]
    fn writes_canonical_base32() {
        let secret = Secret::from_base32("jbsw y3dp ehpk 3pxp").unwrap();
        assert_eq!(secret.to_base32().as_str(), "JBSWY3DPEHPK3PXP");
        let odd = Secret::from_bytes(vec![0xff; 11]).unwrap();
        assert_eq!(Secret::from_base32(&odd.to_base32()).unwrap(), odd);
    }
}
