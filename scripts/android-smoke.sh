#!/usr/bin/env bash
# Smoke test of the installed debug app on a running emulator or device
# (CI: .github/workflows/android.yml on API 28 and API 35 emulators):
# launch, create a vault, add the AWS account through an otpauth:// link
# (the confirmation screen), and read its code, which must be oathtool's for
# the same 30-second step (or the one before, if the step turned meanwhile).
#
# Drives the screen with adb only (am, input, uiautomator dump), so the app
# needs no test library. uiautomator reads the accessibility tree, which
# FLAG_SECURE does not hide (it blocks screenshots only).
#
# Needs: adb on PATH with one device, oathtool, the app installed (gradle installDebug).
set -euo pipefail

package=app.ward
secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
uri="otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=$secret&issuer=Amazon%20Web%20Services"
password=correct-horse-battery

dump() { # the current screen's accessibility tree as XML
  adb shell uiautomator dump /sdcard/ward-ui.xml >/dev/null
  adb shell cat /sdcard/ward-ui.xml
}

# tap_on TEXT: taps the centre of the first node whose text or description is TEXT.
tap_on() {
  local bounds
  bounds=$(dump | python3 -c '
import re, sys, xml.etree.ElementTree as ET
want = sys.argv[1]
for node in ET.fromstring(sys.stdin.read()).iter("node"):
    if node.get("text") == want or node.get("content-desc") == want:
        x1, y1, x2, y2 = map(int, re.findall(r"\d+", node.get("bounds")))
        print((x1 + x2) // 2, (y1 + y2) // 2)
        break
' "$1")
  [ -n "$bounds" ] || { echo "smoke: no '$1' on screen" >&2; dump >&2; exit 1; }
  # shellcheck disable=SC2086 # two coordinates
  adb shell input tap $bounds
}

# wait_for TEXT: waits up to 60 s for TEXT to appear on screen.
wait_for() {
  for _ in $(seq 1 60); do
    if dump | grep -q "$1"; then return 0; fi
    sleep 1
  done
  echo "smoke: '$1' never appeared" >&2
  dump >&2
  exit 1
}

adb shell pm clear "$package" >/dev/null
adb shell am start -W -n "$package/.ui.MainActivity" >/dev/null
wait_for "Create vault"
tap_on "Password (at least 8 characters)"
adb shell input text "$password"
tap_on "The same password again"
adb shell input text "$password"
tap_on "Create vault"
wait_for "No accounts yet"
# A biometric offer may show on devices with a fingerprint: dismiss it if present.
if dump | grep -q 'text="Cancel"'; then tap_on "Cancel"; fi

adb shell am start -W -a android.intent.action.VIEW -d "'$uri'" "$package" >/dev/null
wait_for "Add this account?"
tap_on "Add account"
wait_for "Amazon Web Services, alice@123456789012, code"

now=$(adb shell date +%s | tr -d '\r')
shown=$(dump | python3 -c '
import re, sys
m = re.search(r"Amazon Web Services, alice@123456789012, code ((?:\d ?){6})", sys.stdin.read())
print(m.group(1).replace(" ", "") if m else "")
')
expected_now=$(oathtool --totp -b "$secret" --now "@$now")
expected_before=$(oathtool --totp -b "$secret" --now "@$((now - 30))")
echo "smoke: shown $shown, oathtool $expected_now (step before: $expected_before)"
[ "$shown" = "$expected_now" ] || [ "$shown" = "$expected_before" ] || { echo "smoke: wrong code" >&2; exit 1; }
echo "smoke: passed"
