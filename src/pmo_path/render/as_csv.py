"""`-f csv`: spreadsheets that open cleanly in Excel, LibreOffice and Google Sheets.

One header row, one row per item, UTF-8 with a byte-order mark (so Excel
reads names with accents), CRLF line ends. Text is data in a spreadsheet and
on a terminal alike (a CSV is often `cat` or piped to a screen, and the same
file is opened later), so every text cell is made inert whatever the output:

- control, bidi and invisible characters are shown as `\x1b`-style escapes
  (`safe.visible`), in a file as on stdout; tabs and line breaks stay
  (a quoted cell may hold them);
- a cell that a spreadsheet would run as a formula gets a leading apostrophe
  (OWASP's CSV injection advice): one that starts with = + - @ (or their
  full-width forms ＝ ＋ － ＠), also after leading spaces, tabs, line breaks,
  a byte-order mark or zero-width characters.

Numbers are numbers: a negative delta stays `-0.25`, never text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from .safe import visible
from .wording import NEWLY_RATED, NO_LONGER_RATED, gap_levels

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫")
# What a spreadsheet may skip before it sees a formula: white space, a byte-order mark, invisible characters.
_IGNORED_START = re.compile(r"[\s\ufeff\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\u206a-\u206f\u3164\uffa0\ufe00-\ufe0f]*")


def starts_formula(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula."""
    if text[:1].isascii() and text[:1].isalnum():  # most cells: a name, an id
        return False
    return text.startswith(FORMULA_START) or text[_IGNORED_START.match(text).end() :].startswith(FORMULA_START)


def cell(value: object) -> str:
    """A value as a spreadsheet should read it: true/false as in the JSON, numbers as numbers, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = visible(value)
    return "'" + text if starts_formula(str(value)) or starts_formula(text) else text


def table(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _level(rating) -> int | str:
    return "" if rating is None else rating.level  # blank: unrated


class CsvRenderer:
    """One table per kind of result; the shapes follow the JSON ones, flattened."""

    text = True

    def assessment(self, framework, result):
        score = result.score
        return table(
            ["competency", "name", "current", "required", "gap", "weight", "priority", "rated"],
            [
                [
                    g.competency,
                    framework.competencies[g.competency].name,
                    g.current if g.rated else "",
                    g.required,
                    g.gap,
                    g.weight,
                    g.priority,
                    g.rated,
                ]
                for g in score.gaps
            ],
        )

    def roles(self, framework, ladders):
        return table(
            ["id", "title", "track", "seniority"],
            [[r.id, r.title, r.track, r.seniority] for ladder in ladders.values() for r in ladder],
        )

    def role(self, framework, chosen):
        return table(
            ["competency", "name", "level", "weight"],
            [[r.competency, framework.competencies[r.competency].name, r.level, r.weight] for r in chosen.requirements],
        )

    def comparison(self, framework, result):
        return table(
            ["competency", "from_level", "from_weight", "to_level", "to_weight", "change"],
            [
                [row.competency, row.from_level, row.from_weight, row.to_level, row.to_weight, row.change]
                for row in result.competencies
            ],
        )

    def route(self, framework, found):
        return table(
            ["step", "role", "title"], [[number, step, framework.roles[step].title] for number, step in enumerate(found.steps)]
        )

    def match(self, framework, matches):
        rows = []
        for found in matches:
            gap = found.score.biggest_gap
            shown = f"{gap_levels(gap.current, gap.required, gap.rated)} {gap.competency}" if gap else ""
            rows.append(
                [
                    found.role.id,
                    found.role.title,
                    found.score.readiness,
                    found.score.verdict,
                    found.relation or "",
                    found.score.provisional,
                    shown,
                    *(found.score.readiness_range or ("", "")),
                ]
            )
        header = ["role", "title", "readiness", "verdict", "relation", "provisional", "biggest_gap"]
        return table([*header, "readiness_low", "readiness_high"], rows)  # the range: blank when nothing is unrated

    def team(self, framework, report):
        competencies = list(framework.competencies)
        target = report.target.id
        return table(
            ["name", "file", "readiness", "verdict", "target_role", "provisional", *competencies],
            [
                [m.name, m.file, m.readiness, m.verdict, target, m.provisional, *(_level(m.ratings.get(c)) for c in competencies)]
                for m in report.members
            ],
        )

    def progress(self, framework, result):
        def note(competency: str) -> str:
            return (
                NEWLY_RATED
                if competency in result.newly_rated
                else NO_LONGER_RATED
                if competency in result.no_longer_rated
                else ""
            )

        return table(
            ["competency", "before", "after", "note"],
            [[change.competency, change.before, change.after, note(change.competency)] for change in result.changes],
        )

    def feedback(self, framework, result):
        return table(
            ["competency", "self", "manager", "peers", "reports", "others", "delta", "view", "left_out"],
            [
                [
                    v.competency,
                    v.self_level,
                    v.manager,
                    v.peers,
                    v.reports,
                    v.others,
                    v.delta,
                    "blind spot"
                    if v.competency in result.blind_spots
                    else "hidden strength"
                    if v.competency in result.hidden_strengths
                    else "",
                    v.left_out,
                ]
                for v in result.competencies
            ],
        )

    def bench(self, framework, rows):
        """One row a person on a role's bench (holder, ready or close); a role with nobody on it still has its row."""
        return table(
            ["role", "title", "risk", "status", "name", "readiness", "provisional"],
            [
                [row.role.id, row.role.title, row.risk, *person]
                for row in rows
                for person in [
                    [status, c.name, c.readiness, c.provisional]
                    for status, people in (("holder", row.holders), ("ready", row.ready), ("close", row.close))
                    for c in people
                ]
                or [["", "", "", ""]]
            ],
        )
