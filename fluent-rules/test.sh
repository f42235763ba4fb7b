#!/usr/bin/env bash
# Compiles the offline SDK shim, the rules and their tests with `javac --release 8` into
# fluent-rules/build/ and runs the JUnit 5 console launcher over them. Needs a JDK (9+ for --release),
# Debian's junit5 and libjackson2-databind-java (scripts/setup-system.sh): Jackson is what Fluent's SDK
# hands rules JSON in, so the shim, the rules and the tests use it too. Last line: "N passed, N failed".
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/build"
junit="${JUNIT_CONSOLE_JAR:-/usr/share/java/junit-platform-console-standalone.jar}"
jackson_databind="${JACKSON_DATABIND_JAR:-/usr/share/java/jackson-databind.jar}"
jackson_core="${JACKSON_CORE_JAR:-/usr/share/java/jackson-core.jar}"
jackson_annotations="${JACKSON_ANNOTATIONS_JAR:-/usr/share/java/jackson-annotations.jar}"
jackson="$jackson_databind:$jackson_core:$jackson_annotations"

fail() {
  echo "fluent-rules: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

command -v javac >/dev/null 2>&1 || fail "javac not found (apt-get install default-jdk-headless)"
[ -f "$junit" ] || fail "$junit not found (apt-get install junit5)"
for jar in "$jackson_databind" "$jackson_core" "$jackson_annotations"; do
  [ -f "$jar" ] || fail "$jar not found (apt-get install libjackson2-databind-java)"
done

rm -rf "$build"
mkdir -p "$build/shim" "$build/main" "$build/test"

javac_opts=(--release 8 -encoding UTF-8 -Xlint:all,-options,-serial)
mapfile -t shim_src < <(find "$here/sdk-shim/src" -name '*.java' | sort)
mapfile -t main_src < <(find "$here/src/main/java" -name '*.java' | sort)
mapfile -t test_src < <(find "$here/src/test/java" -name '*.java' | sort)

javac "${javac_opts[@]}" -cp "$jackson" -d "$build/shim" "${shim_src[@]}" || fail "the SDK shim does not compile"
javac "${javac_opts[@]}" -cp "$build/shim:$jackson" -d "$build/main" "${main_src[@]}" || fail "the rules do not compile"
javac "${javac_opts[@]}" -cp "$build/shim:$build/main:$junit:$jackson" -d "$build/test" "${test_src[@]}" \
  || fail "the tests do not compile"

report="$build/junit-report.txt"
# Console launcher 1.9 (Debian bookworm): classic options; 1.10+ also accepts them (with a deprecation note).
java -Dfolio.vectors.dir="$here/vectors" -Dfolio.graphql.dir="$here/src/main/graphql" \
  -jar "$junit" \
  --class-path "$build/shim:$build/main:$build/test:$jackson" \
  --scan-class-path "$build/test" \
  --disable-banner --details=tree --disable-ansi-colors 2>&1 | tee "$report"
status=${PIPESTATUS[0]}

count() { # the number before "tests <what>" in the launcher's summary
  sed -n "s/^\[ *\([0-9][0-9]*\) tests $1 *\].*/\1/p" "$report" | tail -n 1
}
succeeded="$(count successful)"
failed="$(count failed)"
aborted="$(count aborted)"
if [ -z "$succeeded" ] || [ -z "$failed" ]; then
  echo "fluent-rules: could not read the JUnit summary (launcher exit $status)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
failed=$((failed + ${aborted:-0}))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$succeeded passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
