"""The one way pmo-path writes files: all or nothing.

A temporary file in the same folder is written, flushed and fsynced, then
renamed over the target, so an interrupted run leaves either the old file
or the new one, never half of either. What may be written at all (not an
input, not read-only) is decided earlier, in `outputs`.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ..errors import InputError, Problem


def atomic_write(path: str | os.PathLike, text: str) -> None:
    """Write `text` to `path` (UTF-8) so that readers see the old file or the new one, never a mix.

    A symlink is followed, so the link stays and its target gets the text. A
    device, FIFO or anything under /dev or /proc is written through, never
    replaced by a regular file (`-o /dev/null` must leave /dev/null alone).
    """
    given = str(path)
    if os.path.isdir(given) or given.endswith(("/", os.sep)):
        raise InputError(Problem(given, "is a folder; give a file name to write"))
    real = os.path.realpath(given)
    try:
        mode = os.stat(real).st_mode
    except OSError:
        mode = None
    if (mode is not None and not stat.S_ISREG(mode)) or real.startswith(("/dev/", "/proc/")):
        _write_through(given, text)
        return
    target = Path(real)
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError(Problem(given, f"cannot write: folder '{os.path.dirname(given) or '.'}' does not exist")) from None
    except OSError as err:
        raise InputError(Problem(given, f"cannot write: {err.strerror or err}")) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        _raise_clean(given, err)
    _sync_folder(folder)


def _write_through(path: str, text: str) -> None:
    """Write into an existing device, FIFO or stream as a shell redirect would."""
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except BaseException as err:
        _raise_clean(path, err)


def _raise_clean(path: str, err: BaseException) -> None:
    if isinstance(err, OSError):
        raise InputError(Problem(path, f"cannot write: {err.strerror or err}")) from None
    if isinstance(err, UnicodeError):  # e.g. a lone surrogate typed on a misconfigured terminal
        raise InputError(Problem(path, "cannot write: the text has characters that are not valid Unicode")) from None
    raise err


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
