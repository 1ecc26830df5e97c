"""Terminal views of many people: a team, one person over time, and how others see a person.

The pieces they share with the single-person views (bars, verdicts, headings)
come from `render.table`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..domain.model import Framework
from .move_notes import range_headline
from .safe import one_line
from .table import EMPTY, FULL, VERDICT_STYLE, ByWidth, Indented, Legend, Tagged, _heading, readiness_bar, verdict_text
from .wording import (
    BENCH_LEGEND,
    HORIZON_NAME,
    NOT_RATED,
    READINESS_SPARK_FLOOR,
    UNKNOWN_PRIORITY,
    feedback_legend_items,
    first_rating,
    left_out_note,
    people_count,
    priority_counts,
    rater_counts,
    team_points,
    team_provisional,
)

if TYPE_CHECKING:
    from ..domain.bench import BenchRow
    from ..domain.feedback import Feedback
    from ..domain.progress import Progress
    from ..domain.team import TeamReport


def share_bar(share: float, width: int = 12) -> Text:
    """How many people have a gap: a shaded bar that warms as the share grows."""
    filled = round(share * width)
    style = "red" if share >= 2 / 3 else "yellow" if share >= 1 / 3 else "green"
    return Text.assemble((FULL * filled, style), (EMPTY * (width - filled), "dim"), f" {100 * share:3.0f}%")


def team_view(framework: Framework, report: TeamReport) -> RenderableType:
    people, names = report.people, framework.competencies
    parts: list[RenderableType] = [
        Text.assemble(("Team", "bold"), f" · {people_count(people)} → ", (report.target.title, "bold")),
        Text.assemble(
            "Readiness ",
            readiness_bar(report.mean, 16),
            f" mean {report.mean:.1f}%",
            f" · median {report.median:.1f}% · {report.low:.1f}-{report.high:.1f}%",
        ),
    ]
    if report.provisional:
        parts.append(Text(team_provisional(report.provisional, people), "yellow"))
    parts.append(_heading("Verdicts"))
    for verdict, count in report.verdicts.items():
        parts.append(
            Text.assemble(
                f"  {verdict:<11}",
                readiness_bar(100 * count / people, 20),
                f" {count}",
                style=VERDICT_STYLE.get(verdict, "").replace("bold ", ""),
            )
        )

    unrated = any(stat.unrated for stat in report.competencies)

    def gaps_table(level: int) -> Table:
        """Narrower, the figures the bar already says go, then the bar shortens; narrower still, a long name wraps."""
        narrow, short = level >= 1, level >= 2
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("Competency", no_wrap=level < 3)
        if not narrow:
            table.add_column("Need", justify="right", no_wrap=True)
            table.add_column("Mean", justify="right", no_wrap=True)
        table.add_column("With a gap" if not short else "Gap", justify="right", no_wrap=True)
        table.add_column("Share with a gap" if not short else "Share", no_wrap=True)
        if unrated and not short:
            table.add_column("Not rated", justify="right", no_wrap=True)
        for stat in report.by_share:
            cells = [str(stat.required), f"{stat.mean_current:.2f}"] if not narrow else []
            share = stat.share_with_gap(people)
            count = f"{stat.with_gap}/{people}" + ("?" if short and stat.unrated else "")
            last = [Text(str(stat.unrated) if stat.unrated else "", "yellow")] if unrated and not short else []
            table.add_row(names[stat.competency].name, *cells, count, share_bar(share, 12 if not short else 5), *last)
        return table

    parts += [_heading("Gaps across the team"), ByWidth(gaps_table, 4)]

    parts.append(_heading("Training priorities"))
    if not report.priorities:
        parts.append(Text("  Nobody has a gap for this role.", "green"))
    for number, priority in enumerate(report.priorities, 1):
        counts = priority_counts(priority, people)
        title = Text.assemble(f"{number:>2}. ", (names[priority.competency].name, "bold"))
        parts.append(Tagged(title, Text(counts, "dim"), 4))
        if priority.unknown:
            parts.append(Indented(Text(f"? {UNKNOWN_PRIORITY}", "yellow"), 4))
        for rec in priority.recommendations:
            parts.append(Tagged(Text.assemble("→ ", rec.title), Text(f"({HORIZON_NAME[rec.horizon]})", "dim"), 6, 4))
    if report.priorities:
        parts.append(Indented(Text(team_points(r.weight for r in report.target.requirements), "dim"), 0))

    shown = list(enumerate(report.members, 1))
    cut = report.members_shown is not None and len(shown) > 2 * report.members_shown + 1
    if cut:  # the top and the bottom; the middle is in -f json or csv, or with --members all
        shown = shown[: report.members_shown] + [None] + shown[-report.members_shown :]

    def members(level: int) -> Table | LongTable:
        """Narrower, the figure stands without its bar, then the biggest gap goes under the name, then names wrap."""
        stacked, bare = level >= 2, level in (1, 3, 4)
        headers = ["#", "Name" if not stacked else "Name, biggest gap", "Readiness" if not bare else "Ready", "Verdict"]
        headers += ["Biggest gap"] if not stacked else []
        rows = []
        for entry in shown:
            if entry is None:
                more = Text(f"… {report.people - 2 * report.members_shown:,} more", "dim")
                rows.append(
                    ["", Text.assemble(more, "\n(--members all)"), "", ""] if stacked else ["", more, "", "", "(--members all)"]
                )
                continue
            number, member = entry
            gap = names[member.biggest_gap].name if member.biggest_gap else "-"
            name = Text(one_line(member.name)) if not stacked else Text.assemble(one_line(member.name), (f"\n{gap}", "dim"))
            value = Text.assemble(f"{member.readiness:5.1f}", ("?" if member.provisional else " ", "yellow"))
            figure = value if bare else Text.assemble(readiness_bar(member.readiness, 10), " ", value)
            rows.append([str(number), name, figure, verdict_text(member.verdict), *([gap] if not stacked else [])])
        justify = ["right", "left", "right" if bare else "left", "left", "left"][: len(headers)]
        no_wrap = [True, level < 3, True, True, True][: len(headers)]
        if len(rows) > LONG_TABLE:
            return LongTable(headers, rows, justify, no_wrap)
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        for header, side, whole in zip(headers, justify, no_wrap, strict=True):
            table.add_column(header, justify=side, no_wrap=whole)
        for row in rows:
            table.add_row(*row)
        return table

    if report.reviewed:
        parts.append(_heading(f"Common blind spots ({report.reviewed} with reviews)"))
        if not report.blind_spots:
            parts.append(Text("  None: self-ratings match what others see.", "dim"))
        for competency, count in report.blind_spots:
            parts.append(
                Text(
                    f"  {framework.competencies[competency].name}: {count} of {report.reviewed} "
                    f"rate{'s' if count == 1 else ''} {'themself' if count == 1 else 'themselves'} 1.5 or more above others"
                )
            )
    parts += [_heading("Members, most ready first"), ByWidth(members, 5)]
    return Group(*parts)


LONG_TABLE = 200  # rows (or names) above which a table is drawn line by line: Rich takes about 0.5 ms a row


class LongTable:
    """A table of thousands of rows (`team --members all`, the bench of a large survey), drawn line by line.

    Laid out as `ByWidth` and `fit` lay out the Rich tables here: each column at least as wide as its longest
    word (its longest line where it must not wrap), starting at its longest line, the widest column giving
    way first; `layout` is None when the columns cannot fit, so `ByWidth` tries its next level. Then each row
    is one Text a line, in the shape of Rich's SIMPLE_HEAD table (the tests compare the two cell for cell).
    14,758 members took 6 s as a Rich table, measured and laid out at each level, and take under one this way.
    """

    GAP = 3  # between two columns: Rich's padding on each side and the box's divider

    def __init__(self, headers, rows, justify, no_wrap, leading: int = 0) -> None:
        self.headers, self.rows, self.justify, self.no_wrap, self.leading = headers, rows, justify, no_wrap, leading
        self._measured: tuple[list[int], list[int]] | None = None

    def _measure(self) -> tuple[list[int], list[int]]:
        """Per column: the floor (longest word, or longest line where it must not wrap) and the longest line."""
        if self._measured is None:
            from rich.cells import cell_len

            floors, longest = [0] * len(self.headers), [0] * len(self.headers)
            for row in [[Text(header) for header in self.headers], *self.rows]:
                for index, cell in enumerate(row):
                    plain = cell.plain if isinstance(cell, Text) else cell
                    whole = self.no_wrap[index] or getattr(cell, "no_wrap", False)
                    lines = plain.split("\n") if "\n" in plain else [plain]
                    line = max(map(cell_len, lines))
                    longest[index] = max(longest[index], line)
                    floors[index] = max(floors[index], line if whole else max(map(cell_len, plain.split()), default=0))
            self._measured = floors, longest
        return self._measured

    def layout(self, width: int) -> list[int] | None:
        floors, longest = self._measure()
        room = width - self.GAP * (len(floors) - 1)
        if sum(floors) > room:
            return None
        widths = list(longest)
        while sum(widths) > room:  # the widest column that can still give a cell gives it
            index = max((i for i, w in enumerate(widths) if w > floors[i]), key=lambda i: widths[i])
            widths[index] -= 1
        return widths

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        widths = self.layout(options.max_width) or self._measure()[0]  # too narrow even so: the floors, as Rich would
        lines = self._lines(console, [Text(header, "bold") for header in self.headers], widths, bottom=True)
        lines.append(Text("─" * min(options.max_width, sum(widths) + self.GAP * (len(widths) - 1))))
        for number, row in enumerate(self.rows):
            lines += [Text()] * (self.leading if number else 0) + self._lines(console, row, widths)
            if len(lines) > 500 or number == len(self.rows) - 1:
                for line in lines:
                    yield from line.render(console)
                    yield Segment.line()
                lines = []

    def _lines(self, console, row, widths, bottom: bool = False) -> list[Text]:
        """One row as lines of text: a cell longer than its column, or of several lines, wraps at its words.

        Body cells start on the row's first line; header cells end on its last (`bottom`), as Rich sets them."""
        from rich.text import Span

        cells = []
        for index, cell in enumerate(row):
            text = cell if isinstance(cell, Text) else Text(cell)
            if "\n" in text.plain or text.cell_len > widths[index]:
                parts = []
                for part in text.split("\n"):
                    parts += part.wrap(console, widths[index], overflow="fold") if part.cell_len > widths[index] else [part]
                cells.append(parts)
            else:
                cells.append([text])
        height = max(map(len, cells))
        if bottom:
            cells = [[None] * (height - len(parts)) + parts for parts in cells]
        lines = []
        for number in range(height):
            plain: list[str] = []
            spans: list[Span] = []
            at = 0
            for index, parts in enumerate(cells):
                part = parts[number] if number < len(parts) else None
                pad = " " * max(0, widths[index] - (part.cell_len if part is not None else 0))
                before = (" " * self.GAP if index else "") + (pad if self.justify[index] == "right" else "")
                plain.append(before)
                at += len(before)
                if part is not None:
                    if part.style:
                        spans.append(Span(at, at + len(part.plain), part.style))
                    spans += [Span(at + span.start, at + span.end, span.style) for span in part.spans]
                    plain.append(part.plain)
                    at += len(part.plain)
                if self.justify[index] != "right":
                    plain.append(pad)
                    at += len(pad)
            lines.append(Text("".join(plain).rstrip(), spans=spans))
        return lines


