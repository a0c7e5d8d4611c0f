#!/usr/bin/env bash
# The phones' CPU: ward-core and ward-ffi tests built for aarch64 Linux and run
# under qemu, then the size budget (2.25 MiB stripped; target 2 MiB) of the aarch64 ward-ffi
# library. Installs the cross toolchain and qemu on first run.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/aarch64-test.sh
bash scripts/size-report.sh --quick
