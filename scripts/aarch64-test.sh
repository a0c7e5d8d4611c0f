#!/usr/bin/env bash
# Runs the ward-core and ward-ffi test suites built for 64-bit ARM Linux
# (aarch64-unknown-linux-gnu, the phones' CPU) under qemu user-mode emulation.
#
# Installs what it needs on the first run (Debian's cross gcc, arm64 libc and
# qemu-user; rustup's aarch64 standard library, or Debian's rustc-web packages
# when rustup cannot provide it). See .cargo/config.toml for the linker, the C
# compiler used by ring and bundled SQLite, and the qemu runner.
#
# What runs: every unit and integration test of ward-core (RFC 4226/6238
# vectors, otpauth, imports, QR decoding, the vault) and of ward-ffi, once it
# exists. What does not: the differential tests against external programs
# (oathtool, pyotp). They are host-only (scripts/test.d/20-rust.sh requires
# them there); here WARD_REQUIRE_ORACLES is unset and WARD_SKIP_ORACLES=1, so
# they skip. Doc-tests stay host-only: each would be its own cross build and
# emulated run, and they are usage examples, not architecture-sensitive checks.
#
# Usage: scripts/aarch64-test.sh [extra cargo test args, e.g. a test filter]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/aarch64.sh

ensure_aarch64

packages=(-p ward-core)
if [ -f bindings/Cargo.toml ] && grep -q '^name = "ward-ffi"' bindings/Cargo.toml; then
  packages+=(-p ward-ffi)
fi

unset WARD_REQUIRE_ORACLES
export WARD_SKIP_ORACLES=1
# qemu runs each test binary with the host's environment; the test harness
# threads are real (emulated) threads, so keep them to the machine's cores.
export RUST_TEST_THREADS="${RUST_TEST_THREADS:-$(nproc)}"

# Tests that start this test binary again as a child (the vault's crash test)
# must go through qemu themselves: there is no binfmt_misc handler here.
# Keep in step with the runner in .cargo/config.toml.
export WARD_TEST_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu -E LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib"
# The crash test kills its writer child after a random 2-122 ms; an emulated
# child needs longer to start and work, so stretch the delays (unstretched,
# every kill lands before the first operation and checks nothing) and run
# fewer cycles than natively (50) to keep the stage short.
export WARD_CRASH_DELAY_SCALE="${WARD_CRASH_DELAY_SCALE:-12}"
export WARD_CRASH_CYCLES="${WARD_CRASH_CYCLES:-40}"

# Emulated unoptimised code is slow (the 2,000-case otpauth property test took
# 87 s instead of 7 s); opt-level 1 keeps debug assertions and overflow checks
# and halves the run for about the same build time. Host builds keep opt-level 0.
export CARGO_PROFILE_DEV_OPT_LEVEL="${CARGO_PROFILE_DEV_OPT_LEVEL:-1}"

started=$(date +%s)
"${WARD_CARGO[@]}" test --locked --no-fail-fast --target "$WARD_AARCH64_TARGET" "${packages[@]}" --lib --tests "$@"
echo "aarch64 tests (${packages[*]}) under qemu took $(($(date +%s) - started))s"
