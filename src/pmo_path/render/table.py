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
from ..domain.model import Framework, Role, Scale
from ..domain.navigation import CHANGES, CompetencyChange, Match, RoleComparison, Route
from ..domain.scoring import Gap
from .move_notes import (
    PROVISIONAL_MATCH,
    credential_line,
    experience_line,
    no_advice_line,
    onward_line,
    range_headline,
    rate_more,
    readiness_span,
    second_view,
)
from .safe import one_line
from .wording import (
    CHANGE_NAME,
    HORIZON_NAME,
    NOT_RATED,
    RELATION_NAME,
    RELATION_SYMBOL,
    WEIGHT_LEGEND,
    WEIGHT_NAME,
    command_line,
    gap_levels,
    growth_levels,
    growth_points,
    reassess_command,
    route_growth,
    scale_legend,
    scale_legend_items,
    stepped_weights,
    weight_change,
)

if TYPE_CHECKING:
    pass

VERDICT_STYLE = {"ready": "bold green", "close": "bold cyan", "developing": "bold yellow", "stretch": "bold red"}
FULL, MISSING, EMPTY = "█", "▒", "·"


def readiness_bar(value: float, width: int = 24) -> Text:
    filled = round(value / 100 * width)
    return Text.assemble((FULL * filled, "green"), (MISSING * (width - filled), "dim"))


def level_bar(current: int, required: int, top: int = 5) -> Text:
    """One cell a level of the scale: your level (█), what is missing to the requirement (▒), beyond it (·)."""
    bar = Text()
    for cell in range(1, top + 1):
        if cell <= current:
            bar.append(FULL, "green" if cell <= required or required == 0 else "cyan")
        elif cell <= required:
            bar.append(MISSING, "red")
        else:
            bar.append(EMPTY, "dim")
    return bar


def verdict_text(verdict: str) -> Text:
    return Text(verdict, VERDICT_STYLE.get(verdict, "bold"))


class Chain:
    """A route's roles joined by arrows, wrapped between two roles (an arrow starts the next line), never inside a title."""

    def __init__(self, lead: Text, framework: Framework, steps: list[str], tail: Text | None = None, indent: int = 2) -> None:
        self.lead, self.indent = lead, indent
        last = len(steps) - 1
        self.items = [Text(framework.roles[r].heading, "bold" if i == last else "") for i, r in enumerate(steps)]
        if tail is not None:  # the tail goes with the last role
            self.items[-1] = Text.assemble(self.items[-1], tail)

    def __rich_console__(self, console, options):
        width = options.max_width
        line = Text.assemble(self.lead)  # a fresh Text each time it is drawn
        for index, item in enumerate(self.items):
            piece = Text.assemble(("→ ", "dim"), item) if index else item
            joiner = " " if index else ""
            if line.plain.strip() and line.cell_len + len(joiner) + piece.cell_len > width:
                line.rstrip()
                yield line
                line, joiner = Text(" " * self.indent), ""
            line = Text.assemble(line, joiner, piece)
        yield line


def source_line(framework: Framework, ids: tuple[str, ...]) -> str:
    sources = [framework.sources[i] for i in ids]  # an organisation's own source may have no author
    return "; ".join(f"{s.author}, “{s.title}”" if s.author else f"“{s.title}”" for s in sources)


class Indented:
    """Text wrapped with a hanging indent and no trailing spaces (Padding pads every line to the width)."""

    def __init__(self, text: Text, indent: int, first: int | None = None) -> None:
        self.text, self.indent = text, indent
        self.first = indent if first is None else first  # first=0: a hanging indent under a numbered line

    def __rich_console__(self, console, options):
        for number, line in enumerate(self.text.wrap(console, max(20, options.max_width - self.indent))):
            line.rstrip()
            yield Text.assemble(" " * (self.first if number == 0 else self.indent), line)


class Tagged:
    """A numbered title and its tag on one line when both fit; else the tag whole on the line below, never split."""

    def __init__(self, title: Text, tag: Text, indent: int, first: int = 0) -> None:
        self.title, self.tag, self.indent, self.first = title, tag, indent, first

    def __rich_console__(self, console, options):
        if self.first + self.title.cell_len + 2 + self.tag.cell_len <= options.max_width:
            yield Text.assemble(" " * self.first, self.title, "  ", self.tag)
        else:
            yield Indented(self.title, self.indent, first=self.first)
            yield Indented(self.tag, self.indent + 2 if self.first == self.indent else self.indent)


