#!/usr/bin/env bash
# Builds WardCoreFFI.xcframework (the Rust core as static libraries for iOS
# devices and simulators, with the C header and module map UniFFI writes)
# and the Swift bindings WardCore.swift that go beside it in the app's Swift
# package. macOS with Xcode only; NOT RUN on the Linux build machine (no
# Apple toolchain there).
#
#   bindings/build-xcframework.sh
#
# Output (gitignored), in bindings/generated/apple/:
#   WardCoreFFI.xcframework/   ios-arm64/ and ios-arm64_x86_64-simulator/,
#                              each libward_ffi.a + Headers/{WardCoreFFI.h, module.modulemap}
#   Sources/WardCore/WardCore.swift
#
# The Swift package then declares
#   .binaryTarget(name: "WardCoreFFI", path: ".../WardCoreFFI.xcframework")
#   .target(name: "WardCore", dependencies: ["WardCoreFFI"], path: "Sources/WardCore")
# and the app does `import WardCore`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" != "Darwin" ] || ! command -v xcodebuild >/dev/null; then
  echo "build-xcframework.sh needs macOS with Xcode (xcodebuild, lipo)" >&2
  exit 1
fi

profile="${WARD_IOS_PROFILE:-release-mobile}"
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
out="bindings/generated/apple"
# Matches Xcode's default deployment floor for current SDKs; the Rust
# targets' own minimum is older.
export IPHONEOS_DEPLOYMENT_TARGET="${IPHONEOS_DEPLOYMENT_TARGET:-15.0}"

rustup target add "${targets[@]}"
# iOS needs only the staticlib: built alone, the way scripts/size-report.sh
# builds the Android cdylib (one crate type per rustc run, so fat LTO applies).
for target in "${targets[@]}"; do
  cargo rustc --locked -p ward-ffi --lib --crate-type staticlib --profile "$profile" --target "$target"
done
# The bindings come from the host dev build: library mode reads UniFFI's
# metadata from symbols, which optimised, stripped builds may not keep.
cargo build --locked -p ward-ffi --lib
cargo build --locked -p uniffi-bindgen --bin uniffi-bindgen-swift
host_library="$target_dir/debug/libward_ffi.a"

lib() { echo "$target_dir/$1/$profile/libward_ffi.a"; }
rm -rf "$out"
mkdir -p "$out/Headers" "$out/Sources/WardCore" "$out/simulator"

# Headers and a plain (non-framework) module map named module.modulemap:
# what an XCFramework of static libraries expects beside each library.
bindgen_swift="$target_dir/debug/uniffi-bindgen-swift"
"$bindgen_swift" "$host_library" "$out/Headers" \
  --headers --modulemap --module-name WardCoreFFI --modulemap-filename module.modulemap
"$bindgen_swift" "$host_library" "$out/Sources/WardCore" --swift-sources

# One fat simulator library (Apple silicon + Intel Macs); device stays arm64.
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" \
  -output "$out/simulator/libward_ffi.a"

xcodebuild -create-xcframework \
  -library "$(lib aarch64-apple-ios)" -headers "$out/Headers" \
  -library "$out/simulator/libward_ffi.a" -headers "$out/Headers" \
  -output "$out/WardCoreFFI.xcframework"

rm -rf "$out/simulator" "$out/Headers"
echo "built $out/WardCoreFFI.xcframework and $out/Sources/WardCore/WardCore.swift"
