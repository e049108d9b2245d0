"""Exit codes, the Failure that carries one, and refusals: the server's stable error code, its text, what to do."""
from __future__ import annotations

import datetime
from typing import Any, Dict, Optional, Tuple, Union

Json = Dict[str, Any]

# 0 done; 2 wrong arguments (argparse). hpc-ssh-cert's --check adds 10 to 13 (sshcert.CERT_STATES).
EXIT_LOCAL, EXIT_REFUSED, EXIT_UNREACHABLE, EXIT_LOGIN = 1, 3, 4, 5
# mfa only: a code or token the server did not take, and a request refused for now (wait, then retry).
EXIT_CODE_REFUSED, EXIT_RATE_LIMITED = 6, 7
# hpc-ssh-cert (mfa ssh-cert) only: --no-browser or watch, and a full login is required (no kept session to
# renew, or the realm's MFA freshness window is over). The account commands never end in it.
EXIT_FULL_LOGIN = 6

# What to do about each refusal, by the stable error code of Keycloak or of the ssh-ca endpoint. A tuple holds
# the interactive and the automation variant.
HINTS: Dict[str, Union[str, Tuple[str, str]]] = {
    "mfa_required": "Access requires MFA: log in again with your password and a second factor (TOTP, push, "
                    "security key or recovery code).",
    "authentication_too_old": "Your login is too old for a certificate: run hpc-ssh-cert again and log in again.",
    "client_not_allowed": "Client '{client}' may not get certificates in this realm: check --client-id, or ask "
                          "the realm admin to list it in 'Clients allowed to get certificates'.",
    "service_account_not_allowed": "Ask the realm admin to add client '{client}' to 'Service accounts allowed "
                                   "to get certificates' on the realm's SSH CA.",
    "no_principals": ("Your account has no SSH login name yet: ask IT support.",
                      "Ask the realm admin to put the SSH login names on the service-account user of "
                      "'{client}' (attribute ssh-principals, unless the realm uses another)."),
    "principal_not_allowed": "Ask only for login names you have: leave out --principal to get all of yours.",
    "invalid_principal": "A --principal is one login name, without commas or spaces.",
    "ttl_too_long": "Ask for a shorter --ttl, or leave it out to get the realm's default.",
    "invalid_ttl": "--ttl is a positive number of seconds.",
    "invalid_public_key": "Use an Ed25519 key (ssh-keygen -t ed25519), or RSA with at least 3072 bits.",
    "rate_limited": "Too many certificates in the last hour: wait a little, and let hpc-ssh-cert reuse the "
                    "current certificate (no --force in loops).",
    "session_ending": "Your Keycloak session is ending: run hpc-ssh-cert again to log in again.",
    "no_ca": "The realm has no SSH certificate authority yet: ask the realm admin.",
    "token_expired": "Your login expired before the certificate was signed: run hpc-ssh-cert again.",
    "token_not_active": ("Your login ended (logged out, or account disabled): run hpc-ssh-cert again.",
                         "The token was refused: check that client '{client}' and its service account are enabled."),
    "invalid_client": "Keycloak does not know client '{client}': check --client-id (and --realm).",
    # Keycloak answers unauthorized_client both for a wrong secret and for a client without that grant.
    "unauthorized_client": ("Client '{client}' cannot do a device login: use the realm's SSH client (default "
                            "ssh-cli), or ask the realm admin to turn on the device grant for it.",
                            "Check --client-id and the secret; the realm admin keeps 'Client authentication' and "
                            "'Service accounts roles' on for client '{client}'."),
    "access_denied": "The login was denied in the browser: run hpc-ssh-cert again and approve it.",
    "key_mismatch": "The login approved another SSH key: run hpc-ssh-cert again with the same --key.",
    "key_not_bound": "This realm certifies only the key shown at login: run hpc-ssh-cert again and press "
                     "'Approve' on the page that shows your key.",
    "key_binding_superseded": "A later login approved another key: run hpc-ssh-cert again.",
    "ttl_not_approved": "Ask for at most the lifetime shown at login: run hpc-ssh-cert again with the --ttl you need.",
    "invalid_request": "Run hpc-ssh-cert again; if this keeps happening, show this message to IT support.",
    "invalid_scope": "Ask the realm admin to allow the scope 'openid' for client '{client}'.",
    "key_not_registered": "Register this key first: hpc-ssh-cert keys add {pub}",
    "key_already_registered": "Nothing to do: hpc-ssh-cert keys list shows your registered keys.",
    "too_many_keys": "Remove a key you no longer use: hpc-ssh-cert keys list, then hpc-ssh-cert keys rm FINGERPRINT.",
    "key_not_found": "hpc-ssh-cert keys list shows your registered keys and their fingerprints.",
    "too_large": "Send one public key line (the .pub file), not the private key or several keys.",
    "key_proof_required": "Register this key first (hpc-ssh-cert keys add {pub}), or log in with your password.",
    "invalid_key_proof": "Use the key you registered (--key), then run hpc-ssh-cert again.",
    "key_proof_expired": "Check this computer's clock, then run hpc-ssh-cert again.",
    "key_proof_replayed": "Run hpc-ssh-cert again.",
    "key_first_factor_not_allowed": "Log in with your password and your second factor; this realm does not accept an "
                                    "SSH key instead of the password.",
}


class Failure(Exception):
    """A reason to stop, with the exit code that tells scripts what kind of failure it was."""

    def __init__(self, message: str, code: int = EXIT_LOCAL) -> None:
        super().__init__(message)
        self.code = code
        self.error: Optional[str] = None  # the server's stable error code, when it refused


