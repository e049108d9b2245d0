"""SSH certificates (hpc-ssh-cert, mfa ssh-cert): the local key and certificate, their states, and getting a new
certificate from the realm's SSH CA (ssh-ca/sign) after a login."""
from __future__ import annotations

import argparse
import base64
import calendar
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

from . import renewal as renewals
from .errors import EXIT_FULL_LOGIN, EXIT_LOCAL, Failure, Json, iso, refusal
from .files import write_atomically
from .signin import device_login, service_account_login
from .web import realm_ca_lines, send

CertInfo = Dict[str, Any]

class CertState(NamedTuple):
    """What a state of the local certificate means: --check's exit code and words, and what a refresh says."""
    check_exit: int
    check_message: Optional[str]    # None for valid: --check then prints the certificate's details
    refresh_message: Optional[str]  # None: nothing to say before getting a certificate (valid, missing)


# The one table of certificate states (certificate_status decides which one applies). Placeholders: {cert_file},
# {key}, {realm}, {expired} (the end of validity, local time), {ca} (the certificate's CA fingerprint).
CERT_STATES: Dict[str, CertState] = {
    "valid": CertState(0, None, None),
    "missing": CertState(
        10, "Your request does not provide a valid certificate: there is no certificate at {cert_file}. "
            "Run hpc-ssh-cert to load one.", None),
    "unreadable": CertState(
        10, "Your request does not provide a valid certificate: {cert_file} is not an OpenSSH certificate. "
            "Run hpc-ssh-cert to load a new one.",
        "{cert_file} does not certify {key}: replacing it."),
    "expired": CertState(
        11, "Your certificate expired at {expired}: run hpc-ssh-cert to load a new one.",
        "Your certificate expired at {expired}: refreshing it."),
    "other-ca": CertState(
        12, "Your certificate is not signed by the current SSH CA of realm {realm} (its CA is {ca}): run "
            "hpc-ssh-cert to load a new one.",
        "Your certificate is not signed by the current SSH CA of realm {realm}: replacing it."),
    "other-key": CertState(
        13, "Your certificate {cert_file} was made for another key than {key}: run hpc-ssh-cert to load a new one.",
        "{cert_file} does not certify {key}: replacing it."),
}
CHECK_EXIT: Dict[str, int] = {name: state.check_exit for name, state in CERT_STATES.items()}


# ---- local key and certificate ---------------------------------------------------------------------------

def run_tool(command: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, text=True, **kwargs)
    except FileNotFoundError:
        raise Failure(f"Error: {command[0]} not found: install the OpenSSH client tools")


def fingerprint(public_line: str) -> str:
    """OpenSSH's SHA256 fingerprint of a public key line ("type base64 [comment]")."""
    blob = base64.b64decode(public_line.split()[1])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def ensure_key(key: Path) -> str:
    if not key.exists():
        result = create_key_atomically(key)
        if result.returncode != 0:
            raise Failure(f"Error: ssh-keygen could not create {key}: {result.stderr.strip()}")
        print(f"Created a new Ed25519 key: {key}")
    pub = Path(str(key) + ".pub")
    if not pub.exists():
        raise Failure(f"Error: {pub} is missing; it holds the public key to certify")
    return pub.read_text().strip()


def read_certificate(cert_file: Path) -> Optional[CertInfo]:
    """What ssh-keygen -L says about a certificate file, or None if it is not one."""
    result = run_tool(["ssh-keygen", "-L", "-f", str(cert_file)], env=dict(os.environ, TZ="UTC"))
    if result.returncode != 0:
        return None
    info: CertInfo = {"principals": []}
    # The principals are the lines indented deeper than their "Principals:" header.
    principals_indent: Optional[int] = None
    for raw in result.stdout.splitlines():
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if principals_indent is not None and indent > principals_indent and line:
            info["principals"].append(line)
            continue
        principals_indent = None
        if line.startswith("Public key: "):
            info["key_fingerprint"] = line.split()[-1]
        elif line.startswith("Signing CA: "):
            info["ca_fingerprint"] = line.split()[3]
        elif line.startswith("Key ID: "):
            info["key_id"] = line[len("Key ID: "):].strip('"')
        elif line.startswith("Valid: "):
            end = line.rsplit(" to ", 1)[-1] if " to " in line else line.split()[-1]
            info["valid_before"] = None if end == "forever" else calendar.timegm(time.strptime(end, "%Y-%m-%dT%H:%M:%S"))
        elif line == "Principals:":
            principals_indent = indent
    return info if "valid_before" in info else None


