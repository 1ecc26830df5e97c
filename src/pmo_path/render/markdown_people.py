"""Markdown of many people: a team, one person over time, and how others see a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.model import Framework
from .markdown import Raw, bar, cell, code, source_ref, table
from .move_notes import rate_more, readiness_span
from .wording import (
    BENCH_LEGEND,
    NEWLY_RATED,
    NO_LONGER_RATED,
    NOT_RATED,
    UNKNOWN_PRIORITY,
    feedback_legend,
    first_rating,
    left_out_note,
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


def team_report(framework: Framework, report: TeamReport) -> str:
    """The team view: readiness spread, the gap heatmap, what to train first, the members."""
    people, names = report.people, framework.competencies
    lines = [f"# Team readiness for {cell(report.target.title)} ({code(report.target.id)})", ""]
    lines += table(
        ["", ""],
        [
            ["People", people],
            ["Readiness", f"mean {report.mean:.1f}%, median {report.median:.1f}%, min {report.low:.1f}%, max {report.high:.1f}%"],
        ],
    ) + [""]
    if report.provisional:
        lines += [f"_{team_provisional(report.provisional, people)}_", ""]
    lines += ["## Verdicts", ""]
    lines += table(
        ["Verdict", "People", ""],
        [[verdict, count, bar(100 * count / people)] for verdict, count in report.verdicts.items()],
        "lrl",
    ) + [""]
    lines += ["## Gaps across the team", ""]
    rows = [
        [
            names[s.competency].name,
            s.required,
            f"{s.mean_current:.2f}",
            f"{s.with_gap} of {people}",
            f"{bar(100 * s.share_with_gap(people), 10)} {100 * s.share_with_gap(people):.0f}%",
            s.unrated,
        ]
        for s in report.by_share
    ]
    lines += table(["Competency", "Need", "Mean now", "With a gap", "Share with a gap", "Not rated"], rows, "lrrrlr") + [""]
    lines += ["## Training priorities", ""]
    if not report.priorities:
        lines.append("Nobody has a gap for this role.")
    for number, priority in enumerate(report.priorities, 1):
        lines.append(f"{number}. **{cell(names[priority.competency].name)}**: {priority_counts(priority, people)}")
        if priority.unknown:
            lines.append(f"    - _{UNKNOWN_PRIORITY}_")
        for rec in priority.recommendations:
            lines.append(f"    - {cell(rec.title)}: {cell(rec.action)} _({source_ref(framework, rec.sources)})_")
    lines += ["", team_points(r.weight for r in report.target.requirements), ""]
    if report.reviewed:
        lines += [f"## Common blind spots ({report.reviewed} with reviews)", ""]
        lines += [f"- {cell(names[c].name)}: {n} of {report.reviewed}" for c, n in report.blind_spots] or ["None."]
        lines.append("")
    lines += ["## Members", ""]
    rows = [
        [
            number,
            m.name,
            f"{m.readiness:.1f}%" + ("?" if m.provisional else ""),
            m.verdict,
            names[m.biggest_gap].name if m.biggest_gap else "-",
        ]
        for number, m in enumerate(report.members, 1)
    ]
    lines += table(["#", "Name", "Readiness", "Verdict", "Biggest gap"], rows, "rlrll")
    return "\n".join(lines) + "\n"


def _verdict_word(score) -> str:
    """The verdict, or `rate 1 more` where the score is provisional (no verdict until it is rated)."""
    return rate_more(score) or score.verdict


def progress_report(framework: Framework, result: Progress) -> str:
    """Before and after: readiness, the ratings that moved, gaps closed and opened."""
    names = framework.competencies
    who = result.new.name or result.old.name or "Progress"
    lines = [f"# {cell(who)}: progress towards {cell(result.target.title)} ({code(result.target.id)})", ""]
    when = [p.assessed_on.isoformat() if p.assessed_on else p.file for p in (result.old, result.new)]
    rows = [
        ["Assessments", f"{when[0]} → {when[1]}"],
        # a provisional score is its range and "rate N more", no verdict: as assess says it
        ["Readiness", Raw(f"{readiness_span(result.before)}% → **{readiness_span(result.after)}%** ({result.delta:+.1f})")],
        ["Verdict", Raw(f"{_verdict_word(result.before)} → **{_verdict_word(result.after)}**")],
    ]
    lines += table(["", ""], rows) + ["", "## Ratings that moved", ""]
    if result.changes:
        rows = [
            [
                names[c.competency].name,
                NOT_RATED if c.competency in result.newly_rated else c.before,
                NOT_RATED if c.competency in result.no_longer_rated else c.after,
                _progress_mark(result, c),
                result.target.required(c.competency) or "-",
            ]
            for c in result.changes
        ]
        lines += table(["Competency", "Before", "After", "", "Need"], rows, "lrrlr")
    else:
        lines.append("No rating changed.")
    for title, ids in (("Gaps closed", result.closed), ("Gaps opened", result.opened)):
        lines += ["", f"## {title}", ""]
        lines += [f"- {cell(names[c].name)}" for c in ids] or ["None."]
    if result.newly_rated:
        lines += ["", "## Rated for the first time", "", "Not counted as closed gaps: there was no level before to compare.", ""]
        lines += [f"- {cell(names[c].name)}: {first_rating(result, c)}" for c in result.newly_rated]
    if result.history:
        lines += ["", "## Over time", ""]
        rows = [
            [
                point.profile.assessed_on.isoformat() if point.profile.assessed_on else point.profile.file,
                f"{point.score.readiness:.1f}%",
                point.score.verdict,
            ]
            for point in result.history
        ]
        lines += table(["Assessment", "Readiness", "Verdict"], rows, "lrl")
    return "\n".join(lines) + "\n"


def _progress_mark(result: Progress, change) -> str:
    if change.competency in result.newly_rated:
        return NEWLY_RATED
    if change.competency in result.no_longer_rated:
        return NO_LONGER_RATED
    return "↑" if change.rose else "↓"


def _number(value: float | None) -> str:
    return "·" if value is None else f"{value:.1f}"


def feedback_report(framework: Framework, result: Feedback) -> str:
    """Self against others; groups hidden for anonymity show `·`, and no rater is named."""
    names = framework.competencies
    person = result.person.name or "You"
    raters = rater_counts(result.raters)
    others = f"{result.readiness_others:.1f}%" if result.readiness_others is not None else "n/a"
    lines = [
        f"# How others see {cell(person)}",
        "",
        f"Raters: {raters}. Target: {cell(result.target.title)} "
        f"({code(result.target.id)}); readiness on your ratings {result.readiness_self:.1f}%, on others' "
        f"{others} (others' view where shown, yours elsewhere).",
        "",
    ]
    rows = []
    for view in result.competencies:
        mark = (
            "blind spot"
            if view.competency in result.blind_spots
            else ("hidden strength" if view.competency in result.hidden_strengths else "")
        )
        rows.append(
            [
                names[view.competency].name,
                _number(view.self_level),
                _number(view.manager),
                _number(view.peers),
                _number(view.reports),
                _number(view.others),
                f"{view.delta:+.1f}" if view.delta is not None else "",
                mark,
            ]
        )
    lines += table(["Competency", "Self", "Manager", "Peers", "Reports", "Others", "Δ", ""], rows, "lrrrrrrl")
    lines += ["", cell(feedback_legend(result, True, marks=False)), ""]
    left_out = left_out_note([(names[v.competency].name, v.left_out) for v in result.competencies if v.left_out])
    lines += [cell(left_out), ""] if left_out else []
    for title, ids in (("Blind spots", result.blind_spots), ("Hidden strengths", result.hidden_strengths)):
        if not ids:
            continue
        lines += [f"## {title}", ""]
        for competency in ids:
            view = result.view(competency)
            levels = names[competency].levels
            lines += [
                f"- **{cell(names[competency].name)}**: you {view.self_level}, others {view.others:.1f}",
                f"  - You: {cell(levels.get(view.self_level or 0, ''))}",
                f"  - Others: {cell(levels.get(max(1, int(view.others + 0.5)), ''))}",
            ]
        lines.append("")
    return "\n".join(lines)


def bench_report(framework: Framework, rows: tuple[BenchRow, ...]) -> str:
    """Succession: who holds each role, who is ready and who close, most ready first; a role nobody is ready for is a risk."""

    def names(people) -> str:
        return ", ".join(f"{cell(c.name)} ({c.readiness:.1f}%{'?' if c.provisional else ''})" for c in people) or "-"

    lines = ["# The bench: who holds each role, who is ready or close to step in", ""]
    lines += table(
        ["Role", "Holders", "Ready", "Close", "Succession risk"],
        [
            [row.role.title, Raw(names(row.holders)), Raw(names(row.ready)), Raw(names(row.close)), "yes" if row.risk else ""]
            for row in rows
        ],
    )
    lines += ["", f"_{BENCH_LEGEND}_"]
    return "\n".join(lines) + "\n"