def progress_view(framework: Framework, result: Progress) -> RenderableType:
    names = framework.competencies
    who = one_line(result.new.name or result.old.name or "Progress")
    when = [p.assessed_on.isoformat() if p.assessed_on else p.file for p in (result.old, result.new)]
    parts: list[RenderableType] = [
        Text.assemble((who, "bold"), " → ", (result.target.title, "bold"), (f"  ({when[0]} → {when[1]})", "dim")),
        ByWidth(lambda narrow: _before_after(result, 8 if narrow else 24)),
        _heading("Ratings that moved"),
    ]
    if result.changes:

        def moved(narrow: bool) -> Table:
            """Narrow, a long name wraps at a space."""
            table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1) if not narrow else (0, 1, 0, 0))
            table.add_column("Competency", no_wrap=not narrow)
            table.add_column("Before", justify="right", no_wrap=True)
            table.add_column("", no_wrap=True)
            table.add_column("After", justify="right", no_wrap=True)
            table.add_column("Need", justify="right", no_wrap=True)
            for change in result.changes:
                arrow = Text("↑", "green") if change.rose else Text("↓", "red")
                before, after = Text(str(change.before)), Text(str(change.after))
                if change.competency in result.newly_rated:  # its 0 was an unknown: not a rise
                    before, arrow = Text(NOT_RATED, "yellow"), Text("→", "dim")
                elif change.competency in result.no_longer_rated:
                    after, arrow = Text(NOT_RATED, "yellow"), Text("→", "dim")
                table.add_row(
                    names[change.competency].name,
                    before,
                    arrow,
                    after,
                    str(result.target.required(change.competency) or "-"),
                )
            return table

        parts.append(ByWidth(moved))
    else:
        parts.append(Text("  No rating changed.", "dim"))
    for title, ids, mark, style in (("Gaps closed", result.closed, "✓", "green"), ("Gaps opened", result.opened, "✗", "red")):
        parts.append(_heading(title))
        parts += [Text(f"  {mark} {names[c].name}", style) for c in ids] or [Text("  None.", "dim")]
    if result.newly_rated:
        parts += [_heading("Rated for the first time"), Text("  Not counted as gaps closed: there was no level before.", "dim")]
        parts += [
            Indented(Text.assemble("+ ", (names[c].name, "bold"), f": {first_rating(result, c)}"), 4, 2)
            for c in result.newly_rated
        ]
    if result.history:
        parts += [_heading(f"Over time ({len(result.history)} assessments)"), history_table(framework, result)]
    return Group(*parts)


