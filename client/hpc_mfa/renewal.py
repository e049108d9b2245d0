"""Renewal by one tap (hpc-ssh-cert, mfa ssh-cert): the kept Keycloak session and the ssh-ca/renew exchange.

After a full browser login the session's refresh token is kept next to the key (mode 0600). A later run renews the
certificate with that session, a signature of the key (made by sshcert.key_proof, so the file alone is useless to
whoever copies it) and one push approval or TOTP code, while the realm's MFA freshness window holds.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
from pathlib import Path
from typing import Optional, Tuple

from .errors import EXIT_LOGIN, Failure, Json, refusal
from .files import write_atomically
from .web import post_form, send

# The refusals of renew/start after which only a full login helps; the CLI then falls back to the browser.
FULL_LOGIN_NEEDED = {"renewal_disabled", "renewal_needs_session", "key_not_certified_in_session", "mfa_too_old",
                     "no_renewal_factor", "token_not_active", "token_expired", "client_not_allowed"}
RENEWAL_WAIT = 25  # seconds the server holds one finish request while the phone has not answered


def session_file(key: Path) -> Path:
    return Path(str(key) + "-hpc-session.json")


def save_session(key: Path, base: str, client_id: str, tokens: Json) -> None:
    """Keeps the session's refresh token for renewals: written atomically, readable by the owner only."""
    if not tokens.get("refresh_token"):
        return
    write_atomically(session_file(key), json.dumps({"base": base, "client_id": client_id,
                                                    "refresh_token": tokens["refresh_token"]}), 0o600)


def session_token(key: Path, base: str, client_id: str, secret: Optional[str]) -> Optional[str]:
    """A fresh access token of the kept session (which also keeps it alive), or None when there is none any more."""
    try:
        kept = json.loads(session_file(key).read_text())
    except (OSError, ValueError):
        return None
    if kept.get("base") != base or kept.get("client_id") != client_id or not kept.get("refresh_token"):
        return None
    fields = {"grant_type": "refresh_token", "client_id": client_id, "refresh_token": kept["refresh_token"]}
    if secret:
        fields["client_secret"] = secret
    status, tokens = post_form(f"{base}/protocol/openid-connect/token", fields)
    if status != 200:
        session_file(key).unlink(missing_ok=True)  # the session ended: only a full login helps
        return None
    save_session(key, base, client_id, tokens)
    return tokens["access_token"]


def renew_request(base: str, token: str, step: str, body: Json) -> Tuple[int, Json]:
    return send(urllib.request.Request(f"{base}/ssh-ca/renew/{step}", data=json.dumps(body).encode(), method="POST",
                                       headers={"Content-Type": "application/json",
                                                "Authorization": f"Bearer {token}"}))


def renew(base: str, token: str, args: argparse.Namespace, key: Path, public_key: str, proof: Json) -> Optional[Json]:
    """renew/start, the person's one tap or code, renew/finish: the certificate's answer, or None when only a full
    login helps."""
    body: Json = {"public_key": public_key, "key_proof": proof, "locale": os.environ.get("LANG", "")}
    if args.ttl:
        body["ttl"] = args.ttl
    status, started = renew_request(base, token, "start", body)
    if status != 200:
        if started.get("error") in FULL_LOGIN_NEEDED:
            print(f"Renewal without a browser is not possible: {started.get('error_description')}")
            return None
        raise refusal("no renewal", started, False, args.client_id, pub=f"{key}.pub")
    print("Renewing your certificate (no browser needed):")
    for hint in started.get("hints", []):
        print("  " + hint.get("text", ""))
    answer = ""
    if started.get("typed") and sys.stdin.isatty():
        question = "Approve on your phone and press Enter, or type your code: " if started.get("push") \
            else "Your code: "
        answer = input(question).strip()
    deadline = time.time() + int(started.get("expires_in", 120))
    while True:
        status, finished = renew_request(base, token, "finish", {"handle": started["handle"], "answer": answer,
                                                                 "wait": RENEWAL_WAIT})
        if status != 202:
            break
        if time.time() >= deadline:
            raise Failure("Error: the renewal was not approved in time: run hpc-ssh-cert again.", EXIT_LOGIN)
    if status != 200:
        raise refusal("no renewal", finished, False, args.client_id, pub=f"{key}.pub")
    return finished
