"""`-f markdown`: GitHub-flavoured Markdown; an assessment is the dated plan."""

from __future__ import annotations

from .markdown import comparison_report, match_report, plan, role_report, roles_report, route_report
from .markdown_people import bench_report, feedback_report, progress_report, team_report


class MarkdownRenderer:
    """One report per kind of result."""

    text = True
    assessment = staticmethod(plan)
    roles = staticmethod(roles_report)
    role = staticmethod(role_report)
    comparison = staticmethod(comparison_report)
    route = staticmethod(route_report)
    match = staticmethod(match_report)
    team = staticmethod(team_report)
    progress = staticmethod(progress_report)
    feedback = staticmethod(feedback_report)
    bench = staticmethod(bench_report)
