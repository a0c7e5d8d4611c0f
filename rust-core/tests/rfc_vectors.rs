//! RFC 4226 Appendix D and RFC 6238 Appendix B, read from the shared vector
//! files in `tests/vectors/` (the Kotlin and Swift suites read the same
//! files). Every vector is checked through both the keyed [`Generator`] and
//! the one-shot [`hotp`]/[`totp`] functions.

use std::path::PathBuf;

use serde::Deserialize;
use ward_core::otp::{Generator, hotp, totp};
use ward_core::{Algorithm, OtpKind, OtpParams, Secret};

fn vector_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn params(seed_hex: &str, algorithm: Algorithm, digits: u32, kind: OtpKind) -> OtpParams {
    let bytes = (0..seed_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&seed_hex[i..i + 2], 16).unwrap())
        .collect();
    OtpParams::new(Secret::from_bytes(bytes).unwrap(), algorithm, digits, kind).unwrap()
}

#[derive(Deserialize)]
struct Rfc4226 {
    secret_hex: String,
    secret_base32: String,
    digits: u32,
    vectors: Vec<HotpVector>,
}

#[derive(Deserialize)]
struct HotpVector {
    counter: u64,
    truncated: u64,
    hotp: String,
}

#[test]
fn rfc4226_appendix_d() {
    let doc: Rfc4226 = serde_json::from_str(&vector_file("rfc4226.json")).unwrap();
    assert_eq!(doc.vectors.len(), 10);
    let hex_secret = params(
        &doc.secret_hex,
        Algorithm::Sha1,
        doc.digits,
        OtpKind::Hotp { counter: 0 },
    );
    assert_eq!(
        Secret::from_base32(&doc.secret_base32).unwrap(),
        *hex_secret.secret(),
        "hex and base32 forms of the seed differ"
    );
    for v in &doc.vectors {
        let p = hex_secret.clone().with_counter(v.counter);
        let generator = Generator::new(&p);
        assert_eq!(
            generator.code_for_counter(v.counter).as_str(),
            v.hotp,
            "Generator, counter {}",
            v.counter
        );
        assert_eq!(
            generator.current_code(0).as_str(),
            v.hotp,
            "Generator::current_code, counter {}",
            v.counter
        );
        assert_eq!(
            generator.code_at(0).current.as_str(),
            v.hotp,
            "Generator::code_at, counter {}",
            v.counter
        );
        assert_eq!(
            hotp(&p, v.counter).as_str(),
            v.hotp,
            "hotp(), counter {}",
            v.counter
        );
        assert_eq!(
            totp(&p, 12345).as_str(),
            v.hotp,
            "totp() on hotp params, counter {}",
            v.counter
        );

        // The same truncated value rendered with 7 to 10 digits.
        for digits in 7..=10u32 {
            let wide =
                OtpParams::new(p.secret().clone(), Algorithm::Sha1, digits, p.kind()).unwrap();
            let want = format!(
                "{:0width$}",
                v.truncated % 10u64.pow(digits),
                width = digits as usize
            );
            assert_eq!(
                Generator::new(&wide).code_for_counter(v.counter).as_str(),
                want
            );
            assert_eq!(hotp(&wide, v.counter).as_str(), want);
        }
    }
    // `next` is the code of the following counter.
    let generator = Generator::new(&hex_secret);
    assert_eq!(generator.code_at(0).next.as_str(), doc.vectors[1].hotp);
}

#[derive(Deserialize)]
struct Rfc6238 {
    period: u64,
    digits: u32,
    seeds: std::collections::BTreeMap<String, Seed>,
    vectors: Vec<TotpVector>,
}

#[derive(Deserialize)]
struct Seed {
    hex: String,
    base32: String,
}

#[derive(Deserialize)]
struct TotpVector {
    time: u64,
    step_hex: String,
    algorithm: String,
    totp: String,
}

#[test]
fn rfc6238_appendix_b() {
    let doc: Rfc6238 = serde_json::from_str(&vector_file("rfc6238.json")).unwrap();
    assert_eq!(doc.vectors.len(), 18);
    let mut seen = std::collections::BTreeSet::new();
    for v in &doc.vectors {
        let algorithm: Algorithm = v.algorithm.parse().unwrap();
        seen.insert(algorithm.name());
        let seed = &doc.seeds[&v.algorithm];
        let expected_len = match algorithm {
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
            Algorithm::Sha512 => 64,
        };
        let p = params(
            &seed.hex,
            algorithm,
            doc.digits,
            OtpKind::Totp { period: doc.period },
        );
        assert_eq!(
            p.secret().len(),
            expected_len,
            "RFC seed length for {algorithm}"
        );
        assert_eq!(Secret::from_base32(&seed.base32).unwrap(), *p.secret());

        let step = u64::from_str_radix(&v.step_hex, 16).unwrap();
        let generator = Generator::new(&p);
        let timed = generator.code_at(v.time);
        let context = format!("{} at {}", v.algorithm, v.time);
        assert_eq!(timed.counter, step, "{context}");
        assert_eq!(
            timed.current.as_str(),
            v.totp,
            "Generator::code_at, {context}"
        );
        assert_eq!(timed.seconds_remaining, doc.period - v.time % doc.period);
        assert_eq!(
            generator.current_code(v.time).as_str(),
            v.totp,
            "Generator::current_code, {context}"
        );
        assert_eq!(
            generator.code_for_counter(step).as_str(),
            v.totp,
            "Generator::code_for_counter, {context}"
        );
        assert_eq!(totp(&p, v.time).as_str(), v.totp, "totp(), {context}");
        assert_eq!(hotp(&p, step).as_str(), v.totp, "hotp(), {context}");
        assert_eq!(
            timed.next,
            generator.current_code(v.time + doc.period),
            "next, {context}"
        );
    }
    assert_eq!(seen.len(), 3, "all three algorithms");
}
