"""Read untrusted YAML safely, keeping line numbers and refusing duplicate keys.

Profiles and framework files are written by hand, so the loader must never
run code (no tags), never hang (alias bombs, deep nesting), and never drop a
line silently (PyYAML keeps the last of two equal keys). We build plain
Python data straight from the parser's event stream: it is iterative (the C
composer recurses and crashes on deep nesting), it is faster than
`yaml.load`, and it lets us remember the line of every key.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 50
MAX_NODES = 200_000
MAX_SHOWN = 60  # characters of a key or value quoted in an error line
_MAX_DIGITS = 100

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?\Z|[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:null": type(None),
    "tag:yaml.org,2002:map": dict,
    "tag:yaml.org,2002:seq": list,
    "!": str,
}


@dataclass
class Document:
    """Plain data from one file, plus where each key and item was written."""

    name: str
    data: Any
    _lines: dict[int, dict[Any, int]] = field(default_factory=dict, repr=False)

    def line(self, container: Any, key: Any = None) -> int | None:
        """1-based line of `container[key]` (or of the container itself)."""
        marks = self._lines.get(id(container))
        if marks is None:
            return None
        return marks.get(key, marks.get(None))

    def problem(self, message: str, field: str = "", container: Any = None, key: Any = None) -> Problem:
        return Problem(self.name, message, field, self.line(container, key) if container is not None else None)


def printable(value: object) -> str:
    """A key or value as it may appear inside a one-line error: no control characters, not too long."""
    text = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    if not text.isprintable():
        text = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def read_text(path: str) -> tuple[str, str]:
    """Return (display name, text) of a file or of stdin for '-'.

    Every way a path can be unusable becomes an InputError naming it.
    """
    if path == "-":
        name = "<stdin>"
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise InputError(Problem(name, "standard input is closed; give a file name instead of -"))
        try:
            raw = stream.read(MAX_BYTES + 1)
        except (OSError, ValueError) as err:
            raise InputError(Problem(name, f"cannot read: {getattr(err, 'strerror', None) or err}")) from None
    else:
        name = path
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise InputError(Problem(name, "no such file")) from None
        except OSError as err:
            raise InputError(Problem(name, f"cannot read: {err.strerror or err}")) from None
        import stat

        if stat.S_ISDIR(info.st_mode):
            raise InputError(Problem(name, "is a folder, not a file"))
        if info.st_size > MAX_BYTES:
            raise InputError(Problem(name, f"file is {info.st_size:,} bytes; the limit is 1 MiB ({MAX_BYTES:,} bytes)"))
        try:
            with open(path, "rb") as handle:
                # Ask for what stat promised (asking for 1 MiB costs a 1 MiB buffer per file);
                # read on up to the limit if the file grew since, or is not a regular file.
                raw = handle.read(info.st_size + 1)
                if len(raw) > info.st_size or not stat.S_ISREG(info.st_mode):
                    raw += handle.read(MAX_BYTES + 1 - len(raw))
        except PermissionError:
            raise InputError(Problem(name, "permission denied")) from None
        except OSError as err:
            raise InputError(Problem(name, f"cannot read: {err.strerror or err}")) from None
    if len(raw) > MAX_BYTES:
        raise InputError(Problem(name, f"file is larger than the 1 MiB limit ({MAX_BYTES:,} bytes)"))
    if b"\x00" in raw:
        raise InputError(Problem(name, "binary file, not YAML text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(Problem(name, f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})")) from None
    return name, text


def load_file(path: str) -> Document:
    name, text = read_text(path)
    return parse(text, name)


def parse(text: str, name: str = "<string>") -> Document:
    """Parse one YAML document into plain data; raise InputError if unusable."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        return _build(loader, name)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = (err.problem or err.context or "invalid YAML").strip()
        if mark is None:
            raise InputError(Problem(name, f"YAML syntax error: {what}")) from None
        lines = text.splitlines()
        if mark.line < len(lines) and lines[mark.line][: len(lines[mark.line]) - len(lines[mark.line].lstrip())].count("\t"):
            what += " (a tab indents this line; YAML indents with spaces only)"
        raise InputError(Problem(name, f"YAML syntax error at column {mark.column + 1}: {what}", line=mark.line + 1)) from None
    except yaml.reader.ReaderError as err:  # a character YAML forbids, e.g. a control character
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        what = f"character #x{err.character:04x} is not allowed" if isinstance(err.character, int) else err.reason
        raise InputError(Problem(name, f"YAML syntax error at column {column}: {what}", line=line)) from None
    except yaml.YAMLError as err:
        raise InputError(Problem(name, f"YAML error: {printable(str(err).splitlines()[0])}")) from None
    finally:
        loader.dispose()


