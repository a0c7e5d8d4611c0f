#!/usr/bin/env bash
# Builds the host ward-ffi library and generates its Kotlin and Swift
# bindings in library mode (the exports are read from the built library).
#
#   bindings/generate.sh            # dev profile (fast; what the tests use)
#   bindings/generate.sh --release  # release profile (sizes, benchmarks)
#
# Writes (never committed):
#   bindings/generated/kotlin/app/ward/core/ward_ffi.kt
#   bindings/generated/swift/{WardCore.swift, WardCoreFFI.h, WardCoreFFI.modulemap}
# and prints the directory of libward_ffi.so, which JNA needs as
# jna.library.path when the Kotlin runs on the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=dev
profile_dir=debug
if [ "${1:-}" = "--release" ]; then
  profile=release
  profile_dir=release
fi

target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
case "$(uname -s)" in
  Darwin) library="$target_dir/$profile_dir/libward_ffi.dylib" ;;
  *) library="$target_dir/$profile_dir/libward_ffi.so" ;;
esac

cargo build --locked --quiet -p ward-ffi --profile "$profile"
cargo build --locked --quiet -p uniffi-bindgen --bin uniffi-bindgen
bindgen="$target_dir/debug/uniffi-bindgen"

out="bindings/generated"
rm -rf "$out/kotlin" "$out/swift"
# --no-format: no ktlint/swiftformat on this machine, and the output is not
# meant to be read or committed.
"$bindgen" generate --no-format --library "$library" --language kotlin --out-dir "$out/kotlin"
"$bindgen" generate --no-format --library "$library" --language swift --out-dir "$out/swift"

echo "generated $(find "$out" -type f | wc -l) files in $out from $library"
echo "$(dirname "$library")" > "$out/library-dir"