def _heading(title: str) -> Text:
    return Text(f"\n{title}", "bold underline")


class Legend:
    """A legend laid out item by item: a line breaks only between items, a separator (`·`) stays at the end of its
    line and never starts the next; only an item wider than the line breaks, at its own spaces (a `·` kept on the
    word before it). Rich would break anywhere a space is (`5` / `expert.`, `· 4 Leader`)."""

    def __init__(self, items: list[str], separator: str = " ·", gap: str = " ", prefix: str = "", end: str = "") -> None:
        units = [item + (separator if index < len(items) - 1 else end) for index, item in enumerate(items)]
        if units:
            units[0] = prefix + units[0]
        self.units, self.gap = units, gap

    def lines(self, width: int) -> list[str]:
        units: list[tuple[str, str]] = []
        for unit in self.units:
            if cell_len(unit) <= width:
                units.append((unit, self.gap))
                continue
            words: list[str] = []
            for word in unit.split(" "):  # wider than the line: its words, a lone mark glued to the word before it
                if words and not any(char.isalnum() for char in word):
                    words[-1] += " " + word
                elif word:
                    words.append(word)
            units += [(word, " ") for word in words[:-1]] + [(words[-1], self.gap)] if words else []
        lines: list[str] = []
        line, gap = "", ""
        for unit, after in units:
            if line and cell_len(line + gap + unit) > width:
                lines.append(line)
                line = unit
            else:
                line = line + gap + unit if line else unit
            gap = after
        return [*lines, line] if line else lines

    def text(self, width: int) -> Text:
        return Text("\n".join(self.lines(width)), "dim")

    def __rich_console__(self, console, options):
        yield self.text(options.max_width)

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        widest = max((cell_len(unit) for unit in self.units), default=0)
        whole = cell_len(self.gap.join(self.units))
        return Measurement(min(widest, options.max_width), min(whole, options.max_width))


def level_legend(scale: Scale) -> list[Legend]:
    """`Levels: 0 not yet · 1 Aware · ...` as a Legend, or nothing where the levels have no names."""
    items = scale_legend_items(scale)
    return [Legend(items, prefix="Levels: ", end=".")] if items else []


class ByWidth:
    """A table laid out for the width there is, never cutting a word or a number.

    `build(level)` draws the view at a level of detail, 0 the fullest; the
    levels after it drop, stack or shorten columns (a two-level build reads
    `level` as `narrow`). ByWidth draws the first level whose columns can each
    be as wide as their longest word (their longest line when they must not
    wrap) within the width, and fixes those widths, because Rich on its own
    would fold a word or a figure to make a table fit. Only when even the last
    level cannot fit does Rich lay it out as it can.
    """

    def __init__(self, build: Callable[[int], RenderableType], levels: int = 2) -> None:
        self.build, self.levels = build, levels

    def __rich_console__(self, console, options):
        for level in range(self.levels):
            drawn = self.build(level if self.levels > 2 else bool(level))
            if fit(drawn, console, options) or level == self.levels - 1:
                yield drawn
                return


