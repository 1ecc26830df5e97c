"""Survey exports as a team: one row a person, read with the same checks as a profile file.

A header with `name`, optional `current_role`, `target_role`, `assessed_on`,
then one column a competency, by id or by name (any case). UTF-8 with or
without a byte-order mark, `,` or `;` between cells, a blank cell is
unrated. A problem in a row is `FILE:ROW: field: message` and leaves that row
out; a problem with the file itself (no `name` column, a column named twice,
an unknown competency, too big, not UTF-8) leaves the file out.
"""

from __future__ import annotations

import csv
import io
import re

from ..domain.model import Framework, Profile
from ..errors import InputError, Problem, did_you_mean
from .profile import profile_from_document
from .yamldoc import MAX_BYTES, Document

PERSON_COLUMNS = ("name", "current_role", "target_role", "assessed_on", "years_experience")
_WHOLE = re.compile(r"[-+]?\d+\Z")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)\Z")


def read_bytes(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise InputError(Problem(path, f"cannot read: {err.strerror or err}")) from None
    if len(raw) > MAX_BYTES:
        raise InputError(Problem(path, f"file is larger than the 1 MiB limit ({MAX_BYTES:,} bytes)"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            Problem(path, f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); export the survey as CSV UTF-8")
        ) from None


def _columns(path: str, header: list[str], framework: Framework) -> list[str]:
    """Each header cell as a profile key or competency id; a file-level InputError for what cannot be read."""
    by_name = {c.name.casefold(): c.id for c in framework.competencies.values()}
    by_id = {c.casefold(): c for c in framework.competencies}
    known = [*PERSON_COLUMNS, *framework.competencies, *(c.name for c in framework.competencies.values())]
    columns: list[str] = []
    for cell in header:
        label = cell.strip()
        key = label.casefold()
        column = key if key in PERSON_COLUMNS else by_id.get(key) or by_name.get(key)
        if column is None:
            raise InputError(
                Problem(
                    path,
                    f"column '{label}' is no competency id or name{did_you_mean(label, known)}",
                    label or "(blank header)",
                    1,
                )
            )
        if column in columns:
            raise InputError(Problem(path, f"column '{label}' repeats '{header[columns.index(column)].strip()}'", column, 1))
        columns.append(column)
    if "name" not in columns:
        raise InputError(Problem(path, "the header needs a 'name' column (one row a person)", "name", 1))
    return columns


def _value(column: str, cell: str) -> object:
    text = cell.strip()
    if column in PERSON_COLUMNS:
        if column == "years_experience" and _NUMBER.match(text):
            return float(text)
        return text
    return int(text) if _WHOLE.match(text) else text  # a rating; anything else is reported by the profile checks


def read_csv_team(path: str, framework: Framework) -> tuple[list[tuple[str, Profile]], list[InputError]]:
    """The people of one CSV file, each checked as a profile; failures name the file and row."""
    text = read_bytes(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise InputError(Problem(path, "file is empty; expected a header row and one row a person"))
    columns = _columns(path, rows[0], framework)
    people, failures = [], []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) != len(columns):
            failures.append(
                InputError(Problem(path, f"has {len(row)} cells, the header {len(columns)}; row left out", line=number))
            )
            continue
        data: dict = {"ratings": {}}
        for column, cell in zip(columns, row, strict=True):
            if not cell.strip():
                continue  # blank: unrated, or not given
            if column in PERSON_COLUMNS:
                data[column] = _value(column, cell)
            else:
                data["ratings"][column] = _value(column, cell)
        lines = {
            id(data): {None: number, **dict.fromkeys(data, number)},
            id(data["ratings"]): {None: number, **dict.fromkeys(data["ratings"], number)},
        }
        try:
            people.append((f"{path}:{number}", profile_from_document(Document(path, data, lines), framework)))
        except InputError as err:
            failures.append(err)
    if not people and not failures:
        raise InputError(Problem(path, "has a header but no rows; expected one row a person below it"))
    return people, failures
