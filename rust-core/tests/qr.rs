//! QR decoding end to end: clean codes of every version, the committed
//! fixture pictures (made by tests/qr/make_frames.py --fixtures), padded
//! camera planes, and hostile frames.

use std::collections::BTreeMap;
use std::path::PathBuf;

use qrcode::{Color, EcLevel, QrCode, Version};
use ward_core::qr::{
    AuthenticatorQr, LumaFrame, OtherContent, QrContent, QrError, ScanSession, Strategy,
    authenticator_qr, classify, decode_luma, decode_luma_with,
};

/// Pixels of a code drawn `module` pixels per module with a 4-module quiet
/// zone, and its side.
fn render(code: &QrCode, module: usize) -> (Vec<u8>, usize) {
    let width = code.width();
    let side = (width + 8) * module;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (mx, my) = (i % width + 4, i / width + 4);
            for y in my * module..(my + 1) * module {
                pixels[y * side + mx * module..y * side + (mx + 1) * module].fill(0);
            }
        }
    }
    (pixels, side)
}

/// Text in the alphabet of an export URI, `len` bytes long.
fn export_like_text(len: usize) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%2B%2F";
    let prefix = "otpauth-migration://offline?data=";
    let mut text: String = prefix.chars().take(len).collect();
    let mut state = 0x2545_f491_u32;
    while text.len() < len {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        text.push(alphabet[state as usize % alphabet.len()] as char);
    }
    text
}

/// The longest export-like text that fits `version` at `level`.
fn fullest_code(version: i16, level: EcLevel) -> (QrCode, String) {
    let fits = |len: usize| {
        QrCode::with_version(export_like_text(len), Version::Normal(version), level).is_ok()
    };
    let (mut low, mut high) = (1usize, 7089usize);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if fits(mid) { low = mid } else { high = mid - 1 }
    }
    let text = export_like_text(low);
    let code = QrCode::with_version(&text, Version::Normal(version), level).expect("fits");
    (code, text)
}

#[test]
fn every_version_decodes_exactly() {
    for version in 1..=40 {
        for level in [EcLevel::L, EcLevel::M] {
            let (code, text) = fullest_code(version, level);
            let (pixels, side) = render(&code, 3);
            let frame = LumaFrame::packed(&pixels, side as u32, side as u32).expect("valid frame");
            let texts = decode_luma(&frame).expect("decodes");
            assert_eq!(texts, vec![text], "version {version} {level:?}");
        }
    }
}

#[test]
fn padded_rows_are_read_through_the_stride() {
    let (code, text) = fullest_code(10, EcLevel::M);
    let (pixels, side) = render(&code, 4);
    // A camera plane: 64 bytes of garbage padding per row, last row short.
    let stride = side + 64;
    let mut plane = vec![0x5au8; stride * (side - 1) + side];
    for y in 0..side {
        plane[y * stride..y * stride + side].copy_from_slice(&pixels[y * side..(y + 1) * side]);
    }
    let frame = LumaFrame::new(&plane, side as u32, side as u32, stride).expect("valid frame");
    assert_eq!(decode_luma(&frame), Ok(vec![text]));
}

/// A 1280×720 camera-like frame (mid-grey with a gentle gradient) holding
/// `code` at `module` pixels per module, its top-left corner at `(x, y)`.
fn frame_with_code(code: &QrCode, module: usize, x: usize, y: usize) -> Vec<u8> {
    let (width, height) = (1280, 720);
    let mut frame: Vec<u8> = (0..width * height)
        .map(|i| 120 + ((i % width) / 40) as u8)
        .collect();
    let (pixels, side) = render(code, module);
    for row in 0..side {
        frame[(y + row) * width + x..][..side].copy_from_slice(&pixels[row * side..][..side]);
    }
    frame
}

/// The default strategy with [`Strategy::focus`] on.
fn focused() -> Strategy {
    Strategy {
        focus: true,
        ..Strategy::default()
    }
}

/// Codes the half-resolution pass cannot read (2 pixels per module, so 1 at
/// half resolution) are still read by the full-resolution passes, which the
/// focus runs over the part of the frame where the first pass saw finder
/// patterns; a frame without a code stops after the first pass.
#[test]
fn focused_passes_read_small_codes_anywhere_in_the_frame() {
    let (code, text) = fullest_code(7, EcLevel::M);
    let side = (code.width() + 8) * 2;
    for (x, y) in [(0, 0), (600, 300), (1280 - side, 720 - side)] {
        let frame = frame_with_code(&code, 2, x, y);
        let frame = LumaFrame::packed(&frame, 1280, 720).expect("valid");
        assert_eq!(
            decode_luma_with(&frame, &focused()),
            Ok(vec![text.clone()]),
            "at ({x}, {y})"
        );
    }
    let blank = vec![130u8; 1280 * 720];
    let frame = LumaFrame::packed(&blank, 1280, 720).expect("valid");
    assert_eq!(decode_luma_with(&frame, &focused()), Ok(Vec::new()));
}

