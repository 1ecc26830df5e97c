"""One declaration per kind of file entry, and everything derived from it.

A `Spec` lists the `Field`s of a mapping: each field's key, its value type,
whether it is required, and a line of documentation. From that one
declaration come:

- the checks (`Spec.read`): unknown keys with did-you-mean, missing required
  keys, each value checked by its type, every problem at once, with
  `FILE:LINE: field: message`;
- the JSON Schema (`Spec.json_schema`) that `pmo-path schema` prints and
  editors use to complete and check files as people type;
- the field tables in docs/own-framework.md (`Spec.doc_rows`).

Adding a field to a file kind is one `Field(...)` line where its spec is
declared, plus the dataclass attribute it fills.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain.model import fold
from .checks import Checker, describe, join, one_of
from .yamldoc import Document

Choices = Callable[[Mapping[str, Any]], Any]  # context -> the ids a reference may name


class Value:
    """A value type: how to check it, its JSON Schema, and how docs name it."""

    name = "value"

    def read(self, check: Checker, mapping: dict, key: Any, where: str, context: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def schema(self, context: Mapping[str, Any]) -> dict:
        raise NotImplementedError

    def expected(self, context: Mapping[str, Any]) -> str:
        """What to write instead of a blank, as an error says it."""
        return self.name


# Not blank: something besides spaces (patternErrorMessage is what VS Code shows instead of the pattern).
TEXT_SCHEMA = {"type": "string", "minLength": 1, "pattern": r"\S", "patternErrorMessage": "must not be blank"}


class Text(Value):
    name = "text"

    def expected(self, context):
        return ""

    def read(self, check, mapping, key, where, context):
        return check.text(mapping, key, where)

    def schema(self, context):
        return dict(TEXT_SCHEMA)


@dataclass(frozen=True)
class Integer(Value):
    low: int
    high: int

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"whole number {self.low}-{self.high}"

    def expected(self, context):
        return f"a whole number from {self.low} to {self.high}"

    def read(self, check, mapping, key, where, context):
        return check.integer(mapping, key, where, self.low, self.high)

    def schema(self, context):
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


@dataclass(frozen=True)
class Number(Value):
    low: float
    high: float
    what: str = "a number"

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"number {self.low:g}-{self.high:g}"

    def expected(self, context):
        return f"a number from {self.low:g} to {self.high:g}"

    def read(self, check, mapping, key, where, context):
        value = check.typed(mapping, key, where, (int, float), self.what)
        if value is not None and not self.low <= value <= self.high:  # also refuses .nan and .inf
            check.add(f"must be from {self.low:g} to {self.high:g}, found {value}", join(where, key), mapping, key)
            return None
        return value

    def schema(self, context):
        return {"type": "number", "minimum": self.low, "maximum": self.high}


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def iso_day(text: str) -> date | None:
    """A calendar date written YYYY-MM-DD, or None: ISO's other forms (2026W011, 20261130) are refused."""
    if not _DAY.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2026-02-30
        return None


class Day(Value):
    name = "date (YYYY-MM-DD)"

    def expected(self, context):
        return "a date like 2026-11-20"

    def read(self, check, mapping, key, where, context):
        value = mapping.get(key)
        if isinstance(value, str) and (day := iso_day(value)) is not None:
            return day
        check.add(f"must be a date like 2026-11-20, found {describe(value)}", join(where, key), mapping, key)
        return None

    def schema(self, context):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass(frozen=True)
class Ref(Value):
    """One id of a kind the context knows (a role, a track, a source...)."""

    kind: str

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"{self.kind} id"

    def expected(self, context):
        return one_of(context[self.kind], f"a {self.kind} id")

    def read(self, check, mapping, key, where, context):
        value = mapping.get(key)
        names = context.get(f"{self.kind} names")  # other ways to name one: a role by its title, in any case
        if names is not None and isinstance(value, str) and value not in context[self.kind]:
            found = names.get(fold(value))
            if found is not None:
                return found.id
        if not check.reference(value, join(where, key), context[self.kind], self.kind, mapping, key):
            return None
        return sys.intern(value)  # one string for an id however many files name it

    def schema(self, context):
        if self.kind not in context:
            return {"type": "string"}
        names = context.get(f"{self.kind} names", {})
        return {
            "type": "string",
            "enum": [*sorted(context[self.kind]), *sorted({n.title for n in names.values()} - set(context[self.kind]))],
        }


