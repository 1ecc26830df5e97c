"""Survey exports as a team: one row a person, read with the same checks as a profile file.

A CSV file (UTF-8 with or without a byte-order mark, `,` `;` or tab between
cells, quoted cells over several lines) or an `.xlsx` workbook's first sheet
(`reading.workbook`), as Google Forms and Microsoft Forms export them.
`reading.survey` says what each header is (a person field, a competency by
id, name or question title, a timestamp, a column to ignore) and reads each
cell; a blank, `N/A` or `Not sure` answer is unrated. A problem in a row is
`FILE:ROW: column: message` and leaves that row out; a problem with the file
itself (no name column, headers that cannot be placed, too big, not UTF-8)
leaves the file out.
"""

from __future__ import annotations

import csv
import io

from ..domain.model import Framework, Profile
from ..errors import InputError, Problem
from .profile import profile_from_document
from .survey import SURVEY_MAX_BYTES, Notice, date_order, parse_date, plan_columns, shown
from .yamldoc import Document

MAX_BYTES = SURVEY_MAX_BYTES  # a whole team's export (a real 20,000-row one is far below); one profile is held to 1 MiB


def capped_bytes(path: str, limit: int) -> bytes:
    """The file's bytes, refused in one line when it cannot be read or holds more than `limit` (whole MiB)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as err:
        raise InputError(Problem(path, f"cannot read: {err.strerror or err}")) from None
    if len(raw) > limit:
        raise InputError(Problem(path, f"file is larger than the {limit // 2**20} MiB limit ({limit:,} bytes)"))
    return raw


def read_bytes(path: str) -> str:
    raw = capped_bytes(path, MAX_BYTES)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            Problem(path, f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); export the survey as CSV UTF-8")
        ) from None


def delimiter_of(text: str) -> str:
    """`,`, `;` (Microsoft Forms and Excel in much of Europe) or a tab: whichever the header row holds most of, outside quotes."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
        elif not quoted and char in "\r\n":
            break
    return max(counts, key=lambda delimiter: (counts[delimiter], delimiter == ","))


def read_csv_team(
    path: str, framework: Framework, mapping: dict[str, str] | None = None
) -> tuple[list[tuple[str, Profile]], list[InputError]]:
    """The people of one survey export (CSV or .xlsx), each checked as a profile; failures name the file and row.

    `mapping` is `--columns`: header -> competency id, person field or 'ignore'. What the reader did
    that is no failure (columns left out, which name column was used) comes back as `Notice`s."""
    bad_rows: dict[int, Problem] = {}
    if path.lower().endswith(".xlsx"):
        from .workbook import read_workbook

        sheet, bad_rows = read_workbook(path, MAX_BYTES)

        def records():
            return iter(sheet)
    else:
        text = read_bytes(path)
        delimiter = delimiter_of(text)

        def records():  # rows as they are parsed: a large export is never held twice
            return _csv_rows(path, text, delimiter, bad_rows)

    rows = records()
    header = next(rows, None)
    if header is None:
        raise InputError(Problem(path, "file is empty; expected a header row and one row a person"))
    if 1 in bad_rows:
        why = bad_rows[1].message.removesuffix(ROW_LEFT_OUT)
        raise InputError(Problem(path, f"the header row: {why}; the file is left out", line=1))
    plan = plan_columns(path, header, framework, mapping)
    width = len(header)
    stamp = plan.timestamp or next((column for column in plan.columns if column.target == "assessed_on"), None)
    order = "md"  # month first, both tools' default, unless the column's own dates say day first (a pass over the column)
    if stamp is not None:
        order = date_order(row[stamp.index] for row in _after_header(records()) if stamp.index < len(row)) or order
    undated: list[tuple[int, str]] = []
    people: list[tuple[str, Profile]] = []
    failures: list[InputError] = [Notice(Problem(path, note)) for note in plan.notes]
    for number, row in enumerate(rows, 2):
        if number in bad_rows:
            failures.append(InputError(bad_rows[number]))
            continue
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) < width and path.lower().endswith(".xlsx"):
            row = row + [""] * (width - len(row))  # a workbook keeps no trailing blank cells
        if len(row) != width:
            failures.append(InputError(Problem(path, f"has {len(row)} cells, the header {width}; row left out", line=number)))
            continue
        data: dict = {"ratings": {}}
        problems = []
        for column in plan.columns:
            try:
                value = column.read(row[column.index])
            except ValueError as err:
                problems.append(Problem(path, str(err), shown(column.header), number))
                continue
            if value is None:
                continue  # blank: unrated, or not given
            if column.person:
                data[column.target] = value
            else:
                data["ratings"][column.target] = value
        if problems:
            failures.append(InputError(problems))
            continue
        if stamp is not None and stamp.index < len(row) and row[stamp.index].strip():
            day = parse_date(row[stamp.index], order)
            if day is not None:
                data["assessed_on"] = day.isoformat()
            elif plan.timestamp is not None:
                undated.append((number, row[stamp.index]))  # kept, without a date; named once below
        lines = {
            id(data): {None: number, **dict.fromkeys(data, number)},
            id(data["ratings"]): {None: number, **dict.fromkeys(data["ratings"], number)},
        }
        try:
            people.append((f"{path}:{number}", profile_from_document(Document(path, data, lines), framework)))
        except InputError as err:
            failures.append(err)
    if undated:
        (first, cell), count = undated[0], len(undated)
        failures.append(
            InputError(
                Problem(
                    path,
                    f"{count} date{'s' if count != 1 else ''} in a format pmo-path does not know (first '{shown(cell)}', "
                    f"row {first}); {'those rows are' if count != 1 else 'that row is'} read without assessed_on",
                    shown(plan.timestamp.header),
                )
            )
        )
    if not people and not [failure for failure in failures if not isinstance(failure, Notice)]:
        raise InputError(Problem(path, "has a header but no rows; expected one row a person below it"))
    return people, failures


ROW_LEFT_OUT = "; row left out"


def _csv_rows(path: str, text: str, delimiter: str, bad_rows: dict[int, Problem]):
    """Rows as they are parsed. One the csv module cannot read (a cell over its 131,072-character limit) comes
    through empty and is named in `bad_rows` (`FILE:ROW: ...; row left out`): the rows after it are still read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            limit = csv.field_size_limit()
            why = f"a cell is longer than {limit:,} characters" if "field limit" in str(err) else f"cannot be read as CSV ({err})"
            bad_rows[number] = Problem(path, f"{why}{ROW_LEFT_OUT}", line=number)
            row = []
        yield row


def _after_header(rows):
    next(rows, None)
    return rows
