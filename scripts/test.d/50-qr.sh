#!/usr/bin/env bash
# QR decoding on camera-like frames: generates a small slice of the benchmark
# set (4 frames in each of the 10 distortion classes and 4 without a code,
# tests/qr/make_frames.py) and requires ward-core's decoder to read at least
# 90% of the codes with no wrong text (none on the code-less frames), with
# zxing-cpp run beside it for reference. Also checks that the
# committed fixtures' expected texts match what the generator makes.
# The Rust QR tests (every version, fixtures, hostile frames, ward decode-qr)
# run in 20-rust.sh. About 1-2 minutes on 2 cores after 20-rust (frame
# generation ~40 s, decoding, plus the pip install of opencv/zxing-cpp).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/ensure.sh
ensure_venv

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python tests/qr/make_frames.py --per-class 4 --out "$work/frames"
# The dev profile reuses 20-rust's build (rxing is optimised in it, see the
# root Cargo.toml); times from this run are not the benchmark's numbers.
python tests/qr/bench_qr.py --frames "$work/frames" --decoders ward,zxing-cpp --repeat 1 \
  --cargo-profile dev --min-success 90 --max-wrong 0

python tests/qr/make_frames.py --fixtures "$work/fixtures" >/dev/null
cmp tests/fixtures/qr/expected.json "$work/fixtures/expected.json"
