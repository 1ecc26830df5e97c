"""Survey exports as the tools write them: which column is what, and what each cell means.

Google Forms and Microsoft Forms write their own columns (Timestamp, Email
address, ID, Start time, Completion time, Name...) beside the answers, and
put the question's whole title in the header: "Your name", "Rate yourself
[Project delivery]" (a grid question), "Project delivery - how would you
rate yourself?". `plan_columns` reads such a header once: each column is a
person field, a competency, a timestamp whose date is `assessed_on`, or
ignored; every header it cannot place is listed in one problem, with
did-you-mean, for `--columns MAP.yaml` to settle. The `Column` it gives for
each answer turns a cell into a profile value: a role by id or title, a
rating as `3`, `3 - practitioner` or a level name, a date in the shapes
the tools write. `reading.csv_team` reads the rows with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ..domain.model import Framework
from ..errors import InputError, Problem, UnknownId
from .yamldoc import printable

MIB = 1024 * 1024
SURVEY_MAX_BYTES = 64 * MIB  # a whole team's export; one profile is held to yamldoc.MAX_BYTES
PERSON_FIELDS = ("name", "current_role", "target_role", "assessed_on", "years_experience")
IGNORE = "ignore"

# The columns the survey tools add themselves, never answers (normalised as `words` makes them).
_NOT_ANSWERS = frozenset(
    (
        "timestamp",
        "email address",
        "email",
        "id",
        "start time",
        "completion time",
        "last modified time",
        "score",
        "total points",
        "quiz feedback",
        "username",
        "respondent",
    )
)
# Columns only a survey tool writes (Google Forms' Timestamp and Email address, Microsoft Forms' Start and
# Completion time): a header with one is a survey export, never a role matrix.
_SURVEY_TOOL_COLUMNS = frozenset(("timestamp", "email address", "email", "start time", "completion time", "last modified time"))
_QUIZ_PREFIXES = ("points - ", "feedback - ")  # Microsoft Forms quiz columns beside each question
_TIMESTAMPS = ("timestamp", "completion time")  # in this order: which one's date is assessed_on
# A person's columns: the header itself, or a phrase inside the question's title.
_PERSON_EXACT = {
    "name": "name",
    "current role": "current_role",
    "target role": "target_role",
    "assessed on": "assessed_on",
    "years experience": "years_experience",
}
_PERSON_PHRASES = (
    ("your name", "name"),
    ("full name", "name"),
    ("first and last name", "name"),
    ("current role", "current_role"),
    ("role now", "current_role"),
    ("target role", "target_role"),
    ("role you aim for", "target_role"),
    ("role you are aiming for", "target_role"),
    ("next role", "target_role"),
    ("years of experience", "years_experience"),
    ("years experience", "years_experience"),
)
_UNRATED = frozenset(
    ("", "n/a", "na", "n a", "not sure", "unsure", "don't know", "don’t know", "do not know", "not applicable", "-", "—")
)
# `3`, `3 - practitioner`, `3: practitioner`, `3 (practitioner)`, `Level 3`; never `3.5` or `3-5`
_LEVEL = re.compile(r"(?:level\s*)?([-+]?\d+)(?:\.0+)?(?:\s*[-–—:.)](?!\d)\s*\S.*|\s+\S.*|\s*[-–—:.)])?\Z", re.I | re.S)
_BRACKET = re.compile(r"\[([^\[\]]+)\]\s*\Z")
_DATE = re.compile(r"\s*(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(?=\s|T|\Z)")
_SHOWN = 60


def words(text: str) -> str:
    """Text as headers and ids are compared: Unicode-normalised, any case, punctuation and runs of space as one space."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w']+|_", " ", folded).split())


def survey_tool_column(header: Iterable[object]) -> str | None:
    """The first header a survey tool writes itself (`Timestamp`, `Email address`...), as it is spelt; None if none."""
    return next((str(cell).strip() for cell in header if words(str(cell)) in _SURVEY_TOOL_COLUMNS), None)


def shown(header: str) -> str:
    """A header as an error line quotes it: one line, not too long."""
    text = printable(" ".join(header.split())) or "(blank header)"
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _close(word: str, choices: list[str], cutoff: float = 0.75) -> str | None:
    from difflib import get_close_matches

    found = get_close_matches(word, choices, n=1, cutoff=cutoff)
    return found[0] if found else None


