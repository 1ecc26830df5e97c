"""Rich renderables for people at a terminal.

Built to read at 80 columns, in light or dark themes (no white or black
styles), and to stay meaningful as plain text when piped: bars use distinct
characters, not colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..domain.assessment import Assessment
from ..domain.model import Framework, Role
from ..domain.navigation import CHANGES, CompetencyChange, Match, RoleComparison, Route
from ..domain.scoring import Gap
from .wording import (
    CHANGE_NAME,
    HORIZON_NAME,
    NOT_RATED,
    RELATION_NAME,
    RELATION_SYMBOL,
    WEIGHT_NAME,
    command_line,
    gap_levels,
    reassess_command,
    route_growth,
)

if TYPE_CHECKING:
    pass

VERDICT_STYLE = {"ready": "bold green", "close": "bold cyan", "developing": "bold yellow", "stretch": "bold red"}
FULL, MISSING, EMPTY = "█", "▒", "·"


def readiness_bar(value: float, width: int = 24) -> Text:
    filled = round(value / 100 * width)
    return Text.assemble((FULL * filled, "green"), (MISSING * (width - filled), "dim"))


def level_bar(current: int, required: int) -> Text:
    """Five cells: your level (█), what is missing to the requirement (▒), beyond it (·)."""
    bar = Text()
    for cell in range(1, 6):
        if cell <= current:
            bar.append(FULL, "green" if cell <= required or required == 0 else "cyan")
        elif cell <= required:
            bar.append(MISSING, "red")
        else:
            bar.append(EMPTY, "dim")
    return bar


def verdict_text(verdict: str) -> Text:
    return Text(verdict, VERDICT_STYLE.get(verdict, "bold"))


def route_text(framework: Framework, steps: list[str]) -> Text:
    text = Text()
    for index, role_id in enumerate(steps):
        if index:
            text.append(" → ", "dim")
        text.append(framework.roles[role_id].title, "bold" if index == len(steps) - 1 else "")
    return text


def source_line(framework: Framework, ids: tuple[str, ...]) -> str:
    return "; ".join(f"{framework.sources[i].author}, “{framework.sources[i].title}”" for i in ids)


class Indented:
    """Text wrapped with a hanging indent and no trailing spaces (Padding pads every line to the width)."""

    def __init__(self, text: Text, indent: int, first: int | None = None) -> None:
        self.text, self.indent = text, indent
        self.first = indent if first is None else first  # first=0: a hanging indent under a numbered line

    def __rich_console__(self, console, options):
        for number, line in enumerate(self.text.wrap(console, max(20, options.max_width - self.indent))):
            line.rstrip()
            yield Text.assemble(" " * (self.first if number == 0 else self.indent), line)


def _heading(title: str) -> Text:
    return Text(f"\n{title}", "bold underline")


NARROW = 60  # below this many columns (a phone), tables drop what the bars already say


class ByWidth:
    """A table built for the width there is: narrow (a phone) drops what the bars already say."""

    def __init__(self, build: Callable[[bool], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console, options):
        yield self.build(options.max_width < NARROW)


def gap_table(framework: Framework, gaps: tuple[Gap, ...]) -> ByWidth:
    """The gaps; at phone width the level bar carries now and need."""

    def build(narrow: bool) -> Table:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
        table.add_column("Competency", overflow="fold", ratio=1, min_width=12)
        if not narrow:
            table.add_column("Now", justify="right")
            table.add_column("Need", justify="right")
        table.add_column("Level", no_wrap=True)
        table.add_column("Weight" if not narrow else "Wt", no_wrap=True)
        table.add_column("Priority" if not narrow else "Pri", justify="right", no_wrap=True)
        for gap in gaps:
            now = str(gap.current) if gap.rated else Text(NOT_RATED, "yellow")
            level = level_bar(gap.current, gap.required)
            if narrow:
                level.append(f" {gap_levels(gap.current, gap.required, gap.rated)}", "" if gap.rated else "yellow")
            cells = [now, str(gap.required)] if not narrow else []
            table.add_row(
                framework.competencies[gap.competency].name,
                *cells,
                level,
                WEIGHT_NAME.get(gap.weight, str(gap.weight)),
                Text(str(gap.priority), "bold" if gap.weight == 3 else ""),
            )
        return table

    return ByWidth(build)


def assessment_view(framework: Framework, result: Assessment) -> RenderableType:
    score, profile = result.score, result.profile
    who = profile.name or "You"
    move = Text.assemble((who, "bold"), " · ")
    if result.current is not None:
        move.append(f"{result.current.title} → ")
    move.append(score.role.title, "bold")
    parts: list[RenderableType] = [
        move,
        Text.assemble(
            "Readiness ",
            readiness_bar(score.readiness),
            f" {score.readiness:5.1f}%  ",
            verdict_text(score.verdict),
            ("  provisional" if score.provisional else "", "yellow"),
        ),
    ]
    if score.gaps:
        parts += [
            _heading(f"Gaps ({len(score.gaps)}), most pressing first"),
            gap_table(framework, score.gaps),
            Text(f"{FULL} your level  {MISSING} missing to the requirement  {EMPTY} beyond it", "dim"),
        ]
    else:
        parts.append(Text("\nNo gaps: you meet every requirement of this role.", "green"))
    if score.strengths:
        parts.append(_heading("Strengths"))
        for gap in score.strengths:
            line = Text.assemble(
                "✓ ", (framework.competencies[gap.competency].name, "green"), f"  {gap.current} (needs {gap.required})"
            )
            evidence = profile.ratings.get(gap.competency)
            if evidence and evidence.evidence:
                line.append(f" · {evidence.evidence}", "italic")
            parts.append(Indented(line, 4, first=2))
    if score.unrated_required:
        names = ", ".join(framework.competencies[c].name for c in score.unrated_required)
        one = len(score.unrated_required) == 1
        counts, them = ("it counts", "it") if one else ("they count", "them")
        parts.append(
            Indented(
                Text(
                    f"\nProvisional: you did not rate {names}, so {counts} as 0. Rate {them} "
                    f"first ({reassess_command(profile.file, framework.data_dir)}) for a result you can trust.",
                    "yellow",
                ),
                0,
            )
        )
    if result.advice:
        parts.append(_heading("Next steps"))
        for number, advice in enumerate(result.advice, 1):
            rec = advice.recommendation
            builds = ", ".join(framework.competencies[c].name for c in advice.addresses)
            parts.append(
                Indented(
                    Text.assemble(
                        f"{number:>2}. ", (rec.title, "bold"), (f"  [{rec.kind} · {HORIZON_NAME[rec.horizon]}]", "dim")
                    ),
                    4,
                    first=0,
                )
            )
            parts += [
                Indented(Text(rec.action), 4),
                Indented(Text(f"Builds: {builds}", "cyan"), 4),
                Indented(Text(f"Source: {source_line(framework, rec.sources)}", "dim"), 4),
            ]
    parts.append(_heading("Route"))
    if result.path:
        parts.append(Text.assemble("  ", route_text(framework, result.path)))
    elif result.no_route:
        parts.append(Text(f"  {result.no_route}", "yellow"))
    else:
        parts.append(Text("  Add current_role to the profile to see the route from your role.", "dim"))
    return Group(*parts)


def roles_view(framework: Framework, ladders: dict[str, list[Role]]) -> RenderableType:
    parts: list[RenderableType] = []
    for track, ladder in ladders.items():
        table = Table(
            title=framework.tracks.get(track, track),
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        table.add_column("Level", justify="right")
        table.add_column("Role (id)")
        table.add_column("Years", justify="right", no_wrap=True)
        table.add_column("Leads to", no_wrap=True)
        for role in ladder:
            name = Text.assemble((role.title, "bold"), "\n", (role.id, "cyan"))
            table.add_row(str(role.seniority), name, f"{role.years[0]}-{role.years[1]}", "\n".join(role.next) or "-")
        parts.append(table)
    first = next((role.id for ladder in ladders.values() for role in ladder), None)
    if first is not None:
        shown = command_line("role", first, data_dir=framework.data_dir)
        parts.append(Text(f"What a role asks for: {shown} (or any id above).", "dim"))
    return Group(*parts)


def role_view(framework: Framework, role: Role) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Competency")
    table.add_column("Level", no_wrap=True)
    table.add_column("Weight")
    for requirement in sorted(role.requirements, key=lambda r: (-r.weight, -r.level)):
        table.add_row(
            framework.competencies[requirement.competency].name,
            Text.assemble(level_bar(requirement.level, requirement.level), f" {requirement.level}"),
            WEIGHT_NAME.get(requirement.weight, str(requirement.weight)),
        )
    leads = ", ".join(f"{framework.roles[n].title} ({n})" for n in role.next) or "the top of its ladder"
    return Group(
        Text.assemble(
            (role.title, "bold"),
            f"  ({role.id}) · {framework.tracks.get(role.track, role.track)}, "
            f"level {role.seniority} · typically {role.years[0]}-{role.years[1]} years",
        ),
        Text(role.summary),
        _heading("Requirements"),
        table,
        Text.assemble(("Leads to: ", "bold"), leads),
        Text.assemble(("Sources: ", "bold"), source_line(framework, role.sources), style="dim"),
    )


CHANGE_STYLE = {"rises": "yellow", "falls": "cyan", "stays": "dim", "new": "yellow", "dropped": "dim"}
RELATION_MARK = {kind: f"{RELATION_SYMBOL[kind]} {RELATION_NAME[kind]}" for kind in RELATION_SYMBOL}


def _requirement_cell(level: int, weight: int, narrow: bool = False) -> Text:
    if not level:
        return Text("-", "dim")
    bar = [] if narrow else [level_bar(level, level), " "]
    return Text.assemble(*bar, f"{level} ", (WEIGHT_NAME.get(weight, str(weight)), "dim"))


def comparison_view(framework: Framework, comparison: RoleComparison) -> RenderableType:
    """Two roles side by side, competency by competency: what rises, what falls, what stays."""
    source, target = comparison.source, comparison.target

    def build(narrow: bool) -> Table:
        """At phone width the levels stand without their bars, and a change is its symbol."""
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1) if not narrow else 0)
        if narrow:  # the box's own one-space divider is the only gap between columns
            table.add_column("Competency", overflow="fold", min_width=14, max_width=18)
        else:
            table.add_column("Competency", overflow="fold", ratio=1, min_width=16)
        table.add_column(source.title, min_width=8 if narrow else 14, max_width=8 if narrow else None)
        table.add_column(target.title, min_width=8 if narrow else 14, max_width=8 if narrow else None)
        table.add_column("Change" if not narrow else "Δ", no_wrap=True)
        for row in comparison.competencies:
            label, style = CHANGE_NAME[row.change], CHANGE_STYLE[row.change]
            label = label.split()[0] if narrow else label
            change = Text(label + (f"{'' if narrow else ' '}{row.delta:+d}" if row.change in ("rises", "falls") else ""), style)
            if not narrow and row.from_level and row.to_level and row.from_weight != row.to_weight:
                change.append(", weight " + ("↑" if row.to_weight > row.from_weight else "↓"), "dim")
            table.add_row(
                framework.competencies[row.competency].name,
                _requirement_cell(row.from_level, row.from_weight, narrow),
                _requirement_cell(row.to_level, row.to_weight, narrow),
                change,
            )
        return table

    counts = " · ".join(f"{comparison.count(change)} {change}" for change in CHANGES)
    return Group(
        Text.assemble((source.title, "bold"), f" ({source.id}) → ", (target.title, "bold"), f" ({target.id})"),
        Text(
            f"{framework.tracks.get(source.track, source.track)}, level {source.seniority} → "
            f"{framework.tracks.get(target.track, target.track)}, level {target.seniority}",
            "dim",
        ),
        ByWidth(build),
        Text(counts, "dim"),
        Text("Required level 1-5 and weight: core (3), key (2), useful (1); - means not required.", "dim"),
    )


def _growth_line(framework: Framework, gaps: tuple[Gap, ...]) -> Text:
    if not gaps:
        return Text("you already meet every requirement", "green")
    return Text("grow " + ", ".join(f"{framework.competencies[g.competency].name} {g.current}→{g.required}" for g in gaps))


def _rises_line(framework: Framework, rises: tuple[CompetencyChange, ...]) -> Text:
    if not rises:
        return Text("asks no more of any competency than the role before", "dim")
    return Text(
        "asks more " + ", ".join(f"{framework.competencies[r.competency].name} {r.from_level}→{r.to_level}" for r in rises)
    )


def route_view(framework: Framework, found: Route) -> RenderableType:
    """The route, then per step what to grow (with a profile) or what the role asks more of (without)."""
    steps = found.steps
    count = len(steps) - 1
    plural = "" if count == 1 else "s"
    parts: list[RenderableType] = [Text.assemble(route_text(framework, steps), (f"  ({count} step{plural})", "dim"))]
    if count == 0:
        parts.append(Text("Already there: FROM and TO are the same role.", "dim"))
    details = found.growth if found.personal else found.rises
    for number, (role_id, items) in enumerate(details, 1):
        line = _growth_line(framework, items) if found.personal else _rises_line(framework, items)
        parts.append(Indented(Text.assemble(f"{number}. ", (framework.roles[role_id].title, "bold"), ": ", line), 2))
    if found.personal:
        parts.append(Text(f"\n{route_growth(found.cost)}", "dim"))
        if found.fewest is not None:
            parts.append(
                Text.assemble(
                    "Fewest steps would be ", route_text(framework, found.fewest), f", asking {found.fewest_cost}.", style="dim"
                )
            )
    else:
        parts.append(Text("\nAdd -p PROFILE for the route that asks you the least new growth.", "dim"))
    return Group(*parts)


class MatchTable:
    """`match` as one line a role at any width: the columns are sized to the terminal before drawing.

    Names shorten with an ellipsis instead of wrapping, and the gap shows its
    levels first, so a narrow terminal cuts a competency's name, never the
    level it needs.
    """

    FIXED = 2 + 2 + 5 + 10 + 5  # #, mark, readiness, verdict, and the space the box draws between columns

    def __init__(self, framework: Framework, matches: list[Match]) -> None:
        self.framework, self.matches = framework, matches

    def __rich_console__(self, console, options):
        framework = self.framework
        rows = []
        for number, found in enumerate(self.matches, 1):
            role, result = found.role, found.score
            mark = Text(RELATION_MARK[found.relation].split(" ")[0] if found.relation else "", "cyan")
            if found.target:
                mark.append("★", "bold")
            gap = result.biggest_gap
            shown = "-"
            if gap is not None:
                shown = f"{gap_levels(gap.current, gap.required, gap.rated)} {framework.competencies[gap.competency].name}"
            readiness = f"{result.readiness:.1f}" + ("?" if result.provisional else "")
            rows.append(
                (
                    str(number),
                    mark,
                    Text(role.title, "bold" if found.target else ""),
                    readiness,
                    verdict_text(result.verdict),
                    Text(shown),
                )
            )
        spare = max(20, options.max_width - self.FIXED)
        longest_role = max((cell_len(row[2].plain) for row in rows), default=4)
        longest_gap = max((cell_len(row[5].plain) for row in rows), default=1)
        role_width = min(longest_role, max(10, spare * longest_role // (longest_role + longest_gap)))
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=0)
        table.add_column("#", justify="right", no_wrap=True, width=2)
        table.add_column("", no_wrap=True, width=2)
        table.add_column("Role", no_wrap=True, overflow="ellipsis", width=role_width)
        table.add_column("Ready", justify="right", no_wrap=True, width=5)
        table.add_column("Verdict", no_wrap=True, width=10)
        table.add_column("Biggest gap", no_wrap=True, overflow="ellipsis", width=max(8, spare - role_width))
        for row in rows:
            table.add_row(*row)
        yield table


def match_view(framework: Framework, matches: list[Match]) -> RenderableType:
    """Your moves ranked by readiness, marked against your current ladder."""
    legend = (
        "   ".join(RELATION_MARK.values())
        if any(found.relation for found in matches)
        else "Add current_role to the profile to see your ladder and the cross-track moves."
    )
    if any(found.target for found in matches):
        legend += "   ★ your target"
    notes = [Text(legend, "dim")]
    if any(found.score.provisional for found in matches):
        notes.append(Text("? provisional: the role needs a competency you did not rate, counted as 0", "dim"))
    return Group(MatchTable(framework, matches), *notes)
