#!/usr/bin/env bash
# Runs every test Ward has: the README's test command, and what CI runs.
#
# Each stage is a script in scripts/test.d/, run in name order. A stage
# installs what it needs (Debian packages, a Python venv, Maven artifacts,
# Rust targets) through scripts/lib/ensure.sh, so this works on a fresh
# machine. Run one stage alone with: scripts/test.sh 20-rust
set -euo pipefail
cd "$(dirname "$0")/.."

stages=()
if [ $# -gt 0 ]; then
  for name in "$@"; do stages+=(scripts/test.d/"$name"*.sh); done
else
  stages=(scripts/test.d/*.sh)
fi

started=$(date +%s)
for stage in "${stages[@]}"; do
  echo "==> ${stage##*/}"
  stage_start=$(date +%s)
  bash "$stage"
  echo "<== ${stage##*/} ok ($(( $(date +%s) - stage_start ))s; target/ $(du -sh target 2>/dev/null | cut -f1), $(df -h --output=avail . | tail -1 | tr -d ' ') free)"
done
echo "all test stages passed in $(( $(date +%s) - started ))s"
