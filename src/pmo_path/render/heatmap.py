"""The team's gap heatmap as SVG: one row a competency the role needs, by the share of people short of it.

Made for a slide: large type, the most common gap on top, the share written
on every bar, colour that warms with the share and still reads in greyscale
(the bar's length carries the number). Same card and palette as the radar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .radar import FONT, GRID, INK, MUTED
from .safe import xml as escape

if TYPE_CHECKING:
    from ..domain.model import Framework
    from ..domain.team import TeamReport

WIDTH, ROW, TOP, LEFT, RIGHT = 900, 34, 96, 290, 90
SHADES = ((2 / 3, "#cf222e"), (1 / 3, "#d4a72c"), (0.0, "#2da44e"))


def _shade(share: float) -> str:
    return next(colour for limit, colour in SHADES if share >= limit)


def heatmap_svg(framework: Framework, report: TeamReport) -> str:
    people = report.people
    rows = sorted(report.competencies, key=lambda s: (-s.with_gap, -s.weight))
    height = TOP + ROW * len(rows) + 50
    bar_width = WIDTH - LEFT - RIGHT
    title = f"Where the team falls short of {report.target.title}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(title)}" font-family="{escape(FONT)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="4" y="4" width="{WIDTH - 8}" height="{height - 8}" rx="16" fill="#ffffff" stroke="{GRID}"/>',
        f'<text x="32" y="48" font-size="22" font-weight="600" fill="{INK}">{escape(title)}</text>',
        f'<text x="32" y="74" font-size="14" fill="{MUTED}">Share of {people:,} {"person" if people == 1 else "people"} '
        "below the level the role needs, most common gap first</text>",
    ]
    for index, stat in enumerate(rows):
        y = TOP + index * ROW
        share = stat.share_with_gap(people)
        name = framework.competencies[stat.competency].name
        core = " (core)" if stat.weight == 3 else ""
        parts += [
            f'<text x="{LEFT - 12}" y="{y + 21}" text-anchor="end" font-size="15" fill="{INK}">'
            f"{escape(name)}{escape(core)}</text>",
            f'<rect x="{LEFT}" y="{y + 6}" width="{bar_width}" height="{ROW - 12}" rx="4" fill="#f6f8fa"/>',
            f'<rect x="{LEFT}" y="{y + 6}" width="{bar_width * share:.1f}" height="{ROW - 12}" rx="4" '
            f'fill="{_shade(share)}"><title>{escape(name)}: {stat.with_gap} of {people}</title></rect>',
            f'<text x="{LEFT + bar_width + 10}" y="{y + 21}" font-size="15" font-weight="600" fill="{INK}">'
            f"{100 * share:.0f}%</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
