//! The secrets of one unlock's entries, kept together in one zeroizing
//! block (as their summaries are, see [`super::views`]) instead of one
//! allocation per entry; a [`Secret`] is built from them only when an
//! entry's codes or a full copy of it are asked for.

use std::fmt;
use std::sync::Arc;

use crate::account::{OtpKind, OtpParams, ParamsShape};
use crate::crypto::aead::wipe_vec;
use crate::secret::Secret;

/// Makes room for `needed` more bytes in `buffer` without ever letting it
/// reallocate in place: when it is full, its bytes move to a buffer twice
/// as large and the old one is wiped (all of its capacity) before it is
/// freed, so no copy is left behind.
pub(crate) fn reserve_wiping(buffer: &mut Vec<u8>, needed: usize) {
    if buffer.capacity() - buffer.len() < needed {
        let capacity = (buffer.len() + needed).max(2 * buffer.capacity());
        let mut grown = Vec::with_capacity(capacity);
        grown.extend_from_slice(buffer);
        wipe_vec(&mut std::mem::replace(buffer, grown));
    }
}

/// True if `a` and `b` are the same bytes; in constant time for bytes of
/// the same length (like [`Secret`]'s comparison), to compare secrets.
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |any, (x, y)| any | (x ^ y)) == 0
}

/// Builds a block of secrets one entry at a time ([`Secrets::push`]), then
/// shares it ([`Secrets::finish`]). Wiped if dropped unfinished.
pub(crate) struct Secrets {
    bytes: Vec<u8>,
}

impl Secrets {
    /// A builder for about `bytes` bytes of secrets (a hint: it grows).
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Secrets {
            bytes: Vec::with_capacity(bytes),
        }
    }

    /// Adds a secret; returns where it is in the block.
    pub(crate) fn push(&mut self, secret: &[u8]) -> SecretRange {
        reserve_wiping(&mut self.bytes, secret.len());
        let start = self.bytes.len();
        self.bytes.extend_from_slice(secret);
        SecretRange {
            start,
            end: self.bytes.len(),
        }
    }

    /// The block, shared by the entries whose secrets it holds.
    pub(crate) fn finish(mut self) -> SharedSecrets {
        SharedSecrets(Arc::new(SecretBlock {
            bytes: std::mem::take(&mut self.bytes),
        }))
    }
}

impl Drop for Secrets {
    fn drop(&mut self) {
        wipe_vec(&mut self.bytes);
    }
}

/// Where one secret is in a block.
#[derive(Clone, Copy)]
pub(crate) struct SecretRange {
    start: usize,
    end: usize,
}

/// A finished block of secrets, wiped (all of its capacity) when its last
/// handle is dropped.
struct SecretBlock {
    bytes: Vec<u8>,
}

impl Drop for SecretBlock {
    fn drop(&mut self) {
        wipe_vec(&mut self.bytes);
    }
}

/// A finished block (see [`Secrets`]).
pub(crate) struct SharedSecrets(Arc<SecretBlock>);

impl SharedSecrets {
    /// The parameters of the entry whose secret is at `range`.
    pub(crate) fn params(&self, range: SecretRange, shape: ParamsShape) -> CachedParams {
        CachedParams {
            block: Arc::clone(&self.0),
            range,
            shape,
        }
    }
}

/// An entry's code parameters as the unlock cache keeps them: checked
/// (digits, period), their secret in the unlock's shared block.
/// [`CachedParams::to_params`] makes a full [`OtpParams`] (its own
/// zeroizing copy of the secret). `Debug` never shows the secret.
#[derive(Clone)]
pub struct CachedParams {
    block: Arc<SecretBlock>,
    range: SecretRange,
    shape: ParamsShape,
}

impl CachedParams {
    /// The kind and its moving factor.
    pub fn kind(&self) -> OtpKind {
        self.shape.kind()
    }

    /// The secret's bytes (in the shared block).
    pub(crate) fn secret_bytes(&self) -> &[u8] {
        self.block
            .bytes
            .get(self.range.start..self.range.end)
            .unwrap_or_default()
    }

    /// True if `secret` is this entry's secret (in constant time for
    /// secrets of the same length, like [`Secret`]'s comparison).
    pub(crate) fn same_secret(&self, secret: &[u8]) -> bool {
        same_bytes(self.secret_bytes(), secret)
    }

    /// The full parameters, with their own copy of the secret; `None` only
    /// if the secret is empty, which decoding never lets through.
    pub fn to_params(&self) -> Option<OtpParams> {
        let secret = Secret::from_bytes(self.secret_bytes().to_vec()).ok()?;
        Some(OtpParams::with_shape(secret, self.shape))
    }
}

impl PartialEq for CachedParams {
    fn eq(&self, other: &Self) -> bool {
        self.shape == other.shape && self.same_secret(other.secret_bytes())
    }
}

impl Eq for CachedParams {}

impl fmt::Debug for CachedParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedParams")
            .field("kind", &self.shape.kind())
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::Algorithm;
    use zeroize::Zeroize;

    fn shape() -> ParamsShape {
        ParamsShape::check(Algorithm::Sha1, 6, OtpKind::Totp { period: 30 }).unwrap()
    }

    #[test]
    fn secrets_read_back_and_compare_as_given() {
        let mut secrets = Secrets::with_capacity(1);
        let first = secrets.push(b"first secret");
        let second = secrets.push(b"second, longer secret");
        let block = secrets.finish();
        let (a, b) = (block.params(first, shape()), block.params(second, shape()));
        assert_eq!(a.secret_bytes(), b"first secret");
        assert_eq!(b.secret_bytes(), b"second, longer secret");
        assert!(a.same_secret(b"first secret") && !a.same_secret(b"first secreT"));
        assert!(!a.same_secret(b"first"));
        assert_ne!(a, b);
        assert_eq!(a, a.clone());
        let params = b.to_params().unwrap();
        assert_eq!(params.secret().as_bytes(), b"second, longer secret");
        assert_eq!(params.kind(), OtpKind::Totp { period: 30 });
    }

    #[test]
    fn debug_shows_no_secret() {
        let mut secrets = Secrets::with_capacity(16);
        let range = secrets.push(b"HIDDENSECRETBYTES");
        let params = secrets.finish().params(range, shape());
        let shown = format!("{params:?}");
        assert!(!shown.contains("HIDDEN"), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }

    #[test]
    fn wipe_zeroes_every_byte() {
        let mut bytes = vec![0xA5; 40];
        bytes.as_mut_slice().zeroize();
        assert!(bytes.iter().all(|&b| b == 0));
        let mut bytes = vec![0xA5; 40];
        wipe_vec(&mut bytes);
        assert!(bytes.is_empty());
    }

    #[test]
    fn the_block_goes_with_its_last_handle() {
        let mut secrets = Secrets::with_capacity(64);
        let range = secrets.push(&[0xA5; 40]);
        let block = secrets.finish();
        let weak = Arc::downgrade(&block.0);
        let params = block.params(range, shape());
        let copy = params.clone();
        drop(block);
        drop(params);
        assert!(weak.upgrade().is_some(), "a handle is left");
        drop(copy);
        // Dropped, so `SecretBlock::drop` wiped it.
        assert!(weak.upgrade().is_none());
    }
}
