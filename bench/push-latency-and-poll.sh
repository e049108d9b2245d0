#!/usr/bin/env bash
# Push approval on one real Keycloak 26.5.6 with the pack and the simulated privacyIDEA app:
#  1. approve-to-login latency, p50/p95 over N logins each way, interleaved: the page's long-polled status check
#     (Keycloak holds it until the phone answers), then submit, against the former 400 ms polling (target p95 < 250 ms);
#  2. poll throughput with the stored signed payload against signing on every poll, interleaved, as a ratio.
# Uses ports 8080/9000/3025 like the test suite. One reactor build from the root: nothing is installed into ~/.m2.
#   bench/push-latency-and-poll.sh [logins] [polls] [extra mvn options, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."
LOGINS=${1:-60}
POLLS=${2:-200}
shift 2 || shift $# || true
mkdir -p integration-tests/target
mvn -B verify -pl integration-tests -am "$@" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=PushLatencyBench -Dbench.logins="$LOGINS" -Dbench.polls="$POLLS" \
  > integration-tests/target/bench-push.log 2>&1 || true
grep -E '^BENCH|BUILD|ERROR\]' integration-tests/target/bench-push.log | sed 's/^BENCH /  /'
