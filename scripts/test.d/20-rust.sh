#!/usr/bin/env bash
# Every Rust test in the workspace, with the external oracles (oathtool,
# pyotp) installed for the differential tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/ensure.sh
ensure_apt oathtool
ensure_venv
export WARD_REQUIRE_ORACLES=1
cargo test --workspace --locked
