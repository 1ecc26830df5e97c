"""`-f table`, the default: Rich renderables for a person at a terminal (plain text when piped)."""

from __future__ import annotations

from .table import assessment_view, comparison_view, match_view, role_view, roles_view, route_view
from .table_people import bench_view, feedback_view, progress_view, team_view


class TableRenderer:
    """One view per kind of result."""

    text = False
    assessment = staticmethod(assessment_view)
    roles = staticmethod(roles_view)
    role = staticmethod(role_view)
    comparison = staticmethod(comparison_view)
    route = staticmethod(route_view)
    match = staticmethod(match_view)
    team = staticmethod(team_view)
    progress = staticmethod(progress_view)
    feedback = staticmethod(feedback_view)
    bench = staticmethod(bench_view)
