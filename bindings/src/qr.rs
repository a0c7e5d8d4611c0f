//! [`decode_qr_luma`] (camera frames) and [`decode_qr_picture`] (screenshots
//! and photos): 8-bit grayscale pixels in, the authenticator QR code they
//! show, if any, out.
//!
//! The code's text holds secrets, so it never becomes a Kotlin or Swift
//! string: it stays in Rust inside a [`ScannedCode`] handle (zeroized when
//! the handle is dropped), which the app hands back to
//! `Vault.addScanned` / `Vault.importScanned`.

use std::fmt;
use std::sync::{Arc, Mutex};

use zeroize::Zeroizing;

use ward_core::import::google;
use ward_core::qr::{self, AuthenticatorQr, LumaFrame, QrError, ScanSession, Strategy};

use crate::account::AccountRecord;
use crate::error::WardError;

/// A scanned authenticator QR code, held in Rust. It has no method that
/// returns its text or secret: the app shows what [`ScannedQr`] describes,
/// then passes the handle to `Vault.addScanned` (one account) or
/// `Vault.importScanned` (the codes of a Google Authenticator export).
/// The text is zeroized when the handle is dropped (Kotlin: `close()` /
/// `use {}` or garbage collection; Swift: the last reference goes).
#[derive(uniffi::Object)]
pub struct ScannedCode {
    uri: Zeroizing<String>,
    kind: ScannedKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScannedKind {
    Otpauth,
    GoogleExport,
}

impl ScannedCode {
    /// The `otpauth://` or `otpauth-migration://` URI (Rust side only).
    pub(crate) fn uri(&self) -> &str {
        &self.uri
    }

    /// True for one QR code of a Google Authenticator export.
    pub(crate) fn is_google_export(&self) -> bool {
        self.kind == ScannedKind::GoogleExport
    }
}

impl fmt::Debug for ScannedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ScannedCode(<redacted>)")
    }
}

/// An authenticator QR code found in a frame.
#[derive(Debug, Clone, uniffi::Enum)]
pub enum ScannedQr {
    /// One account: confirm it with the user, then
    /// `Vault.addScanned(scanned)`.
    Account {
        /// What the code describes, to show before adding (no secret).
        account: AccountRecord,
        /// The code itself, held in Rust.
        scanned: Arc<ScannedCode>,
    },
    /// One QR code of a Google Authenticator export: collect the export's
    /// codes (any order), then `Vault.importScanned(codes)`; the report
    /// names any that are missing.
    GoogleExport {
        /// The code itself, held in Rust.
        scanned: Arc<ScannedCode>,
        /// 0-based number of this code in the export.
        batch_index: u32,
        /// How many codes the export has (at least 1).
        batch_size: u32,
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

/// The decoder's memory across the frames of one camera session: open one
/// when the scan screen opens (or the camera restarts) and hand it every
/// frame. It gives up on frames without a code after a cheap search for
/// finder patterns, and tries first the pass and the place that read the
/// previous frame. Safe to call from any thread (one frame at a time: an
/// internal lock).
#[derive(uniffi::Object)]
pub struct QrScanSession {
    session: Mutex<ScanSession>,
}

impl fmt::Debug for QrScanSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QrScanSession")
    }
}

impl Default for QrScanSession {
    fn default() -> Self {
        QrScanSession {
            session: Mutex::new(ScanSession::new()),
        }
    }
}

#[uniffi::export]
impl QrScanSession {
    /// A new session, remembering nothing.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// [`decode_qr_luma`] for the next frame of this session: exactly the
    /// same results and errors. A frame the session gives up on early
    /// returns `None` like a frame without a code.
    pub fn decode_luma(
        &self,
        luma: Vec<u8>,
        width: u32,
        height: u32,
        row_stride: u32,
    ) -> Result<Option<ScannedQr>, WardError> {
        // A panic while the lock was held cannot leave the session in a
        // state worse than "forget the last frame".
        let mut session = self.session.lock().unwrap_or_else(|poisoned| {
            let mut session = poisoned.into_inner();
            session.reset();
            session
        });
        scan_with(&luma, width, height, row_stride, |frame| {
            session.decode(frame)
        })
    }
}

impl ScannedCode {
    fn held(uri: &str, kind: ScannedKind) -> Arc<ScannedCode> {
        Arc::new(ScannedCode {
            uri: Zeroizing::new(uri.to_owned()),
            kind,
        })
    }
}

fn scan(
    luma: &[u8],
    width: u32,
    height: u32,
    row_stride: u32,
    strategy: &Strategy,
) -> Result<Option<ScannedQr>, WardError> {
    scan_with(luma, width, height, row_stride, |frame| {
        qr::decode_luma_with(frame, strategy)
    })
}