def fit(renderable: RenderableType, console, options) -> bool:
    """Fix the widths of a table's columns so no word breaks within `options.max_width`; False if it cannot be done.

    A column is at least as wide as its longest word, or its longest line when
    the column or the cell's Text says no_wrap; it starts at its longest line
    and the widest columns give up space first, as Rich does, but never below
    that floor. A Group fits when every table in it fits.
    """
    from rich.measure import Measurement

    if isinstance(renderable, Group):
        return all([fit(inner, console, options) for inner in renderable.renderables])
    if hasattr(renderable, "layout"):  # a LongTable (render.table_people): the same rule, worked out by itself
        return renderable.layout(options.max_width) is not None
    if not isinstance(renderable, Table):
        return True
    table = renderable
    floors, widths = [], []
    for column in table.columns:
        cells = [*column.cells, column.header] if table.show_header else list(column.cells)
        floor = longest = 0
        for cell in cells:
            measured = Measurement.get(console, options.update(no_wrap=False), cell)
            whole = column.no_wrap or getattr(cell, "no_wrap", False)
            floor = max(floor, measured.maximum if whole else measured.minimum)
            longest = max(longest, measured.maximum)
        if column.width is not None:
            floor = longest = column.width
        floor = max(floor, column.min_width or 0)
        if column.max_width is not None and floor > column.max_width:
            return False
        floors.append(floor)
        widths.append(max(floor, min(longest, column.max_width or longest)))
    room = options.max_width - table._extra_width - sum(table._get_padding_width(i) for i in range(len(table.columns)))
    if sum(floors) > room:
        return False
    while sum(widths) > room:  # the widest column that can still give a cell gives it
        index = max((i for i, w in enumerate(widths) if w > floors[i]), key=lambda i: widths[i])
        widths[index] -= 1
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return True


class ShellCommand:
    """A command to copy: broken only between words, with ` \\` continuations, so it runs as printed."""

    def __init__(self, command: str, indent: int = 2) -> None:
        self.command, self.indent = command, indent

    def __rich_console__(self, console, options):
        import shlex

        room = max(20, options.max_width - self.indent - 2)
        lines: list[str] = []
        for word in (shlex.quote(token) for token in shlex.split(self.command)):
            if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= room:
                lines[-1] += " " + word
            else:
                lines.append(word)
        for number, line in enumerate(lines):
            tail = " \\" if number < len(lines) - 1 else ""
            yield Text(" " * self.indent + line + tail, "bold", no_wrap=True, overflow="ignore")


def gap_table(framework: Framework, gaps: tuple[Gap, ...]) -> ByWidth:
    """The gaps, most pressing first (the order says it; the figure is in -f json and csv).

    Narrower, the level bar carries now and need; narrower still, a long name wraps at a space.
    """

    scale = framework.scale
    named = bool(scale_legend(scale))

    def build(layout: int) -> Table:
        # 0: now and need with the level names (where the scale has them); then as numbers; then in the bar's cell
        level = layout - 1 if named else layout
        narrow = level >= 1
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
        table.add_column("Competency", no_wrap=level < 2)
        if not narrow:
            table.add_column("Now", justify="right" if level == 0 else "left", no_wrap=True)
            table.add_column("Need", justify="right" if level == 0 else "left", no_wrap=True)
        table.add_column("Level", no_wrap=True)
        table.add_column("Weight", no_wrap=True)
        for gap in gaps:
            label = scale.label if level < 0 else str
            now = label(gap.current) if gap.rated else Text(NOT_RATED, "yellow")
            bar = level_bar(gap.current, gap.required, scale.top)
            if narrow:
                bar.append(f" {gap_levels(gap.current, gap.required, gap.rated)}", "" if gap.rated else "yellow")
            cells = [now, label(gap.required)] if not narrow else []
            table.add_row(
                framework.competencies[gap.competency].name,
                *cells,
                bar,
                Text(WEIGHT_NAME.get(gap.weight, str(gap.weight)), "bold" if gap.weight == 3 else ""),
            )
        return table

    return ByWidth(build, 4 if named else 3)


