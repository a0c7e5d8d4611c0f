#!/usr/bin/env bash
# Import/export (issue 4): the Python fixture generator, an independent
# oracle written from each format's public description, must reproduce the
# committed fixtures byte for byte (the Rust tests that read them, the
# round-trip property tests, the CLI contract and the fuzz-corpus replay run
# in 20-rust with the rest of the workspace). About 5 s once the venv exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/ensure.sh
ensure_venv
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
python tests/fixtures/import/make_fixtures.py "$out" >/dev/null
diff -r -x make_fixtures.py -x __pycache__ "$out" tests/fixtures/import
echo "import fixtures: regenerated identically by the Python oracle"
