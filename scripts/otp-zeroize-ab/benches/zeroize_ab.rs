//! The generator's crate paths, built with or without the crates' `zeroize`
//! features (`--features zeroize`); criterion group `zeroize_on` or
//! `zeroize_off`. Same cases and names as in `rust-core/benches/otp.rs`.
//! Run through `scripts/bench-otp-zeroize.sh`, which builds both and prints
//! each case's cost of the wipes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use hmac::block_api::HmacCore;
use hmac::digest::Output;
use hmac::digest::block_api::{Buffer, FixedOutputCore};
use hmac::{KeyInit, Mac};

#[path = "../../../rust-core/benches/common/cpu_time.rs"]
mod cpu_time;
use cpu_time::ThreadCpuTime;
#[path = "../../../rust-core/benches/common/hmac_sha1.rs"]
mod hmac_sha1;
use hmac_sha1::{dependent_sha1_compressions, truncate};

const KEY: &[u8; 20] = b"12345678901234567890";
const COUNTER: u64 = 1_700_000_000 / 30;

fn paths(c: &mut Criterion<ThreadCpuTime>) {
    let name = if cfg!(feature = "zeroize") {
        "zeroize_on"
    } else {
        "zeroize_off"
    };
    let mut group = c.benchmark_group(name);

    let blocks = ([0x36u8; 64], [0x5cu8; 64]);
    group.bench_function("floor_dependent_sha1_compressions", |b| {
        b.iter(|| dependent_sha1_compressions(&blocks))
    });

    let keyed = hmac::Hmac::<sha1::Sha1>::new_from_slice(KEY).expect("any key length");
    group.bench_function("hmac_keyed_clone_truncated", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(&black_box(COUNTER).to_be_bytes());
            truncate(&mac.finalize().into_bytes())
        })
    });
    group.bench_function("hmac_clone_only", |b| {
        b.iter(|| black_box(black_box(&keyed).clone()))
    });
    group.bench_function("hmac_update_finalize_only", |b| {
        b.iter_batched(
            || keyed.clone(),
            |mut mac| {
                mac.update(&black_box(COUNTER).to_be_bytes());
                mac.finalize().into_bytes()
            },
            BatchSize::SmallInput,
        )
    });
    let core = HmacCore::<sha1::Sha1>::new_from_slice(KEY).expect("any key length");
    group.bench_function("hmac_core_finalize_truncated", |b| {
        b.iter(|| {
            let mut mac = core.clone();
            let mut buffer = Buffer::<HmacCore<sha1::Sha1>>::new(&black_box(COUNTER).to_be_bytes());
            let mut out = Output::<HmacCore<sha1::Sha1>>::default();
            mac.finalize_fixed_core(&mut buffer, &mut out);
            truncate(&out)
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .with_measurement(ThreadCpuTime)
        .sample_size(60)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    targets = paths
}
criterion_main!(benches);
