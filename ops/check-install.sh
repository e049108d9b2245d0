#!/usr/bin/env bash
# Checks that a Keycloak server runs the HPC MFA pack: after installing it, and after every Keycloak upgrade.
#
#   ops/check-install.sh [--server URL] [--kcadm PATH]
#
# It logs in with Keycloak's own admin CLI (kcadm.sh) as an admin of the master realm, reads the server info,
# and checks that the providers of each jar of the pack are loaded. The admin password is read from the
# environment (KEYCLOAK_ADMIN_PASSWORD) or asked for at the terminal, never taken from the command line.
# Exit status: 0 all loaded, 1 something missing, 2 usage or login error.
set -euo pipefail

server=http://localhost:8080
kcadm=${KEYCLOAK_HOME:+$KEYCLOAK_HOME/bin/kcadm.sh}
user=${KEYCLOAK_ADMIN:-admin}
while [ $# -gt 0 ]; do
  case $1 in
    --server) server=$2; shift 2 ;;
    --kcadm) kcadm=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-install: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "${kcadm:-}" ] && [ -x "$kcadm" ] || { echo "check-install: set KEYCLOAK_HOME or pass --kcadm /path/to/kcadm.sh" >&2; exit 2; }
command -v python3 >/dev/null || { echo "check-install: python3 is needed to read the server info" >&2; exit 2; }

config=$(mktemp)
trap 'rm -f "$config"' EXIT
if [ -z "${KEYCLOAK_ADMIN_PASSWORD:-}" ]; then
  read -r -s -p "Password of $user in the master realm: " KEYCLOAK_ADMIN_PASSWORD; echo >&2
fi
# kcadm reads the password from KC_CLI_PASSWORD when --password is not given: it never appears in ps.
if ! KC_CLI_PASSWORD=$KEYCLOAK_ADMIN_PASSWORD "$kcadm" config credentials --config "$config" \
    --server "$server" --realm master --user "$user" >/dev/null 2>&1; then
  echo "check-install: cannot log in to $server as $user (master realm)" >&2
  exit 2
fi

"$kcadm" get serverinfo --config "$config" | python3 -c '
import json, sys
info = json.load(sys.stdin)
providers = {spi: set(v.get("providers", {})) for spi, v in info.get("providers", {}).items()}
themes = {t["name"] for t in info.get("themes", {}).get("login", [])}
# One or two providers of each jar, by the ids realm admins configure; stable across releases.
expected = [
    ("mfa-common", "hpc-terminal-factor", None),
    ("themes", None, "hpc-mfa"),
    ("authenticator-email-otp", "authenticator", "hpc-email-otp"),
    ("authenticator-sms", "authenticator", "hpc-sms"),
    ("authenticator-sms", "hpc-sms-gateway", "webhook"),
    ("authenticator-password-otp", "authenticator", "hpc-password-otp-form"),
    ("authenticator-push", "authenticator", "hpc-push"),
    ("authenticator-push", "realm-restapi-extension", "pipush"),
    ("authenticator-recovery-codes", "authenticator", "hpc-recovery-code"),
    ("authenticator-recovery-codes", "required-action", "hpc-recovery-codes"),
    ("required-action-registration-token", "authenticator", "hpc-registration-token-form"),
    ("required-action-registration-token", "required-action", "hpc-enrol-second-factor"),
    ("account-recovery", "required-action", "hpc-disable-mfa"),
    ("account-recovery", "realm-restapi-extension", "hpc-mfa-removal"),
    ("account-api", "realm-restapi-extension", "hpc-mfa-account"),
    ("ssh-cert-endpoint", "realm-restapi-extension", "ssh-ca"),
    ("ssh-cert-endpoint", "keys", "hpc-ssh-user-ca"),
    ("ssh-terminal-prompt", "realm-restapi-extension", "ssh-terminal"),
    ("login-address-allowlist", "realm-restapi-extension", "login-addresses"),
]
missing = []
for jar, spi, provider in expected:
    if spi is None:
        ok = provider in themes
        what = "login theme " + provider
    elif provider is None:
        ok = spi in providers
        what = "SPI " + spi
    else:
        ok = provider in providers.get(spi, set())
        what = spi + " provider " + provider
    print(("  ok       " if ok else "  MISSING  ") + jar + ": " + what)
    if not ok:
        missing.append(jar)
version = info.get("systemInfo", {}).get("version", "?")
if missing:
    print("Keycloak %s: the pack is NOT fully loaded (%s). Copy every jar of the pack into providers/ and run kc.sh build." % (version, ", ".join(sorted(set(missing)))))
    sys.exit(1)
print("Keycloak %s: every jar of the HPC MFA pack is loaded." % version)
'
