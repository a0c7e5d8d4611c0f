#!/usr/bin/env bash
# The iOS app's Swift code against the generated Swift API. No Swift
# toolchain runs here, so this checks by name: every core function, method,
# enum case, record field and argument label that ios/ uses must exist in
# the WardCore.swift UniFFI generates (ios/scripts/check-api.py). The
# Swift itself is compiled and tested by .github/workflows/ios.yml on macOS.
# A few seconds after 60-kotlin (generate.sh then only re-runs the bindgen).
set -euo pipefail
cd "$(dirname "$0")/../.."
bindings/generate.sh >/dev/null
python3 ios/scripts/check-api.py bindings/generated/swift/WardCore.swift