def certificate_status(cert_file: Path, key: Path,
                       ca_lines: Optional[List[str]]) -> Tuple[str, Optional[CertInfo]]:
    """(state, certificate info): valid, missing, unreadable, other-key, expired or other-ca."""
    if not cert_file.exists():
        return "missing", None
    info = read_certificate(cert_file)
    if info is None:
        return "unreadable", None
    pub = Path(str(key) + ".pub")
    if pub.exists() and fingerprint(pub.read_text()) != info.get("key_fingerprint"):
        return "other-key", info
    if info["valid_before"] is not None and info["valid_before"] <= time.time():
        return "expired", info
    if ca_lines is not None and info.get("ca_fingerprint") not in {fingerprint(l) for l in ca_lines}:
        return "other-ca", info
    return "valid", info


def load_into_agent(key: Path, cert_file: Path, valid_before: float) -> None:
    if not os.environ.get("SSH_AUTH_SOCK"):
        print(f"No ssh-agent running (SSH_AUTH_SOCK unset): ssh -i {key} uses {cert_file} by itself.")
        return
    # Replace in place: drop every certificate of this key from this CA first (not only the one the file held
    # last), then add key and new certificate for exactly their validity. One live certificate per realm and
    # key, so stale ones never use up sshd's MaxAuthTries before the good one is offered.
    info = read_certificate(cert_file)
    remove_agent_certificates(key, info.get("ca_fingerprint") if info else None)
    lifetime = max(1, int(valid_before - time.time()))
    result = run_tool(["ssh-add", "-t", str(lifetime), str(key)])
    if result.returncode != 0:
        raise Failure(f"Error: ssh-add failed: {result.stderr.strip()}")
    print(f"Loaded key and certificate into the ssh-agent for {lifetime // 60} minutes.")


# ---- agent hygiene and atomic files ----------------------------------------------------------------------

def agent_certificates() -> List[str]:
    """The certificate lines the ssh-agent holds (ssh-add -L), any key, any CA."""
    listed = run_tool(["ssh-add", "-L"])
    if listed.returncode != 0:
        return []
    return [line for line in listed.stdout.splitlines() if line.split(" ", 1)[0].endswith("-cert-v01@openssh.com")]


def remove_agent_certificates(key: Path, ca_fingerprint: Optional[str]) -> int:
    """Removes the agent's certificates of {key} signed by {ca_fingerprint} (any CA when None); how many."""
    public = Path(str(key) + ".pub")
    key_fingerprint = fingerprint(public.read_text()) if public.exists() else None
    removed = 0
    with tempfile.TemporaryDirectory(prefix="hpc-ssh-cert-") as tmp:
        for number, line in enumerate(agent_certificates()):
            listed = Path(tmp) / f"agent-{number}-cert.pub"
            listed.write_text(line + "\n")
            info = read_certificate(listed)
            if info is None or info.get("key_fingerprint") != key_fingerprint:
                continue
            if ca_fingerprint is not None and info.get("ca_fingerprint") != ca_fingerprint:
                continue  # another realm's certificate for the same key stays
            # -d with the certificate line as the "key" file deletes exactly that identity.
            if run_tool(["ssh-add", "-d", str(listed)]).returncode == 0:
                removed += 1
    return removed




def create_key_atomically(key: Path) -> subprocess.CompletedProcess:
    """ssh-keygen into a private temporary directory beside the key, then both files renamed into place."""
    key.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="." + key.name + ".", dir=str(key.parent)) as tmp:
        fresh = Path(tmp) / "key"
        result = run_tool(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "hpc-ssh-cert", "-f", str(fresh)])
        if result.returncode == 0:
            os.chmod(fresh, 0o600)
            # The public half first: a crash in between leaves no private key, so the next run makes a new pair.
            os.replace(str(fresh) + ".pub", str(key) + ".pub")
            os.replace(fresh, key)
        return result


# ---- commands --------------------------------------------------------------------------------------------

def state_message(template: str, args: argparse.Namespace, key: Path, cert_file: Path,
                  info: Optional[CertInfo]) -> str:
    """A certificate state's words (CERT_STATES) for this certificate."""
    valid_before = info.get("valid_before") if info else None
    return template.format(cert_file=cert_file, key=key, realm=args.realm,
                           ca=info.get("ca_fingerprint") if info else None,
                           expired=iso(valid_before) if valid_before else "")


