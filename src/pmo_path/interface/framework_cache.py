"""A checked framework kept between runs, so a command need not parse and check both YAML files again.

Reading `roles.yaml` and `recommendations.yaml` (parsing, checking every
field and reference) is about a third of what `assess -f json` adds to
typer's own start (docs/performance.md). When both files are as they were,
the framework is rebuilt from a JSON file in the user cache folder
(`$XDG_CACHE_HOME/pmo-path`, else `~/.cache/pmo-path`) instead.

- **Keyed by what could change it**: both files' paths as given and real
  paths, sizes, modification and change times and inodes (taken before they
  are read, so an edit meanwhile is a miss), pmo-path's version, and the size
  and modification time of the code that reads them (`reading/*.py` and
  `domain/model.py`), so a changed reader never meets an old entry.
- **Only settled files are kept**: a file changed in the last two seconds
  could change again within the clock's resolution and keep its key (as git
  treats a "racy" index entry), so its framework is not cached.
- **Generic**: `encode` and `decode` carry whatever the reader builds,
  dataclasses and enums of `domain.model`, tuples, lists, dicts (keys of any
  of these types) and plain values, field by field through their
  constructors; a field added to the model flows through without an edit
  here. Anything else makes the framework uncached, never wrong.
- **A cache file is untrusted input**: never pickle. JSON with tagged
  containers, classes only from `domain.model`, a CRC of the content; a
  file not owned by this user or writable by others, a stale, broken or
  unreadable entry is a miss, and the full reading answers. An entry that
  cannot be written (read-only home, full disk) is skipped silently.

Errors are never cached: a framework with a problem is read (and reported)
in full every time. `validate` always reads the files afresh.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import time
import zlib  # built in, where hashlib loads OpenSSL

from .. import __version__
from ..domain import model
from ..errors import Problem
from .quick import SETTLED_NS, cache_folder

CACHE_VERSION = 1
_CONTAINERS = {"t": tuple, "l": list}


def recall(key: list | None) -> model.Framework | None:
    """The framework kept for `key`, or None on any miss or doubt."""
    if key is None:
        return None
    try:
        with open(cache_file(key), "rb") as stream:
            info = os.fstat(stream.fileno())
            if os.name != "nt" and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
                return None  # someone else's file, or one others may write: not trusted
            header, _, body = stream.read().partition(b"\n")
        kept = json.loads(header)
        if kept["key"] != key or kept["crc"] != zlib.crc32(body):
            return None
        framework = decode(json.loads(body))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return None
    return framework if isinstance(framework, model.Framework) else None


def keep(key: list | None, framework: model.Framework) -> None:
    """Remember `framework`, read when its files had `key`; silently not when it cannot be kept."""
    from ..errors import InputError
    from .atomic import atomic_write

    if key is None or not _settled(key):
        return
    try:
        body = json.dumps(encode(framework), separators=(",", ":"))
        text = json.dumps({"key": key, "crc": zlib.crc32(body.encode("utf-8"))}) + "\n" + body
        path = cache_file(key)
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        atomic_write(path, text)
    except (OSError, InputError, TypeError, ValueError, RecursionError):
        pass


def framework_key(files: tuple[str | os.PathLike | None, ...]) -> list | None:
    """The framework files as they are now, and the code that reads them; None when one cannot be looked at."""
    key: list = [CACHE_VERSION, __version__, _code_stamp()]
    try:
        for file in files:
            if file is None:  # an own roles.yaml with no advice file: a file that appears later changes the key
                key += ["", "", -1, 0, 0, 0]
                continue
            info = os.stat(file)
            key += [str(file), os.path.realpath(file), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    except (OSError, ValueError):
        return None
    return key


def cache_file(key: list) -> str:
    """One cache file a set of framework files (by real path); sets sharing a name only miss."""
    real = "\0".join(str(file[1]) for file in _files(key))  # each file's real path
    return os.path.join(cache_folder(), f"framework-{_crc(real):08x}.json")


# --- plain data and back ------------------------------------------------------------------------------------------


def encode(value):
    """`value` as JSON-ready plain data that `decode` turns back into an equal value of the same types."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is tuple or kind is list:
        return ["t" if kind is tuple else "l", [encode(item) for item in value]]
    if kind is dict:
        return ["d", [[encode(name), encode(item)] for name, item in value.items()]]
    if _ours(kind) and isinstance(value, enum.Enum):
        return ["e", kind.__name__, value.value]
    if _ours(kind) and dataclasses.is_dataclass(value):
        return ["c", kind.__name__, {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}]
    raise TypeError(f"cannot keep a {kind.__name__} in the framework cache")


def decode(data):
    """The value `encode` gave `data` for; TypeError or ValueError on anything else."""
    if not isinstance(data, list):
        if data is None or type(data) in (str, int, float, bool):
            return data
        raise TypeError("not a value the cache writes")
    tag = data[0]
    if tag in _CONTAINERS:
        return _CONTAINERS[tag](decode(item) for item in data[1])
    if tag == "d":
        return {decode(name): decode(item) for name, item in data[1]}
    kind = _KINDS.get(data[1]) or getattr(model, data[1], None) if isinstance(data[1], str) else None
    if not _ours(kind):
        raise TypeError("not a class of the framework")
    if tag == "e" and issubclass(kind, enum.Enum):
        return kind(data[2])
    if tag == "c" and dataclasses.is_dataclass(kind):
        return kind(**{name: decode(item) for name, item in data[2].items()})
    raise TypeError("not a value the cache writes")


def _ours(kind) -> bool:
    """A class defined in `domain.model` (or a framework's `Problem`, its warnings), the only ones a cache file may name."""
    if kind is Problem:
        return True
    return isinstance(kind, type) and kind.__module__ == model.__name__ and getattr(model, kind.__name__, None) is kind


_KINDS = {"Problem": Problem}


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogateescape"))


def _settled(key: list) -> bool:
    """Whether every file last changed long enough ago that a change now would give it a new timestamp."""
    now = time.time_ns()
    return all(now - file[3] > SETTLED_NS for file in _files(key) if file[2] >= 0)


def _files(key: list) -> list[list]:
    """Each file's part of a key: given path, real path, size, mtime_ns, ctime_ns, inode."""
    return [key[start : start + 6] for start in range(3, len(key), 6)]


def _code_stamp() -> int:
    """The size and modification time of the modules that read and model the framework, as one number."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    reading = os.path.join(package, "reading")
    stamps = []
    try:
        paths = sorted(os.path.join(reading, name) for name in os.listdir(reading) if name.endswith(".py"))
        for path in (*paths, os.path.join(package, "domain", "model.py")):
            info = os.stat(path)
            stamps.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    except OSError:
        return 0
    return _crc("\n".join(stamps))