def _scalar(event: Any, name: str, stack: list[list[Any]]) -> Any:
    value = event.value
    tag = event.tag
    if tag is not None and tag not in _PLAIN_TAGS:
        raise InputError(
            Problem(name, f"tag {printable(tag)} is not allowed (plain YAML only)", _field(stack), event.start_mark.line + 1)
        )
    if not event.implicit[0]:  # quoted, or explicitly tagged
        wanted = _PLAIN_TAGS.get(tag, str) if tag else str
        if wanted is str:
            return value
        return _resolve_plain(value, event, name, wanted, stack)
    return _resolve_plain(value, event, name, None, stack)


def _field(stack: list[list[Any]]) -> str:
    """Where the parser is, as a field path like `ratings.project-delivery` or `sources[0]`."""
    parts = ""
    for container, key, *_ in stack:
        if type(container) is list:
            parts += f"[{len(container)}]"
        elif key is not _NO_KEY:
            parts = f"{parts}.{printable(key)}" if parts else printable(key)
    return parts or "(top level)"


def _resolve_plain(value: str, event: Any, name: str, wanted: type | None, stack: list[list[Any]]) -> Any:
    if value in _NULLS:
        result: Any = None
    elif value in _TRUE:
        result = True
    elif value in _FALSE:
        result = False
    elif _INT.match(value):
        if len(value) > _MAX_DIGITS:  # int() refuses (and would be slow on) thousands of digits
            raise InputError(
                Problem(name, f"number with {len(value)} digits is too long", _field(stack), event.start_mark.line + 1)
            )
        result = int(value)
    elif _FLOAT.match(value):
        result = float(value.replace(".", "", 1) if value[-1].isalpha() else value)  # YAML .inf / .nan
    else:
        result = value
    if wanted is not None and type(result) is not wanted:
        raise InputError(
            Problem(name, f"'{printable(value)}' is not a valid {wanted.__name__}", _field(stack), event.start_mark.line + 1)
        )
    return result


_NO_KEY = object()


def _build(loader: Any, name: str) -> Document:
    """Turn parser events into dicts, lists and scalars, iteratively."""
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    lines: dict[int, dict[Any, int]] = {}
    anchors: dict[str, tuple[Any, int]] = {}
    # Each open container: [container, pending key, anchor, node count at start]
    stack: list[list[Any]] = []
    root: Any = _NO_KEY
    nodes = 0
    documents = 0

    while True:
        event = loader.get_event()
        if event is None:
            break
        kind = type(event)
        if kind is ScalarEvent:
            value = _scalar(event, name, stack)  # the field path is worked out only for an error
            size = 1
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise InputError(
                    Problem(name, f"nesting deeper than {MAX_DEPTH} levels", _field(stack[:3]) + "…", event.start_mark.line + 1)
                )
            tag = event.tag
            if tag is not None and tag not in _PLAIN_TAGS:
                raise InputError(
                    Problem(
                        name, f"tag {printable(tag)} is not allowed (plain YAML only)", _field(stack), event.start_mark.line + 1
                    )
                )
            container: Any = {} if kind is MappingStartEvent else []
            lines[id(container)] = {None: event.start_mark.line + 1}
            stack.append([container, _NO_KEY, event.anchor, nodes])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value, _key, anchor, start = stack.pop()
            size = 1
            if anchor is not None:
                anchors[anchor] = (value, nodes - start + 1)
        elif kind is AliasEvent:
            if event.anchor not in anchors:
                raise InputError(
                    Problem(name, f"unknown alias *{printable(event.anchor)}", _field(stack), event.start_mark.line + 1)
                )
            value, size = anchors[event.anchor]
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise InputError(Problem(name, "more than one YAML document (---) in the file", line=event.start_mark.line + 1))
            continue
        elif kind is StreamEndEvent:
            break
        else:
            continue

        nodes += size
        if nodes > MAX_NODES:
            raise InputError(
                Problem(name, f"more than {MAX_NODES} values (too many aliases?)", _field(stack), event.start_mark.line + 1)
            )
        if kind is ScalarEvent and event.anchor is not None:
            anchors[event.anchor] = (value, 1)

        if not stack:
            root = value
            continue
        top = stack[-1]
        parent = top[0]
        line = event.start_mark.line + 1
        if type(parent) is list:
            lines[id(parent)][len(parent)] = line
            parent.append(value)
        elif top[1] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise InputError(Problem(name, "a key must be a plain value, not a mapping or list", line=line))
            if value in parent:
                raise InputError(
                    Problem(
                        name,
                        f"duplicate key '{printable(value)}' (first on line {lines[id(parent)][value]}); "
                        "YAML would silently keep only the last",
                        line=line,
                    )
                )
            top[1] = value
            lines[id(parent)][value] = line
        else:
            parent[top[1]] = value
            top[1] = _NO_KEY
    if root is _NO_KEY:
        root = None
    return Document(name, root, lines)
