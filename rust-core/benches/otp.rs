//! Cost of one code, and of parsing an otpauth URI (criterion).
//!
//! `cargo bench -p ward-core --bench otp`, then `python3 scripts/bench-summary.py`
//! (medians, ratios and the split below). Times are the benchmark thread's
//! CPU time (`CLOCK_THREAD_CPUTIME_ID`, `benches/common/cpu_time.rs`), not wall
//! time: on a shared machine the time the thread waits for a core is left
//! out, so ratios measured under load stay close to idle ones. On an idle
//! machine the two agree for this single-threaded work.
//!
//! All `code/*` benchmarks compute (part of) one HMAC-SHA1, 6-digit code:
//! - floors: `floor_one_sha1_compression`, `floor_two_sha1_compressions`
//!   (two raw compressions on fixed blocks, the least any HMAC-SHA1 over an
//!   8-byte counter can cost once keyed: RFC 2104 needs one inner and one
//!   outer block) and `floor_dependent_sha1_compressions` (the outer block
//!   holds the inner digest, as in HMAC);
//! - `keyed_generator`: Ward's [`Generator`], keyed once per account, from
//!   the time (`current_code`); `keyed_generator_counter` from the counter
//!   (`code_for_counter`, the HOTP path, no division by the period);
//! - the crate paths, same work as the generator: `hmac_keyed_clone`
//!   (RustCrypto `hmac` keyed once, then clone + update + finalize per
//!   code, the usual way to reuse a key), `hmac_keyed_clone_truncated{,_formatted}`
//!   (plus RFC 4226 truncation and the 6 digits: the generator's work on
//!   the crate), `hmac_core_finalize_truncated` (the block-level
//!   `HmacCore`: its two states copied, the counter in a block buffer,
//!   `finalize_fixed_core`, truncation: the fastest crate path measured);
//! - the split of the crate path: `hmac_clone_only` (copy and drop of a
//!   keyed `Hmac<Sha1>`: two SHA-1 states and a 64-byte block buffer,
//!   wiped on drop), `hmac_update_finalize_only` (update + finalize + drop
//!   of an already cloned one; the clone is made outside the timing),
//!   `hmac_core_clone_only` (the two states alone), `block_buffer_new_drop`;
//! - what the crates' `zeroize` features add, the wipes alone, exactly as
//!   their `Drop` impls do them: `zeroize_two_sha1_states` (two
//!   `Sha1Core`s: 5 `u32` words and a `u64` each, volatile writes) and
//!   `zeroize_block_buffer` (a 64-byte `MaybeUninit` block and its
//!   position). The same paths built with and without those features are
//!   compared by `scripts/bench-otp-zeroize.sh`;
//! - bounds, bench-only (never used by Ward): `bound_minimal_hmac_truncated`
//!   is HMAC-SHA1 reduced to its two compressions over the `sha1` crate's
//!   function (keyed states kept, padded blocks built per code, nothing
//!   wiped: [`MinimalHmacSha1`], checked equal to the crate), the least any
//!   HMAC over this compression function can cost per code;
//!   `bound_minimal_hmac_prebuilt_block_truncated` the same with the
//!   counter's padded block built before the timing: the difference is
//!   what writing the block right before compressing it costs;
//! - above the MAC: `truncate_only` (RFC 4226 §5.3 dynamic truncation),
//!   `format_only` (6 zero-padded digits into a stack buffer) and
//!   `otp_code_to_string` (what a `String` result would add to each code;
//!   [`ward_core::otp::OtpCode`] is a `Copy` stack value instead);
//! - peers: `oneshot_hotp` (Ward's one-shot [`hotp`], keying HMAC every
//!   time) and `totp_rs` (the `totp-rs` crate's `Totp::generate`).
//! - `codes/vault_codes_at_1000`: `Vault::codes_at` over 1,000 unlocked
//!   entries (current and next code each, plus the list's strings).
//!
//! The ratios that matter: keyed_generator / floor_dependent (target at most
//! 1.25), keyed_generator against the best crate path, and codes_at per
//! entry against keyed_generator. `scripts/bench-summary.py` prints them.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use hmac::block_api::HmacCore;
use hmac::digest::Output;
use hmac::digest::block_api::{Buffer, FixedOutputCore, UpdateCore};
use hmac::{KeyInit, Mac};
use std::mem::MaybeUninit;
use ward_core::otp::{Generator, hotp};
use zeroize::Zeroize;

// Also used by scripts/otp-zeroize-ab (the same paths without the crates'
// `zeroize` features).
mod common;
use common::cpu_time::ThreadCpuTime;
use common::hmac_sha1::{SHA1_INIT, dependent_sha1_compressions, truncate};
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

type Bench = Criterion<ThreadCpuTime>;

