#!/usr/bin/env bash
# The generated Kotlin bindings on the JVM: builds the host libward_ffi.so,
# generates the Kotlin (and Swift) sources, then compiles the Kotlin with
# Maven and runs the JUnit tests in bindings/kotlin-tests against the .so
# through JNA. Maven downloads its plugins and jars from Maven Central on
# the first run (~/.m2 caches them).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/ensure.sh
ensure_apt maven default-jdk-headless
bindings/generate.sh
# The library the bindings were generated from (honours CARGO_TARGET_DIR).
library_dir="$(cat bindings/generated/library-dir)"
(cd bindings/kotlin-tests && mvn -q -B -Dstyle.color=never -Dward.library.dir="$library_dir" test)
