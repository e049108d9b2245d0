#!/usr/bin/env bash
# Prints a KeycloakRealmImport for the Keycloak resource of docker/k8s/keycloak.yaml, made from a realm file
# (default: the demo realm, the same file ./demo.sh, docker/compose.yaml and the tests import), so the realm is
# never copied by hand into YAML. The operator runs the import once, as a Job with the pack's image.
#   docker/k8s/realm-import.sh [realm.json] [smtp-host] [smtp-port] | kubectl apply -f -
# The demo realm sends mail to localhost:3025 (the demo's mail sink); on a cluster name the site's relay.
# Needs jq.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
realm_file="${1:-$here/../../demo/mfa-demo-realm.json}"
smtp_host="${2:-}"
smtp_port="${3:-25}"
jq --arg host "$smtp_host" --arg port "$smtp_port" '
  (if $host == "" then . else .smtpServer.host = $host | .smtpServer.port = $port end) as $realm
  | {
      apiVersion: "k8s.keycloak.org/v2alpha1",
      kind: "KeycloakRealmImport",
      metadata: { name: ("hpc-mfa-" + ($realm.realm | ascii_downcase)) },
      spec: { keycloakCRName: "hpc-mfa", realm: $realm }
    }' "$realm_file"
