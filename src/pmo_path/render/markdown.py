"""GitHub-flavoured Markdown: the plan a person keeps, and cards for roles.

Plain GFM only (tables, task lists, a Mermaid block) so it reads the same
pasted into GitHub, GitLab or Obsidian.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from ..domain.assessment import Assessment
from ..domain.model import HORIZONS, Framework, Role
from ..domain.navigation import CHANGES
from ..domain.scoring import Gap, next_level
from .move_notes import (
    PROVISIONAL_MATCH,
    UNRATED_EVIDENCE,
    credential_line,
    experience_line,
    no_advice_line,
    onward_line,
    range_headline,
    rate_more,
    readiness_span,
    second_view,
)
from .safe import code as code_span
from .safe import markdown as cell
from .safe import mermaid as mermaid_text
from .safe import one_line, table_cell
from .safe import url as link_url
from .wording import (
    CHANGE_NAME,
    HORIZON_NAME,
    NOT_RATED,
    RELATION_NAME,
    WEIGHT_LEGEND,
    WEIGHT_NAME,
    command_line,
    counted,
    file_word,
    gap_levels,
    growth_levels,
    growth_points,
    left_out_note,
    named_file,
    rater_counts,
    reassess_command,
    route_growth,
    scale_legend,
    stepped_weights,
    weight_change,
)

if TYPE_CHECKING:
    from ..domain.navigation import CompetencyChange, Match, RoleComparison, Route


class Raw(str):
    """Markdown this module wrote itself: `table` puts it in a cell as it is; anything else is escaped."""


def code(text: object) -> Raw:
    """An id as inline code, exactly as written (`safe.code`)."""
    return Raw(code_span(text))


def _cell(value: object) -> str:
    return table_cell(value if isinstance(value, Raw) else cell(value))


def table(headers: list[object], rows: list[list[object]], align: str = "") -> list[str]:
    """A GFM table; `align` holds one of l/r per column (default left).

    Every cell passes through `safe.table_cell`; data is escaped with `safe.markdown` first, unless Raw.
    """
    marks = [":--" if a == "l" else "--:" for a in (align or "l" * len(headers))]
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def bar(value: float, width: int = 20) -> str:
    filled = round(value / 100 * width)
    return "█" * filled + "░" * (width - filled)


def source_ref(framework: Framework, ids: tuple[str, ...]) -> str:
    """`Author, “Title”`; the title links to the source when it has an http(s) `url`."""
    sources = [framework.sources[i] for i in ids]  # an organisation's own source may have no author
    return "; ".join(f"{cell(s.author)}, “{_titled(s)}”" if s.author else f"“{_titled(s)}”" for s in sources)


def _page_link(address: str) -> str:
    """An http(s) address as a link showing itself; anything else as inert text."""
    target = link_url(address)
    return f"[{cell(address)}]({target})" if target else cell(address)


def _titled(source) -> str:
    target = link_url(source.url) if source.url else None
    return f"[{cell(source.title)}]({target})" if target else cell(source.title)


def mermaid_id(index: int, role_id: str) -> str:
    """The node id of the route's step `index`: unique by its number (`pm-lead` and `pm_lead` stay two nodes).

    The role id follows, in ASCII letters, digits and _, for whoever reads the source; the `step` prefix
    keeps it from being a keyword such as `end`.
    """
    return f"step{index}_" + "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in role_id[:40])


def mermaid_route(framework: Framework, steps: list[str]) -> list[str]:
    """A left-to-right flowchart of the route; the goal is drawn rounded so it stands out without colour."""
    lines = ["```mermaid", "flowchart LR"]
    ids = [mermaid_id(index, role_id) for index, role_id in enumerate(steps)]
    for index, role_id in enumerate(steps):
        label = mermaid_text(framework.roles[role_id].title)
        shape = '(["{}"])' if index == len(steps) - 1 and len(steps) > 1 else '["{}"]'
        lines.append(f"    {ids[index]}{shape.format(label)}")
    for here, there in pairwise(ids):
        lines.append(f"    {here} --> {there}")
    lines.append("```")
    return lines


def growth_text(framework: Framework, gaps: tuple[Gap, ...]) -> str:
    if not gaps:
        return "you already meet every requirement"
    return "grow " + ", ".join(
        f"{cell(framework.competencies[g.competency].name)} {growth_levels(g.current, g.required, g.rated)}" for g in gaps
    )


def route_list(framework: Framework, steps: list[str], start_note: str, notes: list[str]) -> list[str]:
    """A numbered route: each role with what entering it asks (`notes`, one per step after the first)."""
    return [
        f"{number}. **{cell(framework.roles[role_id].heading)}** ({code(role_id)}): {note}"
        for number, (role_id, note) in enumerate(zip(steps, [start_note, *notes], strict=True), 1)
    ]


def evidence_to_gather(framework: Framework, gaps: tuple[Gap, ...]) -> list[str]:
    """Under the gap table: for each gap, the next level's descriptor, the evidence to collect.

    An unrated gap has no level above to describe yet: it says to rate it first.
    """
    lines = ["", "Evidence to gather, one level up in each gap:", ""]
    for gap in gaps:
        name = cell(framework.competencies[gap.competency].name)
        found = next_level(framework, gap)
        if not gap.rated:
            lines.append(f"- **{name}** ({NOT_RATED}): {UNRATED_EVIDENCE}")
        elif found is not None:
            lines.append(f"- **{name}** (level {cell(framework.scale.label(found[0]))}): {cell(found[1])}")
    return lines if len(lines) > 3 else []


def review_step(framework: Framework, result: Assessment) -> str:
    """The review's two commands, with this profile's file and a dated file for the new ratings."""
    from ..domain.interview import default_save_name

    profile, target = result.profile, result.target
    new = default_save_name(profile, profile.file if named_file(profile.file) else None, result.review_on)
    chosen = ["-t", target.id] if target.id != profile.target_role else []
    if not named_file(profile.file):  # read from stdin: there is no file to name again
        rate = command_line("assess", *chosen, "--save", file_word(new), data_dir=framework.data_dir)
        return f"rate yourself again ({code(rate)}) and compare the two profiles with pmo-path's progress command."
    old = file_word(profile.file)
    rate = command_line("assess", "-p", old, "-i", *chosen, "--save", file_word(new), data_dir=framework.data_dir)
    compare = command_line("progress", old, file_word(new), *chosen, data_dir=framework.data_dir)
    return f"update your ratings ({code(rate)}) and compare ({code(compare)})."


def plan(framework: Framework, result: Assessment, chart: str | None = None) -> str:
    """The development plan of contract section 6."""
    today, review = result.written_on or date.today(), result.review_on
    profile, score, target = result.profile, result.score, result.target
    title = f"{cell(profile.name)} → {cell(target.heading)}" if profile.name else cell(target.heading)
    lines = [f"# Development plan: {title}", ""]

    who = cell(profile.name) if profile.name else "(no name in the profile)"
    facts = [
        (
            "Who",
            who
            + (f", {cell(result.current.heading)}" if result.current else "")
            + (f" ({profile.years_experience:g} years)" if profile.years_experience is not None else ""),
        ),
        ("Target", f"{cell(target.heading)} ({code(target.id)})"),
    ]
    if profile.assessed_on:
        facts.append(("Assessed on", profile.assessed_on.isoformat()))
    facts += [
        ("Plan written", today.isoformat()),
        (
            "Readiness",
            f"**{score.readiness:.1f}%**, verdict **{score.verdict}**" + (" (provisional)" if score.provisional else "")
            if score.readiness_range is None
            else f"**{range_headline(score)}**",
        ),
        ("Review on", f"**{review.isoformat()}**"),
    ]
    lines += [f"- **{label}:** {value}" for label, value in facts] + [""]

    headline = f"**{score.readiness:.1f}%**: **{score.verdict}**"
    if score.readiness_range is not None:
        headline = f"**{range_headline(score)}**"
    lines += ["## Readiness", "", f"`{bar(score.readiness)}` {headline}", ""]
    if experience := experience_line(result, cell):
        lines += [f"Experience: {experience}.", ""]
    if check := second_view(result, framework):
        lines += [f"**Second view:** {check[0]}", ""] + [f"    {one_line(command)}" for command in check[1]] + [""]
    if chart:
        lines += [f"![Radar chart: current level against what {cell(target.heading)} requires]({chart})", ""]

    lines += ["## Gaps", ""]
    if score.gaps:
        rows = [
            [
                framework.competencies[g.competency].name,
                framework.groups.get(framework.competencies[g.competency].group, ""),
                g.current if g.rated else NOT_RATED,
                g.required,
                g.gap,
                WEIGHT_NAME.get(g.weight, g.weight),
            ]
            for g in score.gaps
        ]
        columns = ["Competency", "Group", "Now", "Need", "Gap", "Weight"]
        if not framework.groups:  # a flat list of competencies: no group column
            columns, rows = columns[:1] + columns[2:], [row[:1] + row[2:] for row in rows]
        lines += table(columns, rows, "llrrrl" if framework.groups else "lrrrl")
        lines += [
            "",
            f"Most pressing first: the levels missing, {counted(r.weight for r in target.requirements)}; {NOT_RATED} last.",
        ]
        if legend := scale_legend(framework.scale):  # the names beside the numbers: the table stays narrow enough to draw
            lines += ["", cell(legend)]
        lines += evidence_to_gather(framework, score.gaps)
    else:
        lines.append("No gaps: you meet every requirement of this role.")
    if score.unrated_required:
        names = ", ".join(cell(framework.competencies[c].name) for c in score.unrated_required)
        them = "them" if len(score.unrated_required) > 1 else "it"
        lines += [
            "",
            f"**Provisional:** not rated, so counted as 0: {names}. Rate {them} first "
            f"({code(reassess_command(result.profile.file, framework.data_dir))}) for a result you can trust.",
        ]
    lines.append("")

    lines += ["## Route", ""]
    if result.path:
        lines += route_list(
            framework, result.path, "where you are now", [growth_text(framework, gaps) for _, gaps in result.growth]
        )
        lines += [""] + mermaid_route(framework, result.path)
    elif result.no_route:
        lines.append(cell(result.no_route))
    else:
        lines.append("Add `current_role` to your profile to see the route from where you are.")
    lines.append("")

    lines += ["## Actions", ""]
    if bare := no_advice_line(result, framework, cell):
        lines += [bare, ""]
    if not result.advice:
        lines += ["No step in this framework fits your ratings for this role yet.", ""]
    elif onward := onward_line(result, framework, cell):
        lines += [onward, ""]
    for horizon in HORIZONS:
        chosen = [a for a in result.advice if a.recommendation.horizon == horizon]
        if not chosen:
            continue
        lines += [f"### {HORIZON_NAME[horizon].capitalize()}", ""]
        for advice in chosen:
            rec = advice.recommendation
            builds = ", ".join(cell(framework.competencies[c].name) for c in advice.addresses)
            lines.append(f"- [ ] **{cell(rec.title)}**: {cell(rec.action)}")
            lines.append(f"  - Builds: {builds} ({cell(rec.kind)})")
            lines.append(f"  - Why: {cell(rec.why)}")
            lines.append(f"  - Source: {source_ref(framework, rec.sources)}")
            if credential := credential_line(rec, cell, _page_link):
                lines.append(f"  - {credential}")
        lines.append("")

    lines += others_section(framework, result)
    lines += ["## Strengths", ""]
    if score.strengths:
        for gap in score.strengths:
            rating = profile.ratings.get(gap.competency)
            evidence = f": {cell(rating.evidence)}" if rating and rating.evidence else ""
            name = cell(framework.competencies[gap.competency].name)
            now, need = framework.scale.label(gap.current), framework.scale.label(gap.required)
            lines.append(f"- **{name}** {cell(now)} (needs {cell(need)}){evidence}")
    else:
        lines.append("None of this role's requirements is met yet: every step counts.")
    lines.append("")

    lines += [
        "## Review",
        "",
        f"Review this plan on **{review.isoformat()}**: {review_step(framework, result)}",
        "",
    ]

    cited: list[str] = []
    for rec in (a.recommendation for a in result.advice):
        cited += [s for s in rec.sources if s not in cited]
    cited += [s for s in target.sources if s not in cited]
    lines += ["## Sources", ""]
    lines += [f"{n}. {source_ref(framework, (s,))}" for n, s in enumerate(cited, 1)]
    return "\n".join(lines) + "\n"


def roles_report(framework: Framework, ladders: dict[str, list[Role]]) -> str:
    lines: list[str] = ["# Roles", ""]
    for track, ladder in ladders.items():
        lines += [f"## {cell(framework.tracks.get(track, track))}", ""]
        rows = [[r.seniority, code(r.id), r.heading, _years(r), ", ".join(r.next) or "-"] for r in ladder]
        lines += table(["Seniority", "Id", "Title", "Years", "Leads to"], rows, "rllrl") + [""]
    return "\n".join(lines)


def _years(role: Role) -> str:
    return f"{role.years[0]}-{role.years[1]}" if role.years != (0, 0) else "-"  # a framework may give no years


def role_report(framework: Framework, role: Role) -> str:
    lines = [
        f"# {cell(role.heading)} ({code(role.id)})",
        "",
        f"{cell(framework.tracks.get(role.track, role.track))}, seniority {role.seniority}"
        + (f", typically {role.years[0]}-{role.years[1]} years." if role.years != (0, 0) else "."),
        "",
        *([cell(role.summary), ""] if role.summary else []),
        "## Requirements",
        "",
    ]
    rows = [
        [framework.competencies[r.competency].name, framework.scale.label(r.level), WEIGHT_NAME.get(r.weight, r.weight)]
        for r in sorted(role.requirements, key=lambda r: (-r.weight, -r.level))
    ]
    lines += table(["Competency", "Level", "Weight"], rows, "lrl") + [""]
    if legend := scale_legend(framework.scale):
        lines += [cell(legend), ""]
    leads = ", ".join(f"{cell(framework.roles[n].heading)} ({code(n)})" for n in role.next) or "the top of its ladder"
    lines += [f"Leads to: {leads}.", "", "## Sources", ""]
    lines += [f"- {source_ref(framework, (s,))}" for s in role.sources]
    return "\n".join(lines) + "\n"


def _requirement(framework: Framework, level: int, weight: int) -> str:
    return f"{framework.scale.label(level)} ({WEIGHT_NAME.get(weight, weight)})" if level else "-"


def comparison_report(framework: Framework, comparison: RoleComparison) -> str:
    """`role ROLE --vs OTHER`: two roles side by side, competency by competency."""
    source, target = comparison.source, comparison.target
    lines = [f"# {cell(source.heading)} ({code(source.id)}) → {cell(target.heading)} ({code(target.id)})", ""]
    rows = []
    for row in comparison.competencies:
        change = CHANGE_NAME[row.change] + (f" {row.delta:+d}" if row.change in ("rises", "falls") else "")
        if row.from_level and row.to_level and row.from_weight != row.to_weight:
            change += f", {weight_change(row.from_weight, row.to_weight)}"
        rows.append(
            [
                framework.competencies[row.competency].name,
                _requirement(framework, row.from_level, row.from_weight),
                _requirement(framework, row.to_level, row.to_weight),
                change,
            ]
        )
    lines += table(["Competency", source.heading, target.heading, "Change"], rows, "llll") + [""]
    lines.append(", ".join(f"{comparison.count(change)} {change}" for change in CHANGES) + ".")
    lines += ["", f"Level 1-{framework.scale.top} the role asks for, and {WEIGHT_LEGEND}; - means the role does not require it."]
    if legend := scale_legend(framework.scale):
        lines += ["", cell(legend)]
    return "\n".join(lines) + "\n"


def route_report(framework: Framework, found: Route) -> str:
    """`path FROM TO -f markdown`: the route as a list, per step what it asks, and a Mermaid flowchart."""
    steps = found.steps
    first, last = framework.roles[steps[0]], framework.roles[steps[-1]]
    if found.personal:
        notes = [growth_text(framework, gaps) for _, gaps in found.growth]
    else:
        notes = [rises_text(framework, rises) for _, rises in found.rises]
    lines = [f"# Route: {cell(first.heading)} → {cell(last.heading)}", ""]
    lines += route_list(framework, steps, "the start", notes) + [""] + mermaid_route(framework, steps) + [""]
    if found.personal:
        lines.append(route_growth(found.cost, stepped_weights(framework, steps)))
        if found.fewest is not None:
            fewest = " → ".join(cell(framework.roles[r].heading) for r in found.fewest)
            lines += ["", f"Fewest steps would be {fewest}, asking {growth_points(found.fewest_cost)}."]
    else:
        lines.append("Fewest steps. With `-p PROFILE`, the route that asks you the least new growth.")
    return "\n".join(lines) + "\n"


def rises_text(framework: Framework, rises: tuple[CompetencyChange, ...]) -> str:
    if not rises:
        return "asks no more of any competency than the role before"
    return "asks more " + ", ".join(
        f"{cell(framework.competencies[r.competency].name)} {r.from_level}→{r.to_level}" for r in rises
    )


def match_report(framework: Framework, matches: list[Match]) -> str:
    """`match -f markdown`: every role by readiness, best first."""
    rows = []
    for number, found in enumerate(matches, 1):
        gap = found.score.biggest_gap
        where = RELATION_NAME.get(found.relation or "", "") + (", target" if found.target else "")
        rows.append(
            [
                number,
                Raw(f"{cell(found.role.heading)} ({code(found.role.id)})"),
                f"{readiness_span(found.score)}%",
                rate_more(found.score) or found.score.verdict,
                f"{gap_levels(gap.current, gap.required, gap.rated)} {framework.competencies[gap.competency].name}"
                if gap
                else "-",
                where.strip(", ") or "-",
            ]
        )
    lines = ["# Roles by readiness", ""]
    lines += table(["#", "Role", "Readiness", "Verdict", "Biggest gap", "Where"], rows, "rlrlll")
    if any(found.score.provisional for found in matches):
        lines += ["", PROVISIONAL_MATCH + "."]
    return "\n".join(lines) + "\n"


def others_section(framework: Framework, result: Assessment) -> list[str]:
    """ "How others see you": blind spots (already counted at the others' level above) and hidden strengths."""
    others = result.others
    if others is None:
        return []
    names = framework.competencies
    raters = rater_counts(others.raters)
    lines = ["## How others see you", "", f"From {raters}. Peers and reports count only as groups of three or more.", ""]
    for competency in others.blind_spots:
        view = others.view(competency)
        lines.append(
            f"- **Blind spot: {cell(names[competency].name)}**: you {view.self_level}, others "
            f"{view.others:.1f}. The gaps and actions above use the others' view."
        )
    for competency in others.hidden_strengths:
        view = others.view(competency)
        lines.append(
            f"- **Hidden strength: {cell(names[competency].name)}**: you {view.self_level}, others "
            f"{view.others:.1f}. Say so in your next review: others already see it."
        )
    if not others.blind_spots and not others.hidden_strengths:
        lines.append("Others see you much as you see yourself: no difference of 1.5 levels or more.")
    left_out = left_out_note([(names[v.competency].name, v.left_out) for v in others.competencies if v.left_out])
    return [*lines, *(["", cell(left_out)] if left_out else []), ""]
