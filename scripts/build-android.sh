#!/usr/bin/env bash
# Builds the ward-ffi library for the Android app, one .so per ABI, into
# android/app/src/main/jniLibs/<abi>/libward_ffi.so (where Gradle packages it):
#   arm64-v8a (phones), armeabi-v7a (older 32-bit phones), x86_64 (emulator).
#
# Needs a developer machine with the Android NDK r26 or newer and cargo-ndk;
# it cannot run on Ward's CI machine (no NDK there): ring's and SQLite's C code
# must be compiled by the NDK's clang. Written from the cargo-ndk and NDK docs:
#   https://github.com/bbqsrc/cargo-ndk (usage: cargo ndk -t ABI -o DIR build ...)
#   https://developer.android.com/ndk/downloads
#   https://developer.android.com/guide/practices/page-sizes (16 KB pages)
#
# Environment:
#   ANDROID_NDK_HOME  the NDK's root (the folder with source.properties), e.g.
#                     $ANDROID_HOME/ndk/27.2.12479018. If unset, the newest NDK
#                     under $ANDROID_HOME/ndk (or $ANDROID_SDK_ROOT/ndk) is used.
#   WARD_ANDROID_API  the API level to link against; defaults to the app's
#                     minSdk in android/app/build.gradle.kts (28 if not found).
#   WARD_ANDROID_ABIS the ABIs to build, space- or comma-separated (default: all
#                     three). Gradle's debug builds pass only the device's ABI.
#   WARD_ANDROID_OUT  where the <abi>/libward_ffi.so tree goes (default
#                     android/app/src/main/jniLibs; Gradle passes its build dir).
#   WARD_RUST_PROFILE the cargo profile (default release-mobile; Gradle's debug
#                     builds use dev, which compiles much faster).
#
# Usage: scripts/build-android.sh [extra cargo build args]
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a abis <<<"$(echo "${WARD_ANDROID_ABIS:-arm64-v8a armeabi-v7a x86_64}" | tr ',' ' ')"
rust_targets=()
for abi in "${abis[@]}"; do
  case "$abi" in
    arm64-v8a) rust_targets+=(aarch64-linux-android) ;;
    armeabi-v7a) rust_targets+=(armv7-linux-androideabi) ;;
    x86_64) rust_targets+=(x86_64-linux-android) ;;
    x86) rust_targets+=(i686-linux-android) ;;
    *) echo "error: unknown Android ABI '$abi'" >&2; exit 1 ;;
  esac
done
out_dir=${WARD_ANDROID_OUT:-android/app/src/main/jniLibs}
profile=${WARD_RUST_PROFILE:-release-mobile}
min_ndk_major=26

fail() {
  echo "error: $*" >&2
  exit 1
}

# The NDK: ANDROID_NDK_HOME, else the newest one installed by the SDK manager.
if [ -z "${ANDROID_NDK_HOME:-}" ]; then
  sdk="${ANDROID_HOME:-${ANDROID_SDK_ROOT:-}}"
  if [ -n "$sdk" ] && [ -d "$sdk/ndk" ]; then
    # shellcheck disable=SC2012 # NDK folder names are plain version numbers
    newest=$(ls -1 "$sdk/ndk" | sort -t. -k1,1n -k2,2n -k3,3n | tail -1)
    [ -n "$newest" ] && export ANDROID_NDK_HOME="$sdk/ndk/$newest"
  fi
fi
[ -n "${ANDROID_NDK_HOME:-}" ] || fail "no Android NDK found.
  Install NDK r$min_ndk_major or newer (Android Studio > SDK Manager > SDK Tools > NDK (Side by side),
  or: sdkmanager \"ndk;27.2.12479018\"), then set ANDROID_NDK_HOME to its folder,
  e.g. export ANDROID_NDK_HOME=\$ANDROID_HOME/ndk/27.2.12479018"
[ -f "$ANDROID_NDK_HOME/source.properties" ] ||
  fail "ANDROID_NDK_HOME=$ANDROID_NDK_HOME is not an NDK (no source.properties there)."
ndk_version=$(sed -n 's/^Pkg.Revision *= *//p' "$ANDROID_NDK_HOME/source.properties")
ndk_major=${ndk_version%%.*}
[ "${ndk_major:-0}" -ge "$min_ndk_major" ] 2>/dev/null ||
  fail "NDK $ndk_version at $ANDROID_NDK_HOME is too old; Ward needs r$min_ndk_major or newer."
echo "using NDK $ndk_version at $ANDROID_NDK_HOME"

# cargo-ndk, and the Rust standard library for each Android target.
command -v cargo-ndk >/dev/null || fail "cargo-ndk is not installed.
  Install it from crates.io: cargo install --locked cargo-ndk"
rustup target add "${rust_targets[@]}"

# The API level: the app's minSdk, so the library links only against what
# every supported device has.
api=${WARD_ANDROID_API:-$(sed -n 's/^ *minSdk *= *\([0-9]*\).*/\1/p' android/app/build.gradle.kts 2>/dev/null | head -1)}
api=${api:-28}

# 16 KB page alignment for the 64-bit ABIs (required by Google Play for apps
# targeting Android 15+). NDK r28+ does this by default; r26/r27 need the flag.
page_flag="-C link-arg=-Wl,-z,max-page-size=16384"
export CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS="${CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS:-} $page_flag"
export CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS="${CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS:-} $page_flag"

# The NDK links with LLD through clang, and clang's driver already packs
# relative relocations as RELR for API 28 and newer (--pack-dyn-relocs=relr
# --use-android-relr-tags, in clang's Linux toolchain); Android's loader reads
# them from API 28 (Android's tags until API 30). They are about 59 KB of the
# arm64 library's 60 KB of relocations (scripts/size-report.sh measures it so).
# Said here as well, so the library does not depend on the NDK's clang
# version.
if [ "$api" -ge 28 ]; then
  relr_flags="-C link-arg=-Wl,--pack-dyn-relocs=relr -C link-arg=-Wl,--use-android-relr-tags"
  for var in CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS CARGO_TARGET_ARMV7_LINUX_ANDROIDEABI_RUSTFLAGS \
    CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS CARGO_TARGET_I686_LINUX_ANDROID_RUSTFLAGS; do
    export "$var=${!var:-} $relr_flags"
  done
fi

target_args=()
for abi in "${abis[@]}"; do target_args+=(-t "$abi"); done

# release-mobile: the size-tuned profile (opt-level z, fat LTO, one codegen
# unit, stripped, panics unwind so ward-ffi can turn them into errors).
# Android needs only the cdylib: `cargo rustc --crate-type cdylib` builds it
# alone, exactly as scripts/size-report.sh measures it (a plain `cargo build`
# makes cdylib, staticlib and lib in one rustc run, and that cdylib came out
# 327 KB larger on aarch64).
cargo ndk "${target_args[@]}" --platform "$api" -o "$out_dir" \
  rustc --locked --profile "$profile" -p ward-ffi --lib --crate-type cdylib "$@"

echo
for abi in "${abis[@]}"; do
  lib="$out_dir/$abi/libward_ffi.so"
  [ -f "$lib" ] || fail "expected $lib after the build"
  printf '%-12s %10d bytes  %s\n' "$abi" "$(stat -c %s "$lib" 2>/dev/null || stat -f %z "$lib")" "$lib"
done
echo "Android libraries built (API $api). Generate the Kotlin bindings with the bindings scripts before building the app."
