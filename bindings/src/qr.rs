//! [`decode_qr_luma`] (camera frames) and [`decode_qr_picture`] (screenshots
//! and photos): 8-bit grayscale pixels in, the authenticator QR code they
//! show, if any, out.

use zeroize::Zeroizing;

use ward_core::qr::{self, AuthenticatorQr, LumaFrame, Strategy};

use crate::account::AccountRecord;
use crate::error::WardError;

/// An authenticator QR code found in a frame.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ScannedQr {
    /// One account: confirm it with the user, then `Vault.addUri(uri)`.
    Account {
        /// The `otpauth://` URI (it holds the secret: do not log or keep it).
        uri: String,
        /// What the URI describes, to show before adding.
        account: AccountRecord,
    },
    /// One QR code of a Google Authenticator export: collect every code of
    /// the export (the import report says which are missing), then
    /// `Vault.import` them, one URI per line.
    GoogleExport {
        /// The `otpauth-migration://` URI (holds secrets).
        uri: String,
    },
}

/// Looks for an authenticator QR code in an 8-bit grayscale frame: the Y
/// plane of Android's `ImageReader` or the luma plane of an iOS
/// `CVPixelBuffer`, `row_stride` bytes per row (at least `width`).
///
/// Returns `None` when no code is seen (the usual case while the camera is
/// still aiming: keep scanning). Fails with `InvalidInput` when the frame's
/// geometry does not fit `luma`, when the code is not an authenticator code
/// (the reason says what it holds: show it and keep scanning), or when its
/// otpauth URI is invalid.
#[uniffi::export]
pub fn decode_qr_luma(
    luma: Vec<u8>,
    width: u32,
    height: u32,
    row_stride: u32,
) -> Result<Option<ScannedQr>, WardError> {
    scan(&luma, width, height, row_stride, &Strategy::default())
}

/// [`decode_qr_luma`] for a still picture the user picked (a screenshot of
/// a Google Authenticator export, a photo): tries harder (inverted and
/// coarser passes), taking a little longer. Same results and errors.
#[uniffi::export]
pub fn decode_qr_picture(
    luma: Vec<u8>,
    width: u32,
    height: u32,
    row_stride: u32,
) -> Result<Option<ScannedQr>, WardError> {
    scan(&luma, width, height, row_stride, &Strategy::for_stills())
}

fn scan(
    luma: &[u8],
    width: u32,
    height: u32,
    row_stride: u32,
    strategy: &Strategy,
) -> Result<Option<ScannedQr>, WardError> {
    let stride = usize::try_from(row_stride).unwrap_or(usize::MAX);
    let frame = LumaFrame::new(luma, width, height, stride)?;
    // The texts may hold secrets: wiped when this returns.
    let texts = Zeroizing::new(qr::decode_luma_with(&frame, strategy)?);
    let mut first_refusal = None;
    for text in texts.iter() {
        match qr::authenticator_qr(text) {
            Ok(AuthenticatorQr::Otpauth(uri)) => {
                let account = ward_core::uri::parse(uri)?;
                return Ok(Some(ScannedQr::Account {
                    uri: uri.to_owned(),
                    account: AccountRecord::from(&account),
                }));
            }
            Ok(AuthenticatorQr::Migration(uri)) => {
                return Ok(Some(ScannedQr::GoogleExport {
                    uri: uri.to_owned(),
                }));
            }
            Err(refusal) => {
                first_refusal.get_or_insert(refusal);
            }
        }
    }
    match first_refusal {
        Some(refusal) => Err(refusal.into()),
        None => Ok(None),
    }
}
