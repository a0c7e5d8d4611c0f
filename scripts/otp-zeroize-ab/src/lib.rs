//! Empty: see `benches/zeroize_ab.rs`.
