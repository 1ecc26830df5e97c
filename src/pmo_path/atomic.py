"""The one way pmo-path writes files: all or nothing.

A temporary file in the same folder is written, flushed and fsynced, then
renamed over the target, so an interrupted run leaves either the old file
or the new one, never half of either.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError, Problem


def atomic_write(path: str | os.PathLike, text: str) -> None:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError(Problem(str(target), "is a folder; give a file name to write"))
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError(Problem(str(target), f"cannot write: folder '{folder}' does not exist")) from None
    except OSError as err:
        raise InputError(Problem(str(target), f"cannot write: {err.strerror or err}")) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException as err:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(err, OSError):
            raise InputError(Problem(str(target), f"cannot write: {err.strerror or err}")) from None
        raise
