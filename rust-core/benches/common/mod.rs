//! Helpers shared by benchmarks (not a benchmark target itself).

pub mod cpu_time;
pub mod hmac_sha1;
