#!/usr/bin/env bash
# Formatting and lints: cargo fmt and clippy with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
rustup component add rustfmt clippy >/dev/null 2>&1 || true
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