@dataclass(frozen=True)
class RefList(Value):
    """A list of ids of one or more kinds (a single id is accepted as a list of one)."""

    kinds: tuple[str, ...]
    minimum: int = 0

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"list of {' or '.join(self.kinds)} ids"

    def expected(self, context):
        return f"a list of {' or '.join(self.kinds)} ids, like [{next(iter(context[self.kinds[0]]), 'id')}]"

    def read(self, check, mapping, key, where, context):
        known: dict = {}
        for kind in self.kinds:
            known.update(dict.fromkeys(context[kind]))
        return tuple(check.id_list(mapping, key, where, known, " or ".join(self.kinds), self.minimum))

    def schema(self, context):
        ids = sorted({i for kind in self.kinds if kind in context for i in context[kind]})
        item = {"type": "string", "enum": ids} if ids else {"type": "string"}
        return {"oneOf": [item, {"type": "array", "items": item, "minItems": self.minimum, "uniqueItems": True}]}


@dataclass(frozen=True)
class Custom(Value):
    """A value with a reading of its own (ratings, requirements, level descriptors)."""

    label: str
    reader: Callable[[Checker, dict, Any, str, Mapping[str, Any]], Any]
    json: Callable[[Mapping[str, Any]], dict]
    example: str = ""  # what to write instead of a blank, for the error

    def expected(self, context):
        return self.example

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.label

    def read(self, check, mapping, key, where, context):
        return self.reader(check, mapping, key, where, context)

    def schema(self, context):
        return self.json(context)


@dataclass(frozen=True)
class Field:
    key: str
    value: Value
    doc: str
    required: bool = False
    attribute: str = ""  # the dataclass attribute it fills, when not `key`


@dataclass(frozen=True)
class Spec:
    """The fields of one kind of mapping: a profile, a review, a role entry, a recommendation entry..."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    defaults: dict[str, Any] = field(default_factory=dict)  # values of optional fields left out

    def __post_init__(self) -> None:  # worked out once: a team run reads each spec tens of thousands of times
        object.__setattr__(self, "_keys", tuple(f.key for f in self.fields))
        object.__setattr__(self, "_required", tuple(f.key for f in self.fields if f.required))

    def keys(self) -> tuple[str, ...]:
        return self._keys  # type: ignore[attr-defined]

    def required(self) -> tuple[str, ...]:
        return self._required  # type: ignore[attr-defined]

    def read(self, check: Checker, mapping: dict, where: str, context: Mapping[str, Any]) -> dict[str, Any]:
        """Check `mapping` against the spec; return attribute -> value for the fields given and sound.

        An optional key given as blank (`name:`) counts as absent; a required one is a problem.
        Every required field either yields a value or adds a problem, so what a caller builds
        from a reading without problems has all its required fields. Problems go to `check`.
        """
        check.keys(mapping, where, self._keys, self._required)  # type: ignore[attr-defined]
        values: dict[str, Any] = dict(self.defaults)
        for spec_field in self.fields:
            key = spec_field.key
            if mapping.get(key) is None:
                if spec_field.required and key in mapping:
                    check.add(
                        "must not be empty" + (f"; give {hint}" if (hint := spec_field.value.expected(context)) else ""),
                        join(where, key),
                        mapping,
                        key,
                    )
                continue
            before = len(check.problems)
            value = spec_field.value.read(check, mapping, key, where, context)
            if value is not None:
                values[spec_field.attribute or key] = value
            elif spec_field.required and len(check.problems) == before:  # a reader that refused without saying why
                check.add(f"must be {spec_field.value.name}, found {describe(mapping[key])}", join(where, key), mapping, key)
        return values

    def json_schema(self, context: Mapping[str, Any], title: str | None = None) -> dict:
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {f.key: self._property(f, context) for f in self.fields},
            "additionalProperties": False,
        }
        if title:
            schema = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": title,
                "description": self.doc,
                **schema,
            }
        if self.required():
            schema["required"] = list(self.required())
        return schema

    @staticmethod
    def _property(spec_field: Field, context: Mapping[str, Any]) -> dict:
        value = spec_field.value.schema(context)
        if not spec_field.required:  # a blank optional field (`name:`) reads as left out
            value = {"anyOf": [value, {"type": "null"}]}
        return {**value, "description": spec_field.doc}

    def read_file(self, doc: Document, context: Mapping[str, Any]) -> dict[str, Any]:
        """A whole file of this kind: its top level must be a mapping; raise InputError with every problem."""
        check = Checker(doc)
        root = check.root()
        if root is None:
            check.raise_if_any()
        values = self.read(check, root, "", context)
        check.raise_if_any()
        return values

    def doc_rows(self) -> list[str]:
        """The spec as a Markdown table: field, type, required, what it means."""
        rows = ["| field | type | required | what it means |", "| --- | --- | --- | --- |"]
        rows += [f"| `{f.key}` | {f.value.name} | {'yes' if f.required else 'no'} | {f.doc} |" for f in self.fields]
        return rows