def assessment_view(framework: Framework, result: Assessment) -> RenderableType:
    score, profile = result.score, result.profile
    who = one_line(profile.name) if profile.name else "You"  # an invisible character in a name shows
    move = Text.assemble((who, "bold"), " · ")
    if result.current is not None:
        move.append(f"{result.current.heading} → ")
    move.append(score.role.heading, "bold")
    parts: list[RenderableType] = [
        move,
        Text.assemble(
            "Readiness ",
            readiness_bar(score.readiness),
            f" {score.readiness:5.1f}%  ",
            verdict_text(score.verdict),
            ("  provisional" if score.provisional else "", "yellow"),
        )
        if score.readiness_range is None
        else Text.assemble("Readiness ", readiness_bar(score.readiness), (f" {range_headline(score)}", "yellow")),
    ]
    if experience := experience_line(result):
        parts.append(Text(experience, "dim"))
    if score.gaps:
        parts += [
            _heading(f"Gaps ({len(score.gaps)}), most pressing first"),
            gap_table(framework, score.gaps),
            Legend([f"{FULL} your level", f"{MISSING} missing to the requirement", f"{EMPTY} beyond it"], "", "  "),
            *level_legend(framework.scale),
        ]
    else:
        parts.append(Text("\nNo gaps: you meet every requirement of this role.", "green"))
    if score.strengths:
        parts.append(_heading("Strengths"))
        for gap in score.strengths:
            line = Text.assemble(
                "✓ ",
                (framework.competencies[gap.competency].name, "green"),
                f"  {framework.scale.label(gap.current)} (needs {framework.scale.label(gap.required)})",
            )
            evidence = profile.ratings.get(gap.competency)
            if evidence and evidence.evidence:
                line.append(f" · {one_line(evidence.evidence)}", "italic")
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
    if check := second_view(result, framework):
        parts.append(Indented(Text(f"\nSecond view: {check[0]}", "yellow"), 0))
        parts += [ShellCommand(command) for command in check[1]]
    if bare := no_advice_line(result, framework):
        parts.append(Indented(Text(f"\n{bare}", "yellow"), 0))
    if result.advice:
        parts.append(_heading("Next steps"))
        if onward := onward_line(result, framework):
            parts.append(Indented(Text(onward, "green"), 0))
        for number, advice in enumerate(result.advice, 1):
            rec = advice.recommendation
            builds = ", ".join(framework.competencies[c].name for c in advice.addresses)
            parts.append(
                Tagged(
                    Text.assemble(f"{number:>2}. ", (rec.title, "bold")),
                    Text(f"[{rec.kind} · {HORIZON_NAME[rec.horizon]}]", "dim"),
                    4,
                )
            )
            parts += [
                Indented(Text(rec.action), 4),
                Indented(Text(f"Builds: {builds}", "cyan"), 4),
                Indented(Text(f"Source: {source_line(framework, rec.sources)}", "dim"), 4),
            ]
            if credential := credential_line(rec):
                parts.append(Indented(Text(credential, "dim"), 4))
    parts.append(_heading("Route"))
    if result.path:
        parts.append(Chain(Text("  "), framework, result.path, indent=4))
    elif result.no_route:
        parts.append(Text(f"  {result.no_route}", "yellow"))
    else:
        parts.append(Text("  Add current_role to the profile to see the route from your role.", "dim"))
    return Group(*parts)


def roles_view(framework: Framework, ladders: dict[str, list[Role]]) -> RenderableType:
    """Each ladder as a table; narrower, where a role leads goes under its id instead of in a column."""

    def ladder_table(track: str, ladder: list[Role]) -> ByWidth:
        def build(narrow: bool) -> Table:
            table = Table(
                title=framework.tracks.get(track, track),
                title_justify="left",
                title_style="bold",
                box=box.SIMPLE_HEAD,
                pad_edge=False,
            )
            table.add_column("Seniority", justify="right", no_wrap=True)
            if narrow:
                table.add_column("Years", justify="right", no_wrap=True)
            table.add_column("Role (id)")
            if not narrow:
                table.add_column("Years", justify="right", no_wrap=True)
                table.add_column("Leads to", no_wrap=True)
            for role in ladder:
                name = Text.assemble((role.heading, "bold"), "\n", (role.id, "cyan"))
                years = f"{role.years[0]}-{role.years[1]}" if role.years != (0, 0) else "-"  # no years given
                if narrow:
                    name.append("\nleads to " + (", ".join(role.next) or "-"), "dim")
                    table.add_row(str(role.seniority), years, name)
                else:
                    table.add_row(str(role.seniority), name, years, "\n".join(role.next) or "-")
            return table

        return ByWidth(build)

    parts: list[RenderableType] = [ladder_table(track, ladder) for track, ladder in ladders.items()]
    first = next((role.id for ladder in ladders.values() for role in ladder), None)
    if first is not None:
        shown = command_line("role", first, data_dir=framework.data_dir)
        parts.append(Text(f"What a role asks for: {shown} (or any id above).", "dim"))
    return Group(*parts)


