"""Rich renderables for people at a terminal.

Built to read at 80 columns, in light or dark themes (no white or black
styles), and to stay meaningful as plain text when piped: bars use distinct
characters, not colour alone.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..assessment import Assessment
from ..framework import Framework, Role
from ..scoring import Gap, Score

VERDICT_STYLE = {"ready": "bold green", "close": "bold cyan", "developing": "bold yellow", "stretch": "bold red"}
WEIGHT_NAME = {3: "core", 2: "key", 1: "useful"}
HORIZON_NAME = {"30-days": "next 30 days", "6-months": "next 6 months", "1-2-years": "next 1-2 years"}
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


def _heading(title: str) -> Text:
    return Text(f"\n{title}", "bold underline")


def gap_table(framework: Framework, gaps: tuple[Gap, ...]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column("Competency", overflow="fold", ratio=1)
    table.add_column("Now", justify="right")
    table.add_column("Need", justify="right")
    table.add_column("Level", no_wrap=True)
    table.add_column("Weight")
    table.add_column("Priority", justify="right")
    for gap in gaps:
        table.add_row(
            framework.competencies[gap.competency].name,
            str(gap.current),
            str(gap.required),
            level_bar(gap.current, gap.required),
            WEIGHT_NAME.get(gap.weight, str(gap.weight)),
            Text(str(gap.priority), "bold" if gap.weight == 3 else ""),
        )
    return table


def assessment_view(framework: Framework, result: Assessment) -> RenderableType:
    score, profile = result.score, result.profile
    who = profile.name or "You"
    move = Text.assemble((who, "bold"), " · ")
    if result.current is not None:
        move.append(f"{result.current.title} → ")
    move.append(score.role.title, "bold")
    parts: list[RenderableType] = [
        move,
        Text.assemble("Readiness ", readiness_bar(score.readiness), f" {score.readiness:5.1f}%  ", verdict_text(score.verdict)),
    ]
    if score.gaps:
        parts += [_heading(f"Gaps ({len(score.gaps)}), most pressing first"), gap_table(framework, score.gaps),
                  Text(f"{FULL} your level  {MISSING} missing to the requirement  {EMPTY} beyond it", "dim")]
    else:
        parts.append(Text("\nNo gaps: you meet every requirement of this role.", "green"))
    if score.strengths:
        parts.append(_heading("Strengths"))
        for gap in score.strengths:
            line = Text.assemble("✓ ", (framework.competencies[gap.competency].name, "green"),
                                 f"  {gap.current} (needs {gap.required})")
            evidence = profile.ratings.get(gap.competency)
            if evidence and evidence.evidence:
                line.append(f" · {evidence.evidence}", "italic")
            parts.append(Padding(line, (0, 0, 0, 2), expand=False))
    if score.unrated:
        names = ", ".join(framework.competencies[c].name for c in score.unrated)
        parts.append(Text(f"\nNot rated (scored as 0): {names}", "yellow"))
    if result.advice:
        parts.append(_heading("Next steps"))
        for number, advice in enumerate(result.advice, 1):
            rec = advice.recommendation
            builds = ", ".join(framework.competencies[c].name for c in advice.addresses)
            parts.append(Text.assemble(f"{number:>2}. ", (rec.title, "bold"),
                                       (f"  [{rec.kind} · {HORIZON_NAME[rec.horizon]}]", "dim")))
            parts.append(Padding(Group(Text(rec.action), Text(f"Builds: {builds}", "cyan"),
                                       Text(f"Source: {source_line(framework, rec.sources)}", "dim")), (0, 0, 0, 4), expand=False))
    parts.append(_heading("Route"))
    if result.path:
        parts.append(Text.assemble("  ", route_text(framework, result.path)))
    elif result.no_route:
        parts.append(Text(f"  {result.no_route}", "yellow"))
    else:
        parts.append(Text("  Add current_role to the profile to see the route from your role.", "dim"))
    return Group(*parts)


def roles_view(framework: Framework) -> RenderableType:
    parts: list[RenderableType] = []
    for track, ladder in framework.roles_by_track().items():
        table = Table(title=framework.tracks.get(track, track), title_justify="left", title_style="bold",
                      box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Level", justify="right")
        table.add_column("Role (id)")
        table.add_column("Years", justify="right", no_wrap=True)
        table.add_column("Leads to", no_wrap=True)
        for role in ladder:
            name = Text.assemble((role.title, "bold"), "\n", (role.id, "cyan"))
            table.add_row(str(role.seniority), name, f"{role.years[0]}-{role.years[1]}", "\n".join(role.next) or "-")
        parts.append(table)
    parts.append(Text("`pmo-path role ROLE` shows what a role asks for.", "dim"))
    return Group(*parts)


def role_view(framework: Framework, role: Role) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Competency")
    table.add_column("Level", no_wrap=True)
    table.add_column("Weight")
    for requirement in sorted(role.requirements, key=lambda r: (-r.weight, -r.level)):
        table.add_row(framework.competencies[requirement.competency].name,
                      Text.assemble(level_bar(requirement.level, requirement.level), f" {requirement.level}"),
                      WEIGHT_NAME.get(requirement.weight, str(requirement.weight)))
    leads = ", ".join(f"{framework.roles[n].title} ({n})" for n in role.next) or "the top of its ladder"
    return Group(
        Text.assemble((role.title, "bold"), f"  ({role.id}) · {framework.tracks.get(role.track, role.track)}, "
                      f"level {role.seniority} · typically {role.years[0]}-{role.years[1]} years"),
        Text(role.summary),
        _heading("Requirements"),
        table,
        Text.assemble(("Leads to: ", "bold"), leads),
        Text.assemble(("Sources: ", "bold"), source_line(framework, role.sources), style="dim"),
    )


def path_view(framework: Framework, steps: list[str], growth: list[tuple[str, list[Gap]]] | None = None) -> RenderableType:
    parts: list[RenderableType] = [Text.assemble(route_text(framework, steps), f"  ({len(steps) - 1} step"
                                                 f"{'s' if len(steps) != 2 else ''})")]
    for role_id, gaps in growth or []:
        role = framework.roles[role_id]
        if gaps:
            grow = ", ".join(f"{framework.competencies[g.competency].name} {g.current}→{g.required}" for g in gaps)
            parts.append(Text.assemble(("  → " + role.title, "bold"), f": grow {grow}"))
        else:
            parts.append(Text.assemble(("  → " + role.title, "bold"), (": you already meet every requirement", "green")))
    return Group(*parts)


def match_view(framework: Framework, scores: list[Score], current: Role | None) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Role")
    table.add_column("Readiness", no_wrap=True)
    table.add_column("Verdict")
    table.add_column("Biggest gap", overflow="fold")
    for number, result in enumerate(scores, 1):
        role = result.role
        mark = ""
        if current is not None:
            mark = " ·" if role.track == current.track else " ⇄"
        gap = result.biggest_gap
        table.add_row(
            str(number),
            Text.assemble(role.title, (mark, "dim")),
            Text.assemble(readiness_bar(result.readiness, 10), f" {result.readiness:5.1f}"),
            verdict_text(result.verdict),
            f"{framework.competencies[gap.competency].name} {gap.current}→{gap.required}" if gap else "-",
        )
    legend = "· your ladder   ⇄ a cross-track move" if current is not None else "Add current_role to see which moves cross tracks."
    return Group(table, Text(legend, "dim"))