def _before_after(result: Progress, bar: int) -> Group:
    delta_style = "green" if result.delta > 0 else "red" if result.delta < 0 else "dim"
    before, after = result.before, result.after

    def figure(score) -> Text:
        """`59.1%  developing`, or for a provisional score `59.1-68.2%, rate 1 more to know` (no verdict), as assess says."""
        if score.provisional:
            return Text(f" {range_headline(score)}", "yellow")
        return Text.assemble(f" {score.readiness:5.1f}%  ", verdict_text(score.verdict))

    return Group(
        Text.assemble("Before ", readiness_bar(before.readiness, bar), figure(before)),
        Text.assemble("After  ", readiness_bar(after.readiness, bar), figure(after), (f"  {result.delta:+.1f}", delta_style)),
    )


def _mean_cell(value: float | None) -> Text:
    if value is None:
        return Text("·", "dim")  # hidden for anonymity, or nobody rated it
    return Text.assemble(_level_blocks(value), f" {value:.1f}")


def _mean_figure(value: float | None) -> Text:
    return Text(f"{value:.1f}") if value is not None else Text("·", "dim")


def _level_blocks(value: float) -> Text:
    """Five cells, the last one partly filled for a fractional mean: ▏▎▍▌▋▊▉█."""
    partial = "▏▎▍▌▋▊▉"
    whole = int(value)
    rest = value - whole
    blocks = "█" * whole + (partial[min(len(partial) - 1, int(rest * len(partial)))] if rest >= 1 / 8 else "")
    return Text(blocks.ljust(5, "·"), "cyan")


