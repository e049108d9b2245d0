#!/bin/sh
# Builds and installs the login-node side of the SSH terminal prompt (run as root on the login node).
#   login-node/install.sh            build pam_hpc_mfa.so, install it and the helper
# Then: write /etc/hpc-mfa/terminal.conf and /etc/hpc-mfa/client-secret (0600), edit /etc/pam.d/sshd as in
# pam.d-sshd, add sshd_config.d-hpc-mfa.conf, and reload sshd (keep a root shell open while you test).
set -eu
cd "$(dirname "$0")"
command -v gcc >/dev/null || { echo "needs gcc and libpam0g-dev (apt-get install gcc libpam0g-dev)" >&2; exit 1; }
gcc -fPIC -shared -O2 -Wall -o pam_hpc_mfa.so pam_hpc_mfa.c -lpam
PAMDIR=$(dirname "$(find /lib /usr/lib -name pam_unix.so -path '*security*' | head -n 1)")
install -m 0644 pam_hpc_mfa.so "$PAMDIR/pam_hpc_mfa.so"
install -d -m 0755 /usr/local/lib/hpc-mfa
install -m 0755 hpc-mfa-terminal /usr/local/lib/hpc-mfa/hpc-mfa-terminal
install -d -m 0700 /etc/hpc-mfa
[ -e /etc/hpc-mfa/terminal.conf ] || install -m 0600 terminal.conf.example /etc/hpc-mfa/terminal.conf
echo "installed $PAMDIR/pam_hpc_mfa.so and /usr/local/lib/hpc-mfa/hpc-mfa-terminal"
