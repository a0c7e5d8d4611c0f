#!/usr/bin/env bash
# Builds what the iOS app needs from the Rust side, then the Xcode project.
#
#   ios/scripts/build.sh               # on a Mac: everything below
#   ios/scripts/build.sh --swift-only  # anywhere: generate the Swift API and
#                                      # copy it into the package (no XCFramework,
#                                      # no Xcode project), to read the API
#
# Steps:
#   1. bindings/build-xcframework.sh (macOS): builds ward-ffi as a static
#      library for aarch64-apple-ios, aarch64-apple-ios-sim and
#      x86_64-apple-ios, generates the Swift bindings (WardCore.swift,
#      WardCoreFFI.h, module map) and assembles WardCoreFFI.xcframework,
#      all in bindings/generated/apple/;
#   2. copies the XCFramework to ios/WardCore/Frameworks/, WardCore.swift
#      to ios/WardCore/Sources/WardCore/Generated/, and the bindings' XCTest
#      suite (bindings/swift-tests) to ios/WardCore/Tests/WardCoreTests/Mirror/
#      (all git-ignored);
#   3. runs XcodeGen in ios/ (ios/project.yml -> ios/Ward.xcodeproj).
#
# Needs (macOS): Xcode, rustup with the three iOS targets
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
# and XcodeGen (`brew install xcodegen`; step 3 is skipped with a note when
# it is missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
package="$root/ios/WardCore"
generated_swift_dir="$root/bindings/generated/swift"

swift_only=false
if [ "${1:-}" = "--swift-only" ]; then
  swift_only=true
fi

# The bindings' XCTest suite (the Kotlin tests' cases in Swift) runs in the
# package's WardCoreTests target; it reads tests/vectors/ through
# WARD_REPO_ROOT (TEST_RUNNER_WARD_REPO_ROOT for xcodebuild).
copy_bindings_tests() {
  local mirror="$package/Tests/WardCoreTests/Mirror"
  rm -rf "$mirror"
  if compgen -G "$root/bindings/swift-tests/*.swift" >/dev/null; then
    mkdir -p "$mirror"
    cp "$root"/bindings/swift-tests/*.swift "$mirror/"
    echo "copied bindings/swift-tests into ios/WardCore/Tests/WardCoreTests/Mirror/"
  else
    echo "note: bindings/swift-tests has no Swift tests to copy"
  fi
}

# $1: the directory holding the generated WardCore.swift.
copy_swift_api() {
  local source="$1/WardCore.swift"
  if [ ! -f "$source" ]; then
    echo "error: $source was not generated" >&2
    exit 1
  fi
  mkdir -p "$package/Sources/WardCore/Generated"
  cp "$source" "$package/Sources/WardCore/Generated/WardCore.swift"
  echo "copied the generated Swift API to ios/WardCore/Sources/WardCore/Generated/WardCore.swift"
}

if $swift_only; then
  bindings/generate.sh
  copy_swift_api "$generated_swift_dir"
  copy_bindings_tests
  exit 0
fi

if [ "$(uname -s)" != "Darwin" ]; then
  echo "error: the XCFramework and the Xcode project need macOS and Xcode;" >&2
  echo "       on other systems use: ios/scripts/build.sh --swift-only" >&2
  exit 1
fi

# 1. The XCFramework and the Swift bindings (the bindings' own script).
bindings/build-xcframework.sh

apple_out="$root/bindings/generated/apple"
xcframework="$apple_out/WardCoreFFI.xcframework"
if [ ! -d "$xcframework" ]; then
  echo "error: $xcframework not found after bindings/build-xcframework.sh" >&2
  exit 1
fi

# 2. Into the package. The binary target's name (WardCoreFFI) must match the
#    .xcframework's file name.
mkdir -p "$package/Frameworks"
rm -rf "$package/Frameworks/WardCoreFFI.xcframework"
cp -R "$xcframework" "$package/Frameworks/WardCoreFFI.xcframework"
echo "copied $(basename "$xcframework") to ios/WardCore/Frameworks/"
copy_swift_api "$apple_out/Sources/WardCore"
copy_bindings_tests

# 3. The Xcode project.
if command -v xcodegen >/dev/null 2>&1; then
  (cd ios && xcodegen generate)
  echo "generated ios/Ward.xcodeproj: open it in Xcode, or build with"
  echo "  xcodebuild -project ios/Ward.xcodeproj -scheme Ward -destination 'generic/platform=iOS Simulator' CODE_SIGNING_ALLOWED=NO build"
else
  echo "note: xcodegen is not installed (brew install xcodegen); then run: cd ios && xcodegen generate"
fi
