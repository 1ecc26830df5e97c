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
from .table import EMPTY, FULL, VERDICT_STYLE, Indented, _heading, readiness_bar, verdict_text
from .wording import HORIZON_NAME

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
        Text.assemble(("Team", "bold"), f" · {people} {'person' if people == 1 else 'people'} → ", (report.target.title, "bold")),
        Text.assemble(
            "Readiness ",
            readiness_bar(report.mean, 16),
            f" mean {report.mean:.1f}%",
            f" · median {report.median:.1f}% · {report.low:.1f}-{report.high:.1f}%",
        ),
        _heading("Verdicts"),
    ]
    for verdict, count in report.verdicts.items():
        parts.append(
            Text.assemble(
                f"  {verdict:<11}",
                readiness_bar(100 * count / people, 20),
                f" {count}",
                style=VERDICT_STYLE.get(verdict, "").replace("bold ", ""),
            )
        )

    heatmap = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    heatmap.add_column("Competency", overflow="fold", ratio=1)
    heatmap.add_column("Need", justify="right")
    heatmap.add_column("Mean", justify="right")
    heatmap.add_column("With a gap", justify="right", no_wrap=True)
    heatmap.add_column("Share with a gap", no_wrap=True)
    for stat in report.competencies:
        heatmap.add_row(
            names[stat.competency].name,
            str(stat.required),
            f"{stat.mean_current:.2f}",
            f"{stat.with_gap}/{people}",
            share_bar(stat.share_with_gap(people)),
        )
    parts += [_heading("Gaps across the team"), heatmap]

    parts.append(_heading("Training priorities"))
    if not report.priorities:
        parts.append(Text("  Nobody has a gap for this role.", "green"))
    for number, priority in enumerate(report.priorities, 1):
        counts = f"  {priority.with_gap}/{people} people · weighted gap {priority.weighted_gap}"
        parts.append(Text.assemble(f"{number:>2}. ", (names[priority.competency].name, "bold"), (counts, "dim")))
        for rec in priority.recommendations:
            parts.append(Indented(Text.assemble("→ ", rec.title, (f"  ({HORIZON_NAME[rec.horizon]})", "dim")), 4))

    members = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    members.add_column("#", justify="right")
    members.add_column("Name", overflow="fold", ratio=1)
    members.add_column("Readiness", no_wrap=True)
    members.add_column("Verdict")
    members.add_column("Biggest gap", overflow="fold", ratio=1)
    shown = list(enumerate(report.members, 1))
    cut = report.members_shown is not None and len(shown) > 2 * report.members_shown + 1
    if cut:  # the top and the bottom; the middle is in -f json or csv, or with --members all
        shown = shown[: report.members_shown] + [None] + shown[-report.members_shown :]
    for entry in shown:
        if entry is None:
            hidden = report.people - 2 * report.members_shown
            members.add_row("", Text(f"… {hidden:,} more", "dim"), "", "", "(--members all)")
            continue
        number, member = entry
        members.add_row(
            str(number),
            member.name,
            Text.assemble(readiness_bar(member.readiness, 10), f" {member.readiness:5.1f}"),
            verdict_text(member.verdict),
            names[member.biggest_gap].name if member.biggest_gap else "-",
        )
    if report.reviewed:
        parts.append(_heading(f"Common blind spots ({report.reviewed} members with reviews)"))
        if not report.blind_spots:
            parts.append(Text("  None: self-ratings match what others see.", "dim"))
        for competency, count in report.blind_spots:
            parts.append(
                Text(
                    f"  {framework.competencies[competency].name}: {count} of {report.reviewed} rate "
                    "themselves 1.5 or more above others"
                )
            )
    parts += [_heading("Members, most ready first"), members]
    return Group(*parts)


def progress_view(framework: Framework, result: Progress) -> RenderableType:
    names = framework.competencies
    who = result.new.name or result.old.name or "Progress"
    when = [p.assessed_on.isoformat() if p.assessed_on else p.file for p in (result.old, result.new)]
    delta_style = "green" if result.delta > 0 else "red" if result.delta < 0 else "dim"
    parts: list[RenderableType] = [
        Text.assemble((who, "bold"), " → ", (result.target.title, "bold"), (f"  ({when[0]} → {when[1]})", "dim")),
        Text.assemble(
            "Before    ",
            readiness_bar(result.before.readiness),
            f" {result.before.readiness:5.1f}%  ",
            verdict_text(result.before.verdict),
        ),
        Text.assemble(
            "After     ",
            readiness_bar(result.after.readiness),
            f" {result.after.readiness:5.1f}%  ",
            verdict_text(result.after.verdict),
            (f"  {result.delta:+.1f}", delta_style),
        ),
        _heading("Ratings that moved"),
    ]
    if result.changes:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("Competency", overflow="fold", ratio=1)
        table.add_column("Before", justify="right")
        table.add_column("", no_wrap=True)
        table.add_column("After", justify="right")
        table.add_column("Need", justify="right")
        for change in result.changes:
            arrow = Text("↑", "green") if change.rose else Text("↓", "red")
            table.add_row(
                names[change.competency].name,
                str(change.before),
                arrow,
                str(change.after),
                str(result.target.required(change.competency) or "-"),
            )
        parts.append(table)
    else:
        parts.append(Text("  No rating changed.", "dim"))
    for title, ids, mark, style in (("Gaps closed", result.closed, "✓", "green"), ("Gaps opened", result.opened, "✗", "red")):
        parts.append(_heading(title))
        parts += [Text(f"  {mark} {names[c].name}", style) for c in ids] or [Text("  None.", "dim")]
    if result.history:
        parts += [_heading(f"Over time ({len(result.history)} assessments)"), history_table(framework, result)]
    return Group(*parts)


