#!/usr/bin/env bash
# SSH certificate revocation on one real Keycloak 26.5.6 with the pack, a real sshd and login-node/hpc-krl-sync:
#  1. revocation -> refusal: trigger (lost phone, disable-MFA confirmation, last second factor removed,
#     disable, delete, sign-out, in turn) -> KRL sync -> sshd refuses the certificate; p50/max over 20
#     revocations with the shipped 30-second timer interval;
#  2. KRL request cost: If-None-Match answered 304, a full answer (both from the list kept with the cached
#     realm) and the first request after a realm change (list rebuilt), interleaved in one run, with 0, 100 and
#     1000 revoked certificates listed.
# Uses ports 8080/9000/3025 like the test suite.
#   bench/ssh-revocation.sh [revocations] [sync-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
REVOCATIONS=${1:-20}
SYNC=${2:-30}
# A reactor build: the integration tests find the module jars in <module>/target, nothing is installed.
mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=RevocationBench -Dbench.revocations="$REVOCATIONS" -Dbench.syncSeconds="$SYNC" \
  > integration-tests/target/bench-revocation.log 2>&1 || true
grep -E '^BENCH|BUILD|ERROR\]' integration-tests/target/bench-revocation.log | sed 's/^BENCH /  /'
