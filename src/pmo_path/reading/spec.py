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

from .checks import Checker, describe, join
from .yamldoc import Document

Choices = Callable[[Mapping[str, Any]], Any]  # context -> the ids a reference may name


class Value:
    """A value type: how to check it, its JSON Schema, and how docs name it."""

    name = "value"

    def read(self, check: Checker, mapping: dict, key: Any, where: str, context: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def schema(self, context: Mapping[str, Any]) -> dict:
        raise NotImplementedError


class Text(Value):
    name = "text"

    def read(self, check, mapping, key, where, context):
        return check.text(mapping, key, where)

    def schema(self, context):
        return {"type": "string", "minLength": 1}


@dataclass(frozen=True)
class Integer(Value):
    low: int
    high: int

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"whole number {self.low}-{self.high}"

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

    def read(self, check, mapping, key, where, context):
        value = mapping.get(key)
        if not check.reference(value, join(where, key), context[self.kind], self.kind, mapping, key):
            return None
        return sys.intern(value)  # one string for an id however many files name it

    def schema(self, context):
        return {"type": "string", "enum": sorted(context[self.kind])} if self.kind in context else {"type": "string"}


@dataclass(frozen=True)
class RefList(Value):
    """A list of ids of one or more kinds (a single id is accepted as a list of one)."""

    kinds: tuple[str, ...]
    minimum: int = 0

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"list of {' or '.join(self.kinds)} ids"

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

        A key given as blank (`name:`) counts as absent. Problems go to `check`.
        """
        check.keys(mapping, where, self._keys, self._required)  # type: ignore[attr-defined]
        values: dict[str, Any] = dict(self.defaults)
        for spec_field in self.fields:
            if mapping.get(spec_field.key) is None:
                continue
            value = spec_field.value.read(check, mapping, spec_field.key, where, context)
            if value is not None:
                values[spec_field.attribute or spec_field.key] = value
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
