"""The role-by-competency matrix organisations keep in a spreadsheet, read as the parts of a framework.

The layout (docs/own-framework.md shows one):

- a header row: column A names the competency column (any text); a cell
  `Group`, `Category` or `Area` marks the optional group column; every other
  cell is a role's title, the roles from the most junior column to the most
  senior;
- optional rows whose first cell is `track`, `seniority`, `grade` or `scale`
  (one cell a role; the scale row lists the level names, lowest first);
- one row a competency: its name, its group (a blank group cell continues
  the group above, as a merged cell exports), and in each role's column the
  level the role needs: a number, a level name, or blank, `0` or `-` for
  "not needed".

A CSV file (UTF-8 with or without a byte-order mark, `,` `;` or tab between
cells) or an `.xlsx` workbook's first sheet (`reading.workbook`). Rows and
columns count as the spreadsheet shows them, so every problem is named by
its cell, `matrix.csv:B7`, and all of them are reported at once; a matrix
with any problem gives no framework.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass

from ..domain.model import MIN_COMPETENCIES
from ..errors import InputError, Problem, UsageProblem

MAX_BYTES = 1024 * 1024  # as every framework file
MIN_LEVELS, MAX_LEVELS = 2, 7
MAX_SENIORITY = 20
GROUP_HEADERS = ("group", "category", "area")
ROW_KINDS = ("track", "seniority", "grade", "scale")
NOT_NEEDED = frozenset(("", "0", "-", "–", "—", "n/a", "na"))
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OTHER_SPREADSHEETS = (".xls", ".ods", ".numbers")
ZIP_MAGIC = b"PK\x03\x04"
ONE_TRACK = ("all-roles", "All roles")
SOURCE_ID = "role-matrix"
_WHOLE = re.compile(r"[0-9]+(?:\.0+)?\Z")
_NUMBER = re.compile(r"[-+]?[0-9]*[.,]?[0-9]+\Z")


@dataclass(frozen=True, slots=True)
class MatrixCompetency:
    id: str
    name: str
    group: str | None  # a group id, or None when the matrix has no group column


@dataclass(frozen=True, slots=True)
class MatrixRole:
    id: str
    title: str
    track: str  # a track id
    seniority: int
    grade: str | None
    requirements: tuple[tuple[str, int], ...]  # (competency id, level 1..N), in the matrix's row order
    next: tuple[str, ...]  # the roles one step up the same track


@dataclass(frozen=True, slots=True)
class Matrix:
    """What a matrix says, ready to write as roles.yaml (`render.framework_yaml`)."""

    file: str  # the matrix's file name, for the source every role cites
    scale: tuple[str, ...]  # the names of levels 1..N
    named: bool  # whether the scale's names came from the person (--scale, a scale row) rather than "Level N"
    groups: dict[str, str]  # id -> name (empty: no group column)
    tracks: dict[str, str]  # id -> name
    competencies: tuple[MatrixCompetency, ...]
    roles: tuple[MatrixRole, ...]
    notes: tuple[str, ...]  # what the reader did that is no problem: the sheet it read, the scale it made

    @property
    def source_title(self) -> str:
        return f"Role matrix ({self.file})"


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def slug(text: str) -> str:
    """An id made from a name: lower case, accents dropped, every run of other characters one `-`."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", "-", plain.casefold()).strip("-")


def unique_id(name: str, taken: set[str], fallback: str) -> str:
    """`slug(name)`, or `fallback` when nothing of the name is left, with `-2`, `-3` ... until it is free."""
    base = slug(name) or fallback
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    taken.add(ident)
    return ident


def _key(text: str) -> str:
    """Two titles or level names are the same when they differ only in case and spacing."""
    return " ".join(text.split()).casefold()


def parse_scale(text: str, where: str = "--scale") -> tuple[str, ...]:
    """The level names of `--scale "Aware,Practised,Competent"`, lowest first; a UsageProblem if they cannot be a scale."""
    names = tuple(name.strip() for name in text.split(","))
    problem = _scale_problem(names)
    if problem:
        raise UsageProblem(f"{where}: {problem}")
    return names


