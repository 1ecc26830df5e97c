"""Field-by-field checks over a parsed Document that collect every problem.

Shared by the framework and profile loaders so both report the same way:
`file:line: field: message`, with did-you-mean for near-miss keys and ids.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError, Problem, did_you_mean
from .yamldoc import Document, printable

_TYPE_NAMES = {
    bool: "a boolean",
    int: "an integer",
    float: "a decimal number",
    str: "text",
    list: "a list",
    dict: "a mapping",
    type(None): "empty",
}


def describe(value: Any) -> str:
    """How a wrong value reads in an error: its type and, if short, itself."""
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list)) or value is None:
        return kind
    if isinstance(value, str):
        shown = repr(value if len(value) <= 40 else value[:37]) + ("…" if len(value) > 40 else "")
    else:
        shown = str(value).lower() if isinstance(value, bool) else str(value)[:40]
    return f"{kind} ({printable(shown)})"


def join(field: str, key: Any) -> str:
    return f"{field}.{printable(key)}" if field else printable(key)


def one_of(choices: Any, otherwise: str) -> str:
    """A short closed set of ids spelled out ("manager, peer, report or other"), else `otherwise`."""
    names = [printable(choice) for choice in choices]
    if not 1 < len(names) <= 8:
        return otherwise
    return f"{', '.join(names[:-1])} or {names[-1]}"


class Checker:
    """Validates one Document; problems accumulate instead of raising."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, message: str, field: str, container: Any = None, key: Any = None) -> None:
        one_line = " ".join(message.splitlines())
        self.problems.append(self.doc.problem(one_line, field, container, key))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    def root(self) -> dict | None:
        data = self.doc.data
        if data is None:
            self.problems.append(Problem(self.doc.name, "file is empty; expected a mapping of keys"))
            return None
        if not isinstance(data, dict):
            self.problems.append(
                Problem(self.doc.name, f"top level must be a mapping of keys, found {describe(data)}", line=self.doc.line(data))
            )
            return None
        return data

    def keys(self, mapping: dict, field: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> None:
        for key in mapping:
            if key not in allowed:
                self.add(f"unknown key '{printable(key)}'{did_you_mean(key, allowed)}", join(field, key), mapping, key)
        for key in required:
            if key not in mapping:
                self.add(f"missing required key '{key}'", join(field, key), mapping)

    def typed(self, mapping: dict, key: str, field: str, kind: type | tuple[type, ...], what: str) -> Any:
        """The value if it has the right type (bool is never an int); else None."""
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, kind) and not (isinstance(value, bool) and kind in (int, (int, float))):
            return value
        self.add(f"must be {what}, found {describe(value)}", join(field, key), mapping, key)
        return None

    def text(self, mapping: dict, key: str, field: str) -> str | None:
        value = self.typed(mapping, key, field, str, "text")
        if value is not None and not value.strip():
            self.add("must not be empty", join(field, key), mapping, key)
            return None
        return value

    def integer(self, mapping: dict, key: str, field: str, low: int, high: int | None = None) -> int | None:
        value = mapping.get(key)
        if isinstance(value, float) and not value.is_integer():  # also .inf and .nan
            self.add(f"must be a whole number, found {describe(value)}", join(field, key), mapping, key)
            return None
        value = self.typed(mapping, key, field, int, "a whole number")
        if value is None:
            return None
        if value < low or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"{low} or more"
            self.add(f"must be {span}, found {value}", join(field, key), mapping, key)
            return None
        return value

    def mapping(self, mapping: dict, key: str, field: str) -> dict | None:
        return self.typed(mapping, key, field, dict, "a mapping")

    def reference(self, value: Any, field: str, known: dict | tuple, kind: str, container: Any, key: Any) -> bool:
        if isinstance(value, str) and value in known:
            return True
        if not isinstance(value, str):
            self.add(f"must be {one_of(known, f'a {kind} id')}, found {describe(value)}", field, container, key)
        else:
            self.add(f"unknown {kind} '{printable(value)}'{did_you_mean(value, known)}", field, container, key)
        return False

    def id_list(self, mapping: dict, key: str, field: str, known: dict | tuple, kind: str, minimum: int = 0) -> list[str]:
        """A list of known ids (a single id is accepted as a list of one)."""
        if key not in mapping:
            return []
        value = mapping[key]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.add(f"must be a list of {kind} ids, found {describe(value)}", join(field, key), mapping, key)
            return []
        good: list[str] = []
        for index, item in enumerate(items):
            where = (items, index) if items is value else (mapping, key)
            if self.reference(item, f"{join(field, key)}[{index}]", known, kind, *where):
                if item in good:
                    self.add(f"'{item}' is listed twice", f"{join(field, key)}[{index}]", *where)
                else:
                    good.append(item)
        if len(good) < minimum and len(items) == len(good):
            self.add(f"needs at least {minimum} {kind} id{'s' if minimum > 1 else ''}", join(field, key), mapping, key)
        return good
