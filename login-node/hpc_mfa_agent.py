"""The certificate into the forwarded agent: the login node's half, run as root inside hpc-mfa-terminal.

PAM's auth and session steps run before the client asks for agent forwarding (sshd.c opens the PAM session right
after authentication; the auth-agent-req channel request comes later), so no PAM code can reach the forwarded
agent. The work is split in two:

1. Here, at login (as root): before the answer goes to Keycloak, an ephemeral Ed25519 key pair is generated in a
   root-only temporary directory (ssh-keygen; the private key is never on a command line). Its public key goes
   with the answer to /finish; a successful answer carries the certificate. Private key, certificate and the
   certificate's end are spooled for the user in SPOOL/<uid>/ (default /run/hpc-mfa/agent/<uid>/): SPOOL owned by
   root (0711), <uid> owned by the user (0700), the files owned by the user (0600), each written under a random
   name with O_EXCL|O_NOFOLLOW through directory descriptors and renamed into place, so a symlink the user planted
   is replaced, never followed.
2. In the session (as the user, SSH_AUTH_SOCK set if the agent is forwarded): hpc-mfa-agent-add, called from
   /etc/ssh/sshrc, adds key and certificate to the agent with ssh-add -t <seconds left> and deletes the spool.
   Without an agent it only deletes it.

Any mode whose successful answer has the certificate fields of /finish (certificate, valid_before) feeds
spool_for_agent(); nothing here decides a login: a failure is logged and the login goes on without a certificate.

Settings (terminal.conf):
  agent_certificate = yes          generate the key pair and spool the certificate (default: no)
  agent_spool = /run/hpc-mfa/agent where the certificates wait for the session (root-owned, not writable by others)
  agent_confirm = yes              add them with ssh-add -c: every use is confirmed on the user's machine (default: no)
"""
from __future__ import annotations

import base64
import os
import pwd
import re
import secrets
import shutil
import stat
import subprocess
import tempfile
import syslog
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional

DEFAULT_SPOOL = "/run/hpc-mfa/agent"
KEY = "key"
CERTIFICATE = "key-cert.pub"
# Written last: the session hook takes nothing before it exists.
READY = "agent"
CERTIFICATE_LINE = re.compile(r"ssh-ed25519-cert-v01@openssh\.com [A-Za-z0-9+/=]+( [^\n]*)?")
YES, NO = ("yes", "true", "on", "1"), ("no", "false", "off", "0")


@dataclass(frozen=True)
class AgentSettings:
    spool: str
    confirm: bool


def _flag(config: Dict[str, Any], key: str) -> bool:
    value = str(config.get(key, "no")).strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(f"'{key} = {value}': use yes or no")


def agent_settings(config: Dict[str, Any]) -> Optional[AgentSettings]:
    """The agent settings of terminal.conf, or None when agent_certificate is off; a bad value is a ValueError."""
    enabled = _flag(config, "agent_certificate")
    confirm = _flag(config, "agent_confirm")
    spool = str(config.get("agent_spool", DEFAULT_SPOOL)).strip()
    if not spool.startswith("/"):
        raise ValueError(f"'agent_spool = {spool}': an absolute path is needed")
    return AgentSettings(spool, confirm) if enabled else None


class EphemeralKey:
    """An Ed25519 key pair in a root-only temporary directory, removed by close()."""

    def __init__(self, comment: str) -> None:
        self.dir = tempfile.mkdtemp(prefix="hpc-mfa-agent-")  # mode 0700, owned by the helper (root)
        self.path = os.path.join(self.dir, "id")
        try:
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", self.path],
                           check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=20)
            with open(self.path + ".pub", encoding="ascii") as handle:
                self.public_key = handle.read().strip()
            with open(self.path, "rb") as handle:
                self.private_key = handle.read()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "EphemeralKey":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def new_key(settings: Optional[AgentSettings], user: str,
            log: Callable[[int, str], None]) -> Optional[EphemeralKey]:
    """The key pair whose public key goes to /finish, or None when the agent certificate is off or no key could
    be made (logged: the login goes on without a certificate)."""
    if settings is None:
        return None
    try:
        return EphemeralKey(f"hpc-mfa:{user}@{os.uname().nodename}")
    except Exception as error:
        log(syslog.LOG_ERR, f"user {user}: no key pair for the agent certificate: {type(error).__name__}: {error}")
        return None


def _open_spool_root(path: str) -> int:
    """The spool's root directory, created 0711 if missing; refused unless owned by us and writable by us only."""
    os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
    try:
        os.mkdir(path, 0o711)
    except FileExistsError:
        pass
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    info = os.fstat(fd)
    if info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        os.close(fd)
        raise PermissionError(f"{path} must be owned by uid {os.geteuid()} and writable by it only")
    os.fchmod(fd, 0o711)  # whatever sshd's umask: users must reach their own directory, and list none
    return fd


