//! The Rust side of the FFI cost measurement: the same work the Kotlin
//! benchmark (bindings/kotlin-tests, `FfiBench`) does through JNA, done
//! here without crossing the boundary. The difference is the FFI cost.
//!
//! - `code_at_x100`: 100 calls of the free function `code_at(uri, t)`
//!   (each parses its URI and computes current + next code);
//! - `vault_codes_100`: one `Vault::codes(t)` over a vault of 100 TOTP
//!   entries (the records the app gets), and the core's `codes_at` under it.
//!
//! Run: cargo bench -p ward-ffi --bench ffi_codes

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

const ENTRIES: usize = 100;
const NOW: u64 = 1_700_000_000;

/// 100 distinct TOTP URIs (20-byte secrets, like most sites').
fn uris() -> Vec<String> {
    (0..ENTRIES)
        .map(|i| {
            let secret: String = format!("{i:03}ABCDEFGHIJKLMNOPQ")
                .bytes()
                .map(|b| char::from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[usize::from(b) % 32]))
                .collect();
            format!("otpauth://totp/Issuer{i}:user{i}@example.com?secret={secret}{secret}&issuer=Issuer{i}")
        })
        .collect()
}

fn code_at_x100(c: &mut Criterion) {
    let uris = uris();
    c.bench_function("code_at_x100/rust", |b| {
        b.iter(|| {
            for uri in &uris {
                black_box(ward_ffi::code_at(black_box(uri.clone()), NOW).unwrap());
            }
        })
    });
}

fn vault_codes_100(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("ward-ffi-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.vault");
    let _ = std::fs::remove_file(&path);
    let vault =
        ward_ffi::Vault::create(path.to_string_lossy().into_owned(), b"bench".to_vec()).unwrap();
    for uri in uris() {
        vault.add_uri(uri, NOW).unwrap();
    }
    // Warm the entry cache, as an app showing its list would have.
    assert_eq!(vault.codes(NOW).unwrap().len(), ENTRIES);
    c.bench_function("vault_codes_100/rust", |b| {
        b.iter(|| black_box(vault.codes(black_box(NOW)).unwrap()))
    });
    drop(vault);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = code_at_x100, vault_codes_100
}
criterion_main!(benches);
