#!/usr/bin/env bash
# Runs the import fuzz targets one after another (one libFuzzer job at a
# time, at the lowest CPU priority), then merges what each found into a
# minimized copy of its committed corpus, fuzz/corpus/<target>/, which
# rust-core/tests/fuzz_corpus_replay.rs replays on stable.
#
#   scripts/fuzz-imports.sh [SECONDS_PER_TARGET] [TARGET...]
#
# FUZZ_JOBS=N fuzzes N targets at once (default 1), each for the full
# SECONDS_PER_TARGET of wall time.
#
# Fuzzes a snapshot of the committed HEAD (git archive into $FUZZ_WORK/src),
# so editing the work tree meanwhile changes nothing. Needs the nightly toolchain; builds without cargo-fuzz, with the
# instrumentation flags cargo-fuzz uses (no sanitizer: the parsers are safe
# Rust). Writes executions per target to $FUZZ_LOG (default
# /tmp/ward-fuzz/campaign.log) and the minimized corpora to
# /tmp/ward-fuzz/merged/<target>/ (copy them into fuzz/corpus/ to keep them).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(import_any google_migration otpauth_list aegis_json twofas_json andotp_backup
           bitwarden_json freeotp_plus_json proton_json duo_json steam_json stratum_json
           bitwarden_csv app_database app_prefs freeotp_backup
           authy_encrypted stratum_legacy totp_authenticator_backup authenticator_plus)
fi
work="${FUZZ_WORK:-/tmp/ward-fuzz}"
log="${FUZZ_LOG:-$work/campaign.log}"
mkdir -p "$work"
rm -rf "$work/src" && mkdir -p "$work/src"
git archive HEAD | tar -x -C "$work/src"
echo "$(date -u +%FT%TZ) snapshot of $(git rev-parse --short HEAD)" >>"$log"
cd "$work/src"
triple="$(rustc +nightly -vV | sed -n 's/^host: //p')"
export CARGO_TARGET_DIR="$work/target"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
echo "$(date -u +%FT%TZ) building ${targets[*]}" >>"$log"
bins=()
for target in "${targets[@]}"; do bins+=(--bin "$target"); done
nice -n 19 cargo +nightly build --release --quiet --manifest-path fuzz/Cargo.toml \
  --target "$triple" "${bins[@]}" >>"$log" 2>&1
fuzz_one() {
  local target="$1"
  local binary="$CARGO_TARGET_DIR/$triple/release/$target"
  local found="$work/found/$target"
  local merged="$work/merged/$target"
  mkdir -p "$found" "$work/artifacts/$target"
  rm -rf "$merged" && mkdir -p "$merged"
  echo "$(date -u +%FT%TZ) $target: fuzzing ${seconds}s" >>"$log"
  nice -n 19 "$binary" "$found" "fuzz/corpus/$target" -max_total_time="$seconds" -jobs=0 \
    -rss_limit_mb=1024 -artifact_prefix="$work/artifacts/$target/" -print_final_stats=1 \
    >"$work/$target.out" 2>&1 || echo "$(date -u +%FT%TZ) $target: FAILED (see $work/$target.out)" >>"$log"
  local executions
  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.out" | tail -1)"
  echo "$(date -u +%FT%TZ) $target: ${executions:-?} executions" >>"$log"
  nice -n 19 "$binary" -merge=1 "$merged" "fuzz/corpus/$target" "$found" >>"$work/$target.merge" 2>&1 || true
  echo "$(date -u +%FT%TZ) $target: minimized corpus $(ls "$merged" | wc -l) files in $merged" >>"$log"
}
export -f fuzz_one
export seconds work log triple
printf '%s\n' "${targets[@]}" | xargs -P "${FUZZ_JOBS:-1}" -I{} bash -c 'fuzz_one "$1"' _ {}
echo "$(date -u +%FT%TZ) done" >>"$log"