def _mean_cell(value: float | None) -> Text:
    if value is None:
        return Text("·", "dim")  # hidden for anonymity, or nobody rated it
    return Text.assemble(_level_blocks(value), f" {value:.1f}")


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
    raters = ", ".join(f"{count} {relation}{'s' if count != 1 else ''}" for relation, count in result.raters.items() if count)
    others = f"{result.readiness_others:5.1f}%" if result.readiness_others is not None else "  n/a"
    parts: list[RenderableType] = [
        Text.assemble((result.person.name or "You", "bold"), " · how others see you", (f"  ({raters})", "dim")),
        Text.assemble(
            "Readiness for ", (result.target.title, "bold"), ": self ", f"{result.readiness_self:.1f}%", ", others ", others
        ),
    ]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=0)
    table.add_column("Competency", overflow="fold", ratio=1, min_width=14)
    table.add_column("", no_wrap=True)
    table.add_column("Self", no_wrap=True)
    for label in ("Manager", "Peers", "Reports"):
        table.add_column(label, no_wrap=True, justify="right")
    table.add_column("Others", no_wrap=True)
    table.add_column("Δ", justify="right", no_wrap=True)
    for view in result.competencies:
        mark = "◀" if view.competency in result.blind_spots else "▶" if view.competency in result.hidden_strengths else ""
        self_cell = _mean_cell(float(view.self_level)) if view.self_level is not None else Text("·", "dim")
        numbers = [
            Text(f"{value:.1f}") if value is not None else Text("·", "dim") for value in (view.manager, view.peers, view.reports)
        ]
        delta = Text(f"{view.delta:+.1f}" if view.delta is not None else "", "bold" if mark else "")
        table.add_row(names[view.competency].name, Text(mark, "yellow"), self_cell, *numbers, _mean_cell(view.others), delta)
    parts += [
        table,
        Text(
            "◀ blind spot  ▶ hidden strength  · hidden (fewer than 3 peers or reports rated it) or not rated. "
            "Δ: self minus others.",
            "dim",
        ),
    ]
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


def sparkline(values: list[float | None], top: float) -> str:
    """One character a value (a space where there is none), scaled to 0..top."""
    return "".join(" " if v is None else SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1) + 0.5))] for v in values)


def history_table(framework: Framework, result: Progress) -> Table:
    """Readiness and each rated competency across the assessments: first value, sparkline, last value."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("", overflow="fold", ratio=1, min_width=14)
    table.add_column("First", justify="right", no_wrap=True)
    table.add_column("Over time", no_wrap=True)
    table.add_column("Last", justify="right", no_wrap=True)
    readiness = [point.score.readiness for point in result.history]
    table.add_row(
        Text("Readiness", "bold"), f"{readiness[0]:.1f}%", Text(sparkline(readiness, 100), "cyan"), f"{readiness[-1]:.1f}%"
    )
    for competency, info in framework.competencies.items():
        values = [point.levels.get(competency) for point in result.history]
        if all(value is None for value in values):
            continue
        known = [value for value in values if value is not None]
        table.add_row(info.name, str(known[0]), Text(sparkline(values, 5), "cyan"), str(known[-1]))
    return table


def bench_view(framework: Framework, rows: tuple[BenchRow, ...]) -> RenderableType:
    """Succession at a glance: each role, who is ready, who is close."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Role", overflow="fold", ratio=2, min_width=12)
    table.add_column("Ready", overflow="fold", ratio=3)
    table.add_column("Close", overflow="fold", ratio=3)
    for row in rows:
        table.add_row(
            row.role.title,
            Text(", ".join(f"{name} {value:.0f}" for name, value in row.ready) or "-", "green"),
            Text(", ".join(f"{name} {value:.0f}" for name, value in row.close) or "-", "cyan"),
        )
    return Group(table, Text("Names with readiness (%), most ready first.", "dim"))
