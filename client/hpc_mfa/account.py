"""The person's session with the realm's account API (hpc-mfa-account, hpc-mfa-removal): one sign-in per command,
the token held in memory only (never written to disk), and one more sign-in when a step asks for a recent one."""
from __future__ import annotations

import base64
import json
import urllib.parse
from typing import Any, Optional

from .errors import EXIT_LOGIN, Failure, Json, account_refusal
from .signin import device_login, password_login
from .terminal import Terminal
from .web import call

ACCOUNT = "hpc-mfa-account"
REMOVAL = "hpc-mfa-removal"


def claims(access_token: str) -> Json:
    """The access token's claims, read (not verified: Keycloak verifies the token on every call) for the username."""
    try:
        payload = access_token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}


class Account:
    """Calls to the account API as the person signed in at this terminal.

    Sign-in: the device grant (a link and QR code, confirmed with the second factor in a browser on any device), or
    with password=True the password grant (username, password and the current code typed here) where the realm's
    client allows it."""

    def __init__(self, server: str, realm: str, client_id: str, term: Terminal, password: bool = False,
                 username: Optional[str] = None) -> None:
        self.base = f"{server.rstrip('/')}/realms/{urllib.parse.quote(realm, safe='')}"
        self.realm = realm
        self.client_id = client_id
        self.term = term
        self.password = password
        self.username = username
        self.token: Optional[str] = None

    def sign_in(self) -> None:
        if self.password:
            username = self.username or self.term.ask("Username: ")
            secret = self.term.secret("Password: ")
            code = self.term.ask("Code from your second factor (press Enter if you have none yet): ")
            self.token = password_login(self.base, self.client_id, username, secret, code.replace(" ", ""))["access_token"]
        else:
            self.token = device_login(self.base, self.client_id, None, None, None, show=self.show_link, command="mfa")
        self.username = claims(self.token).get("preferred_username") or self.username
        self.term.say(f"Signed in as {self.username}.")

    def show_link(self, answer: Json) -> None:
        url = answer.get("verification_uri_complete") or answer["verification_uri"]
        self.term.say("To sign in, open this link in a browser (on this computer or your phone) and confirm with your")
        self.term.say("password and second factor:")
        self.term.say(f"    {url}")
        if "verification_uri_complete" not in answer:
            self.term.say(f"and enter the code {answer['user_code']}")
        if not self.term.json_mode:
            self.term.qr(url)
        self.term.say("Waiting for the sign-in...")

    def request(self, verb: str, api: str, path: str, body: Optional[Json] = None, what: str = "refused",
                **details: Any) -> Json:
        """The answer of one call (api: ACCOUNT or REMOVAL); a refusal is a Failure with the exit code it means.
        A step that needs a more recent sign-in than the token's gets one more sign-in, then is tried again."""
        if self.token is None:
            self.sign_in()
        url = f"{self.base}/{api}{path}"
        for attempt in (1, 2):
            assert self.token is not None
            status, answer = call(url, self.token, verb, body)
            if 200 <= status < 300:
                return answer
            if status == 401 and answer.get("error") == "reauthentication_required" and attempt == 1:
                self.term.say("This step needs a recent sign-in: please sign in again.")
                self.sign_in()
                continue
            if status == 401 and answer.get("error") != "reauthentication_required":  # the bearer token itself (expired, revoked, session ended): not the removal token
                raise Failure(f"Error: {what} ({answer.get('error')}).\n  Server says: "
                              f"{answer.get('error_description') or answer.get('error')}\n  What to do: sign in "
                              "again: run the command again.", EXIT_LOGIN)
            if status == 404 and answer.get("error") not in ("method_not_enrolled", "no_factor"):
                answer = dict(answer, error="http_404")
            raise account_refusal(what, answer, realm=self.realm, **details)
        raise Failure(f"Error: {what}.")  # not reached: the second attempt returns or raises
