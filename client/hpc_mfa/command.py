"""mfa: your second factors, recovery codes and SSH certificates, from the terminal.

Commands:
  status                        your second factors, recovery codes left, and the methods the realm offers
  mk AUTHENTICATOR|EMAIL|SMS    set up a second factor: a QR code and key for an authenticator app, or a code
                                mailed or texted (--phone) to you; verified with a code, then 8 new recovery codes
  verify                        check a code of your second factor (app, mailed or texted code, recovery code)
  get-token [EMAIL|SMS]         send yourself a code (and verify it at once, at a terminal)
  rm                            turn two-factor login off: a token valid 15 minutes is mailed to you, paste it back
  recovery-codes [--regenerate] how many recovery codes are left, or a new set (the old one stops working)
  ssh-cert [ARGS]               an SSH certificate for your key, as hpc-ssh-cert ARGS (mfa ssh-cert --help)

Sign-in: every command but ssh-cert signs you in once, through a link (and QR code) that you open in a browser on
any device and confirm with your password and second factor; or, with --password where the realm's client allows
it, with your username, password and current code typed here (never on the command line). The token stays in
memory: nothing is written to disk but the recovery codes you choose to save (mode 0600, in the current directory
or --codes-dir, as <username>_<issuer>_recovery_codes.txt).

Scripts: --json prints each result as one JSON object a line on stdout (the text and prompts go to stderr) and
asks no yes/no question; answers (codes, the token) are read from stdin.

Needs: Python 3.8+ (standard library only); OpenSSH's ssh-keygen and ssh-add for ssh-cert. Optional: qrencode (the
QR codes are drawn without it too).

Exit codes:
  0  done
  1  local problem (a file that cannot be written, no answer on stdin)
  2  wrong command-line arguments
  3  Keycloak refused (the message says why and what to do)
  4  Keycloak could not be reached
  5  the sign-in was not completed (denied, timed out, wrong password or code)
  6  the code or token was not accepted (wrong, used, expired, or another account's)
  7  too many requests: wait (the message says how long), then try again
  10-13 ssh-cert status: as hpc-ssh-cert --check
  130 stopped with Ctrl-C

Examples:
  mfa --server https://id.example.org --realm hpc mk AUTHENTICATOR
  mfa --password mk SMS --phone +32470123456
  mfa rm
  mfa --json status
  mfa ssh-cert --check
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, Dict, List, Optional, Sequence

from . import VERSION, factors, recovery, ssh_cert_command
from .account import Account
from .errors import Failure
from .terminal import Terminal
from .web import server_problem

COMMANDS: Dict[str, Callable[[Account, Terminal, argparse.Namespace], int]] = {
    "status": factors.status, "mk": factors.mk, "verify": factors.verify, "get-token": factors.get_token,
    "rm": factors.rm, "recovery-codes": recovery.command,
}


def env(name: str, default: Optional[str] = None) -> Optional[str]:
    """HPC_MFA_<name>, else hpc-ssh-cert's HPC_SSH_CERT_<name>: one setting for both commands."""
    return os.environ.get(f"HPC_MFA_{name}") or os.environ.get(f"HPC_SSH_CERT_{name}") or default


