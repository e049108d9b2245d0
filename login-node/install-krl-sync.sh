#!/bin/sh
# Installs the KRL sync on an SSH server or login node (run as root):
#   login-node/install-krl-sync.sh https://mfa.example.org/realms/hpc
# It installs hpc-krl-sync and its systemd timer (every 30 s), fetches the first KRL, and only then prints the
# sshd_config lines to add: sshd refuses every key while the RevokedKeys file is missing or unreadable.
set -eu
cd "$(dirname "$0")"
URL=${1:-}
install -d -m 0755 /usr/local/lib/hpc-mfa /etc/hpc-mfa
install -m 0755 hpc-krl-sync /usr/local/lib/hpc-mfa/hpc-krl-sync
if [ ! -e /etc/hpc-mfa/krl-sync.conf ]; then
    [ -n "$URL" ] || { echo "usage: $0 REALM_URL (first installation)" >&2; exit 2; }
    sed "s|^url = .*|url = $URL|" krl-sync.conf.example > /etc/hpc-mfa/krl-sync.conf
    chmod 0644 /etc/hpc-mfa/krl-sync.conf
fi
/usr/local/lib/hpc-mfa/hpc-krl-sync --config /etc/hpc-mfa/krl-sync.conf
install -m 0644 hpc-krl-sync.service hpc-krl-sync.timer /etc/systemd/system/
systemctl daemon-reload
systemctl enable --now hpc-krl-sync.timer
echo "KRL in place and refreshed every 30 s. Now add sshd_config.d-hpc-ssh-ca.conf to /etc/ssh/sshd_config.d/"
echo "(with /etc/ssh/keycloak-user-ca.pub from \$URL/ssh-ca/ca.pub) and reload sshd."
