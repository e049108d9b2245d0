#!/bin/sh
# Builds and installs the login-node side of the SSH terminal prompt (run as root on the login node).
#   login-node/install.sh            make && make install: pam_hpc_mfa.so (hardened, warnings as errors) and the helper
# Then: write /etc/hpc-mfa/terminal.conf and /etc/hpc-mfa/client-secret (0600), edit /etc/pam.d/sshd as in
# pam.d-sshd (terminal prompt) or pam.d-sshd-device (device mode: the one-time link), add the matching
# sshd_config.d-hpc-mfa.conf or sshd_config.d-hpc-mfa-device.conf as /etc/ssh/sshd_config.d/hpc-mfa.conf, and
# reload sshd (keep a root shell open while you test). docs/ssh-operator-guide.md shows both modes.
set -eu
cd "$(dirname "$0")"
command -v gcc >/dev/null && command -v make >/dev/null \
  || { echo "needs gcc, make and libpam0g-dev (apt-get install gcc make libpam0g-dev)" >&2; exit 1; }
make all
make install