def _scale_problem(names: tuple[str, ...]) -> str | None:
    if any(not name for name in names):
        return "a level name is blank; list the names lowest first, separated by commas"
    if not MIN_LEVELS <= len(names) <= MAX_LEVELS:
        count = f"{len(names)} level{'s' if len(names) != 1 else ''}"
        return f"{count} given; a scale has {MIN_LEVELS} to {MAX_LEVELS} (0, 'not yet', is implied)"
    seen: set[str] = set()
    for name in names:
        if _key(name) in seen:
            return f"level name '{name}' is given twice"
        seen.add(_key(name))
        if _key(name) in NOT_NEEDED or _key(name) == "not yet":
            return f"level name '{name}' means level 0 (not needed, not yet), which is implied; name the levels from 1"
        if _NUMBER.match(name):
            return f"level name '{name}' is a number; name the levels (the numbers 1 to {len(names)} come from their order)"
    return None


def read_matrix(path: str, scale: tuple[str, ...] | None = None) -> Matrix:
    """The matrix at `path` (CSV or .xlsx) as a framework's parts, or an InputError naming every bad cell."""
    rows, merged, formulas, notes = _read_rows(path)
    return _Reader(path, rows, merged, formulas, list(notes)).read(scale)


def _read_rows(path: str) -> tuple[list[list[str]], list, list, list[str]]:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in WORKBOOK_SUFFIXES:
        from .workbook import read_sheet

        sheet = read_sheet(path, MAX_BYTES)
        notes = []
        if len(sheet.names) > 1:
            others = ", ".join(f"'{name}'" for name in sheet.names[1:])
            notes.append(f"{path}: {len(sheet.names)} sheets; read the first, '{sheet.names[0]}' (left out: {others})")
        return sheet.rows, sheet.merged, sheet.formulas, notes
    if suffix in OTHER_SPREADSHEETS:
        raise InputError(Problem(path, f"a {suffix} spreadsheet cannot be read; save it as .xlsx or as CSV UTF-8"))
    from .csv_team import capped_bytes
    from .workbook import OLE_MAGIC

    raw = capped_bytes(path, MAX_BYTES)

    if raw.startswith(ZIP_MAGIC):
        raise InputError(Problem(path, "is a workbook (.xlsx, a zip file), not CSV text; name it .xlsx, or export CSV UTF-8"))
    if raw.startswith(OLE_MAGIC):
        raise InputError(Problem(path, "is an Excel file (.xls, or password-protected), not CSV text; export CSV UTF-8"))
    if b"\x00" in raw:
        raise InputError(Problem(path, "binary file, not CSV text; export the matrix as CSV UTF-8"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        message = f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); export the matrix as CSV UTF-8"
        raise InputError(Problem(path, message)) from None
    from .csv_team import delimiter_of

    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))]
    except csv.Error as err:
        raise InputError(Problem(path, f"not CSV that can be read ({err})")) from None
    for row in rows:  # a spreadsheet exports its used width on every row: trailing blank cells are no columns
        while row and not row[-1].strip():
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows, [], [], []


