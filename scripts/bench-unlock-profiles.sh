#!/usr/bin/env bash
# Password unlock (Argon2id 64 MiB, t = 3) with the phones' size-tuned
# profile against the speed-tuned one, in one run on this machine: builds
# bindings/unlock-bench/benches/unlock.rs under `release-mobile` and `release`, runs the
# two binaries alternately (ROUNDS times each, default 2) and prints every
# median and the ratio mobile / release (the budget: at most 1.10).
# Not a CI stage (two optimised builds are too slow for the CI budget).
#
# It measures what ships: same profile (LTO, opt-levels, per-package
# overrides) as scripts/size-report.sh and the build scripts, dependencies
# built as bitcode only, and the final LTO pipeline at the opt-level the
# phone library's final crate (ward-ffi) gets; why that needs a package of
# its own is in bindings/unlock-bench/Cargo.toml. Cargo's profile variables
# apply to both builds alike, e.g.
#   CARGO_PROFILE_RELEASE_MOBILE_LTO=thin scripts/bench-unlock-profiles.sh
#
# Usage: scripts/bench-unlock-profiles.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}

binary() { # profile -> path of the built bench executable
  cargo bench --locked -p ward-unlock-bench --bench unlock --profile "$1" --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "unlock" and m.get("executable"):
        print(m["executable"])'
}
mobile=$(binary release-mobile)
release=$(binary release)
[ -n "$mobile" ] && [ -n "$release" ] || { echo "error: bench build failed" >&2; exit 1; }

median_ms() { # criterion's "time: [low median high]" line -> median in ms
  awk '/time:/ { v = $(NF-3); u = $(NF-2); gsub(/\[/, "", v);
    if (u == "s") v *= 1000; else if (u == "µs" || u == "us") v /= 1000; print v; exit }'
}
declare -a m r
for i in $(seq "$rounds"); do
  m+=("$("$mobile" --bench --noplot unlock 2>/dev/null | median_ms)")
  r+=("$("$release" --bench --noplot unlock 2>/dev/null | median_ms)")
  echo "round $i: release-mobile ${m[-1]} ms, release ${r[-1]} ms"
done
python3 - "${m[*]}" "${r[*]}" <<'PY'
import statistics, sys
m = [float(x) for x in sys.argv[1].split()]
r = [float(x) for x in sys.argv[2].split()]
mm, rm = statistics.median(m), statistics.median(r)
print(f"unlock median: release-mobile {mm:.1f} ms, release {rm:.1f} ms, ratio {mm / rm:.3f} (budget 1.10)")
PY
