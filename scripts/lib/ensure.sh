# Sourced by the test stages: idempotent installers for what tests need.
# Everything comes from Debian, PyPI, crates.io, Maven Central or rustup.

WARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WARD_VENV="$WARD_ROOT/.venv"

# ensure_apt PACKAGE... : installs missing Debian packages (we run as root in CI).
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ ! -f /tmp/.ward-apt-updated ]; then
    $sudo apt-get update -qq && touch /tmp/.ward-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_venv : a project venv with the pinned test requirements.
ensure_venv() {
  if [ ! -x "$WARD_VENV/bin/python" ]; then
    python3 -m venv "$WARD_VENV"
  fi
  local stamp="$WARD_VENV/.requirements-installed"
  if [ ! -f "$stamp" ] || ! cmp -s "$WARD_ROOT/tests/requirements.txt" "$stamp"; then
    "$WARD_VENV/bin/pip" install -q --disable-pip-version-check -r "$WARD_ROOT/tests/requirements.txt"
    cp "$WARD_ROOT/tests/requirements.txt" "$stamp"
  fi
  export PATH="$WARD_VENV/bin:$PATH"
}
