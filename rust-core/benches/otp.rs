//! Cost of one code, and of parsing an otpauth URI (criterion).
//!
//! `cargo bench -p ward-core --bench otp`
//!
//! All `code/*` benchmarks compute one HMAC-SHA1, 6-digit code:
//! - `floor_two_sha1_compressions`: two raw SHA-1 compressions on fixed
//!   blocks, the least any HMAC-SHA1 over an 8-byte counter can cost once
//!   keyed (RFC 2104: one inner and one outer block);
//! - `floor_dependent_sha1_compressions`: the same two compressions with the
//!   outer block holding the inner digest, as in HMAC, so they cannot
//!   overlap in the CPU;
//! - `keyed_generator`: Ward's [`Generator`], keyed once per account, from
//!   the time (`current_code`); `keyed_generator_counter` from the counter
//!   (`code_for_counter`, the HOTP path, no division by the period);
//! - `hmac_keyed_clone`: the `hmac` crate keyed once, then clone + update +
//!   finalize per code (the usual way to reuse a key with RustCrypto);
//! - `oneshot_hotp`: Ward's one-shot [`hotp`], keying HMAC every time;
//! - `totp_rs`: the `totp-rs` crate's `Totp::generate`, a peer.
//!
//! - `hmac_keyed_clone_truncated{,_formatted}` and `format_only`: where the
//!   time above the MAC goes (RFC 4226 truncation, 6-digit rendering);
//! - `hmac_clone_only` (copy and drop of a keyed `hmac::Hmac<Sha1>`: two
//!   SHA-1 states plus its 64-byte block buffer, wiped on drop),
//!   `hmac_core_clone_only` (the two states alone, `hmac::block_api::HmacCore`),
//!   `block_buffer_new_drop` (a zeroed block buffer made and wiped) and
//!   `hmac_core_finalize_truncated` (the generator's path: the states
//!   copied, the counter in a fresh buffer, the crate's
//!   `finalize_fixed_core`, truncation): where the MAC's own time goes;
//! - `codes/vault_codes_at_1000`: `Vault::codes_at` over 1,000 unlocked
//!   entries (current and next code each, plus the list's strings).
//!
//! The ratios that matter: keyed_generator / floor (target at most 1.25)
//! and keyed_generator / totp_rs. `scripts/bench-summary.py` prints the
//! medians and these ratios from criterion's output.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::block_api::HmacCore;
use hmac::digest::Output;
use hmac::digest::block_api::{Buffer, FixedOutputCore, UpdateCore};
use hmac::{KeyInit, Mac};
use ward_core::otp::{Generator, hotp};
use ward_core::uri;
use ward_core::{Algorithm, OtpKind, OtpParams, Secret};

/// RFC 4226's 20-byte test secret.
const KEY: &[u8; 20] = b"12345678901234567890";
/// A fixed time; black_box keeps the compiler from folding the work away.
const TIME: u64 = 1_700_000_000;
const AWS_URI: &str = "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=CKCZUS2VSHEXTCJMKLWRCU3ICT5E2DQ34SGPEEIQ6N5VNREBJ6GNCRXKPCIDNCBR&issuer=Amazon%20Web%20Services";

fn params() -> OtpParams {
    let secret = Secret::from_bytes(KEY.to_vec()).expect("non-empty");
    OtpParams::new(secret, Algorithm::Sha1, 6, OtpKind::Totp { period: 30 }).expect("valid")
}

