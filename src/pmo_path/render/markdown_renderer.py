"""`-f markdown`: GitHub-flavoured Markdown; an assessment is the dated plan."""

from __future__ import annotations

from .markdown import comparison_report, match_report, plan, role_report, roles_report, route_report
from .markdown_people import bench_report, feedback_report, progress_report, team_report
from .safe import markdown as cell
from .wording import scale_legend


def with_legend(report):
    """The report, then what each level number means where the framework names its levels (issue 18)."""

    def written(framework, result) -> str:
        text = report(framework, result)
        legend = scale_legend(framework.scale)
        return f"{text.rstrip(chr(10))}\n\n{cell(legend)}\n" if legend else text

    return staticmethod(written)


class MarkdownRenderer:
    """One report per kind of result."""

    text = True
    assessment = staticmethod(plan)
    roles = staticmethod(roles_report)
    role = staticmethod(role_report)
    comparison = staticmethod(comparison_report)
    route = staticmethod(route_report)
    match = with_legend(match_report)
    team = with_legend(team_report)
    progress = with_legend(progress_report)
    feedback = with_legend(feedback_report)
    bench = staticmethod(bench_report)
