"""The one way pmo-path writes files: all or nothing, and never through something it should not follow.

`resolve` walks an output path one component at a time, as the kernel would,
and says what a write there reaches:

- one of this process's own descriptors (`/dev/stdout`, `/dev/stderr`,
  `/dev/fd/N`, `/proc/self/fd/N`): written to as a stream, so `-o /dev/stdout
  >> log.txt` appends to log.txt, never resolved to the file behind it and
  renamed over;
- a device, FIFO, socket or a file under /proc or /sys: written through,
  never replaced by a regular file (`-o /dev/null` leaves /dev/null alone);
- a regular file, or a name not yet taken: written atomically. A temporary
  file with a short random name in the same folder is written, flushed and
  fsynced, then renamed over the target, so an interrupted run leaves either
  the old file or the new one, never half of either. A symlink is followed,
  so the link stays and its target gets the text.

A symlink in a sticky, world-writable folder (/tmp) owned by neither the
person running pmo-path nor the folder's owner is refused, as the kernel's
`protected_symlinks` would refuse it: someone else planted it. What may be
written at all (not an input, not a file holding answers) is decided earlier,
in `outputs`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from dataclasses import dataclass

from ..errors import InputError, Problem

FILE, STREAM, DESCRIPTOR = "file", "stream", "descriptor"
_MAX_LINKS = 40  # as Linux's MAXSYMLINKS
_FD_LINK = re.compile(r"/proc/(?P<pid>self|thread-self|\d+)(?:/task/\d+)?/fd/(?P<fd>\d+)")
_PSEUDO = ("/proc/", "/sys/")
_STANDARD = {0: "stdin", 1: "stdout", 2: "stderr"}


@dataclass(frozen=True, slots=True)
class Target:
    """What writing to an output path reaches."""

    kind: str  # FILE (regular or new: replaced atomically), STREAM (written through), DESCRIPTOR (one of ours)
    path: str  # the resolved path ('' for a descriptor)
    mode: int | None = None  # st_mode of an existing file
    fd: int = -1  # the descriptor, for DESCRIPTOR


def resolve(given: str) -> Target:
    """Follow `given` as opening it for writing would, refusing what must not be written through."""
    if given.endswith(("/", os.sep)):
        raise InputError(Problem(given, "ends with '/', so it names a folder; give a file name to write"))
    if os.name == "nt":  # no /proc, no sticky folders: the file behind the path
        return _plain(given, os.path.realpath(given))
    try:  # not abspath: `link/..` is the folder above the link's target, as the kernel reads it
        pending = (given if os.path.isabs(given) else os.path.join(os.getcwd(), given)).split(os.sep)
    except OSError as err:  # the current folder was removed
        raise InputError(Problem(given, f"cannot write: {err.strerror or err}")) from None
    current = os.sep
    links = 0
    while pending:
        part = pending.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            current = os.path.dirname(current)
            continue
        candidate = os.path.join(current, part)
        own = _own_descriptor(candidate)
        if own is not None and not pending:
            return Target(DESCRIPTOR, "", fd=own)
        try:
            info = os.lstat(candidate)
        except FileNotFoundError:
            return Target(FILE, os.path.join(candidate, *pending))
        except OSError as err:
            raise InputError(Problem(given, f"cannot write: {err.strerror or err}")) from None
        if stat.S_ISLNK(info.st_mode):
            links += 1
            if links > _MAX_LINKS:
                raise InputError(Problem(given, "cannot write: too many levels of symbolic links"))
            if candidate.startswith(_PSEUDO) and not pending:
                raise InputError(Problem(given, f"leads to '{candidate}', a link pmo-path does not write through"))
            _refuse_planted_link(given, current, info)
            try:
                link = os.readlink(candidate)
            except OSError as err:
                raise InputError(Problem(given, f"cannot write: {err.strerror or err}")) from None
            if os.path.isabs(link):
                current = os.sep
            pending = link.split(os.sep) + pending
            continue
        if pending and not stat.S_ISDIR(info.st_mode):
            raise InputError(Problem(given, f"cannot write: '{candidate}' is not a folder"))
        current = candidate
    return _plain(given, current)


def _plain(given: str, path: str) -> Target:
    """The Target of a path with no links left to follow."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Target(FILE, path)
    except OSError as err:
        raise InputError(Problem(given, f"cannot write: {err.strerror or err}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(Problem(given, "is a folder; give a file name to write"))
    if stat.S_ISREG(info.st_mode) and not path.startswith(_PSEUDO):
        return Target(FILE, path, info.st_mode)
    return Target(STREAM, path, info.st_mode)


def _own_descriptor(path: str) -> int | None:
    """N when `path` is this process's /proc/<pid>/fd/N (what /dev/stdout and /dev/fd/N lead to)."""
    match = _FD_LINK.fullmatch(path)
    if match is None:
        return None
    pid = match["pid"]
    if pid not in ("self", "thread-self", str(os.getpid())):
        try:  # in another pid namespace /proc/self may name us differently
            if os.readlink("/proc/self") != pid:  # another process's descriptor: not ours to write into
                return None
        except OSError:
            return None
    return int(match["fd"])


def _refuse_planted_link(given: str, folder: str, link: os.stat_result) -> None:
    """The kernel's protected_symlinks rule, applied before pmo-path resolves the link itself."""
    try:
        where = os.stat(folder)
    except OSError:
        return
    shared = where.st_mode & stat.S_ISVTX and where.st_mode & stat.S_IWOTH
    if shared and link.st_uid not in (os.geteuid(), where.st_uid):
        raise InputError(
            Problem(given, f"is a symlink another user owns in the shared folder '{folder}'; pmo-path does not write through it")
        )


def atomic_write(path: str | os.PathLike, text: str) -> None:
    """Write `text` to `path` (UTF-8) so that readers see the old file or the new one, never a mix."""
    given = str(path)
    target = resolve(given)
    if target.kind == DESCRIPTOR:
        write_descriptor(target.fd, _encode(given, text), given)
        return
    if target.kind == STREAM:
        _write_through(given, target.path, text)
        return
    temporary, folder = _whole_temporary(given, target.path, text, target.mode)
    try:
        os.replace(temporary, target.path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        _raise_clean(given, err)
    _sync_folder(folder)


def create_exclusively(path: str, text: str) -> None:
    """Write `text` to a new file at `path`, whole; FileExistsError when the name is taken (even by a racing run).

    The text is written to a temporary file and then hard-linked to `path`,
    which the kernel refuses when the name exists: two runs choosing one name
    in the same second keep both files. Where hard links are not supported
    the file is created with O_EXCL and written in place.
    """
    try:
        folder = os.path.dirname(os.path.abspath(path))
    except OSError as err:  # the current folder was removed
        raise InputError(Problem(path, f"cannot write: {err.strerror or err}")) from None
    temporary, folder = _whole_temporary(path, os.path.join(folder, os.path.basename(path)), text, None)
    try:
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            _create_in_place(path, text)
    except (FileExistsError, InputError):
        raise
    except BaseException as err:
        _raise_clean(path, err)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _sync_folder(folder)


def _create_in_place(path: str, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        write_descriptor(descriptor, _encode(path, text), path)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _whole_temporary(given: str, target: str, text: str, mode: int | None) -> tuple[str, str]:
    """A temporary file beside `target` holding `text`, flushed to disk; returns (its path, the folder)."""
    import tempfile

    folder = os.path.dirname(target)
    data = _encode(given, text)
    try:  # a short fixed-length name: a 255-byte output name still fits
        handle, temporary = tempfile.mkstemp(prefix=".pmo-path-", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError(Problem(given, f"cannot write: folder '{os.path.dirname(given) or '.'}' does not exist")) from None
    except OSError as err:
        raise InputError(Problem(given, f"cannot write: {err.strerror or err}")) from None
    try:
        try:
            write_descriptor(handle, data, given)
            os.fsync(handle)
        finally:
            os.close(handle)
        if mode is not None:
            os.chmod(temporary, mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        _raise_clean(given, err)
    return temporary, folder


def _encode(given: str, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeError:  # e.g. a lone surrogate typed on a misconfigured terminal
        raise InputError(Problem(given, "cannot write: the text has characters that are not valid Unicode")) from None


def write_descriptor(fd: int, data: bytes, name: str) -> None:
    """Write all of `data` to descriptor `fd`: a short write (a full disk, `ulimit -f`) is an error, never a silent cut."""
    stream = getattr(sys, _STANDARD[fd]) if fd in _STANDARD else False
    if stream is None or getattr(stream, "pmo_path_closed", False):  # closed when pmo-path started (`>&-`)
        raise InputError(Problem(name, f"cannot write: {_STANDARD[fd]} is closed"))
    view = memoryview(data)
    try:
        while view:
            written = os.write(fd, view[: 1 << 20])
            if written <= 0:
                raise OSError(0, "nothing could be written")
            view = view[written:]
    except OSError as err:
        raise InputError(Problem(name, f"cannot write: {err.strerror or err}")) from None


def _write_through(given: str, path: str, text: str) -> None:
    """Write into an existing device, FIFO or pseudo-file as a shell redirect would."""
    data = _encode(given, text)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_TRUNC)
    except OSError as err:
        raise InputError(Problem(given, f"cannot write: {err.strerror or err}")) from None
    try:
        write_descriptor(descriptor, data, given)
    finally:
        os.close(descriptor)


def _raise_clean(path: str, err: BaseException) -> None:
    if isinstance(err, InputError):
        raise err
    if isinstance(err, OSError):
        raise InputError(Problem(path, f"cannot write: {err.strerror or err}")) from None
    raise err


def _sync_folder(folder: str) -> None:
    """Make the rename itself survive a power cut (POSIX; best effort, the file is already whole)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
