//! Google Authenticator export as QR pictures: the codes' module matrices,
//! so the secret-bearing `otpauth-migration://` URIs never reach the app's
//! managed code (no Kotlin or Swift string holds them).

use ward_core::qr;

use crate::error::WardError;
use crate::import::{SkippedItem, google_export_of};
use crate::vault::Vault;

/// One QR code's modules: `size` × `size` bytes, row-major from the top
/// left, `1` = dark, `0` = light, without the quiet zone (draw a light
/// margin of 4 modules around it, ISO/IEC 18004 section 6.3.8). It encodes
/// the secrets: keep it only while it is on screen.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct QrMatrix {
    /// Modules per side (21 to 177).
    pub size: u32,
    /// `size * size` bytes, `1` dark.
    pub modules: Vec<u8>,
}

impl std::fmt::Debug for QrMatrix {
    // The modules encode secrets: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrMatrix")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// The QR codes of a Google Authenticator export, in scanning order, and
/// the entries they leave out.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GoogleQrExport {
    /// One matrix per code; Google Authenticator scans them in any order.
    pub codes: Vec<QrMatrix>,
    /// Entries Google Authenticator cannot hold (or damaged ones), with reasons.
    pub left_out: Vec<SkippedItem>,
}

#[uniffi::export]
impl Vault {
    /// The Google Authenticator export of every entry as QR matrices to
    /// draw (see [`QrMatrix`]): the same codes as `export_google`, encoded
    /// in the core. They hold the secrets unencrypted: show them only on the
    /// user's explicit request, on a screen that cannot be captured. Needs a
    /// fresh proof at `now` (`ReauthRequired`).
    pub fn export_google_qr(&self, now: u64) -> Result<GoogleQrExport, WardError> {
        let (export, left_out) = google_export_of(&self.core, now)?;
        let codes = export
            .uris
            .iter()
            .map(|uri| {
                let mut matrix = qr::encode(uri).map_err(|error| WardError::Internal {
                    reason: format!("Google export code: {error}"),
                })?;
                Ok(QrMatrix {
                    size: matrix.size,
                    modules: std::mem::take(&mut *matrix.modules),
                })
            })
            .collect::<Result<Vec<_>, WardError>>()?;
        Ok(GoogleQrExport { codes, left_out })
    }
}
