#!/usr/bin/env bash
# Two Keycloak 26.5.6 nodes (production mode, PostgreSQL, Infinispan) with the pack, as in the cluster tests:
# N complete logins (password, then TOTP, email code or push approved by the simulated app), each started on one
# node and finished on the other, four clients at a time. Prints throughput, p50/p95 login time, errors, and each
# node's heap after a full GC, before and after the run. Needs Debian's postgresql and unzip (.ci/run installs them).
# Uses ports 18080/18081, 19000/19001, 17800/17801, 55432 and 3125.
#   bench/cluster-load.sh [logins]
set -euo pipefail
cd "$(dirname "$0")/.."
LOGINS=${1:-500}
mvn -B verify -pl integration-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='ClusterIT#fiveHundredMixedLoginsAcrossBothNodesWithoutAnError' -Dcluster.logins="$LOGINS" \
  > integration-tests/target/bench-cluster.log 2>&1 || true
grep -E '^BENCH|BUILD|ERROR\]' integration-tests/target/bench-cluster.log | sed 's/^BENCH /  /'
