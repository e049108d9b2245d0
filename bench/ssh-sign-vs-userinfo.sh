#!/usr/bin/env bash
# POST /realms/{realm}/ssh-ca/sign against Keycloak's userinfo endpoint with the same MFA access token,
# interleaved on one real Keycloak 26.5.6 with the pack: p50/p99 latency, sequential throughput, and the
# ratio (target: sign costs at most 1.2 x userinfo p50), with the realm's event store on, then off. Uses ports
# 8080/9000/3025 like the test suite. One reactor build from the root: nothing is installed into ~/.m2.
#   bench/ssh-sign-vs-userinfo.sh [rounds] [extra mvn options, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-300}
shift || true
mkdir -p integration-tests/target
mvn -B verify -pl integration-tests -am "$@" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=SignVsUserinfoBench -Dbench.rounds="$ROUNDS" \
  > integration-tests/target/bench-ssh.log 2>&1 || true
grep -E '^BENCH|BUILD|ERROR\]' integration-tests/target/bench-ssh.log | sed 's/^BENCH /  /'
