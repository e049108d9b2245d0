#!/usr/bin/env bash
# Push approval on one real Keycloak 26.5.6 with the pack and the simulated privacyIDEA app:
#  1. approve-to-login latency, p50/p95 over N logins (the page's 400 ms status check, then submit; target p95 < 1 s);
#  2. poll throughput with the stored signed payload against signing on every poll, interleaved, as a ratio.
# Uses ports 8080/9000/3025 like the test suite.
#   bench/push-latency-and-poll.sh [logins] [polls]
set -euo pipefail
cd "$(dirname "$0")/.."
LOGINS=${1:-60}
POLLS=${2:-200}
mvn -B -q -DskipTests install -pl '!integration-tests' > /dev/null
mvn -B verify -pl integration-tests -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=PushLatencyBench -Dbench.logins="$LOGINS" -Dbench.polls="$POLLS" > integration-tests/target/bench-push.log 2>&1 || true
grep -E '^BENCH|BUILD|ERROR\]' integration-tests/target/bench-push.log | sed 's/^BENCH /  /'
