"""The person at the terminal, or a script: text and prompts, JSON results, QR codes.

Text goes to stdout; with --json, stdout holds only the results (one JSON object a line) and the text and prompts go
to stderr, so a script reads the results while a person still sees what happens. Answers are read from stdin (a
terminal, or a script's pipe); the password and other secrets without echo when stdin is a terminal.
"""
from __future__ import annotations

import getpass
import json
import os
import shutil
import subprocess
import sys
from typing import List, Optional, TextIO

from . import qr
from .errors import EXIT_LOCAL, Failure, Json


class Terminal:
    """Where the person reads and answers. json_mode: results as JSON on stdout, everything else on stderr."""

    def __init__(self, json_mode: bool = False, stdin: Optional[TextIO] = None, stdout: Optional[TextIO] = None,
                 stderr: Optional[TextIO] = None) -> None:
        self.json_mode = json_mode
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.text = (stderr or sys.stderr) if json_mode else self.stdout

    def say(self, line: str = "") -> None:
        print(line, file=self.text, flush=True)

    def result(self, answer: Json) -> None:
        """A result for scripts (--json only): one JSON object on one line."""
        if self.json_mode:
            print(json.dumps(answer, sort_keys=True), file=self.stdout, flush=True)

    def interactive(self) -> bool:
        """Whether a person answers (stdin is a terminal), so a question may be asked that a script would not expect."""
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def ask(self, prompt: str) -> str:
        """One line typed (or piped) in answer to prompt; the end of input is a local failure."""
        self.text.write(prompt)
        self.text.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise Failure(f"Error: no answer to \"{prompt.strip()}\" (end of input): run the command in a terminal, "
                          "or give the answers on stdin.", EXIT_LOCAL)
        return line.strip()

    def secret(self, prompt: str) -> str:
        """A secret (the password): not echoed on a terminal; read from stdin as a line otherwise."""
        if self.interactive():
            try:
                return getpass.getpass(prompt, stream=self.text)
            except EOFError:
                raise Failure(f"Error: no answer to \"{prompt.strip()}\" (end of input).", EXIT_LOCAL)
        return self.ask(prompt)

    def yes(self, question: str, preset: Optional[bool] = None) -> bool:
        """A yes/no question whose default is no; preset answers it without asking (an option, or --json)."""
        if preset is not None:
            return preset
        return self.ask(f"{question} [y/N]: ").lower() in ("y", "yes")

    def qr(self, text: str) -> None:
        """The text as a QR code: qrencode's when it is installed (HPC_MFA_QR=builtin draws the pack's own), else
        the pack's encoder; in Unicode half blocks, light modules drawn for the usual dark terminal."""
        for line in qr_lines(text):
            self.say(line)


def qr_lines(text: str) -> List[str]:
    if os.environ.get("HPC_MFA_QR", "") != "builtin" and shutil.which("qrencode"):
        try:
            drawn = subprocess.run(["qrencode", "-t", "ANSIUTF8", text], capture_output=True, text=True, timeout=10)
            if drawn.returncode == 0 and drawn.stdout.strip():
                return drawn.stdout.rstrip("\n").split("\n")
        except (OSError, subprocess.SubprocessError):
            pass  # the pack's own encoder below
    return qr.half_blocks(text)
