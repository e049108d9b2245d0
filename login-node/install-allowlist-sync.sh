#!/bin/sh
# Installs the firewall allow-list sync on a login node (run as root):
#   login-node/install-allowlist-sync.sh https://mfa.example.org/realms/hpc < firewall-secret
# It installs hpc-allowlist-sync, /etc/hpc-mfa/allowlist-sync.conf (first installation: with this URL and the
# client firewall-sync) and the client's secret (first installation: read from standard input, never from the
# command line, into a root-only file), loads the first list, and only then enables the systemd timer (every
# minute). Your ruleset then matches the sets (docs/ssh-allowlist.md); the sync never touches your chains.
set -eu
cd "$(dirname "$0")"
URL=${1:-}
install -d -m 0755 /usr/local/lib/hpc-mfa
install -d -m 0700 /etc/hpc-mfa
install -m 0755 hpc-allowlist-sync /usr/local/lib/hpc-mfa/hpc-allowlist-sync
if [ ! -e /etc/hpc-mfa/allowlist-sync.conf ]; then
    [ -n "$URL" ] || { echo "usage: $0 REALM_URL < SECRET_FILE (first installation)" >&2; exit 2; }
    sed "s|^url = .*|url = $URL|" allowlist-sync.conf.example > /etc/hpc-mfa/allowlist-sync.conf
    chmod 0600 /etc/hpc-mfa/allowlist-sync.conf
fi
if [ ! -s /etc/hpc-mfa/firewall-secret ]; then
    [ ! -t 0 ] || { echo "give the firewall client's secret on standard input: $0 REALM_URL < FILE" >&2; exit 2; }
    install -m 0600 /dev/null /etc/hpc-mfa/firewall-secret
    head -n 1 > /etc/hpc-mfa/firewall-secret
fi
/usr/local/lib/hpc-mfa/hpc-allowlist-sync --config /etc/hpc-mfa/allowlist-sync.conf
install -m 0644 hpc-allowlist-sync.service hpc-allowlist-sync.timer /etc/systemd/system/
systemctl daemon-reload
systemctl enable --now hpc-allowlist-sync.timer
echo "Allow-list loaded into the sets of /etc/hpc-mfa/allowlist-sync.conf and refreshed every minute."
echo "Match them in your ruleset (ip saddr @allowed_v4 / ip6 saddr @allowed_v6, docs/ssh-allowlist.md)."
