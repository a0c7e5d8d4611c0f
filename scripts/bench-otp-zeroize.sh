#!/usr/bin/env bash
# What the RustCrypto `zeroize` features (hmac, sha1 -> digest ->
# block-buffer) cost the code generator's crate paths (issue 16).
#
# Ward always builds those crates with `zeroize`, and Cargo unifies features
# across the workspace, so the comparison is a separate package,
# scripts/otp-zeroize-ab (same crate versions as Cargo.lock), benchmarked
# without and with the features, alternately, ROUNDS times (default 2).
# Times are the benchmark thread's CPU time (rust-core/benches/common/cpu_time.rs).
#
#   scripts/bench-otp-zeroize.sh [ROUNDS]
#
# Prints each case's median (the median over the rounds) without and with
# the wipes, and the difference. Builds go to target/otp-zeroize-ab.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-2}
manifest=$root/scripts/otp-zeroize-ab/Cargo.toml
target=$root/target/otp-zeroize-ab
results=$(mktemp)
trap 'rm -f "$results"' EXIT

for features in "" "--features zeroize"; do
    # shellcheck disable=SC2086 # $features is empty or two words
    CARGO_TARGET_DIR=$target cargo bench --locked --manifest-path "$manifest" --bench zeroize_ab $features --no-run
done
for round in $(seq "$rounds"); do
    for features in "" "--features zeroize"; do
        echo "round $round/$rounds: ${features:-without zeroize}" >&2
        # shellcheck disable=SC2086
        CARGO_TARGET_DIR=$target cargo bench --locked --manifest-path "$manifest" --bench zeroize_ab $features \
            >/dev/null
        group=zeroize_off
        [ -z "$features" ] || group=zeroize_on
        python3 - "$target/criterion/$group" >>"$results" <<'PY'
import json, pathlib, sys
for est in pathlib.Path(sys.argv[1]).glob("*/new/estimates.json"):
    print(json.dumps([est.parts[-4], est.parts[-3], json.loads(est.read_text())["median"]["point_estimate"]]))
PY
    done
done

python3 - "$results" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    group, case, ns = json.loads(line)
    runs.setdefault((group, case), []).append(ns)
cases = sorted({case for _, case in runs})
print(f"{'case (CPU time, median of rounds)':44} {'without':>9} {'with':>9} {'wipes':>8}")
for case in cases:
    off = runs.get(("zeroize_off", case))
    on = runs.get(("zeroize_on", case))
    if off and on:
        off, on = statistics.median(off), statistics.median(on)
        print(f"{case:44} {off:7.1f}ns {on:7.1f}ns {on - off:+6.1f}ns")
PY
