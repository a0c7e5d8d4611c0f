#!/usr/bin/env bash
# The iOS app's Swift code against the generated Swift API. No Swift
# toolchain runs here, so this checks by name: every core function, method,
# enum case, record field and argument label that ios/ uses must exist in
# the WardCore.swift UniFFI generates, methods called on a vault must exist,
# throwing calls must be marked `try`, and every Swift file must parse
# (ios/scripts/check-api.py; the parser is the tree-sitter Swift grammar,
# pinned in ios/scripts/requirements.txt, in a small venv of its own). The
# Swift itself is compiled and tested by .github/workflows/ios.yml on macOS.
# A few seconds after 60-kotlin (generate.sh then only re-runs the bindgen).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.venv-ios
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! cmp -s ios/scripts/requirements.txt "$venv/.installed"; then
  "$venv/bin/pip" install -q --disable-pip-version-check -r ios/scripts/requirements.txt
  cp ios/scripts/requirements.txt "$venv/.installed"
fi
bindings/generate.sh >/dev/null
"$venv/bin/python" ios/scripts/check-api.py bindings/generated/swift/WardCore.swift
