"""The second factors from the terminal: mfa status, mk, verify, get-token and rm (the University of Toronto's
`vss-cli account set mfa` journey), through the realm's account API."""
from __future__ import annotations

import argparse
import urllib.parse
from pathlib import Path
from typing import Callable, List, Optional

from . import recovery
from .account import ACCOUNT, REMOVAL, Account
from .errors import EXIT_REFUSED, Failure, Json, iso
from .terminal import Terminal

METHODS = {"AUTHENTICATOR": "Authenticator app (TOTP)", "EMAIL": "Email codes", "SMS": "SMS codes",
           "PUSH": "Push approval", "SECURITY_KEY": "Security key", "PASSKEY": "Passkey",
           "RECOVERY_CODES": "Recovery codes"}
ATTEMPTS = 3  # codes or tokens typed per step before giving up (the server counts them against brute force too)


def method_name(method: Optional[str]) -> str:
    return METHODS.get(method or "", method or "second factor")


def minutes(seconds: Optional[int]) -> str:
    if not seconds:
        return "a few minutes"
    return f"{seconds // 60} minutes" if seconds % 60 == 0 else f"{seconds} seconds"


def typed(term: Terminal, prompt: str, attempt: Callable[[str], Json]) -> Json:
    """Asks for a code or token until the server takes it: a mistyped one may be typed again (a person at a terminal
    only, ATTEMPTS in all); any other refusal ends the command."""
    for number in range(1, ATTEMPTS + 1):
        answer = term.ask(prompt).replace(" ", "")
        try:
            return attempt(answer)
        except Failure as failure:
            if failure.error not in ("invalid_code", "invalid_token") or number == ATTEMPTS or not term.interactive():
                raise
            term.say("That was not accepted: check it and try again.")
    raise AssertionError("not reached")


def status(account: Account, term: Terminal, args: argparse.Namespace) -> int:
    answer = account.request("GET", ACCOUNT, "/factors", what="cannot list your second factors")
    term.result(answer)
    term.say(f"Account {answer.get('username') or account.username} in realm {account.realm}.")
    factors: List[Json] = answer.get("factors", [])
    if factors:
        term.say(f"Second factors ({len(factors)}):")
        for factor in factors:
            details = [factor["label"]] if factor.get("label") else []
            if factor.get("created"):
                details.append(f"added {iso(factor['created'] / 1000)}")
            term.say(f"  {method_name(factor.get('method')):<26} {', '.join(details)}  (id {factor.get('id')})")
    else:
        term.say("You have no second factor yet: mfa mk AUTHENTICATOR sets one up.")
    codes = answer.get("recoveryCodes")
    if codes and codes.get("remaining"):
        term.say(recovery.remaining_words(codes))
    offered = answer.get("methods") or []
    if offered:
        term.say(f"Methods you can set up here: {', '.join(offered)} (mfa mk METHOD).")
    return 0


