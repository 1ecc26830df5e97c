"""`-f table`, the default: Rich renderables for a person at a terminal (plain text when piped)."""

from __future__ import annotations

from .table import assessment_view, comparison_view, level_legend, match_view, role_view, roles_view, route_view
from .table_people import bench_view, feedback_view, progress_view, team_view


def with_legend(view):
    """The view, then what each level number means where the framework names its levels (issue 18)."""

    def drawn(framework, result):
        legend = level_legend(framework.scale)
        if not legend:
            return view(framework, result)
        from rich.console import Group

        return Group(view(framework, result), *legend)

    return staticmethod(drawn)


class TableRenderer:
    """One view per kind of result."""

    text = False
    assessment = staticmethod(assessment_view)
    roles = staticmethod(roles_view)
    role = staticmethod(role_view)
    comparison = staticmethod(comparison_view)
    route = staticmethod(route_view)
    match = with_legend(match_view)
    team = with_legend(team_view)
    progress = with_legend(progress_view)
    feedback = with_legend(feedback_view)
    bench = staticmethod(bench_view)
