"""GitHub-flavoured Markdown: the plan a person keeps, and cards for roles.

Plain GFM only (tables, task lists, a Mermaid block) so it reads the same
pasted into GitHub, GitLab or Obsidian.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..assessment import Assessment
from ..framework import HORIZONS, Framework, Role
from ..scoring import Gap

REVIEW_AFTER_DAYS = 90
HORIZON_TITLE = {"30-days": "Next 30 days", "6-months": "Next 6 months", "1-2-years": "Next 1-2 years"}
WEIGHT_NAME = {3: "core", 2: "key", 1: "useful"}


def cell(text: object) -> str:
    """Text safe inside a table cell or a list item."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def table(headers: list[str], rows: list[list[object]], align: str = "") -> list[str]:
    """A GFM table; `align` holds one of l/r per column (default left)."""
    marks = [":--" if a == "l" else "--:" for a in (align or "l" * len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def bar(value: float, width: int = 20) -> str:
    filled = round(value / 100 * width)
    return "█" * filled + "░" * (width - filled)


def source_ref(framework: Framework, ids: tuple[str, ...]) -> str:
    return "; ".join(f"{framework.sources[i].author}, “{framework.sources[i].title}”" for i in ids)


def mermaid_id(role_id: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in role_id)


def mermaid_route(framework: Framework, steps: list[str]) -> list[str]:
    lines = ["```mermaid", "flowchart LR"]
    for role_id in steps:
        label = framework.roles[role_id].title.replace('"', "#quot;")
        lines.append(f'    {mermaid_id(role_id)}["{label}"]')
    for here, there in zip(steps, steps[1:]):
        lines.append(f"    {mermaid_id(here)} --> {mermaid_id(there)}")
    lines.append("```")
    return lines


def growth_text(framework: Framework, gaps: tuple[Gap, ...]) -> str:
    if not gaps:
        return "you already meet every requirement"
    return "grow " + ", ".join(f"{framework.competencies[g.competency].name} {g.current}→{g.required}" for g in gaps)


def plan(framework: Framework, result: Assessment, today: date | None = None, chart: str | None = None) -> str:
    """The development plan of contract section 6."""
    today = today or date.today()
    profile, score, target = result.profile, result.score, result.target
    review = today + timedelta(days=REVIEW_AFTER_DAYS)
    who = profile.name or "Me"
    lines = [f"# Development plan: {cell(who)} → {cell(target.title)}", ""]

    facts = [["Who", cell(who) + (f", {cell(result.current.title)}" if result.current else "")
              + (f" ({profile.years_experience:g} years)" if profile.years_experience is not None else "")],
             ["Target", f"{cell(target.title)} (`{target.id}`)"]]
    if profile.assessed_on:
        facts.append(["Assessed on", profile.assessed_on.isoformat()])
    facts += [["Plan written", today.isoformat()],
              ["Readiness", f"**{score.readiness:.1f}%**, verdict **{score.verdict}**"],
              ["Review on", f"**{review.isoformat()}**"]]
    lines += table(["", ""], facts) + [""]

    lines += ["## Readiness", "", f"`{bar(score.readiness)}` **{score.readiness:.1f}%**: **{score.verdict}**", ""]
    if chart:
        lines += [f"![Radar chart: current level against what {cell(target.title)} requires]({chart})", ""]

    lines += ["## Gaps", ""]
    if score.gaps:
        rows = [[framework.competencies[g.competency].name, framework.groups.get(framework.competencies[g.competency].group, ""),
                 g.current, g.required, g.gap, WEIGHT_NAME.get(g.weight, g.weight), g.priority] for g in score.gaps]
        lines += table(["Competency", "Group", "Now", "Need", "Gap", "Weight", "Priority"], rows, "llrrrlr")
        lines += ["", "Priority is weight × gap; core competencies weigh 3."]
    else:
        lines.append("No gaps: you meet every requirement of this role.")
    if score.unrated:
        names = ", ".join(framework.competencies[c].name for c in score.unrated)
        lines += ["", f"Not rated (scored as 0): {names}."]
    lines.append("")

    lines += ["## Route", ""]
    if result.path:
        lines.append(f"1. **{cell(framework.roles[result.path[0]].title)}** (`{result.path[0]}`): where you are now")
        for number, (role_id, gaps) in enumerate(result.growth, 2):
            lines.append(f"{number}. **{cell(framework.roles[role_id].title)}** (`{role_id}`): {cell(growth_text(framework, gaps))}")
        lines += [""] + mermaid_route(framework, result.path)
    elif result.no_route:
        lines.append(cell(result.no_route))
    else:
        lines.append("Add `current_role` to your profile to see the route from where you are.")
    lines.append("")

    lines += ["## Actions", ""]
    if not result.advice:
        lines += ["Nothing to close for this role: consider a more senior target (`pmo-path match`).", ""]
    for horizon in HORIZONS:
        chosen = [a for a in result.advice if a.recommendation.horizon == horizon]
        if not chosen:
            continue
        lines += [f"### {HORIZON_TITLE[horizon]}", ""]
        for advice in chosen:
            rec = advice.recommendation
            builds = ", ".join(framework.competencies[c].name for c in advice.addresses)
            lines.append(f"- [ ] **{cell(rec.title)}**: {cell(rec.action)}")
            lines.append(f"  _Builds {cell(builds)}. Why: {cell(rec.why)} Source: {cell(source_ref(framework, rec.sources))}._")
        lines.append("")

    lines += ["## Strengths", ""]
    if score.strengths:
        for gap in score.strengths:
            rating = profile.ratings.get(gap.competency)
            evidence = f": {cell(rating.evidence)}" if rating and rating.evidence else ""
            lines.append(f"- **{framework.competencies[gap.competency].name}** {gap.current} (needs {gap.required}){evidence}")
    else:
        lines.append("None of this role's requirements is met yet: every step counts.")
    lines.append("")

    lines += ["## Review", "",
              f"Review this plan on **{review.isoformat()}**: update your ratings "
              f"(`pmo-path assess -p PROFILE -i`) and compare (`pmo-path progress OLD NEW`).", ""]

    cited: list[str] = []
    for rec in (a.recommendation for a in result.advice):
        cited += [s for s in rec.sources if s not in cited]
    cited += [s for s in target.sources if s not in cited]
    lines += ["## Sources", ""]
    lines += [f"{n}. {cell(framework.sources[s].author)}, “{cell(framework.sources[s].title)}”" for n, s in enumerate(cited, 1)]
    return "\n".join(lines) + "\n"


def roles_table(framework: Framework) -> str:
    lines: list[str] = ["# Roles", ""]
    for track, ladder in framework.roles_by_track().items():
        lines += [f"## {cell(framework.tracks.get(track, track))}", ""]
        rows = [[r.seniority, f"`{r.id}`", r.title, f"{r.years[0]}-{r.years[1]}", ", ".join(r.next) or "-"] for r in ladder]
        lines += table(["Level", "Id", "Title", "Years", "Leads to"], rows, "rllrl") + [""]
    return "\n".join(lines)


def role_card(framework: Framework, role: Role) -> str:
    lines = [f"# {cell(role.title)} (`{role.id}`)", "",
             f"{cell(framework.tracks.get(role.track, role.track))}, level {role.seniority}, "
             f"typically {role.years[0]}-{role.years[1]} years.", "", cell(role.summary), "", "## Requirements", ""]
    rows = [[framework.competencies[r.competency].name, r.level, WEIGHT_NAME.get(r.weight, r.weight)]
            for r in sorted(role.requirements, key=lambda r: (-r.weight, -r.level))]
    lines += table(["Competency", "Level", "Weight"], rows, "lrl") + [""]
    leads = ", ".join(f"{framework.roles[n].title} (`{n}`)" for n in role.next) or "the top of its ladder"
    lines += [f"Leads to: {leads}.", "", "## Sources", ""]
    lines += [f"- {source_ref(framework, (s,))}" for s in role.sources]
    return "\n".join(lines) + "\n"
