"""hpc-ssh-cert keys list | add | rm: the person's registered SSH keys (ssh-ca/keys), after a browser login."""
from __future__ import annotations

import argparse
import json
import os
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Dict, Optional, Tuple

from .errors import Failure, Json, iso, refusal
from .signin import device_login, secret_from
from .sshcert import fingerprint
from .web import send

def keys_request(base: str, token: str, method: str, path: str = "",
                 body: Optional[Json] = None) -> Tuple[int, Json]:
    data = None if body is None else json.dumps(body).encode()
    headers: Dict[str, str] = {"Authorization": f"Bearer {token}"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    return send(urllib.request.Request(f"{base}/ssh-ca/keys{path}", data=data, method=method, headers=headers))


def describe(k: Json) -> str:
    added = iso(k["created"] / 1000) if k.get("created") else "?"
    return f"  {k['fingerprint']}  {k['type']}  {k.get('comment') or '(no comment)'}  (id {k['id']}, added {added})"


def keys(parser: argparse.ArgumentParser, args: argparse.Namespace, key: Path, base: str) -> int:
    """keys list | add [KEY.pub] | rm FINGERPRINT|ID|KEY.pub: the person's registered keys, after a browser login."""
    action = args.args[0] if args.args else "list"
    if action not in ("list", "add", "rm") or len(args.args) > 2 or (action == "list" and len(args.args) > 1):
        parser.error("use: keys list | keys add [KEY.pub] | keys rm FINGERPRINT|ID|KEY.pub")
    if action == "rm" and len(args.args) < 2:
        parser.error("keys rm needs the key: its fingerprint (SHA256:...), its id, or its .pub file")
    line, target = None, None
    if action == "add":
        pub = Path(args.args[1]).expanduser() if len(args.args) > 1 else Path(str(key) + ".pub")
        try:
            line = pub.read_text().strip()
        except OSError as error:
            raise Failure(f"Error: cannot read the public key {pub}: {error.strerror}")
        if "PRIVATE KEY" in line:
            raise Failure(f"Error: {pub} is a private key; register the public key ({pub}.pub), never the private one")
    elif action == "rm":
        target = args.args[1]
        candidate = Path(target).expanduser()
        if candidate.is_file():
            target = fingerprint(candidate.read_text().strip())
    secret = secret_from(args, os.environ) if args.device_login else None
    named = pub if action == "add" else Path(str(key) + ".pub")
    shown = fingerprint(named.read_text().strip()) if named.is_file() else None
    token = device_login(base, args.client_id, secret, shown, None)
    if action == "list":
        status, answer = keys_request(base, token, "GET")
        if status != 200:
            raise refusal("cannot list your SSH keys", answer, False, args.client_id)
        registered = answer.get("keys", [])
        if not registered:
            print(f"You have no registered SSH keys. Register one: hpc-ssh-cert keys add {key}.pub")
        else:
            print(f"Your registered SSH keys ({len(registered)}):")
            for k in registered:
                print(describe(k))
    elif action == "add":
        status, answer = keys_request(base, token, "POST", body={"public_key": line})
        if status != 201:
            raise refusal("the key was not registered", answer, False, args.client_id, pub=str(pub))
        print(f"Registered {answer['fingerprint']} ({answer['label']}).")
    else:
        path = ("?fingerprint=" + urllib.parse.quote(target, safe="")) if target.startswith("SHA256:") \
            else "/" + urllib.parse.quote(target, safe="")
        status, answer = keys_request(base, token, "DELETE", path)
        if status != 200:
            raise refusal("the key was not removed", answer, False, args.client_id)
        print(f"Removed {answer['removed']['fingerprint']} ({answer['removed']['label']}).")
    return 0