fn codes(c: &mut Bench) {
    let mut group = c.benchmark_group("code");

    let blocks = ([0x36u8; 64], [0x5cu8; 64]);
    let init = SHA1_INIT;
    group.bench_function("floor_one_sha1_compression", |b| {
        b.iter(|| {
            let mut state = black_box(init);
            sha1::block_api::compress(&mut state, &[*black_box(&blocks.0)]);
            state
        })
    });
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
        b.iter(|| dependent_sha1_compressions(&blocks))
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
    let mac = keyed
        .clone()
        .chain_update(TIME.to_be_bytes())
        .finalize()
        .into_bytes();
    group.bench_function("truncate_only", |b| b.iter(|| truncate(black_box(&mac))));
    let code = generator.current_code(TIME);
    group.bench_function("otp_code_to_string", |b| {
        b.iter(|| black_box(&code).to_string())
    });
    group.bench_function("hmac_update_finalize_only", |b| {
        b.iter_batched(
            || keyed.clone(),
            |mut mac| {
                mac.update(&(black_box(TIME) / 30).to_be_bytes());
                mac.finalize().into_bytes()
            },
            BatchSize::SmallInput,
        )
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
    // The wipes of the crates' `zeroize` features, done the way their Drop
    // impls do them (sha1's `Sha1Core`: `h.zeroize(); block_len.zeroize()`;
    // block-buffer's `BlockBuffer`: the `MaybeUninit` block, then `pos`).
    group.bench_function("zeroize_two_sha1_states", |b| {
        let mut states = ([0u32; 5], 0u64, [0u32; 5], 0u64);
        b.iter(|| {
            let states = black_box(&mut states);
            states.0.zeroize();
            states.1.zeroize();
            states.2.zeroize();
            states.3.zeroize();
        })
    });
    group.bench_function("zeroize_block_buffer", |b| {
        let mut buffer = (MaybeUninit::<[u8; 64]>::zeroed(), 0u8);
        b.iter(|| {
            let buffer = black_box(&mut buffer);
            buffer.0.zeroize();
            buffer.1.zeroize();
        })
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

    let minimal = MinimalHmacSha1::new(KEY);
    for counter in [0, 1, TIME / 30, u64::MAX] {
        let mut mac = keyed.clone();
        mac.update(&counter.to_be_bytes());
        let expected = mac.finalize().into_bytes();
        assert_eq!(
            minimal.mac(&MinimalHmacSha1::counter_block(counter))[..],
            expected[..]
        );
    }
    group.bench_function("bound_minimal_hmac_truncated", |b| {
        b.iter(|| {
            let block = MinimalHmacSha1::counter_block(black_box(TIME) / 30);
            truncate(&minimal.mac(&block))
        })
    });
    let prebuilt = MinimalHmacSha1::counter_block(TIME / 30);
    group.bench_function("bound_minimal_hmac_prebuilt_block_truncated", |b| {
        b.iter(|| truncate(&minimal.mac(black_box(&prebuilt))))
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

/// HMAC-SHA1 (RFC 2104 §2, B = 64) reduced to the two compressions of a
/// one-block message, over the `sha1` crate's compression function. A
/// BENCH-ONLY bound (Ward computes codes with the `hmac` crate): keys of at
/// most 64 bytes, nothing wiped. Checked equal to `hmac::Hmac<Sha1>` in
/// `codes` before it is timed.
struct MinimalHmacSha1 {
    inner: [u32; 5],
    outer: [u32; 5],
}

impl MinimalHmacSha1 {
    const H0: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];

    fn new(key: &[u8]) -> Self {
        let mut block = [0u8; 64];
        block[..key.len()].copy_from_slice(key);
        let (mut inner, mut outer) = (Self::H0, Self::H0);
        sha1::block_api::compress(&mut inner, &[block.map(|byte| byte ^ 0x36)]);
        sha1::block_api::compress(&mut outer, &[block.map(|byte| byte ^ 0x5c)]);
        MinimalHmacSha1 { inner, outer }
    }

    /// `message` padded to one block after the 64-byte key block
    /// (FIPS 180-4 §5.1.1: 0x80, zeros, the bit length big-endian).
    fn padded(message: &[u8]) -> [u8; 64] {
        let mut block = [0u8; 64];
        block[..message.len()].copy_from_slice(message);
        block[message.len()] = 0x80;
        block[56..].copy_from_slice(&((64 + message.len() as u64) * 8).to_be_bytes());
        block
    }

    fn counter_block(counter: u64) -> [u8; 64] {
        Self::padded(&counter.to_be_bytes())
    }

    fn mac(&self, counter_block: &[u8; 64]) -> [u8; 20] {
        let mut inner = self.inner;
        sha1::block_api::compress(&mut inner, &[*counter_block]);
        let mut outer = self.outer;
        sha1::block_api::compress(&mut outer, &[Self::padded(&words_be(&inner))]);
        words_be(&outer)
    }
}

/// A SHA-1 state as its big-endian digest.
fn words_be(state: &[u32; 5]) -> [u8; 20] {
    let mut out = [0u8; 20];
    for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    out
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
fn vault_codes(c: &mut Bench) {
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
    // A group, so that criterion files it as codes/vault_codes_at_1000
    // (where scripts/bench-summary.py reads it).
    let mut group = c.benchmark_group("codes");
    group.bench_function("vault_codes_at_1000", |b| {
        b.iter(|| vault.codes_at(black_box(TIME)).expect("unlocked"))
    });
    group.finish();
}

fn parsing(c: &mut Bench) {
    c.bench_function("uri/parse_aws", |b| {
        b.iter(|| uri::parse(black_box(AWS_URI)).expect("valid"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .with_measurement(ThreadCpuTime)
        .sample_size(60)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(4));
    targets = codes, vault_codes, parsing
}
criterion_main!(benches);
