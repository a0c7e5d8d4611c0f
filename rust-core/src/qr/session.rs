//! A scan session: the decoder's memory across the frames of one camera
//! session. A phone delivers 30 frames a second of the same scene, so the
//! pass that read the last frame, over the place where the code was, is the
//! best first guess for the next one.

use super::frame::LumaFrame;
use super::scan::{self, Hint, Strategy};
use super::{QrError, accept_texts};

/// Frames in a row without a code after which the session forgets where the
/// last code was (the user has moved on).
const FORGET_AFTER_MISSES: u32 = 3;

/// Decodes the frames of one camera session, remembering which pass read
/// the previous frame and where the code was, and trying that first.
///
/// Contract: [`ScanSession::decode`] returns what [`super::decode_luma_with`]
/// would for the same frame and strategy, except that a frame may also be
/// read by the remembered pass over the remembered place (always a pass of
/// the same strategy, so never a text the strategy could not return). Never
/// panics; holds no decoded text between calls.
#[derive(Debug, Clone)]
pub struct ScanSession {
    strategy: Strategy,
    last: Option<Hint>,
    misses: u32,
}

impl Default for ScanSession {
    fn default() -> Self {
        Self::new()
    }
}

impl ScanSession {
    /// A session for a camera stream: [`Strategy::for_camera`] (the default
    /// passes after the finder-pattern search, which gives up on most frames
    /// without a code in a few milliseconds).
    pub fn new() -> Self {
        Self::with_strategy(Strategy::for_camera())
    }

    /// A session with a chosen strategy (for benchmarks and experiments).
    pub fn with_strategy(strategy: Strategy) -> Self {
        ScanSession {
            strategy,
            last: None,
            misses: 0,
        }
    }

    /// Every QR code text in `frame`, as [`super::decode_luma`] returns them.
    pub fn decode(&mut self, frame: &LumaFrame<'_>) -> Result<Vec<String>, QrError> {
        let outcome = scan::run_with_hint(frame, &self.strategy, self.last);
        match &outcome {
            Ok(Some(found)) => {
                self.misses = 0;
                self.last = found.region.map(|region| Hint {
                    pass: found.pass,
                    region,
                });
            }
            Ok(None) => {
                self.misses += 1;
                if self.misses >= FORGET_AFTER_MISSES {
                    self.last = None;
                }
            }
            Err(_) => self.last = None,
        }
        accept_texts(outcome?.map(|found| found.texts).unwrap_or_default())
    }

    /// Forgets the previous frames (for example when the camera restarts).
    pub fn reset(&mut self) {
        self.last = None;
        self.misses = 0;
    }
}
