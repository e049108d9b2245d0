"""Files the commands write: whole or not at all."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

def write_atomically(path: Path, text: str, mode: int = 0o600) -> None:
    """Temporary file in the same directory, fsync, rename: a reader sees the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