class Notice(InputError):
    """Not a failure: what the reader did that the person should know (columns left out, which name column was used).

    It travels with a file's failures (through worker processes too) and is taken out of them by
    `team_files.load_team` and `validation`, so a Notice never makes the exit code 1."""


@dataclass
class Column:
    """One column of the survey: where its cells go and how they are read."""

    index: int
    header: str
    target: str  # a PERSON_FIELDS entry, or a competency id
    read: Callable[[str], object]  # cell text -> a profile value; None for blank; raises ValueError naming what is wrong
    person: bool = True


@dataclass
class Plan:
    """What a header row means: the answer columns, and what the reader should say about the others."""

    columns: list[Column]
    notes: list[str] = field(default_factory=list)  # stderr lines: columns ignored, which name column was used
    timestamp: Column | None = None  # the Timestamp / Completion time whose date is assessed_on


class Reader:
    """The cell readers of one framework."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        scale = framework.scale or {}
        self.top = max((level for level in scale if isinstance(level, int)), default=5)
        self.levels = {words(str(name)): level for level, name in scale.items() if isinstance(level, int)}
        self._ratings: dict[str, int | str | None] = {}  # a level, None (unrated) or what is wrong

    def person_field(self, target: str, exact: bool) -> Callable[[str], object]:
        """The reader of a person's column; a bare `Name` column (a form's account) reads "anonymous" as no name."""
        if target in ("current_role", "target_role"):
            return self.role
        if target == "years_experience":
            return self.years
        return self.account_name if target == "name" and exact else self.text

    def rating(self, cell: str) -> int | None:
        """A rating cell's level, None for unrated; a ValueError saying what is wrong. Answers repeat: each is read once."""
        try:
            found = self._ratings[cell]
        except KeyError:
            try:
                found = self._ratings[cell] = self._rating(cell)
            except ValueError as err:
                found = self._ratings[cell] = str(err)
        if isinstance(found, str):
            raise ValueError(found)
        return found

    def _rating(self, cell: str) -> int | None:
        text = cell.strip()
        key = words(text) if text else ""
        if key in _UNRATED or text.casefold() in _UNRATED:
            return None
        match = _LEVEL.match(text)
        if match:
            level = int(match.group(1))
            if not 0 <= level <= self.top:
                raise ValueError(f"must be from 0 to {self.top}, found {printable(text)}")
            return level
        if key in self.levels:
            return self.levels[key]
        names = ", ".join(str(name) for _, name in sorted(self.framework.scale.items()))
        raise ValueError(
            f"'{printable(text)}' is not a level: give 0-{self.top}"
            + (f" or a level name ({names})" if names else "")
            + ", or leave it blank (N/A, Not sure) for unrated"
        )

    def role(self, cell: str) -> str | None:
        text = cell.strip()
        if not text:
            return None
        try:  # the one lookup every role option uses: an id or a title, any case and spacing, near misses suggested
            return self.framework.role(text).id
        except UnknownId as err:
            hint = err.suggestion
        raise ValueError(f"unknown role '{printable(text)}'{hint}; give a role id or title (pmo-path roles lists them)")

    @staticmethod
    def text(cell: str) -> str | None:
        return cell.strip() or None

    @staticmethod
    def account_name(cell: str) -> str | None:
        """Microsoft Forms' `Name` when no question asks it: "anonymous" names nobody."""
        text = cell.strip()
        return None if text.casefold() == "anonymous" else text or None

    @staticmethod
    def years(cell: str) -> object:
        text = cell.strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return text  # the profile checks say what is wrong


def date_order(cells: Iterable[str]) -> str | None:
    """'md' or 'dm' for dates written a/b/year, from the cells that tell (a day over 12); None when they disagree."""
    month_first = day_first = False
    for cell in cells:
        match = _DATE.match(cell)
        if not match or len(match.group(1)) == 4:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        if match.group(2) == ".":
            day_first = True  # 20.11.2026 is always day first
        elif first > 12:
            day_first = True
        elif second > 12:
            month_first = True
    if month_first and day_first:
        return None
    return "dm" if day_first else "md"


