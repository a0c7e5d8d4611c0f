#!/usr/bin/env bash
# Builds the host ward-ffi library and generates its Kotlin and Swift
# bindings in library mode (the exports are read from the built library).
#
#   bindings/generate.sh            # dev profile (fast; what the tests use)
#   bindings/generate.sh --release  # also the release library (sizes, benchmarks)
#
# The bindings are always generated from the dev build: library mode reads
# UniFFI's metadata from the library's symbols, which the release and
# release-mobile profiles strip. The generated code is the same for every
# profile and platform (the checksums depend only on the exported API).
#
# Writes (never committed):
#   bindings/generated/kotlin/app/ward/core/ward_ffi.kt
#   bindings/generated/swift/{WardCore.swift, WardCoreFFI.h, WardCoreFFI.modulemap}
# and prints the directory of libward_ffi.so, which JNA needs as
# jna.library.path when the Kotlin runs on the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
case "$(uname -s)" in
  Darwin) library_name="libward_ffi.dylib" ;;
  *) library_name="libward_ffi.so" ;;
esac
library="$target_dir/debug/$library_name"
tested_library="$library"

cargo build --locked --quiet -p ward-ffi
if [ "${1:-}" = "--release" ]; then
  cargo build --locked --quiet -p ward-ffi --release
  tested_library="$target_dir/release/$library_name"
fi
cargo build --locked --quiet -p uniffi-bindgen --bin uniffi-bindgen
bindgen="$target_dir/debug/uniffi-bindgen"

out="bindings/generated"
rm -rf "$out/kotlin" "$out/swift"
# --no-format: no ktlint/swiftformat on this machine, and the output is not
# meant to be read or committed.
"$bindgen" generate --no-format --library "$library" --language kotlin --out-dir "$out/kotlin"
"$bindgen" generate --no-format --library "$library" --language swift --out-dir "$out/swift"

echo "$(dirname "$tested_library")" > "$out/library-dir"
echo "generated $(find "$out/kotlin" "$out/swift" -type f | wc -l) files in $out from $library"
echo "JNA library path (jna.library.path): $(dirname "$tested_library")"