/// A session reads what one-shot decoding reads, frame after frame, when the
/// code stays, moves, disappears and comes back.
#[test]
fn a_scan_session_reads_like_one_shot_decoding() {
    let (small, small_text) = fullest_code(5, EcLevel::M);
    let (large, large_text) = fullest_code(12, EcLevel::L);
    let scenes = [
        frame_with_code(&small, 2, 100, 100),
        frame_with_code(&small, 2, 104, 98),
        frame_with_code(&large, 5, 700, 150),
        vec![128u8; 1280 * 720],
        frame_with_code(&small, 2, 900, 500),
        frame_with_code(&large, 4, 20, 30),
    ];
    for strategy in [Strategy::default(), focused(), Strategy::for_camera()] {
        let mut session = ScanSession::with_strategy(strategy.clone());
        for (i, pixels) in scenes.iter().enumerate() {
            let frame = LumaFrame::packed(pixels, 1280, 720).expect("valid");
            let one_shot = decode_luma_with(&frame, &strategy);
            assert_eq!(session.decode(&frame), one_shot, "scene {i}");
            let want = match i {
                0 | 1 | 4 => vec![small_text.clone()],
                2 | 5 => vec![large_text.clone()],
                _ => Vec::new(),
            };
            assert_eq!(one_shot, Ok(want), "scene {i}");
        }
        session.reset();
    }
}

/// The camera strategy (finder-pattern search first) reads small and large
/// codes anywhere in the frame, rotated too, and gives up on frames without
/// a code; `ScanSession::new` uses it.
#[test]
fn the_camera_strategy_reads_codes_and_gives_up_on_empty_frames() {
    let camera = Strategy::for_camera();
    assert!(camera.precheck);
    let (small, small_text) = fullest_code(5, EcLevel::M);
    let (large, large_text) = fullest_code(12, EcLevel::L);
    for (code, text, module, x, y) in [
        (&small, &small_text, 2, 0, 0),
        (&small, &small_text, 3, 700, 400),
        (&large, &large_text, 4, 300, 20),
    ] {
        let pixels = frame_with_code(code, module, x, y);
        let frame = LumaFrame::packed(&pixels, 1280, 720).expect("valid");
        assert_eq!(
            decode_luma_with(&frame, &camera),
            Ok(vec![text.clone()]),
            "module {module} at ({x}, {y})"
        );
        let mut session = ScanSession::new();
        assert_eq!(session.decode(&frame), Ok(vec![text.clone()]));
    }
    let blank = vec![130u8; 1280 * 720];
    let frame = LumaFrame::packed(&blank, 1280, 720).expect("valid");
    assert_eq!(decode_luma_with(&frame, &camera), Ok(Vec::new()));
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/qr")
}

fn decode_fixture(name: &str) -> Vec<String> {
    let image = image::open(fixtures().join(name))
        .expect("fixture reads")
        .to_luma8();
    let (width, height) = image.dimensions();
    let frame = LumaFrame::packed(image.as_raw(), width, height).expect("valid frame");
    decode_luma_with(&frame, &Strategy::for_stills()).expect("decodes")
}