def role_view(framework: Framework, role: Role) -> RenderableType:

    def build(narrow: bool) -> Table:
        """Narrow, a long competency name wraps at a space."""
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Competency", no_wrap=not narrow)
        table.add_column("Level", no_wrap=True)
        table.add_column("Weight", no_wrap=True)
        for requirement in sorted(role.requirements, key=lambda r: (-r.weight, -r.level)):
            table.add_row(
                framework.competencies[requirement.competency].name,
                Text.assemble(
                    level_bar(requirement.level, requirement.level, framework.scale.top),
                    f" {framework.scale.label(requirement.level)}",
                ),
                WEIGHT_NAME.get(requirement.weight, str(requirement.weight)),
            )
        return table

    leads = ", ".join(f"{framework.roles[n].heading} ({n})" for n in role.next) or "the top of its ladder"
    years = f" · typically {role.years[0]}-{role.years[1]} years" if role.years != (0, 0) else ""
    return Group(
        Text.assemble(
            (role.heading, "bold"),
            f"  ({role.id}) · {framework.tracks.get(role.track, role.track)}, seniority {role.seniority}{years}",
        ),
        *([Text(role.summary)] if role.summary else []),
        _heading("Requirements"),
        ByWidth(build),
        *level_legend(framework.scale),
        Text.assemble(("Leads to: ", "bold"), leads),
        Text.assemble(("Sources: ", "bold"), source_line(framework, role.sources), style="dim"),
    )


CHANGE_STYLE = {"rises": "yellow", "falls": "cyan", "stays": "dim", "new": "yellow", "dropped": "dim"}
RELATION_MARK = {kind: f"{RELATION_SYMBOL[kind]} {RELATION_NAME[kind]}" for kind in RELATION_SYMBOL}


def _requirement_cell(level: int, weight: int, detail: int = 2, scale: Scale | None = None) -> Text:
    """The level a role asks for: with its name, bar and weight (3), with its bar and weight (2), with its
    weight (1), alone (0)."""
    if not level:
        return Text("-", "dim")
    scale = scale or Scale()
    drawn = [level_bar(level, level, scale.top), " "] if detail > 1 else []
    named = [" ", (WEIGHT_NAME.get(weight, str(weight)), "dim")] if detail > 0 else []
    return Text.assemble(*drawn, scale.label(level) if detail > 2 else str(level), *named, no_wrap=True)


def comparison_view(framework: Framework, comparison: RoleComparison) -> RenderableType:
    """Two roles side by side, competency by competency: what rises, what falls, what stays."""
    source, target = comparison.source, comparison.target

    named = bool(scale_legend(framework.scale))

    def build(layout: int) -> Table:
        """Narrower: the level names go (the legend keeps them), the weight change is left to the two cells, the
        bars go, names wrap, a change is its symbol."""
        level = layout - 1 if named else layout
        compact = level >= 4
        detail = 3 if level < 0 else 2 if level < 2 else 1 if not compact else 0
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=0 if compact else (0, 1))
        table.add_column("Competency", no_wrap=level < 3)
        table.add_column(source.heading)  # a title may wrap in the header; the cells never do
        table.add_column(target.heading)
        table.add_column("Change" if not compact else "Δ")
        for row in comparison.competencies:
            label, style = CHANGE_NAME[row.change], CHANGE_STYLE[row.change]
            moved = row.change in ("rises", "falls")
            if compact:
                label = label.split()[0]
            change = Text(label + (f"{'' if compact else ' '}{row.delta:+d}" if moved else ""), style, no_wrap=True)
            if level <= 0 and row.from_level and row.to_level and row.from_weight != row.to_weight:
                change.append(f", {weight_change(row.from_weight, row.to_weight)}", "dim")
            table.add_row(
                framework.competencies[row.competency].name,
                _requirement_cell(row.from_level, row.from_weight, detail, framework.scale),
                _requirement_cell(row.to_level, row.to_weight, detail, framework.scale),
                change,
            )
        return table

    counts = " · ".join(f"{comparison.count(change)} {change}" for change in CHANGES)
    return Group(
        Text.assemble((source.heading, "bold"), f" ({source.id}) → ", (target.heading, "bold"), f" ({target.id})"),
        Text(
            f"{framework.tracks.get(source.track, source.track)}, seniority {source.seniority} → "
            f"{framework.tracks.get(target.track, target.track)}, seniority {target.seniority}",
            "dim",
        ),
        ByWidth(build, 6 if named else 5),
        Text(counts, "dim"),
        Text(f"Level 1-{framework.scale.top} the role asks for, and {WEIGHT_LEGEND}; - not required.", "dim"),
        *level_legend(framework.scale),
    )


