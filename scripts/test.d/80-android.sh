#!/usr/bin/env bash
# The Android app's Kotlin, checked without the Android SDK:
#  - every source in android/app/src/main/kotlin is compiled, together with
#    the generated bindings, against the Android 15 (API 35) framework from
#    org.robolectric:android-all (compile-only), so a compile error fails CI;
#  - the app's plain-Kotlin logic (android/jvm-check/src/test) runs under
#    JUnit 5 on the JVM against the real core (host libward_ffi.so via JNA);
#  - the app's resources (res/) are compiled and linked by aapt2 against the
#    framework's resources, as AGP does: R is generated, and the Robolectric UI
#    tests run with the app's strings and translations (Debian's aapt and
#    android-framework-res; see android/jvm-check/pom.xml).
# The APK itself needs the Android SDK and NDK: see android/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/ensure.sh
ensure_apt maven default-jdk-headless oathtool aapt android-framework-res
# Idempotent: builds the host library and regenerates the Kotlin (the
# bindings stage has usually just done it; this keeps the stage standalone).
bindings/generate.sh >/dev/null
library_dir="$(cat bindings/generated/library-dir)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mvn -B -ntp -f android/jvm-check/pom.xml -Dward.native.dir="$library_dir" verify | tee "$log"
# Warnings in the app's own Kotlin (deprecated APIs, unchecked casts, ...)
# fail the stage; the generated bindings' warnings are UniFFI's business.
if grep -E '^\[WARNING\] file:.*/android/app/src/main/kotlin/' "$log"; then
  echo "android: the app's Kotlin has compiler warnings (listed above); fix them" >&2
  exit 1
fi
# Count the UI tests (Robolectric, app.ward.ui.*) apart from the logic tests.
reports=android/jvm-check/target/surefire-reports
count() { # $1: ui or logic; passed = tests - failures - errors - skipped over those reports
  python3 - "$reports" "$1" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ui = sys.argv[2] == "ui"
total = 0
for path in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    if suite.get("name", "").startswith("app.ward.ui.") != ui:
        continue
    total += int(suite.get("tests")) - int(suite.get("failures")) - int(suite.get("errors")) - int(suite.get("skipped"))
print(total)
PY
}
echo "android: $(count ui) UI tests passed (Robolectric, real core; screens in android/jvm-check/target/screens)"
echo "android: $(count logic) logic tests passed"
echo "android: app sources compiled against android-all (API 35); JVM tests passed"
# The README's screenshots are the ones these tests just drew: refresh the
# copies in docs/screens/ so they never go stale (a UI change shows in git).
screens=android/jvm-check/target/screens
for shown in docs/screens/*.png; do
  drawn="$screens/$(basename "$shown")"
  if [ ! -f "$drawn" ]; then
    echo "android: $drawn was not drawn by the UI tests (docs/screens/ names a screen they no longer save)" >&2
    exit 1
  fi
  cp "$drawn" "$shown"
done
echo "android: docs/screens/ refreshed from this run's screens"