/// Checks the frame's geometry, decodes it with `decode` and turns the
/// first authenticator code found into a [`ScannedQr`].
fn scan_with(
    luma: &[u8],
    width: u32,
    height: u32,
    row_stride: u32,
    decode: impl FnOnce(&LumaFrame<'_>) -> Result<Vec<String>, QrError>,
) -> Result<Option<ScannedQr>, WardError> {
    let stride = usize::try_from(row_stride).unwrap_or(usize::MAX);
    let frame = LumaFrame::new(luma, width, height, stride)?;
    // The texts may hold secrets: wiped when this returns.
    let texts = Zeroizing::new(decode(&frame)?);
    let mut first_refusal = None;
    for text in texts.iter() {
        match qr::authenticator_qr(text) {
            Ok(AuthenticatorQr::Otpauth(uri)) => {
                let account = ward_core::uri::parse(uri)?;
                return Ok(Some(ScannedQr::Account {
                    account: AccountRecord::from(&account),
                    scanned: ScannedCode::held(uri, ScannedKind::Otpauth),
                }));
            }
            Ok(AuthenticatorQr::Migration(uri)) => {
                let payload =
                    google::decode_uri(uri).map_err(|reason| WardError::InvalidInput {
                        reason: format!(
                            "this Google Authenticator export code cannot be read: {reason}"
                        ),
                    })?;
                let batch_size = u32::try_from(payload.batch_size)
                    .unwrap_or(0)
                    .clamp(1, google::MAX_BATCH_SIZE);
                let batch_index = u32::try_from(payload.batch_index)
                    .unwrap_or(0)
                    .min(batch_size - 1);
                return Ok(Some(ScannedQr::GoogleExport {
                    scanned: ScannedCode::held(uri, ScannedKind::GoogleExport),
                    batch_index,
                    batch_size,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::Vault;

    const URI: &str = "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP";

    #[test]
    fn a_scanned_code_never_shows_its_uri() {
        let scanned = ScannedQr::Account {
            account: AccountRecord::from(&ward_core::uri::parse(URI).unwrap()),
            scanned: ScannedCode::held(URI, ScannedKind::Otpauth),
        };
        let shown = format!("{scanned:?}");
        assert!(
            !shown.contains("JBSW") && !shown.contains("otpauth"),
            "{shown}"
        );
    }

    /// A light frame `height` rows of `stride` bytes holding `uri` as a QR
    /// code of `module` pixels near its top-left corner.
    fn frame_with(uri: &str, module: usize, height: usize, stride: usize) -> Vec<u8> {
        let code = ward_core::qr::encode(uri).unwrap();
        let size = code.size as usize;
        let mut luma = vec![200u8; stride * height];
        let (x0, y0) = (40, 30);
        for y in 0..size * module {
            for x in 0..size * module {
                if code.modules[(y / module) * size + x / module] == 1 {
                    luma[(y0 + y) * stride + x0 + x] = 20;
                }
            }
        }
        luma
    }

    #[test]
    fn a_session_decodes_like_decode_qr_luma() {
        let session = QrScanSession::new();
        let (width, height, stride) = (640, 480, 704);
        let luma = frame_with(URI, 4, height, stride);
        for _ in 0..3 {
            let Some(ScannedQr::Account { account, .. }) = session
                .decode_luma(luma.clone(), width as u32, height as u32, stride as u32)
                .unwrap()
            else {
                panic!("the session reads the code");
            };
            assert_eq!(account.issuer, "ACME");
        }
        assert!(matches!(
            decode_qr_luma(luma.clone(), width as u32, height as u32, stride as u32),
            Ok(Some(ScannedQr::Account { .. }))
        ));
        let blank = vec![128u8; stride * height];
        assert!(
            session
                .decode_luma(blank, width as u32, height as u32, stride as u32)
                .unwrap()
                .is_none()
        );
        // The same geometry errors as decode_qr_luma.
        assert!(matches!(
            session.decode_luma(vec![0u8; 10], 640, 480, 640),
            Err(WardError::InvalidInput { .. })
        ));
        let web = frame_with("https://example.com/x", 4, height, stride);
        assert!(matches!(
            session.decode_luma(web, width as u32, height as u32, stride as u32),
            Err(WardError::InvalidInput { .. })
        ));
    }

    #[test]
    fn scanned_codes_go_into_the_vault_through_their_handles() {
        let dir = std::env::temp_dir().join(format!("ward-scanned-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v.ward").to_string_lossy().into_owned();
        let vault = Vault::create(path, b"pw".to_vec()).unwrap();
        let id = vault
            .add_scanned(ScannedCode::held(URI, ScannedKind::Otpauth), 1)
            .unwrap();
        assert_eq!(vault.codes(1).unwrap()[0].id, id);
        let export = ScannedCode::held(
            "otpauth-migration://offline?data=",
            ScannedKind::GoogleExport,
        );
        assert!(matches!(
            vault.add_scanned(Arc::clone(&export), 1),
            Err(WardError::InvalidInput { .. })
        ));
        assert!(matches!(
            vault.import_scanned(vec![], 1),
            Err(WardError::InvalidInput { .. })
        ));
        drop(vault);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