def needs_renewal(state: str, info: Optional[CertInfo], now: float, refresh_before: int,
                  principals: Optional[List[str]]) -> bool:
    """Whether to get a new certificate: always unless valid; a valid one when it ends within refresh_before
    seconds or lacks a login name asked for with --principal."""
    if state != "valid" or info is None:
        return True
    until = info["valid_before"] or float("inf")
    return until - now <= refresh_before or not set(principals or []) <= set(info["principals"])


def check(args: argparse.Namespace, key: Path, cert_file: Path, base: str) -> int:
    """--check / status: only look, change nothing."""
    ca_lines, ca_problem = realm_ca_lines(base)
    state, info = certificate_status(cert_file, key, ca_lines)
    meaning = CERT_STATES[state]
    if meaning.check_message is not None:
        print(state_message(meaning.check_message, args, key, cert_file, info))
    else:
        assert info is not None
        until = info["valid_before"]
        print(f"Your certificate is valid until {iso(until)} ({int((until - time.time()) // 60)} minutes left)."
              if until else "Your certificate is valid (no end date).")
        print(f"  Certificate: {cert_file}")
        print(f"  Principals: {', '.join(info['principals'])}")
        print(f"  Key ID: {info.get('key_id')}")
        if ca_problem:
            print(f"  (Not compared with the realm's CA, which could not be fetched: {ca_problem}.)")
    return meaning.check_exit


def still_good(args: argparse.Namespace, key: Path, cert_file: Path, base: str) -> bool:
    """True (and says so) when the current certificate needs no refresh; otherwise says why it is replaced."""
    if args.force:
        return False
    ca_lines, _ = realm_ca_lines(base)  # offline: judge by the certificate alone
    state, info = certificate_status(cert_file, key, ca_lines)
    if state == "valid":
        assert info is not None
        now = time.time()
        until = info["valid_before"] or float("inf")
        remaining = until - now
        if not needs_renewal(state, info, now, args.refresh_before, args.principal):
            print(f"Your certificate is still valid until {iso(until)} ({int(remaining // 60)} minutes left): "
                  "nothing to do.")
            load_into_agent(key, cert_file, until)
            return True
        if remaining <= args.refresh_before:
            print(f"Your certificate expires at {iso(until)}, within {args.refresh_before} s: refreshing it.")
    refresh_message = CERT_STATES[state].refresh_message
    if refresh_message is not None:
        print(state_message(refresh_message, args, key, cert_file, info))
    return False


def key_proof(key: Path, realm: str, access_token: str, public_key: str, renewal: bool = False) -> Json:
    """Proof that this person holds the private key (ssh-keygen -Y sign), bound to this login and this minute.

    A renewal's proof has its own first line and namespace, so neither proof can pass for the other."""
    now = int(time.time())
    token_hash = base64.urlsafe_b64encode(hashlib.sha256(access_token.encode()).digest()).decode().rstrip("=")
    first, namespace = ("hpc-ssh-cert renewal v1", f"hpc-ssh-cert-renew@{realm}") if renewal \
        else ("hpc-ssh-cert key proof v1", f"hpc-ssh-cert@{realm}")
    message = (f"{first}\nrealm={realm}\ntoken={token_hash}\n"
               f"key={fingerprint(public_key)}\ntime={now}\n")
    signer = key if key.exists() else Path(str(key) + ".pub")  # the .pub alone: the key is in the ssh-agent
    result = run_tool(["ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", str(signer)],
                      input=message, timeout=120)
    if result.returncode != 0 or "BEGIN SSH SIGNATURE" not in result.stdout:
        raise Failure(f"Error: ssh-keygen could not sign with {key} to prove that you hold it: "
                      f"{result.stderr.strip() or 'no signature'}")
    return {"signature": result.stdout.strip(), "time": now}