fn codes(c: &mut Criterion) {
    let mut group = c.benchmark_group("code");

    let blocks = ([0x36u8; 64], [0x5cu8; 64]);
    let init: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    group.bench_function("floor_two_sha1_compressions", |b| {
        b.iter(|| {
            let mut inner = black_box(init);
            sha1::block_api::compress(&mut inner, &[*black_box(&blocks.0)]);
            let mut outer = black_box(init);
            sha1::block_api::compress(&mut outer, &[*black_box(&blocks.1)]);
            (inner, outer)
        })
    });

    // HMAC's outer block holds the inner digest, so its two compressions
    // cannot overlap the way two independent ones can: this is the floor
    // with that dependency (and the digest written into the block).
    group.bench_function("floor_dependent_sha1_compressions", |b| {
        b.iter(|| {
            let mut inner = black_box(init);
            sha1::block_api::compress(&mut inner, &[*black_box(&blocks.0)]);
            let mut block = *black_box(&blocks.1);
            for (bytes, word) in block[..20].chunks_exact_mut(4).zip(inner) {
                bytes.copy_from_slice(&word.to_be_bytes());
            }
            let mut outer = black_box(init);
            sha1::block_api::compress(&mut outer, &[block]);
            outer
        })
    });

    let generator = Generator::new(&params());
    group.bench_function("keyed_generator", |b| {
        b.iter(|| generator.current_code(black_box(TIME)))
    });

    group.bench_function("keyed_generator_counter", |b| {
        b.iter(|| generator.code_for_counter(black_box(TIME / 30)))
    });

    let keyed = hmac::Hmac::<sha1::Sha1>::new_from_slice(KEY).expect("any key length");
    group.bench_function("hmac_keyed_clone", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(&(black_box(TIME) / 30).to_be_bytes());
            mac.finalize().into_bytes()
        })
    });

    // Where the time above the MAC goes: the crate's MAC plus RFC 4226 §5.3
    // dynamic truncation, then plus the 6-digit zero-padded rendering into a
    // stack buffer (what an allocation-free generator on the crate costs).
    group.bench_function("hmac_keyed_clone_truncated", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(&(black_box(TIME) / 30).to_be_bytes());
            truncate(&mac.finalize().into_bytes())
        })
    });
    group.bench_function("hmac_keyed_clone_truncated_formatted", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(&(black_box(TIME) / 30).to_be_bytes());
            six_digits(truncate(&mac.finalize().into_bytes()))
        })
    });
    group.bench_function("format_only", |b| {
        b.iter(|| six_digits(black_box(0x50ef_7f19)))
    });

    group.bench_function("hmac_clone_only", |b| {
        b.iter(|| black_box(black_box(&keyed).clone()))
    });
    let core = HmacCore::<sha1::Sha1>::new_from_slice(KEY).expect("any key length");
    group.bench_function("hmac_core_clone_only", |b| {
        b.iter(|| black_box(black_box(&core).clone()))
    });
    group.bench_function("block_buffer_new_drop", |b| {
        b.iter(|| black_box(Buffer::<HmacCore<sha1::Sha1>>::default()))
    });
    group.bench_function("hmac_core_finalize_truncated", |b| {
        b.iter(|| {
            let mut mac = core.clone();
            let mut buffer = Buffer::<HmacCore<sha1::Sha1>>::default();
            buffer.digest_blocks(&(black_box(TIME) / 30).to_be_bytes(), |blocks| {
                mac.update_blocks(blocks)
            });
            let mut out = Output::<HmacCore<sha1::Sha1>>::default();
            mac.finalize_fixed_core(&mut buffer, &mut out);
            truncate(&out)
        })
    });

    let p = params();
    group.bench_function("oneshot_hotp", |b| {
        b.iter(|| hotp(&p, black_box(TIME) / 30))
    });

    let peer = totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_secret(*KEY)
        .build()
        .expect("valid totp-rs parameters");
    // Same code from both, so they do the same work.
    assert_eq!(
        peer.generate(TIME).to_string(),
        generator.current_code(TIME).to_string()
    );
    group.bench_function("totp_rs", |b| b.iter(|| peer.generate(black_box(TIME))));

    group.finish();
}

/// RFC 4226 §5.3 dynamic truncation (the bench's own copy, for the
/// decomposition above).
fn truncate(mac: &[u8]) -> u32 {
    let offset = usize::from(mac[mac.len() - 1] & 0x0f);
    u32::from_be_bytes([
        mac[offset],
        mac[offset + 1],
        mac[offset + 2],
        mac[offset + 3],
    ]) & 0x7fff_ffff
}

/// Six zero-padded decimal digits on the stack, two digits per division.
fn six_digits(truncated: u32) -> [u8; 6] {
    let mut value = truncated % 1_000_000;
    let mut text = [b'0'; 6];
    for pair in text.chunks_exact_mut(2).rev() {
        let two = (value % 100) as u8;
        value /= 100;
        pair[0] = b'0' + two / 10;
        pair[1] = b'0' + two % 10;
    }
    text
}

/// `Vault::codes_at` over 1,000 unlocked TOTP entries, generators already
/// keyed (the app's refresh every second): divide by 1,000 for the time per
/// entry, against two `keyed_generator` codes (current and next) per entry.
fn vault_codes(c: &mut Criterion) {
    use ward_core::crypto::KdfParams;
    use ward_core::vault::Vault;
    let dir = tempfile::tempdir().expect("temporary directory");
    let vault =
        Vault::create(dir.path().join("codes.ward"), b"bench", KdfParams::MINIMUM).expect("create");
    let accounts = (0..1_000u32)
        .map(|i| ward_core::Account {
            issuer: format!("Issuer {}", i % 97),
            name: format!("user{i}@example.com"),
            params: OtpParams::new(
                Secret::from_bytes((0..20u32).map(|j| (i * 31 + j) as u8).collect())
                    .expect("non-empty"),
                Algorithm::Sha1,
                6,
                OtpKind::Totp { period: 30 },
            )
            .expect("valid"),
        })
        .collect();
    vault.import(accounts, 0).expect("import");
    assert_eq!(vault.codes_at(TIME).expect("unlocked").len(), 1_000);
    c.bench_function("codes/vault_codes_at_1000", |b| {
        b.iter(|| vault.codes_at(black_box(TIME)).expect("unlocked"))
    });
}

fn parsing(c: &mut Criterion) {
    c.bench_function("uri/parse_aws", |b| {
        b.iter(|| uri::parse(black_box(AWS_URI)).expect("valid"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(60)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(4));
    targets = codes, vault_codes, parsing
}
criterion_main!(benches);