fn expected() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(fixtures().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn fixtures_decode_to_their_expected_texts() {
    for (name, mut want) in expected() {
        let mut got = decode_fixture(&name);
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn google_export_screenshot_is_a_migration_uri() {
    let texts = decode_fixture("google-export-screenshot.png");
    assert_eq!(texts.len(), 1);
    assert_eq!(classify(&texts[0]), QrContent::Migration);
    assert!(matches!(
        authenticator_qr(&texts[0]),
        Ok(AuthenticatorQr::Migration(_))
    ));
}

#[test]
fn aws_code_parses_as_an_account() {
    let texts = decode_fixture("aws-photo.jpg");
    let Ok(AuthenticatorQr::Otpauth(uri)) = authenticator_qr(&texts[0]) else {
        panic!("not an otpauth URI");
    };
    let account = ward_core::uri::parse(uri).expect("parses");
    assert_eq!(account.issuer, "Amazon Web Services");
    assert_eq!(account.params.secret().len(), 40);
}

#[test]
fn a_web_address_is_not_an_authenticator_code() {
    let texts = decode_fixture("url-code.png");
    assert_eq!(
        authenticator_qr(&texts[0]),
        Err(QrError::NotAuthenticator {
            what: OtherContent::WebAddress,
            origin: Some("https://example.com".into()),
        })
    );
}

#[test]
fn hostile_frames_never_panic() {
    let mut state = 0x9e37_79b9_u32;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    for (width, height) in [(1, 1), (21, 21), (64, 3), (97, 131), (400, 300)] {
        let noise: Vec<u8> = (0..width * height).map(|_| next() as u8).collect();
        let binary: Vec<u8> = noise
            .iter()
            .map(|p| if p & 1 == 0 { 0 } else { 255 })
            .collect();
        for pixels in [&noise, &binary] {
            let frame = LumaFrame::packed(pixels, width as u32, height as u32).expect("valid");
            // Any outcome but a panic is fine; a found text must be acceptable.
            if let Ok(texts) = decode_luma_with(&frame, &Strategy::for_stills()) {
                assert!(texts.iter().all(|t| ward_core::qr::is_acceptable_text(t)));
            }
        }
    }
}

/// The screenshot's export, decoded and imported, gives the five accounts
/// make_frames.py put in it, secrets and parameters included.
#[test]
fn google_export_screenshot_imports_the_right_accounts() {
    use ward_core::{Algorithm, OtpKind};
    let texts = decode_fixture("google-export-screenshot.png");
    let report = ward_core::import::import(texts[0].as_bytes(), None).expect("imports");
    assert!(report.skipped.is_empty());
    let got: Vec<_> = report
        .entries
        .iter()
        .map(|entry| {
            let account = &entry.account;
            (
                account.issuer.as_str(),
                account.name.as_str(),
                account.params.secret().as_bytes().to_vec(),
                account.params.algorithm(),
                account.params.digits(),
                account.params.kind(),
            )
        })
        .collect();
    let totp = OtpKind::Totp { period: 30 };
    let want = vec![
        (
            "Google",
            "alice@example.com",
            b"Hello!\xde\xad\xbe\xef".to_vec(),
            Algorithm::Sha1,
            6,
            totp,
        ),
        ("GitHub", "bob", (0..20).collect(), Algorithm::Sha1, 6, totp),
        (
            "Amazon Web Services",
            "carol@example.org",
            (100..132).collect(),
            Algorithm::Sha256,
            8,
            totp,
        ),
        (
            "Dropbox",
            "dave",
            (200..210).collect(),
            Algorithm::Sha1,
            6,
            OtpKind::Hotp { counter: 7 },
        ),
        (
            "Slack",
            "erin@example.net",
            (50..66).collect(),
            Algorithm::Sha512,
            6,
            totp,
        ),
    ];
    assert_eq!(got, want);
}

/// A blurred camera frame that the camera path's rxing passes do not read
/// (frame blur/027 of the benchmark set made by tests/qr/make_frames.py: a
/// Google export code of 81 modules a side, 2.9 pixels per module, Gaussian
/// blur of about half a module). The grid sampler reads it from the luma.
#[test]
fn the_camera_path_reads_a_blurred_code() {
    let image = image::open(fixtures().join("camera-blur.png"))
        .expect("fixture reads")
        .to_luma8();
    let want = std::fs::read_to_string(fixtures().join("camera-blur.txt")).expect("text");
    let want = vec![want.trim().to_owned()];
    let (width, height) = image.dimensions();
    let frame = LumaFrame::packed(image.as_raw(), width, height).expect("valid frame");
    assert_eq!(
        decode_luma_with(&frame, &Strategy::for_camera()),
        Ok(want.clone())
    );
    assert_eq!(ScanSession::new().decode(&frame), Ok(want));
}

/// Blurred camera frames where the finder-pattern search sees two of the
/// code's three patterns and misses the third (frames blur/008 and
/// blur/038 of the benchmark set made by tests/qr/make_frames.py, Gaussian
/// blur of about half a module): on blur-pair the search pairs the two with
/// a look-alike, on blur-lone-pair it finds no triple at all. The camera
/// path completes the pair from the geometry and reads both.
#[test]
fn the_camera_path_completes_a_pair_of_finder_patterns() {
    for name in ["camera-blur-pair", "camera-blur-lone-pair"] {
        let image = image::open(fixtures().join(format!("{name}.png")))
            .expect("fixture reads")
            .to_luma8();
        let want = std::fs::read_to_string(fixtures().join(format!("{name}.txt"))).expect("text");
        let want = vec![want.trim().to_owned()];
        let (width, height) = image.dimensions();
        let frame = LumaFrame::packed(image.as_raw(), width, height).expect("valid frame");
        assert_eq!(
            decode_luma_with(&frame, &Strategy::for_camera()),
            Ok(want.clone()),
            "{name}"
        );
        assert_eq!(ScanSession::new().decode(&frame), Ok(want), "{name}");
    }
}