class _Reader:
    """One pass over the rows, collecting every problem by cell."""

    def __init__(self, path: str, rows: list[list[str]], merged: list, formulas: list, notes: list[str]) -> None:
        self.path, self.rows, self.merged, self.formulas, self.notes = path, rows, merged, formulas, notes
        self.problems: list[tuple[int, int, Problem]] = []

    def add(self, column: int, row: int, message: str) -> None:
        self.problems.append((row, column, Problem(f"{self.path}:{column_letters(column)}{row}", message)))

    def add_whole(self, message: str) -> None:
        self.problems.append((0, -1, Problem(self.path, message)))

    def cell(self, row: list[str], column: int) -> str:
        return row[column].strip() if column < len(row) else ""

    def fail_if_any(self) -> None:
        if self.problems:
            raise InputError([problem for _, _, problem in sorted(self.problems, key=lambda found: found[:2])])

    def read(self, scale_option: tuple[str, ...] | None) -> Matrix:
        if not self.rows:
            raise InputError(Problem(self.path, "file is empty; expected a header row, then one row a competency"))
        from .survey import shown, survey_tool_column

        if (column := survey_tool_column(self.rows[0])) is not None:  # its emails and names are no level names
            raise InputError(
                Problem(
                    self.path,
                    f"this looks like a survey export (a '{shown(column)}' column), not a role matrix: "
                    "give it to pmo-path team or bench",
                )
            )
        group_column, role_columns = self._header()
        skipped = self._cells_that_cannot_be_read(group_column)
        special, competencies, cells = self._body(group_column, role_columns, skipped)
        scale, named = self._scale(scale_option, special, cells)
        levels = self._levels(cells, scale)
        rows = sum(  # every row meant as a competency, read or not
            1 for row in self.rows[1:] if any(cell.strip() for cell in row) and _key(self.cell(row, 0)) not in ROW_KINDS
        )
        if rows < MIN_COMPETENCIES:
            self.add_whole(
                f"{rows} competenc{'y' if rows == 1 else 'ies'}; a framework needs at least "
                f"{MIN_COMPETENCIES} (one row each, below the header)"
            )
        roles, tracks = self._roles(role_columns, special, competencies, levels)
        self.fail_if_any()
        unneeded = [f"A{row} '{name}'" for row, (_, name, _) in competencies.items() if not any(levels.get(row, {}).values())]
        if unneeded:
            self.notes.append(
                f"{self.path}: no role needs {', '.join(unneeded)}; kept as competencies people rate "
                "(delete a row that is only a heading)"
            )
        groups: dict[str, str] = {}
        group_ids: dict[str, str] = {}
        for _, _, group in competencies.values():
            if group is not None and _key(group) not in group_ids:
                group_ids[_key(group)] = unique_id(group, set(groups), "group")
                groups[group_ids[_key(group)]] = group
        return Matrix(
            file=os.path.basename(self.path),
            scale=scale,
            named=named,
            groups=groups,
            tracks=tracks,
            competencies=tuple(
                MatrixCompetency(ident, name, group_ids[_key(group)] if group is not None else None)
                for ident, name, group in competencies.values()
            ),
            roles=roles,
            notes=tuple(self.notes),
        )

    def _header(self) -> tuple[int | None, dict[int, str]]:
        header = self.rows[0]
        width = max(len(row) for row in self.rows)
        group_column: int | None = None
        roles: dict[int, str] = {}
        first_of: dict[str, int] = {}
        for column in range(1, width):
            title = self.cell(header, column)
            if _key(title) in GROUP_HEADERS:
                if group_column is None:
                    group_column = column
                    continue
                self.add(column, 1, f"a second group column (the first is {column_letters(group_column)}); keep one")
                continue
            if not title:
                if any(self.cell(row, column) for row in self.rows[1:]):
                    self.add(column, 1, "blank role header; give the role's title, or delete the column")
                continue
            if _key(title) in first_of:
                earlier = column_letters(first_of[_key(title)])
                self.add(column, 1, f"role '{title}' is also column {earlier}; give each role its own title")
                continue
            first_of[_key(title)] = column
            roles[column] = title
        if not roles and not self.problems:
            self.add(1, 1, "no role columns; after the competency column, one column a role, its title in this row")
        return group_column, roles

    def _cells_that_cannot_be_read(self, group_column: int | None) -> set[int]:
        """Rows with merged cells (but for a group spanning rows) or a formula with no saved value: named, then skipped."""
        skipped: set[int] = set()
        for first_column, first_row, last_column, last_row in self.merged:
            from .workbook import column_index

            start, end = column_index(first_column), column_index(last_column or first_column)
            if start == end == group_column and first_row > 1:
                continue  # one group over several rows: the blank cells below continue it
            ref = f"{first_column}{first_row}" + (f":{last_column}{last_row}" if last_column else "")
            self.add(start, first_row, f"merged cells ({ref}); unmerge them, one value a cell")
            skipped.update(range(first_row, (last_row or first_row) + 1))
        for column, number in self.formulas:
            from .workbook import column_index

            index = column_index(column)
            row = self.rows[number - 1] if number <= len(self.rows) else []
            if not self.cell(row, index):
                self.add(index, number, "a formula with no saved value; open and save the workbook in Excel")
                skipped.add(number)
        return skipped

    def _body(self, group_column: int | None, role_columns: dict[int, str], skipped: set[int]):
        special: dict[str, int] = {}
        competencies: dict[int, tuple[str, str, str | None]] = {}  # row -> (id, name, group name)
        cells: dict[int, dict[int, str]] = {}  # row -> role column -> the cell as written
        first_of: dict[str, int] = {}
        ids: set[str] = set()
        group: str | None = None
        for number, row in enumerate(self.rows[1:], 2):
            if number in skipped:  # named already; its group still continues below
                group = self.cell(row, group_column) or group if group_column is not None else group
                continue
            if not any(cell.strip() for cell in row):
                self.add(0, number, "blank row; delete it (one competency a row, no gaps)")
                continue
            first = self.cell(row, 0)
            kind = _key(first)
            if kind in ROW_KINDS:
                if kind in special:
                    self.add(0, number, f"a second '{first}' row (the first is row {special[kind]}); keep one")
                else:
                    special[kind] = number
                continue
            if not first:
                self.add(0, number, "no competency name; each row's first cell names its competency")
                continue
            if kind in first_of:
                self.add(0, number, f"competency '{first}' is also row {first_of[kind]}; give each its own name")
                continue
            first_of[kind] = number
            if group_column is not None:  # blank: the group above, or none before the first
                group = self.cell(row, group_column) or group
            competencies[number] = (unique_id(first, ids, "competency"), first, group)
            cells[number] = {column: self.cell(row, column) for column in role_columns}
        return special, competencies, cells

    def _scale(self, option: tuple[str, ...] | None, special: dict[str, int], cells) -> tuple[tuple[str, ...], bool]:
        from_row = None
        if "scale" in special:
            number = special["scale"]
            from_row = tuple(cell.strip() for cell in self.rows[number - 1][1:] if cell.strip())
            problem = _scale_problem(from_row)
            if problem:
                self.add(0, number, f"scale: {problem}")
                from_row = None
            elif option is not None and tuple(map(_key, option)) != tuple(map(_key, from_row)):
                self.add(0, number, f"the scale row lists {', '.join(from_row)}; --scale lists {', '.join(option)}; give one")
        if option is not None:
            return option, True
        if from_row is not None:
            return from_row, True
        if "scale" in special:
            return (), True  # its problem is named; the cells are checked no further
        named: dict[str, str] = {}
        highest = 0
        for number, row in cells.items():
            for column, text in row.items():
                if _key(text) in NOT_NEEDED:
                    continue
                if _WHOLE.match(text):
                    highest = max(highest, int(float(text)))
                elif not _NUMBER.match(text):  # each name with the first cell it is in: a typo is found at once
                    named.setdefault(_key(text), f"{text} {column_letters(column)}{number}")
        if named:
            shown = ", ".join(list(named.values())[:7]) + (", ..." if len(named) > 7 else "")
            self.add_whole(
                f'the cells name levels ({shown}) but not their order; pass --scale "NAME,NAME,..." lowest first, '
                "or add a row 'scale' listing them"
            )
            return (), False
        top = min(max(highest, MIN_LEVELS), MAX_LEVELS)
        self.notes.append(
            f"{self.path}: no level names; the scale is levels 1 to {top} (the highest in the cells), named 'Level 1' "
            f"to 'Level {top}'; pass --scale with {top} or more names, lowest first, to name them"
        )
        return tuple(f"Level {level}" for level in range(1, top + 1)), False

    def _levels(self, cells, scale: tuple[str, ...]) -> dict[int, dict[int, int]]:
        if not scale:
            return {}
        by_name = {_key(name): level for level, name in enumerate(scale, 1)}
        top = len(scale)
        levels: dict[int, dict[int, int]] = {}
        for number, row in cells.items():
            found = levels.setdefault(number, {})
            for column, text in row.items():
                if _key(text) in NOT_NEEDED:
                    continue
                if _key(text) in by_name:
                    found[column] = by_name[_key(text)]
                elif _WHOLE.match(text):
                    level = int(float(text))
                    if level > top:
                        self.add(column, number, f"level {level} is above the scale's top, {top} ({scale[-1]})")
                    else:
                        found[column] = level
                else:
                    self.add(
                        column,
                        number,
                        f"'{text}' is neither a level number (1 to {top}) nor a level name ({', '.join(scale)}); "
                        "leave it blank (or 0) if the role does not need it",
                    )
        return levels

    def _roles(self, role_columns: dict[int, str], special: dict[str, int], competencies, levels):
        def row_cell(kind: str, column: int) -> tuple[int, str] | None:
            if kind not in special:
                return None
            return special[kind], self.cell(self.rows[special[kind] - 1], column)

        taken: set[str] = set()
        role_ids = {column: unique_id(title, taken, "role") for column, title in role_columns.items()}
        tracks: dict[str, str] = {}
        track_ids: dict[str, str] = {}
        placed: dict[int, tuple[str, int | None, str | None]] = {}  # column -> (track id, seniority, grade)
        for column, title in role_columns.items():
            track = ONE_TRACK[0]
            found = row_cell("track", column)
            if found is not None:
                number, name = found
                if not name:
                    self.add(column, number, f"no track for '{title}'; every role's track, or no track row")
                    continue
                if _key(name) not in track_ids:
                    track_ids[_key(name)] = unique_id(name, taken, "track")
                    tracks[track_ids[_key(name)]] = name
                track = track_ids[_key(name)]
            elif not tracks:
                tracks[ONE_TRACK[0]] = ONE_TRACK[1]
            seniority = None
            found = row_cell("seniority", column)
            if found is not None:
                number, text = found
                if not (_WHOLE.match(text) and 1 <= int(float(text)) <= MAX_SENIORITY):
                    shown = f"'{text}'" if text else "blank"
                    self.add(column, number, f"seniority is a whole number from 1 to {MAX_SENIORITY}, found {shown}")
                    continue
                seniority = int(float(text))
            found = row_cell("grade", column)
            grade = found[1] or None if found is not None else None
            placed[column] = (track, seniority, grade)
            if levels and not any(column in row for row in levels.values()) and not self._named_cells(column):
                self.add(column, 1, f"'{title}' needs no level of any competency; a role needs at least one")
        positions: dict[str, int] = {}
        for column, (track, seniority, grade) in list(placed.items()):
            if seniority is None:  # the column order, most junior first, along each track
                positions[track] = seniority = positions.get(track, 0) + 1
                if seniority > MAX_SENIORITY:
                    self.add(
                        column,
                        1,
                        f"more than {MAX_SENIORITY} roles on one track in column order; add a 'seniority' row "
                        f"(1 to {MAX_SENIORITY}, equal for peers)",
                    )
                placed[column] = (track, seniority, grade)
        by_track: dict[str, list[int]] = {}
        for track, seniority, _ in placed.values():
            by_track.setdefault(track, []).append(seniority)
        roles = []
        for column, (track, seniority, grade) in placed.items():
            above = [level for level in by_track[track] if level > seniority]
            step = min(above) if above else None
            roles.append(
                MatrixRole(
                    id=role_ids[column],
                    title=role_columns[column],
                    track=track,
                    seniority=seniority,
                    grade=grade,
                    requirements=tuple(
                        (competencies[row][0], found[column])
                        for row, found in levels.items()
                        if column in found and row in competencies
                    ),
                    next=tuple(
                        role_ids[other]
                        for other, (their_track, their_seniority, _) in placed.items()
                        if their_track == track and their_seniority == step
                    ),
                )
            )
        return tuple(roles), tracks

    def _named_cells(self, column: int) -> bool:
        """Whether a level in the column is already named as a problem (the role may need it once fixed)."""
        return any(found == column and number >= 2 for number, found, _ in self.problems)
