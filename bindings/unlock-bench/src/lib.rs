//! Empty on purpose: this package exists for its benchmark,
//! `benches/unlock.rs` (see Cargo.toml for why it is a package of its own).
