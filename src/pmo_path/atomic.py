"""The one way pmo-path writes files: all or nothing.

A temporary file in the same folder is written, flushed and fsynced, then
renamed over the target, so an interrupted run leaves either the old file
or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import InputError, Problem


def atomic_write(path: str | os.PathLike, text: str) -> None:
    """Write `text` to `path` (UTF-8) so that readers see the old file or the new one, never a mix."""
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
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise InputError(Problem(str(target), f"cannot write: {err.strerror or err}")) from None
        if isinstance(err, UnicodeError):  # e.g. a lone surrogate typed on a misconfigured terminal
            raise InputError(Problem(str(target), "cannot write: the text has characters that are not valid Unicode")) from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; best effort, the file is already whole)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