def parse_date(cell: str, order: str = "md") -> date | None:
    """The date of a timestamp as Google Forms, Microsoft Forms or a spreadsheet writes it; None if it is none of them.

    2026-11-20, 2026-11-20T09:14:03Z, 2026/11/20 9:14:03 AM GMT+1, 11/20/2026 9:14:03,
    11/20/26 9:14:03, 20/11/2026 09:14:03 (order 'dm'), 20.11.2026 09:14."""
    match = _DATE.match(cell)
    if not match:
        return None
    first, separator, second, last = match.groups()
    try:
        if len(first) == 4:
            year, month, day = int(first), int(second), int(last)
        elif len(last) in (2, 4) and len(first) <= 2:
            year = int(last) + (2000 if len(last) == 2 else 0)
            a, b = int(first), int(second)
            month, day = (b, a) if order == "dm" or separator == "." else (a, b)
        else:
            return None
        return date(year, month, day)
    except ValueError:
        return None


def plan_columns(path: str, header: list[str], framework: Framework, mapping: dict[str, str] | None = None) -> Plan:
    """What each header cell is; an InputError listing, in one problem, every header that cannot be placed."""
    reader = Reader(framework)
    mapping = {words(key): value for key, value in (mapping or {}).items()}
    by_words = {}
    for competency in framework.competencies.values():
        by_words[words(competency.id)] = competency.id
        by_words.setdefault(words(competency.name), competency.id)
    names = sorted(by_words, key=len, reverse=True)  # a longer name wins over one it contains
    found: dict[str, list[int]] = {}  # target -> columns
    questions: dict[int, bool] = {}  # for a person column: found by a phrase of a question (True) or as the field (False)
    ignored: list[int] = []
    stamps: list[int] = []
    unplaced: list[str] = []
    for index, cell in enumerate(header):
        raw = " ".join(str(cell).split())
        key = words(raw)
        if key in mapping:
            target = mapping[key]
            if target == IGNORE:
                ignored.append(index)
            else:
                found.setdefault(target, []).append(index)
                questions[index] = True  # what the user says beats any guess
            continue
        if not key:
            unplaced.append(f"column {index + 1} has no header")
            continue
        if key in _NOT_ANSWERS or raw.casefold().startswith(_QUIZ_PREFIXES):
            (stamps if key in _TIMESTAMPS else ignored).append(index)
            continue
        if key in _PERSON_EXACT or key in by_words:
            target = _PERSON_EXACT.get(key) or by_words[key]
            found.setdefault(target, []).append(index)
            questions[index] = False
            continue
        bracket = _BRACKET.search(raw)
        if bracket and words(bracket.group(1)) in by_words:
            found.setdefault(by_words[words(bracket.group(1))], []).append(index)
            continue
        inside = _names_inside(key, names, by_words)
        if len(inside) == 1:
            found.setdefault(inside[0], []).append(index)
            continue
        if len(inside) > 1:
            listed = ", ".join(framework.competencies[c].name for c in inside)
            unplaced.append(f"'{shown(raw)}' names more than one competency ({listed})")
            continue
        phrase = next((target for phrase, target in _PERSON_PHRASES if f" {phrase} " in f" {key} "), None)
        if phrase:
            found.setdefault(phrase, []).append(index)
            questions[index] = True
            continue
        unplaced.append(f"'{shown(raw)}' matches no competency{_suggest(raw, key, names, by_words, framework)}")

    notes: list[str] = []
    for target, indexes in found.items():
        if len(indexes) < 2:
            continue
        asked = [index for index in indexes if questions.get(index)]
        if target == "name" and len(asked) == 1 and len(indexes) == 2:
            account = next(index for index in indexes if index not in asked)
            notes.append(
                f"the name is taken from '{shown(header[asked[0]])}', not from '{shown(header[account])}' "
                "(the form's own account column)"
            )
            indexes.remove(account)  # said in its own note, not in the list of columns left out
            continue
        what = target if target in PERSON_FIELDS else framework.competencies[target].name
        quoted = [f"'{shown(header[index])}'" for index in indexes]
        both = "both" if len(quoted) == 2 else "all"
        unplaced.append(f"{', '.join(quoted[:-1])} and {quoted[-1]} {both} give {what}")

    problems = []
    if unplaced:
        problems.append(
            Problem(
                path,
                f"{'a column' if len(unplaced) == 1 else 'columns'} pmo-path cannot place: "
                + "; ".join(unplaced)
                + ". Map each to a competency id, a person field or 'ignore' in a YAML file and pass --columns FILE",
                line=1,
            )
        )
    if "name" not in found:
        problems.append(Problem(path, "the header needs a name column ('name', or a question such as 'Your name')", "name", 1))
    if problems:
        raise InputError(problems)

    columns = []
    for target, [index] in found.items():
        if target in framework.competencies:
            read, person = reader.rating, False
        else:
            read, person = reader.person_field(target, exact=not questions.get(index)), True
        columns.append(Column(index, header[index], target, read, person))
    columns.sort(key=lambda column: column.index)
    plan = Plan(columns)
    if stamps and "assessed_on" not in found:
        index = min(stamps, key=lambda i: _TIMESTAMPS.index(words(str(header[i]))))
        plan.timestamp = Column(index, header[index], "assessed_on", reader.text)
        stamps.remove(index)
    left_out = [f"'{shown(header[i])}'" for i in sorted(ignored + stamps)]
    if plan.timestamp:
        left_out.insert(0, f"'{shown(plan.timestamp.header)}' (its date is assessed_on)")
    if left_out:
        notes.insert(0, "not answers, left out: " + ", ".join(left_out))
    plan.notes = notes
    return plan