def sign(base: str, access_token: str, public_key: str, args: argparse.Namespace, automation: bool,
         key: Optional[Path] = None) -> Json:
    body: Json = {"public_key": public_key}
    if args.ttl:
        body["ttl"] = args.ttl
    if args.principal:
        body["principals"] = args.principal

    def post(payload: Json) -> Tuple[int, Json]:
        return send(urllib.request.Request(f"{base}/ssh-ca/sign", data=json.dumps(payload).encode(), method="POST",
                                           headers={"Content-Type": "application/json",
                                                    "Authorization": f"Bearer {access_token}"}))

    if key is not None and args.prove_key:
        status, answer = post(dict(body, key_proof=key_proof(key, args.realm, access_token, public_key)))
    else:
        status, answer = post(body)
    if status == 403 and answer.get("error") == "key_proof_required" and key is not None:
        # The login skipped the password: the registered key is the first factor. Prove it, once asked.
        print("Proving that you hold the registered key...", flush=True)
        status, answer = post(dict(body, key_proof=key_proof(key, args.realm, access_token, public_key)))
    if status != 200:
        raise refusal("no certificate", answer, automation, args.client_id, pub=f"{key}.pub" if key else "KEY.pub")
    return answer


def load(args: argparse.Namespace, key: Path, cert_file: Path, base: str, secret: Optional[str]) -> int:
    automation = secret is not None and not args.device_login
    public_key = ensure_key(key)
    if still_good(args, key, cert_file, base):
        return 0
    answer = None if automation or getattr(args, "no_renewal", False) else renewal(args, key, base, public_key, secret)
    if answer is None and automation:
        token = service_account_login(base, args.client_id, secret)
        print("Generating SSH certificate...", flush=True)
        answer = sign(base, token, public_key, args, automation, None)
    elif answer is None:
        if getattr(args, "no_browser", False):
            raise Failure("Error: a full login is required (password and second factor in a browser): run "
                          "hpc-ssh-cert.", EXIT_FULL_LOGIN)
        kept: Json = {}
        token = device_login(base, args.client_id, secret, fingerprint(public_key), args.ttl, keep=kept)
        print("Generating SSH certificate...", flush=True)
        answer = sign(base, token, public_key, args, automation, key)
        renewals.save_session(key, base, args.client_id, kept)
    write_atomically(cert_file, answer["certificate"] + "\n", 0o644)
    service_account = answer.get("service_account", automation)
    print(f"  Expires at: {iso(answer['valid_before'])}")
    print("  Multi-factor authentication: " + ("not required (service account)" if service_account
                                                 else f"renewed by {answer['renewed_by']}" if answer.get("renewed_by")
                                                 else "verified"))
    print(f"  Mode: {'automation' if automation else 'interactive'}")
    print(f"  Principals: {', '.join(answer['principals'])}")
    print(f"  Key ID: {answer['key_id']}")
    print("The certificate will be automatically refreshed when necessary.")
    print(f"Certificate written to {cert_file}")
    load_into_agent(key, cert_file, answer["valid_before"])
    return 0


# ---- renewal by one tap (a push approval or a TOTP code, no browser) ------------------------------------------

def renewal(args: argparse.Namespace, key: Path, base: str, public_key: str, secret: Optional[str]) -> Optional[Json]:
    """The renewed certificate's answer, or None when a full login is needed (no kept session, window over...).
    The kept session alone renews nothing: the request carries a signature of the certified key."""
    token = renewals.session_token(key, base, args.client_id, secret)
    if token is None:
        return None
    proof = key_proof(key, args.realm, token, public_key, renewal=True)
    return renewals.renew(base, token, args, key, public_key, proof)


def watch(args: argparse.Namespace, key: Path, cert_file: Path, base: str, secret: Optional[str]) -> int:
    """watch: stays in the background, renews the certificate when it is due (one tap on the phone), and keeps
    the Keycloak session alive in between; stops when a full login is required."""
    args.no_browser = True
    last_refresh = time.time()
    while True:
        state, info = certificate_status(cert_file, key, None)
        try:
            if needs_renewal(state, info, time.time(), args.refresh_before, args.principal):
                load(args, key, cert_file, base, secret)
        except Failure as failure:
            print(failure, file=sys.stderr)
            if failure.code == EXIT_FULL_LOGIN:
                return failure.code
            time.sleep(args.refresh_before)  # an unanswered request: do not ring the phone again at once
        if time.time() - last_refresh >= args.keep_alive:
            # SSO Session Idle would end the session between two renewals: a token refresh keeps it alive.
            if renewals.session_token(key, base, args.client_id, secret) is None:
                print("Your Keycloak session ended: run hpc-ssh-cert to log in again.", file=sys.stderr)
                return EXIT_FULL_LOGIN
            last_refresh = time.time()
        time.sleep(args.every)
