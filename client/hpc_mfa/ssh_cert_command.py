"""hpc-ssh-cert: get a short-lived SSH certificate from Keycloak and load it into your ssh-agent.

Interactive mode (people): you log in once in a browser with your password and a second factor (OAuth device
grant); the certificate then works for every ssh command until it expires. Automation mode (scripts, CI): a
confidential client's service account gets the certificate with the client-credentials grant, without browser
or prompt; chosen by a client secret from --client-secret-file FILE (- reads it from stdin) or the environment
variable HPC_SSH_CERT_CLIENT_SECRET. A secret is never taken from the command line, where every local user
sees it (ps). With --device-login the secret belongs to a confidential device-grant client (an SSH gateway) and
the mode stays interactive.

The server must be https://, except on the machine itself (http://localhost, http://127.0.0.1, http://[::1]).

Interactive logins name the key to be certified: the browser page shows its fingerprint (also printed
here), and the certificate is then for that key only.

Registered keys: "hpc-ssh-cert keys add [KEY.pub]" registers a public key with your account (after a browser
login), "keys list" shows yours, "keys rm FINGERPRINT|ID|KEY.pub" removes one. Realms may certify only
registered keys, and may accept a registered key instead of your password (key + second factor): hpc-ssh-cert then
proves that you hold the key with "ssh-keygen -Y sign", only when the realm asks for it.

Renewal by one tap: after a browser login, hpc-ssh-cert keeps the Keycloak session (its refresh token, in
KEY-hpc-session.json, mode 0600). While the realm's MFA freshness window holds (e.g. 12 hours after that login),
a certificate about to expire is renewed without a browser: one push approval on the phone, or one TOTP code typed
at the terminal, plus a signature of your key (a copied session file alone renews nothing). From the shell profile:
"hpc-ssh-cert --no-browser || hpc-ssh-cert", or in the background: "hpc-ssh-cert watch &".

Run it again whenever you like: it does nothing while the certificate is still good for longer than
--refresh-before, and gets a new one otherwise (expired, about to expire, signed by a CA the realm no longer
uses, or made for another key). "hpc-ssh-cert --check" (or "hpc-ssh-cert status") only tells whether the
local certificate is usable.

Needs: Python 3.8+ (standard library only) and OpenSSH's ssh-keygen and ssh-add. Optional: qrencode, to
show the login URL as a QR code in the terminal.

Exit codes:
  0  certificate loaded, or still valid (--check: valid)
  1  local problem (OpenSSH tools missing, unreadable key or secret file)
  2  wrong command-line arguments
  3  Keycloak refused the login or the certificate (the message says why and what to do)
  4  Keycloak could not be reached
  5  the browser login was not completed (denied or timed out), or a renewal not approved in time
  6  --no-browser or watch: a full login is required (no session to renew, or the MFA window is over)
  10 --check: no certificate (missing or unreadable)
  11 --check: the certificate has expired
  12 --check: the certificate is not signed by the realm's current SSH CA
  13 --check: the certificate belongs to another key

Examples:
  hpc-ssh-cert --version
  hpc-ssh-cert --server https://id.example.org --realm hpc
  hpc-ssh-cert --server https://id.example.org --realm hpc --check
  hpc-ssh-cert --server https://id.example.org --realm hpc keys add ~/.ssh/id_ed25519.pub
  hpc-ssh-cert --server https://id.example.org --realm hpc --client-id ci-deploy \\
      --client-secret-file /run/secrets/ci-deploy --key ~/.ssh/ci_deploy
  vault read -field=secret ci/deploy | hpc-ssh-cert --server https://id.example.org --realm hpc \\
      --client-id ci-deploy --client-secret-file - --key ~/.ssh/ci_deploy
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional, Sequence, Tuple

from . import VERSION
from .errors import (EXIT_LOCAL, EXIT_LOGIN, EXIT_REFUSED, EXIT_UNREACHABLE, HINTS, Failure,  # noqa: F401 (the tests')
                     refusal)
from .signin import read_secret, secret_from
from .sshcert import (CERT_STATES, CHECK_EXIT, certificate_status, check, ensure_key, load,  # noqa: F401
                      still_good, watch)
from .sshkeys import keys
from .web import post_form, server_problem  # noqa: F401

def parse_args(argv: Optional[Sequence[str]] = None,
               prog: Optional[str] = None) -> Tuple[argparse.ArgumentParser, argparse.Namespace]:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0],
                                     epilog="Exit codes:\n" + __doc__.split("Exit codes:\n")[1].split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", choices=["load", "status", "keys", "watch"], default="load",
                        help="load (default): get or refresh the certificate; status: same as --check; "
                             "watch: stay in the background and renew by one tap when due; "
                             "keys: list | add [KEY.pub] | rm FINGERPRINT|ID|KEY.pub (your registered SSH keys)")
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"hpc-ssh-cert {VERSION}",
                        help="print the version of the HPC MFA pack this command belongs to")
    parser.add_argument("--server", default=os.environ.get("HPC_SSH_CERT_SERVER", "http://localhost:8080"),
                        help="Keycloak base URL (env HPC_SSH_CERT_SERVER)")
    parser.add_argument("--realm", default=os.environ.get("HPC_SSH_CERT_REALM", "mfa-demo"), help="realm (env HPC_SSH_CERT_REALM)")
    parser.add_argument("--client-id", default=os.environ.get("HPC_SSH_CERT_CLIENT_ID", "ssh-cli"),
                        help="interactive: the device-grant client (default ssh-cli); automation: the client "
                             "whose service account gets the certificate (env HPC_SSH_CERT_CLIENT_ID)")
    parser.add_argument("--client-secret-file", metavar="FILE",
                        help="automation mode: file (mode 0600) holding the client secret, or - to read it from "
                             "stdin (or env HPC_SSH_CERT_CLIENT_SECRET)")
    parser.add_argument("--client-secret", metavar="REFUSED",
                        help="refused: a secret on the command line is visible to every local user (ps); use "
                             "--client-secret-file FILE, --client-secret-file - (stdin) or HPC_SSH_CERT_CLIENT_SECRET")
    parser.add_argument("--device-login", action="store_true",
                        help="interactive mode even with a client secret: a confidential device-grant client (an SSH "
                             "gateway) whose secret comes from --client-secret-file or HPC_SSH_CERT_CLIENT_SECRET")
    parser.add_argument("--key", default=str(Path.home() / ".ssh" / "id_ed25519"),
                        help="private key to certify; created (Ed25519) if missing")
    parser.add_argument("--ttl", type=int, help="certificate validity in seconds (default: the realm's)")
    parser.add_argument("--principal", action="append", help="ask for fewer login names (repeatable)")
    parser.add_argument("--refresh-before", type=int, default=300,
                        help="renew when fewer seconds remain (default 300)")
    parser.add_argument("--force", action="store_true", help="renew even if the certificate is still good")
    parser.add_argument("--check", action="store_true", help="only tell whether the local certificate is usable")
    parser.add_argument("--no-browser", action="store_true",
                        help="renew by one push approval or TOTP code only; exit 6 when a full login is required "
                             "(for the shell profile, cron)")
    parser.add_argument("--no-renewal", action="store_true",
                        help="a full browser login even when a renewal by one tap is possible")
    parser.add_argument("--every", type=int, default=60, help="watch: seconds between checks (default 60)")
    parser.add_argument("--keep-alive", type=int, default=600,
                        help="watch: refresh the Keycloak session at least this often, in seconds (default 600)")
    parser.add_argument("--prove-key", action="store_true",
                        default=os.environ.get("HPC_SSH_CERT_PROVE_KEY", "") not in ("", "0", "no", "false"),
                        help="send the proof that you hold the registered key (ssh-keygen -Y sign) at once, "
                             "instead of when the realm asks for it (env HPC_SSH_CERT_PROVE_KEY=1)")
    args = parser.parse_args(argv)
    if args.client_secret is not None:
        parser.error("--client-secret is refused: a secret on the command line is visible to every local user "
                     "(ps). Put it in a file of mode 0600 and use --client-secret-file FILE, pipe it in with "
                     "--client-secret-file -, or set HPC_SSH_CERT_CLIENT_SECRET; add --device-login for an SSH "
                     "gateway's interactive login.")
    problem = server_problem(args.server)
    if problem:
        parser.error(problem)
    if args.command == "status":
        args.check = True
    if args.args and args.command != "keys":
        parser.error(f"unexpected arguments: {' '.join(args.args)}")
    return parser, args


def main(argv: Optional[Sequence[str]] = None, prog: Optional[str] = None) -> int:
    """hpc-ssh-cert (prog None: the script's name), or mfa ssh-cert (prog "mfa ssh-cert")."""
    parser, args = parse_args(argv, prog)
    key = Path(args.key).expanduser()
    cert_file = Path(str(key) + "-cert.pub")
    base = f"{args.server.rstrip('/')}/realms/{args.realm}"
    try:
        if args.check:
            return check(args, key, cert_file, base)
        if args.command == "keys":
            return keys(parser, args, key, base)
        secret = secret_from(args, os.environ)
        if args.device_login and secret is None:
            parser.error("--device-login needs the gateway client's secret: --client-secret-file FILE (or -) "
                         "or HPC_SSH_CERT_CLIENT_SECRET")
        if secret is not None and args.client_id == "ssh-cli":
            parser.error("a client secret needs --client-id: a confidential client (with a service account for "
                         "automation, with the device grant for --device-login)")
        if args.command == "watch":
            return watch(args, key, cert_file, base, secret)
        return load(args, key, cert_file, base, secret)
    except Failure as failure:
        print(failure, file=sys.stderr)
        return failure.code
