#!/usr/bin/env bash
# The phones' CPU: ward-core and ward-ffi tests built for aarch64 Linux and run
# under qemu, then the size budget (2.0 MiB stripped, linked with LLD as Android links it: see scripts/size-report.sh) of the aarch64 ward-ffi
# library. Installs the cross toolchain and qemu on first run.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/aarch64-test.sh
# In CI (.ci/run sets WARD_CI), nothing after the tests needs their aarch64
# build outputs (about 2.5 GB), nor anything after the size check its build:
# a CI machine's disk is small, so each goes as soon as it is done with.
if [ -n "${WARD_CI:-}" ]; then rm -rf target/aarch64-unknown-linux-gnu; fi
bash scripts/size-report.sh --quick
if [ -n "${WARD_CI:-}" ]; then rm -rf target/size-report; fi
