#!/usr/bin/env bash
# Runs Keycloak with the HPC MFA pack and the demo realm on http://localhost:8080 (kc.sh start-dev),
# with an SMTP sink that prints every mail and lists them on http://localhost:8025.
#
#   ./demo.sh            build the pack, install it, start (Ctrl-C stops everything)
#   ./demo.sh --reset    the same, but forget what earlier runs stored (users' factors, sessions)
#   ./demo.sh --offline  build without asking Maven Central (after a first run)
#
# Needs JDK 17+ and Maven 3.8+. The first run downloads Keycloak's distribution from Maven Central into
# the local Maven repository; later runs reuse it and re-augment Keycloak only when a jar of the pack changed.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
RESET=false
MVN_FLAGS=(-B -q)
for arg in "$@"; do
  case "$arg" in
    --reset) RESET=true ;;
    --offline) MVN_FLAGS+=(-o) ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

pom_value() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n 1; }
KC_VERSION=$(pom_value keycloak.version)
PACK_VERSION=$(sed -n '/<artifactId>hpc-mfa-pack<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' pom.xml)
PROVIDER_JARS=(mfa-common themes authenticator-email-otp authenticator-sms authenticator-password-otp authenticator-push authenticator-recovery-codes required-action-registration-token account-recovery account-api ssh-cert-endpoint ssh-terminal-prompt login-address-allowlist)
REALM_JSON="$ROOT/demo/mfa-demo-realm.json"
GREENMAIL_VERSION=2.1.13
HTTP_PORT=8080 SMTP_PORT=3025 MAIL_PAGE_PORT=8025 SMS_PORT=8026

DEMO_DIR="$ROOT/.demo"
DOWNLOADS="$DEMO_DIR/downloads"
KC_HOME="$DEMO_DIR/keycloak-$KC_VERSION"
mkdir -p "$DOWNLOADS"

for port in $HTTP_PORT $SMTP_PORT $MAIL_PAGE_PORT $SMS_PORT 9000; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use (another Keycloak, the test suite, or an earlier demo?). Stop it first." >&2
    exit 1
  fi
done

step() { printf '\n==> %s\n' "$*"; }

step "Building the pack $PACK_VERSION"
mvn "${MVN_FLAGS[@]}" -DskipTests -pl '!integration-tests' package

fetch() { # groupId:artifactId:version:packaging -> file in $DOWNLOADS, taken from the local Maven repository
  local coords=$1 file=$2
  if [ ! -f "$DOWNLOADS/$file" ]; then
    step "Fetching $coords from Maven Central (once)"
    mvn "${MVN_FLAGS[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
      -Dartifact="$coords" -DoutputDirectory="$DOWNLOADS"
  fi
}
fetch "org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" "keycloak-quarkus-dist-$KC_VERSION.zip"
fetch "com.icegreen:greenmail-standalone:$GREENMAIL_VERSION:jar" "greenmail-standalone-$GREENMAIL_VERSION.jar"

if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  step "Unpacking Keycloak $KC_VERSION into $KC_HOME"
  rm -rf "$KC_HOME"
  (cd "$DEMO_DIR" && jar xf "$DOWNLOADS/keycloak-quarkus-dist-$KC_VERSION.zip")
  chmod +x "$KC_HOME"/bin/*.sh
fi

# Copy a jar only when its content changed: start-dev re-augments when providers/ changes.
changed=0
for jar in "${PROVIDER_JARS[@]}"; do
  built="$ROOT/$jar/target/$jar-$PACK_VERSION.jar"
  installed="$KC_HOME/providers/$jar.jar"
  if ! cmp -s "$built" "$installed"; then
    cp "$built" "$installed"
    changed=$((changed + 1))
  fi
done
[ "$changed" -gt 0 ] && step "Installed $changed changed jar(s) into providers/ (Keycloak will re-augment)"

# The realm is imported on the first start; when the realm file changed, start from a fresh database.
mkdir -p "$KC_HOME/data/import"
realm_sum=$(cksum < "$REALM_JSON")
if $RESET || [ ! -f "$DEMO_DIR/realm.cksum" ] || [ "$(cat "$DEMO_DIR/realm.cksum")" != "$realm_sum" ]; then
  [ -d "$KC_HOME/data/h2" ] && step "Starting from a fresh demo database (--reset or the realm file changed)"
  rm -rf "$KC_HOME/data/h2" "$DEMO_DIR/mail"
fi
cp "$REALM_JSON" "$KC_HOME/data/import/"
echo "$realm_sum" > "$DEMO_DIR/realm.cksum"

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo; echo "Stopping the demo..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all INT TERM EXIT

java -cp "$DOWNLOADS/greenmail-standalone-$GREENMAIL_VERSION.jar" -Dlog4j2.level=WARN \
  "$ROOT/demo/DemoSidecar.java" "$REALM_JSON" "http://localhost:$HTTP_PORT" $SMTP_PORT $MAIL_PAGE_PORT \
  "$DEMO_DIR/mail" &
pids+=($!)

# The fake SMS gateway the demo realm's SMS webhook posts to (http://localhost:8026/sms): prints every text.
java "$ROOT/demo/DemoSmsSink.java" $SMS_PORT &
pids+=($!)

step "Starting Keycloak $KC_VERSION in dev mode on http://localhost:$HTTP_PORT"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "$KC_HOME/bin/kc.sh" start-dev --http-port=$HTTP_PORT --import-realm --features=declarative-ui &
pids+=($!)

# Whichever stops first (Ctrl-C, a crash) stops the other.
wait -n "${pids[@]}" || true