def common_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """The options every command takes, before or after its name (after it, they keep the values given before)."""
    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS
    parser.add_argument("--server", default=default(env("SERVER", "http://localhost:8080")),
                        help="Keycloak base URL (env HPC_MFA_SERVER or HPC_SSH_CERT_SERVER)")
    parser.add_argument("--realm", default=default(env("REALM", "mfa-demo")), help="realm (env HPC_MFA_REALM)")
    parser.add_argument("--client-id", default=default(os.environ.get("HPC_MFA_CLIENT_ID", "mfa-cli")),
                        help="the realm's client for signing in at a terminal (default mfa-cli; env HPC_MFA_CLIENT_ID)")
    parser.add_argument("--password", action="store_true", default=default(False),
                        help="sign in with username, password and code typed here (where the realm allows it) "
                             "instead of a browser")
    parser.add_argument("--username", default=default(None), help="with --password: the username (else asked)")
    parser.add_argument("--json", action="store_true", default=default(False),
                        help="results as JSON lines on stdout, text and prompts on stderr, no yes/no questions")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="mfa", description=__doc__.split("\n\n")[0],
                                   epilog="\n\n".join(__doc__.split("\n\n")[1:]),
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--version", action="version", version=f"mfa {VERSION}",
                      help="print the version of the HPC MFA pack this command belongs to")
    common_options(main, True)
    sub = main.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def add(name: str, text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text)
        common_options(command, False)
        return command

    add("status", "your second factors, recovery codes left, and the methods the realm offers")
    mk = add("mk", "set up a second factor, verified with a code; then new recovery codes")
    mk.add_argument("method", type=str.upper, choices=["AUTHENTICATOR", "EMAIL", "SMS"], metavar="METHOD",
                    help="AUTHENTICATOR, EMAIL or SMS")
    mk.add_argument("--phone", help="SMS: the phone number with its country code, e.g. +32470123456 (else asked)")
    mk.add_argument("--show-key", action="store_true", default=None,
                    help="AUTHENTICATOR: show the key without asking")
    add("verify", "check a code of your second factor (a recovery code is used up)")
    token = add("get-token", "send yourself an email or SMS code")
    token.add_argument("method", nargs="?", type=str.upper, choices=["EMAIL", "SMS"], metavar="METHOD",
                       help="EMAIL or SMS (default: the one you have, email first)")
    rm = add("rm", "turn two-factor login off, confirmed with a token mailed to you (valid 15 minutes)")
    rm.add_argument("--factor", action="append", metavar="ID",
                    help="remove only this factor (its id from mfa status; repeatable); default: all")
    rm.add_argument("--confirm", action="store_true",
                    help="only paste the token of an earlier mfa rm (no new mail)")
    codes = add("recovery-codes", "how many recovery codes are left, or --regenerate a new set")
    codes.add_argument("--regenerate", action="store_true", help="a new set; the current codes stop working")
    codes.add_argument("--yes", action="store_true", help="--regenerate without asking")
    for command in (mk, codes):
        command.add_argument("--save-codes", action="store_true", default=None,
                             help="save the recovery codes to <username>_<issuer>_recovery_codes.txt without asking")
        command.add_argument("--codes-dir", default=".", help="where to save them (default: the current directory)")
    ssh = add("ssh-cert", "an SSH certificate for your key: hpc-ssh-cert's options and commands")
    ssh.add_argument("args", nargs=argparse.REMAINDER, help="hpc-ssh-cert's arguments (mfa ssh-cert --help)")
    return main


def ssh_cert(argv: List[str], args: argparse.Namespace, given: Sequence[str]) -> int:
    """mfa ssh-cert ARGS: hpc-ssh-cert ARGS, with mfa's --server and --realm when they were given."""
    forwarded: List[str] = []
    for option in ("server", "realm"):
        if f"--{option}" in given and f"--{option}" not in argv:
            forwarded += [f"--{option}", getattr(args, option)]
    return ssh_cert_command.main(forwarded + argv, prog="mfa ssh-cert")


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "ssh-cert" in argv:  # everything after it is hpc-ssh-cert's, --help included
        at = argv.index("ssh-cert")
        args = parser().parse_args(argv[:at + 1])
        return ssh_cert(argv[at + 1:], args, argv[:at])
    command_line = parser()
    args = command_line.parse_args(argv)
    problem = server_problem(args.server)
    if problem:
        command_line.error(problem)
    term = Terminal(json_mode=args.json)
    account = Account(args.server, args.realm, args.client_id, term, password=args.password, username=args.username)
    try:
        account.sign_in()  # first: the questions of the command come after the sign-in's
        return COMMANDS[args.command](account, term, args)
    except Failure as failure:
        if failure.code == 2:
            command_line.error(str(failure).replace("Error: ", "", 1))
        print(failure, file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        print("\nStopped: nothing more was changed.", file=sys.stderr)
        return 130
