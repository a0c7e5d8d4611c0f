#!/usr/bin/env bash
# Import/export (issue 4): the Python fixture generator (an independent
# oracle) must reproduce the committed fixtures byte for byte, then the
# fixture, round-trip and CLI tests run. About 1 minute after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/ensure.sh
ensure_venv
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
python tests/fixtures/import/make_fixtures.py "$out" >/dev/null
diff -r -x make_fixtures.py -x __pycache__ "$out" tests/fixtures/import
echo "fixtures: regenerated identically"
cargo test --locked -p ward-core --test import_fixtures --test import_round_trip
cargo test --locked -p ward-cli --test import_export_cli
