"""Logins: the device grant (a browser anywhere, with the second factor), the service account's client credentials
(automation), and where a realm's client allows it the password grant at the terminal; client secrets from a file,
stdin or the environment, never from the command line."""
from __future__ import annotations

import argparse
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, Optional, TextIO

from .errors import EXIT_LOGIN, EXIT_REFUSED, Failure, Json, refusal
from .web import post_form

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def show_login(answer: Json, key_fingerprint: Optional[str]) -> None:
    url = answer.get("verification_uri_complete") or answer["verification_uri"]
    print()
    print("To log in, open this URL in a browser and confirm with your second factor:")
    print(f"    {url}")
    if "verification_uri_complete" not in answer:
        print(f"and enter the code {answer['user_code']}")
    print("Then approve only if the page shows this key:")
    print(f"    {key_fingerprint}")
    if shutil.which("qrencode"):
        subprocess.run(["qrencode", "-t", "ANSIUTF8", url])
    print("Waiting for the login...", flush=True)


def device_login(base: str, client_id: str, client_secret: Optional[str], key_fingerprint: Optional[str],
                 ttl: Optional[int], show: Optional[Callable[[Json], None]] = None,
                 command: str = "hpc-ssh-cert", keep: Optional[Json] = None) -> str:
    """A person's token: the device grant, confirmed in a browser with the second factor.

    The request names the key to be certified (its fingerprint) and the lifetime asked for: the page shows them,
    and the token then signs only that key. show draws the link (default: hpc-ssh-cert's words, with the key);
    command is what the messages tell the person to run again; keep, when given, receives the token answer (its
    refresh token is the Keycloak session a renewal by one tap continues)."""
    fields = {"client_id": client_id, "scope": "openid"}
    if client_secret:
        fields["client_secret"] = client_secret
    start = dict(fields, ssh_key_fingerprint=key_fingerprint) if key_fingerprint else dict(fields)
    if ttl:
        start["ssh_cert_ttl"] = str(ttl)
    status, answer = post_form(f"{base}/protocol/openid-connect/auth/device", start)
    if status != 200:
        raise refusal("the login could not start", answer, False, client_id, command=command)
    if show is None:
        show_login(answer, key_fingerprint)
    else:
        show(answer)
    interval = int(answer.get("interval", 5))
    deadline = time.time() + int(answer.get("expires_in", 600))
    poll = dict(fields, grant_type=DEVICE_GRANT, device_code=answer["device_code"])
    poll.pop("scope")
    while time.time() < deadline:
        time.sleep(interval)
        status, token = post_form(f"{base}/protocol/openid-connect/token", poll)
        if status == 200:
            if keep is not None:
                keep.update(token)
            return token["access_token"]
        error = token.get("error")
        if error == "authorization_pending":
            continue
        if error == "slow_down":
            interval += 5  # RFC 8628: the server asks for longer pauses
            continue
        if error == "expired_token":
            break
        if error == "access_denied":
            raise Failure(f"Error: the login was denied in the browser: run {command} again and approve it.", EXIT_LOGIN)
        raise refusal("the login failed", token, False, client_id, command=command)
    raise Failure(f"Error: the login was not completed in time: run {command} again.", EXIT_LOGIN)


def service_account_login(base: str, client_id: str, client_secret: str) -> str:
    """A service account's token: the client-credentials grant, no browser, no prompt."""
    status, token = post_form(f"{base}/protocol/openid-connect/token",
                              {"grant_type": "client_credentials", "client_id": client_id,
                               "client_secret": client_secret})
    if status != 200:
        raise refusal("the service account could not log in", token, True, client_id)
    return token["access_token"]


def read_secret(path: str, stdin: Optional[TextIO] = None) -> str:
    """The client secret from a file of mode 0600, or from stdin when the path is '-'."""
    if path == "-":
        secret = (stdin or sys.stdin).readline().strip()
        if not secret:
            raise Failure("Error: no client secret on stdin (--client-secret-file -)")
        return secret
    secret_file = Path(path).expanduser()
    try:
        mode = secret_file.stat().st_mode
        secret = secret_file.read_text().strip()
    except OSError as error:
        raise Failure(f"Error: cannot read the client secret file {secret_file}: {error.strerror}")
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        print(f"Warning: {secret_file} can be read by other users: chmod 600 {secret_file}", file=sys.stderr)
    if not secret:
        raise Failure(f"Error: the client secret file {secret_file} is empty")
    return secret


def secret_from(args: argparse.Namespace, environ: Dict[str, str]) -> Optional[str]:
    """The client secret from --client-secret-file (a file, or - for stdin) or the environment; None if neither."""
    if args.client_secret_file:
        return read_secret(args.client_secret_file)
    secret = environ.get("HPC_SSH_CERT_CLIENT_SECRET", "").strip()
    return secret or None


def password_login(base: str, client_id: str, username: str, password: str, code: str,
                   command: str = "mfa") -> Json:
    """A person's tokens from the password grant (username, password and the current second-factor code typed at the
    terminal), where the realm's client allows it. Keycloak's direct-grant flow reads the code from the form field
    otp; an account without a second factor yet sends none."""
    fields = {"grant_type": "password", "client_id": client_id, "scope": "openid", "username": username,
              "password": password}
    if code:
        fields["otp"] = code
    status, token = post_form(f"{base}/protocol/openid-connect/token", fields)
    if status == 200:
        return token
    error = token.get("error")
    if error == "invalid_grant":
        raise Failure("Error: the sign-in failed (invalid_grant).\n  Server says: "
                      f"{token.get('error_description') or error}\n  What to do: check your username, password and "
                      f"code, then run {command} again; leave out --password to sign in with a browser.", EXIT_LOGIN)
    if error == "unauthorized_client":
        raise Failure(f"Error: client '{client_id}' does not take a password at the terminal (unauthorized_client).\n"
                      f"  Server says: {token.get('error_description') or error}\n  What to do: leave out "
                      "--password to sign in with a browser (any device), or ask the realm admin which --client-id "
                      "allows it.", EXIT_REFUSED)
    raise refusal("the sign-in failed", token, False, client_id, command=command)
