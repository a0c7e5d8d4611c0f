# shellcheck shell=bash disable=SC2034  # WARD_* are used by the sourcing scripts
# Sourced by scripts/aarch64-test.sh and scripts/size-report.sh: installs what
# building for and running on 64-bit ARM Linux needs, idempotently.
#
# After `ensure_aarch64`, run Cargo as "${WARD_CARGO[@]}" (an array): it is
# plain `cargo` with rustup's aarch64 standard library, or Debian's rustc-web
# toolchain when rustup's target cannot be had. The linker, the C compiler for
# ring and bundled SQLite, and the qemu runner come from .cargo/config.toml.
#
# Set WARD_AARCH64_RUST=debian to force the Debian toolchain (to test the
# fallback); the default is rustup.

# shellcheck source=scripts/lib/ensure.sh
source "$(dirname "${BASH_SOURCE[0]}")/ensure.sh"

WARD_AARCH64_TARGET=aarch64-unknown-linux-gnu
WARD_CARGO=(cargo)

# The cross linker/C compiler, the arm64 C library headers and qemu-user.
ensure_aarch64_tools() {
  ensure_apt gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu qemu-user
}

# True when rustc (as WARD_CARGO would call it) has the aarch64 standard library.
aarch64_std_present() {
  local libdir
  libdir="$("${WARD_RUSTC:-rustc}" --print target-libdir --target "$WARD_AARCH64_TARGET" 2>/dev/null)" || return 1
  compgen -G "$libdir/libstd-*.rlib" >/dev/null
}

# Debian's packaged Rust (rustc-web, bookworm-security) with the arm64 standard
# library. rustup's proxies stay first in PATH, so Cargo is called by full path
# with RUSTC/RUSTDOC pointing at Debian's binaries.
ensure_aarch64_debian_rust() {
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
    rm -f /tmp/.ward-apt-updated # the arm64 package lists are new: update again
  fi
  ensure_apt rustc-web cargo-web libstd-rust-web-dev libstd-rust-web-dev:arm64
  WARD_RUSTC=/usr/bin/rustc
  WARD_CARGO=(env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc /usr/bin/cargo)
}

# Everything: tools, then rustup's target, falling back to Debian's toolchain.
ensure_aarch64() {
  ensure_aarch64_tools
  if [ "${WARD_AARCH64_RUST:-rustup}" != debian ] && command -v rustup >/dev/null; then
    if aarch64_std_present || rustup target add "$WARD_AARCH64_TARGET" >&2; then
      aarch64_std_present && return 0
    fi
    echo "rustup could not provide the $WARD_AARCH64_TARGET standard library;" \
      "falling back to Debian's rustc-web packages" >&2
  fi
  ensure_aarch64_debian_rust
  if ! aarch64_std_present; then
    echo "error: no Rust standard library for $WARD_AARCH64_TARGET." >&2
    echo "  Try: rustup target add $WARD_AARCH64_TARGET" >&2
    echo "  or:  dpkg --add-architecture arm64 && apt-get update &&" \
      "apt-get install rustc-web cargo-web libstd-rust-web-dev libstd-rust-web-dev:arm64" >&2
    return 1
  fi
}