def _open_user_dir(root_fd: int, uid: int, gid: int) -> int:
    """SPOOL/<uid>, owned by the user, mode 0700. Only we can create entries in SPOOL, so the name is ours."""
    name = str(uid)
    try:
        os.mkdir(name, 0o700, dir_fd=root_fd)
    except FileExistsError:
        pass
    fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=root_fd)
    os.fchown(fd, uid, gid)
    os.fchmod(fd, 0o700)
    return fd


def _write(dir_fd: int, name: str, data: bytes, uid: int, gid: int) -> None:
    """A new file under a random name (O_EXCL, O_NOFOLLOW), owned by the user, 0600, renamed over `name`."""
    temporary = f".{name}.{secrets.token_hex(8)}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                 dir_fd=dir_fd)
    try:
        os.fchown(fd, uid, gid)
        os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
    os.rename(temporary, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)


def _unlink(dir_fd: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=dir_fd)
    except FileNotFoundError:
        pass


def spool_for_agent(settings: AgentSettings, user: str, key: EphemeralKey, answer: Dict[str, Any],
                    now: Optional[float] = None) -> Optional[int]:
    """Spools key and certificate of a successful answer for the user's session hook; the seconds the certificate
    has left, or None when the answer has no usable certificate (a certificate_error, a refusal: nothing spooled)."""
    certificate = answer.get("certificate")
    valid_before = answer.get("valid_before")
    if not isinstance(certificate, str) or not CERTIFICATE_LINE.fullmatch(certificate.strip()) \
            or not isinstance(valid_before, int) or isinstance(valid_before, bool):
        return None
    if not certifies(certificate, key.public_key):
        return None
    left = valid_before - int(now if now is not None else time.time())
    if left <= 0:
        return None
    account = pwd.getpwnam(user)
    root_fd = _open_spool_root(settings.spool)
    try:
        user_fd = _open_user_dir(root_fd, account.pw_uid, account.pw_gid)
    finally:
        os.close(root_fd)
    try:
        _unlink(user_fd, READY)  # a half-replaced set is never taken
        _write(user_fd, KEY, key.private_key, account.pw_uid, account.pw_gid)
        _write(user_fd, CERTIFICATE, (certificate.strip() + "\n").encode("ascii"), account.pw_uid, account.pw_gid)
        ready = f"valid_before={valid_before}\nconfirm={'yes' if settings.confirm else 'no'}\n"
        _write(user_fd, READY, ready.encode("ascii"), account.pw_uid, account.pw_gid)
    except BaseException:
        for name in (READY, KEY, CERTIFICATE):
            _unlink(user_fd, name)
        raise
    finally:
        os.close(user_fd)
    return left


def after_login(settings: Optional[AgentSettings], user: str, key: Optional[EphemeralKey],
                answer: Dict[str, Any], log: Callable[[int, str], None]) -> None:
    """The agent step after any mode's successful answer: spools the certificate, never raises, never undoes the
    login (the user just gets no certificate; the log says why)."""
    if settings is None or key is None:
        return
    try:
        if "certificate_error" in answer:
            error = answer["certificate_error"]
            code = error.get("error") if isinstance(error, dict) else error
            log(syslog.LOG_NOTICE, f"user {user}: no certificate for the agent: {code}")
            return
        left = spool_for_agent(settings, user, key, answer)
        if left is None:
            log(syslog.LOG_WARNING, f"user {user}: the answer has no usable certificate for the agent")
        else:
            log(syslog.LOG_INFO, f"user {user}: certificate serial {answer.get('serial')} spooled for the agent "
                                 f"({left} s left)")
    except Exception as error:  # the login stands; only the certificate is lost
        log(syslog.LOG_ERR, f"user {user}: spooling the agent certificate failed: {type(error).__name__}: {error}")


def _strings(blob: bytes, count: int) -> list:
    """The first `count` SSH wire strings of a blob (RFC 4251: uint32 length, bytes)."""
    out, offset = [], 0
    for _ in range(count):
        if offset + 4 > len(blob):
            raise ValueError("truncated")
        length = int.from_bytes(blob[offset:offset + 4], "big")
        out.append(blob[offset + 4:offset + 4 + length])
        offset += 4 + length
    return out


def certifies(certificate: str, public_key: str) -> bool:
    """Whether an Ed25519 certificate line certifies this Ed25519 public key line (the key Keycloak was sent)."""
    try:
        _, nonce, certified = _strings(base64.b64decode(certificate.split()[1], validate=True), 3)
        _, plain = _strings(base64.b64decode(public_key.split()[1], validate=True), 2)
        return len(nonce) > 0 and certified == plain
    except (ValueError, IndexError):
        return False