def _names_inside(key: str, names: list[str], by_words: dict[str, str]) -> list[str]:
    """The competencies whose id or name appears, as whole words, inside a header; the longest wins where they overlap."""
    padded = f" {key} "
    taken: list[tuple[int, int]] = []
    found: list[str] = []
    for name in names:
        at = padded.find(f" {name} ")
        if at < 0:
            continue
        span = (at, at + len(name) + 2)
        if any(start < span[1] and span[0] < end for start, end in taken):
            continue
        taken.append(span)
        if by_words[name] not in found:
            found.append(by_words[name])
    return found


def _suggest(raw: str, key: str, names: list[str], by_words: dict[str, str], framework: Framework) -> str:
    """' (did you mean ...?)' for a header: its bracket, the whole of it, or a run of its words near a competency name."""
    bracket = _BRACKET.search(raw)
    pieces = [words(bracket.group(1))] if bracket else []
    pieces.append(key)
    tokens = key.split()[:40]
    for size in sorted({len(name.split()) for name in names}):
        pieces += [" ".join(tokens[start : start + size]) for start in range(len(tokens) - size + 1)]
    short = pieces[0]  # the grid row's label when there is one, else the whole header
    containing = [by_words[name] for name in names if f" {short} " in f" {name} "]
    if 1 < len(set(containing)) <= 4:
        options = " or ".join(f"'{framework.competencies[c].name}'" for c in dict.fromkeys(containing))
        return f" (did you mean {options}?)"
    id_like = " " not in raw.strip() and ("-" in raw or "_" in raw)  # written as an id: suggest the id
    for piece in pieces:
        close = _close(piece, names, 0.8 if piece is not key else 0.6)
        if close:
            competency = framework.competencies[by_words[close]]
            return f" (did you mean '{competency.id if id_like else competency.name}'?)"
    return ""


def read_column_map(path: str, framework: Framework) -> dict[str, str]:
    """`--columns MAP.yaml`: header -> competency id (or name), person field, or `ignore`; every problem at once."""
    from .checks import describe
    from .yamldoc import load_file

    doc = load_file(path)
    data = doc.data
    if not isinstance(data, dict) or not data:
        raise InputError(
            Problem(
                doc.name,
                "expected a mapping of survey header to competency id, person field or 'ignore', found " + describe(data),
                line=1,
            )
        )
    competencies = {words(c.id): c.id for c in framework.competencies.values()}
    competencies.update({words(c.name): c.id for c in framework.competencies.values()})
    choices = [*framework.competencies, *PERSON_FIELDS, IGNORE]
    mapping: dict[str, str] = {}
    problems: list[Problem] = []
    for header, value in data.items():
        where = printable(header)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                doc.problem(f"must be a competency id, a person field or 'ignore', found {describe(value)}", where, data, header)
            )
            continue
        key = words(value)
        target = IGNORE if key == IGNORE else competencies.get(key) or next((f for f in PERSON_FIELDS if words(f) == key), None)
        if target is None:
            hint = _close(value, choices, 0.6)
            problems.append(
                doc.problem(
                    f"'{printable(value)}' is no competency id, person field ({', '.join(PERSON_FIELDS)}) or 'ignore'"
                    + (f" (did you mean '{hint}'?)" if hint else ""),
                    where,
                    data,
                    header,
                )
            )
            continue
        mapping[str(header)] = target
    if problems:
        raise InputError(problems)
    return mapping
