#!/usr/bin/env bash
# Measures one full portal login with an email code against one with Keycloak's built-in OTP form, side by
# side on one real Keycloak 26.5.6 (the test framework's server, dev mode, H2) with the pack installed.
# Prints median/p95 per kind and their ratio. Uses ports 8080/9000/3025 like the test suite. One reactor build
# from the root: nothing is installed into ~/.m2.
#   bench/email-code-vs-otp.sh [rounds] [extra mvn options, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-40}
shift || true
mkdir -p integration-tests/target
mvn -B verify -pl integration-tests -am "$@" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=EmailCodeVsOtpLoginBench -Dbench.rounds="$ROUNDS" \
  > integration-tests/target/bench.log 2>&1 || true
grep -E '^BENCH|BUILD|ERROR\]' integration-tests/target/bench.log | sed 's/^BENCH /  /'