def feedback_view(framework: Framework, result: Feedback) -> RenderableType:
    """Self against others, competency by competency, then blind spots and hidden strengths with their levels."""
    names = framework.competencies
    raters = rater_counts(result.raters)
    others = f"{result.readiness_others:.1f}%" if result.readiness_others is not None else "n/a"
    parts: list[RenderableType] = [
        Text.assemble((one_line(result.person.name or "You"), "bold"), " · how others see you", (f"  ({raters})", "dim")),
        Text.assemble(
            "Readiness for ", (result.target.title, "bold"), ": self ", f"{result.readiness_self:.1f}%", ", others ", others
        ),
    ]

    def by_competency(level: int) -> Group:
        """Narrower, the figures stand without their bars, then only self and others stay (the groups are in
        -f json), then long names wrap at a space. The legend names only what the table shows."""
        narrow, bars = level >= 2, level == 0
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=0 if not narrow else (0, 1))
        groups = ("Manager", "Peers", "Reports") if not narrow else ()
        if narrow:  # the mark goes before the name: a column of its own costs two cells of padding
            table.add_column("Competency", no_wrap=level < 3)
        else:
            table.add_column("Competency", no_wrap=True)
            table.add_column("", no_wrap=True)
        table.add_column("Self", no_wrap=True, justify="right" if narrow else "left")
        for label in groups:
            table.add_column(label, no_wrap=True, justify="right")
        table.add_column("Others", no_wrap=True, justify="right" if narrow else "left")
        table.add_column("Δ", justify="right", no_wrap=True)
        for view in result.competencies:
            mark = "◀" if view.competency in result.blind_spots else "▶" if view.competency in result.hidden_strengths else ""
            name = names[view.competency].name
            first = [Text.assemble((f"{mark} " if mark else "", "yellow"), name)] if narrow else [name, Text(mark, "yellow")]
            mean = _mean_cell if bars else _mean_figure
            self_cell = mean(float(view.self_level)) if view.self_level is not None else Text("·", "dim")
            numbers = [_mean_figure(value) for value in (view.manager, view.peers, view.reports)][: len(groups)]
            delta = Text(f"{view.delta:+.1f}" if view.delta is not None else "", "bold" if mark else "")
            table.add_row(*first, self_cell, *numbers, mean(view.others), delta)
        return Group(table, Legend(feedback_legend_items(result, bool(groups)), ".", end="."))

    parts.append(ByWidth(by_competency, 4))
    left_out = left_out_note([(names[v.competency].name, v.left_out) for v in result.competencies if v.left_out])
    if left_out:
        parts.append(Text(left_out, "dim"))
    for title, ids, lead in (
        ("Blind spots: you rate yourself higher than others do", result.blind_spots, "◀"),
        ("Hidden strengths: others rate you higher than you do", result.hidden_strengths, "▶"),
    ):
        if not ids:
            continue
        parts.append(_heading(title))
        for competency in ids:
            view = result.view(competency)
            levels = names[competency].levels
            parts.append(
                Indented(
                    Text.assemble(
                        f"{lead} ", (names[competency].name, "bold"), f"  self {view.self_level}, others {view.others:.1f}"
                    ),
                    4,
                    first=0,
                )
            )
            seen_by_you = levels.get(view.self_level or 0, "")
            seen_by_others = levels.get(max(1, int(view.others + 0.5)), "")
            parts.append(Indented(Text(f"You: {seen_by_you}"), 4))
            parts.append(Indented(Text(f"Others: {seen_by_others}", "cyan"), 4))
    return Group(*parts)


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None], floor: float, top: float | None = None) -> str:
    """One character a value (a space where there is none), scaled to the series' own range.

    A range narrower than `floor` is widened to `floor` around the series'
    middle (kept within 0..top), so a real move shows as a step while a
    wobble of a few tenths stays flat: the eye reads a full-height step as
    a change of at least `floor`. Readiness uses READINESS_SPARK_FLOOR (10
    points); a competency's floor is its whole 0-5 scale, so each level is
    a step of the same height in every row.
    """
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    low, high = min(known), max(known)
    span = max(high - low, floor)
    steps = len(SPARKS) - 1
    # within the floor, the series' middle sits on a whole step (not between two), so a wobble stays one height
    base = low if span == high - low else (low + high) / 2 - span * (steps // 2) / steps
    if top is not None:
        base = min(base, top - span)
    base = max(0.0, base)
    return "".join(" " if v is None else SPARKS[max(0, min(steps, int((v - base) / span * steps + 0.5)))] for v in values)


def history_table(framework: Framework, result: Progress) -> Group:
    """Readiness and each rated competency across the assessments: first value, sparkline, last value."""
    readiness = [point.score.readiness for point in result.history]
    rows = [
        (
            Text("Readiness", "bold"),
            f"{readiness[0]:.1f}%",
            Text(sparkline(readiness, READINESS_SPARK_FLOOR, 100), "cyan"),
            f"{readiness[-1]:.1f}%",
        )
    ]
    for competency, info in framework.competencies.items():
        values = [point.levels.get(competency) for point in result.history]
        if all(value is None for value in values):
            continue
        known = [value for value in values if value is not None]
        rows.append(
            (
                Text(info.name),
                str(known[0]),
                Text(sparkline(values, framework.scale.top, framework.scale.top), "cyan"),
                str(known[-1]),
            )
        )

    def build(narrow: bool) -> Table:
        """Narrow, a long name wraps at a space."""
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("", no_wrap=not narrow)
        table.add_column("First", justify="right", no_wrap=True)
        table.add_column("Over time", no_wrap=True)
        table.add_column("Last", justify="right", no_wrap=True)
        for row in rows:
            table.add_row(*row)
        return table

    return Group(
        ByWidth(build),
        Text(
            f"Readiness is drawn over its own range (at least {READINESS_SPARK_FLOOR} points, so a small wobble stays flat), "
            f"each competency over {framework.scale.span()}; a gap in a line is an assessment that left it unrated.",
            "dim",
        ),
    )


def bench_view(framework: Framework, rows: tuple[BenchRow, ...]) -> RenderableType:
    """Succession at a glance: each role, who holds it, who is ready, who is close; one person a line, so no name breaks."""

    def people(found, style: str) -> Text:
        if not found:
            return Text("-", "dim", no_wrap=True)
        text = Text(no_wrap=True)
        for number, c in enumerate(found):
            text.append(("\n" if number else "") + f"{one_line(c.name)} {c.readiness:.0f}", style)
            text.append("?" if c.provisional else "", "yellow")
        return text

    def role(row) -> Text:
        return Text.assemble((row.role.title, "bold"), ("\n! succession risk" if row.risk else "", "red"))

    def build(narrow: bool) -> RenderableType:
        if narrow:  # a phone: each role a heading, its people below
            parts: list[RenderableType] = []
            for row in rows:
                parts.append(role(row))
                lines = [("Holds", row.holders, "")] if row.holders else []  # nobody holds it: no line to say so
                lines += [("Ready", row.ready, "green"), ("Close", row.close, "cyan")]
                for label, found, style in lines:
                    parts.append(Indented(Text.assemble((f"{label:<7}", "dim"), people(found, style)), 9, first=2))
            return Group(*parts)
        cells = [[role(row), people(row.holders, ""), people(row.ready, "green"), people(row.close, "cyan")] for row in rows]
        headers = ["Role", "Holders", "Ready", "Close"]
        if sum(len(row.holders) + len(row.ready) + len(row.close) for row in rows) > LONG_TABLE:
            return LongTable(headers, cells, ["left"] * 4, [False] * 4, leading=1)
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, leading=1)
        for header in headers:
            table.add_column(header)
        for cell in cells:
            table.add_row(*cell)
        return table

    return Group(ByWidth(build), Text(BENCH_LEGEND, "dim"))
