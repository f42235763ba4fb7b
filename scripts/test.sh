#!/usr/bin/env bash
# The one test command (npm test): installs what the tests need, type-checks, runs every vitest
# suite and the rule plugin's JUnit tests, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/test-results

bash scripts/setup-system.sh || { echo "setup-system failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/ensure-postgres.sh || { echo "PostgreSQL could not be started"; echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0

if npx tsc --noEmit; then passed=$((passed + 1)); else echo "typecheck failed"; failed=$((failed + 1)); fi

npx vitest run --reporter=default --reporter=json --outputFile=var/test-results/vitest.json
vitest_exit=$?
if [ -f var/test-results/vitest.json ]; then
  read -r vp vf < <(node -e '
    const r = JSON.parse(require("fs").readFileSync("var/test-results/vitest.json", "utf8"));
    // Files that failed to load count as failures too (numFailedTestSuites covers them).
    const fileErrors = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
    console.log(r.numPassedTests, r.numFailedTests + fileErrors);')
  passed=$((passed + vp)); failed=$((failed + vf))
fi
if [ "$vitest_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

if [ -x fluent-rules/test.sh ] || [ -f fluent-rules/test.sh ]; then
  bash fluent-rules/test.sh | tee var/test-results/junit.txt
  junit_exit=${PIPESTATUS[0]}
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' var/test-results/junit.txt | tail -n 1)
  if [ -n "$line" ]; then
    jp=${line%% passed*}; jf=${line#*passed, }; jf=${jf%% failed*}
    passed=$((passed + jp)); failed=$((failed + jf))
  fi
  if [ "$junit_exit" -ne 0 ] && [ -z "$line" ]; then failed=$((failed + 1)); fi
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
