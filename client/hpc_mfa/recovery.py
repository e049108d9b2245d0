"""Recovery codes: shown after every set-up and on regenerate, saved on request to
<username>_<issuer>_recovery_codes.txt (mode 0600, readable by the person only); `mfa recovery-codes`."""
from __future__ import annotations

import argparse
import datetime
import os
import re
from pathlib import Path
from typing import List, Optional

from .account import ACCOUNT, Account
from .errors import EXIT_LOCAL, Failure, Json
from .terminal import Terminal


def file_name(username: str, issuer: str) -> str:
    """<username>_<issuer>_recovery_codes.txt; in each part, runs of anything but letters, digits, '.', '-' and '@'
    become one '_' (so no path, and "Research Computing (demo)" becomes Research_Computing_demo)."""
    def safe(part: str) -> str:
        return re.sub(r"[^A-Za-z0-9.@-]+", "_", part).strip("_.") or "_"
    return f"{safe(username)}_{safe(issuer)}_recovery_codes.txt"


def save(directory: Path, username: str, issuer: str, codes: List[str]) -> Path:
    """Writes the codes, readable by the person only (0600, also when the file was there before); never through a
    symbolic link someone else put there."""
    path = directory / file_name(username, issuer)
    text = (f"Recovery codes of {username} ({issuer}), {datetime.date.today().isoformat()}.\n"
            "Each code signs you in once, in any order, when you cannot get a two-factor code.\n"
            "A new set (mfa recovery-codes --regenerate, or a new factor) replaces these.\n\n"
            + "".join(f"{code}\n" for code in codes))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w") as out:
            os.fchmod(out.fileno(), 0o600)
            out.write(text)
    except OSError as error:
        raise Failure(f"Error: cannot write {path}: {error.strerror}. The codes are shown above: copy them now.",
                      EXIT_LOCAL)
    return path


def show(term: Terminal, codes: List[str], username: str, issuer: str, save_codes: Optional[bool],
         directory: Path) -> Optional[Path]:
    """The codes, then the offer to save them (save_codes answers it; --json never asks)."""
    term.say("Recovery codes are used to access your account in")
    term.say("the event you cannot get two-factor authentication codes.")
    for code in codes:
        term.say(code)
    wanted = term.yes("Would you like to save the codes into a text file?",
                      bool(save_codes) if save_codes is not None or term.json_mode else None)
    if not wanted:
        return None
    path = save(directory, username, issuer, codes)
    term.say(f"Written {path if directory != Path('.') else path.name} with recovery codes.")
    return path


def remaining_words(answer: Json) -> str:
    left, count = answer.get("remaining"), answer.get("count")
    text = (f"You have {left} of {count} recovery codes left." if count and count > left
            else f"You have {left} recovery codes left.")
    if answer.get("warn"):
        text += (f" Only {left} left: mfa recovery-codes --regenerate gives you a new set (the old one then stops "
                 "working).")
    return text


def command(account: Account, term: Terminal, args: argparse.Namespace) -> int:
    """mfa recovery-codes [--regenerate]: how many are left, or a new set (which voids the old one)."""
    if not args.regenerate:
        answer = account.request("GET", ACCOUNT, "/recovery-codes", what="cannot count your recovery codes")
        term.result(answer)
        term.say(remaining_words(answer))
        return 0
    if not term.json_mode and not args.yes and not term.yes(
            "A new set replaces your recovery codes: the current ones stop working. Continue?"):
        term.say("Nothing changed.")
        return 0
    answer = account.request("POST", ACCOUNT, "/recovery-codes", {}, what="no new recovery codes")
    term.result(answer)
    show(term, answer.get("recoveryCodes", []), account.username or "user", answer.get("issuer") or account.realm,
         args.save_codes, Path(args.codes_dir))
    return 0
