"""Renderers: turn the domain's results into JSON, Markdown or a terminal table.

They never compute: everything they show comes from the domain's results.
One explicit table, `FORMATS`, maps each `--format` to the class that
renders it; each class implements `Renderer`, one method per kind of
result. Classes are imported only when chosen, so rich loads only for the
table. To add a format: one module with a class implementing `Renderer`,
and one line in `FORMATS`.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..domain.assessment import Assessment
    from ..domain.bench import BenchRow
    from ..domain.feedback import Feedback
    from ..domain.model import Framework, Role
    from ..domain.navigation import Match, RoleComparison, Route
    from ..domain.progress import Progress
    from ..domain.team import TeamReport

# format name -> (module, class). The order is the order `--help` lists them.
FORMATS: dict[str, tuple[str, str]] = {
    "table": ("pmo_path.render.table_renderer", "TableRenderer"),
    "json": ("pmo_path.render.as_json", "JsonRenderer"),
    "markdown": ("pmo_path.render.markdown_renderer", "MarkdownRenderer"),
    "csv": ("pmo_path.render.as_csv", "CsvRenderer"),
}

Format = StrEnum("Format", {name: name for name in FORMATS})


class Renderer(Protocol):
    """One method per kind of result. `text` renderers return str; the others a Rich renderable."""

    text: bool

    def assessment(self, framework: Framework, result: Assessment) -> Any: ...
    def roles(self, framework: Framework, ladders: dict[str, list[Role]]) -> Any: ...
    def role(self, framework: Framework, role: Role) -> Any: ...
    def comparison(self, framework: Framework, comparison: RoleComparison) -> Any: ...
    def route(self, framework: Framework, found: Route) -> Any: ...
    def match(self, framework: Framework, matches: list[Match]) -> Any: ...
    def team(self, framework: Framework, report: TeamReport) -> Any: ...
    def progress(self, framework: Framework, result: Progress) -> Any: ...
    def feedback(self, framework: Framework, result: Feedback) -> Any: ...
    def bench(self, framework: Framework, rows: tuple[BenchRow, ...]) -> Any: ...


class UnknownFormat(ValueError):
    """A format name no renderer is registered for."""


def renderer_for(name: str) -> Renderer:
    try:
        module, cls = FORMATS[str(name)]
    except KeyError:
        raise UnknownFormat(f"unknown format '{name}'; choose one of {', '.join(FORMATS)}") from None
    return getattr(import_module(module), cls)()
