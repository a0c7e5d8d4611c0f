//! QR decoding end to end: clean codes of every version, the committed
//! fixture pictures (made by tests/qr/make_frames.py --fixtures), padded
//! camera planes, and hostile frames.

use std::collections::BTreeMap;
use std::path::PathBuf;

use qrcode::{Color, EcLevel, QrCode, Version};
use ward_core::qr::{
    AuthenticatorQr, LumaFrame, OtherContent, QrContent, QrError, Strategy, authenticator_qr,
    classify, decode_luma, decode_luma_with,
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