def _growth_line(framework: Framework, gaps: tuple[Gap, ...]) -> Text:
    if not gaps:
        return Text("you already meet every requirement", "green")
    return Text(
        "grow "
        + ", ".join(f"{framework.competencies[g.competency].name} {growth_levels(g.current, g.required, g.rated)}" for g in gaps)
    )


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
    parts: list[RenderableType] = [Chain(Text(), framework, steps, Text(f"  ({count} step{plural})", "dim"))]
    if count == 0:
        parts.append(Text("Already there: FROM and TO are the same role.", "dim"))
    details = found.growth if found.personal else found.rises
    for number, (role_id, items) in enumerate(details, 1):
        line = _growth_line(framework, items) if found.personal else _rises_line(framework, items)
        parts.append(Indented(Text.assemble(f"{number}. ", (framework.roles[role_id].heading, "bold"), ": ", line), 5, first=2))
    if found.personal:
        parts.append(Text(f"\n{route_growth(found.cost, stepped_weights(framework, steps))}", "dim"))
        if found.fewest is not None:
            tail = Text(f", asking {growth_points(found.fewest_cost)}.", "dim")
            parts.append(Chain(Text("Fewest steps would be ", "dim"), framework, found.fewest, tail))
    else:
        parts.append(Text("\nAdd -p PROFILE for the route that asks you the least new growth.", "dim"))
    return Group(*parts)


def match_table(framework: Framework, matches: list[Match]) -> ByWidth:
    """`match` one line a role when it fits; narrower, the biggest gap wraps at a space, then goes under the title."""
    rows = []
    for number, found in enumerate(matches, 1):
        mark = Text(RELATION_SYMBOL[found.relation] if found.relation else "", "cyan")
        if found.target:
            mark.append("★", "bold")
        gap = found.score.biggest_gap
        shown = "-"
        if gap is not None:
            shown = f"{gap_levels(gap.current, gap.required, gap.rated)} {framework.competencies[gap.competency].name}"
        # a provisional readiness is a range, and "rate N more" stands where a verdict word would claim too much
        verdict = Text(rate_more(found.score), "yellow") if found.score.provisional else verdict_text(found.score.verdict)
        rows.append((str(number), mark, found, readiness_span(found.score), verdict, shown))

    def build(level: int) -> Table:
        stacked = level >= 2
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=0)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True, min_width=2)
        table.add_column("Role" if not stacked else "Role, biggest gap", no_wrap=not stacked)
        table.add_column("Ready", justify="right", no_wrap=True)
        table.add_column("Verdict", no_wrap=True)
        if not stacked:
            # wrapped (level 1) only where it keeps 20 cells: a gap takes two lines, never a column of single words
            table.add_column("Biggest gap", no_wrap=level == 0, min_width=20 if level else None)
        for number, mark, found, readiness, verdict, shown in rows:
            title = Text(found.role.heading, "bold" if found.target else "")
            if stacked:
                title.append(f"\n{shown}", "dim")
            gap = [] if stacked else [Text(shown)]
            table.add_row(number, mark, title, readiness, verdict, *gap)
        return table

    return ByWidth(build, 3)


def match_view(framework: Framework, matches: list[Match]) -> RenderableType:
    """Your moves ranked by readiness, marked against your current ladder."""
    marks = list(RELATION_MARK.values()) if any(found.relation for found in matches) else []
    if any(found.target for found in matches):
        marks.append("★ your target")
    notes: list[RenderableType] = [Legend(marks, "", "   ")] if marks else []
    if not any(found.relation for found in matches):
        notes.append(Text("Add current_role to the profile to see your ladder and the cross-track moves.", "dim"))
    if any(found.score.provisional for found in matches):
        notes.append(Text(PROVISIONAL_MATCH, "dim"))
    return Group(match_table(framework, matches), *notes)