def show_authenticator(term: Terminal, shown: Json, show_key: Optional[bool]) -> None:
    """The QR code (on request), then the key (on request, or when there is no phone to scan with)."""
    if term.json_mode:
        return
    if term.yes("Do you have a phone to scan a QR Code to generate TOTP codes?"):
        term.say("Please, scan the QR code with any authenticator App")
        term.say("(DUO, Google Authenticator, Authy, etc) or password manager.")
        term.qr(shown["otpauthUri"])
        show_key = term.yes("Would you like to display the security key?", show_key)
    else:
        show_key = True
    if show_key:
        secret = shown["secret"]
        term.say("Use the following key if you are unable to scan the QR Code:")
        term.say(" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)))
        term.say(f"  (time-based, {shown.get('digits', 6)} digits, every {shown.get('period', 30)} s, "
                 f"{shown.get('algorithm', 'SHA1')}; account {shown.get('account')}, issuer {shown.get('issuer')})")


def mk(account: Account, term: Terminal, args: argparse.Namespace) -> int:
    method = args.method
    body: Json = {"method": method}
    if method == "SMS":
        body["phone"] = args.phone or term.ask("Phone number for the SMS codes, with the country code "
                                               "(e.g. +32470123456): ")
    elif args.phone:
        raise Failure("Error: --phone is for mfa mk SMS only.", 2)
    shown = account.request("POST", ACCOUNT, "/enrolments", body, what=f"cannot set up {method_name(method)}",
                            method=method)
    term.result(shown)
    if method == "AUTHENTICATOR":
        show_authenticator(term, shown, args.show_key)
        prompt = f"Enter the {shown.get('digits', 6)}-digit Code to verify enrolment was successful: "
    else:
        term.say(f"A code was sent to {shown.get('sentTo')}; it is valid for {minutes(shown.get('expiresIn'))}.")
        prompt = "Enter the code to verify enrolment was successful: "
    handle = urllib.parse.quote(str(shown["enrolment"]), safe="")
    done = typed(term, prompt, lambda code: account.request(
        "POST", ACCOUNT, f"/enrolments/{handle}/confirm", {"code": code}, what="the set-up was not verified",
        method=method))
    term.result(done)
    term.say(f"Enrolment verified: {method_name(method)} is now a second factor of {account.username}.")
    if done.get("recoveryCodes"):
        recovery.show(term, done["recoveryCodes"], account.username or "user", done.get("issuer") or account.realm,
                      args.save_codes, Path(args.codes_dir))
    return 0


def verify_code(account: Account, term: Terminal, prompt: str) -> int:
    answer = typed(term, prompt, lambda code: account.request("POST", ACCOUNT, "/verify", {"code": code},
                                                              what="the code was not accepted"))
    term.result(answer)
    verified(account, term, answer.get("method"))
    return 0


def verified(account: Account, term: Terminal, method: Optional[str]) -> None:
    if method == "RECOVERY_CODES":
        left = account.request("GET", ACCOUNT, "/recovery-codes", what="cannot count your recovery codes")
        term.say("Verified: that recovery code was valid, and is now used up. " + recovery.remaining_words(left))
    else:
        term.say(f"Verified: the code of your {method_name(method)} is valid.")


def verify(account: Account, term: Terminal, args: argparse.Namespace) -> int:
    return verify_code(account, term, "Enter a code of your second factor (app, mailed or texted code, or a "
                                      "recovery code): ")


def get_token(account: Account, term: Terminal, args: argparse.Namespace) -> int:
    """Sends an email or SMS code; on a terminal, offers to verify it at once (a script verifies with mfa verify)."""
    method = args.method
    if method is None:
        enrolled = {f.get("method") for f in account.request("GET", ACCOUNT, "/factors",
                                                             what="cannot list your second factors").get("factors", [])}
        choices = [m for m in ("EMAIL", "SMS") if m in enrolled]
        if not choices:
            raise Failure("Error: you have no email or SMS codes set up, and an authenticator app makes its own codes."
                          "\n  What to do: mfa verify checks an app's code; mfa mk EMAIL sets up email codes.",
                          EXIT_REFUSED)
        method = choices[0]
    answer = account.request("POST", ACCOUNT, "/codes", {"method": method}, what="no code was sent", method=method)
    term.result(answer)
    term.say(f"A code was sent to {answer.get('sentTo')}; it is valid for {minutes(answer.get('expiresIn'))}.")
    if term.json_mode or not term.interactive():
        return 0
    code = term.ask("Enter it to verify it now, or press Enter to stop: ").replace(" ", "")
    if not code:
        return 0
    answer = account.request("POST", ACCOUNT, "/verify", {"code": code}, what="the code was not accepted")
    verified(account, term, answer.get("method"))
    return 0


def rm(account: Account, term: Terminal, args: argparse.Namespace) -> int:
    """Mails a confirmation token valid 15 minutes, then takes it pasted back; --confirm pastes one mailed before."""
    if not args.confirm:
        sent = account.request("POST", REMOVAL, "/requests", {"factors": args.factor} if args.factor else {},
                               what="two-factor login cannot be turned off")
        term.result(sent)
        term.say(f"message : Confirmation email sent to {sent.get('sentTo')}.")
        term.say("type : info")
        if sent.get("factors"):
            term.say(f"The token in it is valid for {minutes(sent.get('expiresIn'))} and removes:")
            for factor in sent["factors"]:
                label = f": {factor['label']}" if factor.get("label") else ""
                term.say(f"  {method_name(factor.get('method'))}{label}")
        term.say("You should have received an email with a confirmation token.")
    done = typed(term, "Please, paste the token to continue: ", lambda token: account.request(
        "POST", REMOVAL, "/confirm", {"token": token}, what="two-factor login was not turned off"))
    term.result(done)
    removed = ", ".join(method_name(f.get("method")) for f in done.get("removed", []))
    term.say(f"message : Two-factor login has been disabled (removed: {removed or 'nothing'}).")
    term.say("type : info")
    revoked = done.get("certificatesRevoked") or 0
    if revoked:
        term.say(f"{revoked} SSH certificate{'s were' if revoked != 1 else ' was'} revoked: mfa ssh-cert gets a new one.")
    return 0
