#!/usr/bin/env bash
# How the pack's cost grows with the realm: for each number of users (default 10000 50000 100000), written in
# bulk into PostgreSQL (60% TOTP, 20% push, 10% recovery codes only, 10% password only; one live SSH
# certificate record each), on one production-mode Keycloak 26.5.6 node with the pack (the cluster tests'
# set-up): census time and heap after it, sign latency, KRL size and build time with 1% and 5% of the
# certificates revoked, password + TOTP login latency, and 1,000 login nodes fetching the KRL every 60 s with
# If-None-Match (the Keycloak process's CPU over 60 s, next to 60 s idle). Prints one table and writes it to
# integration-tests/target/scale.md, scale.csv and scale.svg (the curves, one panel per figure). Not run in CI.
# Needs Debian's postgresql, unzip and ssh-keygen. Uses ports 18080/18081, 19000/19001, 17800/17801, 55432, 3125.
# No `mvn install`: a reactor build from the root finds the modules' jars in their target/.
#   bench/scale.sh [users ...]        e.g. bench/scale.sh 10000 50000
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${*:-10000 50000 100000}"
mkdir -p integration-tests/target
LOG=integration-tests/target/bench-scale.log
mvn -B ${MVN_OFFLINE:+-o} verify -pl integration-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ScaleBench -Dscale.sizes="$SIZES" > "$LOG" 2>&1 || true
sed -n '/^BENCH-TABLE/,/^$/p' "$LOG" | sed '1d'
grep -E 'BUILD|ERROR\]|Tests run:.*ScaleBench' "$LOG" | head -20
if [ -s integration-tests/target/scale.svg ]; then
  echo "curves: integration-tests/target/scale.svg (docs/benchmarks.md shows a committed copy, docs/scale-curves.svg)"
fi
