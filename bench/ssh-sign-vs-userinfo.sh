#!/usr/bin/env bash
# POST /realms/{realm}/ssh-ca/sign against Keycloak's userinfo endpoint with the same MFA access token,
# interleaved on one real Keycloak 26.5.6 with the pack: p50/p99 latency, sequential throughput, and the
# ratio (target: sign costs at most 1.5 x userinfo). Uses ports 8080/9000/3025 like the test suite.
#   bench/ssh-sign-vs-userinfo.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-300}
mvn -B -q -DskipTests install -pl '!integration-tests' > /dev/null
mvn -B verify -pl integration-tests -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=SignVsUserinfoBench -Dbench.rounds="$ROUNDS" > integration-tests/target/bench-ssh.log 2>&1 || true
grep -E '^BENCH|BUILD|ERROR\]' integration-tests/target/bench-ssh.log | sed 's/^BENCH /  /'