def refusal(what: str, answer: Json, automation: bool, client_id: str,
            pub: str = "~/.ssh/id_ed25519.pub", command: str = "hpc-ssh-cert") -> Failure:
    """The server's own text (translated when it sends one) and what to do about it, as a Failure. command: the
    command the hints tell the person to run again (hpc-ssh-cert, or mfa for a sign-in of mfa)."""
    error = answer.get("error") or "unknown_error"
    text = answer.get("message") or answer.get("error_description") or error
    hint = HINTS.get(error, "Run hpc-ssh-cert again; if this keeps happening, show this message to IT support.")
    if isinstance(hint, tuple):
        hint = hint[1 if automation else 0]
    hint = hint.format(client=client_id, pub=pub)
    if command != "hpc-ssh-cert":
        hint = hint.replace("hpc-ssh-cert", command)
    return Failure(f"Error: {what} ({error}).\n  Server says: {text}\n  What to do: {hint}", EXIT_REFUSED)


# What to do about each refusal of the account API (hpc-mfa-account, hpc-mfa-removal), by its stable error code,
# and the exit code it means. Placeholders: {method}, {retry} (how long to wait), {realm}.
ACCOUNT_HINTS: Dict[str, Tuple[str, int]] = {
    "method_not_offered": ("This realm does not offer {method}: mfa status lists the methods you can set up.",
                           EXIT_REFUSED),
    "invalid_phone": ("Give the number in international format, with the country code: --phone +32470123456.",
                      EXIT_REFUSED),
    "rate_limited": ("Too many requests: wait {retry}, then try again.", EXIT_RATE_LIMITED),
    "reauthentication_required": ("This step needs a recent sign-in: run the command again and sign in again "
                                  "(in the browser, sign out first if it does not ask for your password).",
                                  EXIT_LOGIN),
    "invalid_code": ("Check the code and try again; an app's code changes every 30 seconds, a mailed or texted code "
                     "works once (mfa get-token sends a new one).", EXIT_CODE_REFUSED),
    "expired_enrolment": ("The set-up expired or was already finished: run mfa mk again.", EXIT_CODE_REFUSED),
    "method_not_enrolled": ("You have no {method} codes: mfa status lists your factors; mfa mk EMAIL or mfa mk SMS "
                            "sets one up.", EXIT_REFUSED),
    "no_factor": ("You have no second factor yet: mfa mk AUTHENTICATOR sets one up.", EXIT_REFUSED),
    "disabling_not_allowed": ("This realm does not let people turn off two-factor login themselves: ask IT support.",
                              EXIT_REFUSED),
    "invalid_token": ("The token is wrong, already used, or for another account: copy it again from the latest "
                      "mail, or run mfa rm again for a new one.", EXIT_CODE_REFUSED),
    "expired_token": ("The token is older than 15 minutes: run mfa rm again for a new one.", EXIT_CODE_REFUSED),
    "client_not_allowed": ("Sign in through the realm's client for this command: --client-id mfa-cli (or ask the "
                           "realm admin which one).", EXIT_REFUSED),
    "not_a_person": ("Sign in as yourself: this command manages a person's factors, not a service account's.",
                     EXIT_REFUSED),
    "mfa_required": ("You already have a second factor: sign in with its code (--password asks for it), or leave out "
                     "--password and sign in in a browser.", EXIT_LOGIN),
    "user_temporarily_disabled": ("Too many wrong codes: your account is locked for a while; try again later.",
                                  EXIT_RATE_LIMITED),
    "no_email": ("Your account has no email address: ask IT support to add one.", EXIT_REFUSED),
    "email_not_verified": ("Verify your email address first (the account portal), then run mfa rm again.",
                           EXIT_REFUSED),
    "address_not_allowed": ("This realm does not send codes to your address's domain: choose another method.",
                            EXIT_REFUSED),
    "email_send_failed": ("The mail could not be sent: try again later, or tell IT support.", EXIT_REFUSED),
    "code_not_sent": ("The code could not be sent: try again later, or tell IT support.", EXIT_REFUSED),
    "delivery_failed": ("The code could not be delivered: check the number or address, try again later.",
                        EXIT_REFUSED),
    "http_404": ("Keycloak does not offer the self-service API in realm {realm} (the pack's account-api module): "
                 "check --realm, or ask IT support.", EXIT_REFUSED),
}


def account_refusal(what: str, answer: Json, **details: Any) -> Failure:
    """A refusal of the account API as a Failure: the stable code, the server's text, what to do, its exit code."""
    error = answer.get("error") or "unknown_error"
    text = answer.get("message") or answer.get("error_description") or error
    retry = answer.get("retryAfter")
    fields = dict(method="that method", realm="this realm",
                  retry=f"{retry} seconds" if retry else "a few minutes")
    fields.update({k: v for k, v in details.items() if v})
    hint, code = ACCOUNT_HINTS.get(error, ("Run the command again; if this keeps happening, show this message to IT "
                                           "support.", EXIT_REFUSED))
    failure = Failure(f"Error: {what} ({error}).\n  Server says: {text}\n  What to do: {hint.format(**fields)}", code)
    failure.error = error
    return failure


def iso(epoch: float) -> str:
    """Local time with its offset, e.g. 2026-07-13T15:28:13-04:00."""
    return datetime.datetime.fromtimestamp(epoch).astimezone().isoformat(timespec="seconds")

