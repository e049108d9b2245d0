"""HTTP to Keycloak: form posts (OAuth), JSON calls with a person's bearer token, the realm's CA list; and which
server URLs the commands talk to at all."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Dict, List, Optional, Tuple

from .errors import EXIT_UNREACHABLE, Failure, Json

def send(request: urllib.request.Request) -> Tuple[int, Json]:
    """(status, JSON body) for any HTTP answer; an unreachable server is a Failure."""
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return error.code, json.loads(body)
        except ValueError:
            return error.code, {"error": "http_" + str(error.code), "error_description": body.decode(errors="replace")[:200]}
    except (urllib.error.URLError, OSError) as error:
        raise Failure(f"Error: cannot reach {request.full_url}: {getattr(error, 'reason', error)}", EXIT_UNREACHABLE)


def post_form(url: str, fields: Dict[str, str]) -> Tuple[int, Json]:
    data = urllib.parse.urlencode(fields).encode()
    return send(urllib.request.Request(url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}))


def realm_ca_lines(base: str) -> Tuple[Optional[List[str]], Optional[str]]:
    """The realm's trusted CA lines (ca.pub), or (None, reason) when they cannot be fetched."""
    try:
        with urllib.request.urlopen(f"{base}/ssh-ca/ca.pub", timeout=30) as response:
            return [l for l in response.read().decode().splitlines() if l.strip()], None
    except urllib.error.HTTPError as error:
        return None, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError) as error:
        return None, str(getattr(error, "reason", error))



def call(url: str, token: str, method: str = "GET", body: Optional[Json] = None) -> Tuple[int, Json]:
    """A JSON request with the person's bearer token: (status, JSON body)."""
    data = None if body is None else json.dumps(body).encode()
    headers: Dict[str, str] = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    return send(urllib.request.Request(url, data=data, method=method, headers=headers))


LOOPBACK_HOSTS = {"localhost", "::1"}


def server_problem(server: str) -> Optional[str]:
    """Why the server URL cannot be used, or None: https only, plain http only to this machine itself."""
    parsed = urllib.parse.urlsplit(server)
    host = (parsed.hostname or "").lower()
    if parsed.scheme == "https" and host:
        return None
    if parsed.scheme == "http" and host:
        parts = host.split(".")
        if host in LOOPBACK_HOSTS or (len(parts) == 4 and parts[0] == "127" and all(p.isdigit() for p in parts)):
            return None
        return (f"--server {server} uses plain http: tokens and secrets would cross the network unencrypted. "
                f"Use https://{parsed.netloc}{parsed.path} (plain http only to localhost, 127.0.0.1 or [::1]).")
    return f"--server {server} is not an https:// URL of Keycloak (e.g. https://id.example.org)."

