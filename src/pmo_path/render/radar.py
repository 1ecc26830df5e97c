"""A radar chart as SVG text: current level against required, one spoke per competency.

Plain string building, no plotting library: the chart is small, and an SVG
written by hand renders the same in a browser, on GitHub and in Obsidian.
It draws its own white rounded card so it stays legible on light and dark
pages alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..domain.model import Framework, Role
from .safe import xml as escape

WIDTH, HEIGHT = 760, 660
CENTRE_X, CENTRE_Y, RADIUS = 380, 335, 200
LABEL_CHARS, LINE_HEIGHT = 16, 14
MAX_LEVEL = 5
MIN_SPOKES = 3  # fewer spokes make no polygon; the chart then shows every competency
FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
INK, MUTED, GRID = "#1f2328", "#57606a", "#d0d7de"
CURRENT, REQUIRED = "#0969da", "#cf222e"


@dataclass(frozen=True, slots=True)
class Spoke:
    label: str
    current: int
    required: int
    rated: bool = True  # False: the person left it blank; drawn at 0, marked and labelled "not rated", not as a 0


def spokes_for(framework: Framework, role: Role, levels: dict[str, int]) -> list[Spoke]:
    """The target's required competencies in framework order (every competency if it requires fewer than 3)."""
    chosen = [c for c in framework.competencies if role.required(c)]
    if len(chosen) < MIN_SPOKES:
        chosen = list(framework.competencies)
    return [Spoke(framework.competencies[c].name, levels.get(c, 0), role.required(c), c in levels) for c in chosen]


def _point(index: int, count: int, level: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * level / MAX_LEVEL
    return CENTRE_X + distance * math.cos(angle), CENTRE_Y + distance * math.sin(angle)


def _points(values: list[float]) -> str:
    return " ".join("{:.1f},{:.1f}".format(*_point(i, len(values), v)) for i, v in enumerate(values))


def _wrap(text: str) -> list[str]:
    """Split a long name over lines of about LABEL_CHARS, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _label(index: int, count: int, spoke: Spoke) -> str:
    """The competency name outside the ring, anchored away from the centre, with 'now / need' below it.

    A competency the person did not rate reads 'not rated / need': the chart draws it at 0, but it is an unknown.
    """
    x, y = _point(index, count, MAX_LEVEL + 0.45)
    angle = -math.pi / 2 + 2 * math.pi * index / count
    cosine, sine = math.cos(angle), math.sin(angle)
    anchor = "middle" if abs(cosine) < 0.2 else "start" if cosine > 0 else "end"
    lines = _wrap(spoke.label)
    height = LINE_HEIGHT * len(lines)  # the name lines plus the levels line, less the first baseline
    top = y - height - 4 if sine < -0.2 else y + 10 if sine > 0.2 else y - height / 2 + 4
    now = spoke.current if spoke.rated else "not rated"
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return (
        f'<text class="label" x="{x:.1f}" y="{top:.1f}" text-anchor="{anchor}">{spans}'
        f'<tspan class="levels" x="{x:.1f}" dy="{LINE_HEIGHT}">{now} / {spoke.required}</tspan></text>'
    )


def radar_svg(title: str, spokes: list[Spoke], top: int = MAX_LEVEL) -> str:
    """The chart: a ring for each level 1 to `top` (the framework's scale), one spoke per competency, required
    (dashed) and current (filled) polygons. Any scale is drawn in the same circle."""
    count = len(spokes)
    if count < MIN_SPOKES:
        raise ValueError(f"a radar chart needs at least {MIN_SPOKES} spokes, got {count}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" font-family="{escape(FONT)}">',
        f"<title>{escape(title)}</title>",
        "<style>"
        f".label{{font-size:13px;fill:{INK}}} .levels{{font-size:11px;fill:{MUTED}}} "
        f".ring{{fill:none;stroke:{GRID};stroke-width:1}} .spoke{{stroke:{GRID};stroke-width:1}} "
        f".tick{{font-size:10px;fill:{MUTED}}}"
        "</style>",
        f'<rect x="4" y="4" width="{WIDTH - 8}" height="{HEIGHT - 8}" rx="16" fill="#ffffff" stroke="{GRID}"/>',
        f'<text x="{WIDTH / 2:.0f}" y="36" text-anchor="middle" font-size="18" font-weight="600" fill="{INK}">'
        f"{escape(title)}</text>",
    ]
    fit = MAX_LEVEL / top  # a level of the framework's scale, in the drawing's
    for level in range(1, top + 1):
        parts.append(f'<polygon class="ring" points="{_points([level * fit] * count)}"/>')
    for index in range(count):
        x, y = _point(index, count, MAX_LEVEL)
        parts.append(f'<line class="spoke" x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{x:.1f}" y2="{y:.1f}"/>')
    for level in range(1, top + 1):
        x, y = _point(0, count, level * fit)
        parts.append(f'<text class="tick" x="{x + 4:.1f}" y="{y - 3:.1f}">{level}</text>')
    parts.append(
        f'<polygon class="required" points="{_points([s.required * fit for s in spokes])}" fill="none" '
        f'stroke="{REQUIRED}" stroke-width="2.5" stroke-dasharray="7 4"/>'
    )
    parts.append(
        f'<polygon class="current" points="{_points([s.current * fit for s in spokes])}" fill="{CURRENT}" '
        f'fill-opacity="0.25" stroke="{CURRENT}" stroke-width="2.5"/>'
    )
    for index, spoke in enumerate(spokes):
        x, y = _point(index, count, spoke.current * fit)
        if spoke.rated:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{CURRENT}"/>')
        else:  # an unknown, not a 0: a hollow mark
            parts.append(
                f'<circle class="not-rated" cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="white" stroke="{MUTED}" '
                'stroke-width="1.5" stroke-dasharray="2 2"/>'
            )
    parts += [_label(index, count, spoke) for index, spoke in enumerate(spokes)]
    legend_y = HEIGHT - 28
    parts += [
        f'<rect x="{WIDTH / 2 - 190:.0f}" y="{legend_y - 11}" width="22" height="12" fill="{CURRENT}" fill-opacity="0.25" '
        f'stroke="{CURRENT}" stroke-width="2"/>',
        f'<text class="label" x="{WIDTH / 2 - 160:.0f}" y="{legend_y}">current</text>',
        f'<line x1="{WIDTH / 2 - 60:.0f}" y1="{legend_y - 5}" x2="{WIDTH / 2 - 38:.0f}" y2="{legend_y - 5}" '
        f'stroke="{REQUIRED}" stroke-width="2.5" stroke-dasharray="7 4"/>',
        f'<text class="label" x="{WIDTH / 2 - 30:.0f}" y="{legend_y}">required</text>',
        f'<text class="levels" x="{WIDTH / 2 + 50:.0f}" y="{legend_y}">labels: now / need, levels 0-{top}</text>',
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def role_radar(framework: Framework, role: Role, levels: dict[str, int], who: str | None = None) -> str:
    """The plan's chart: a person's levels against what the role requires."""
    title = f"{who}: now against {role.title}" if who else f"Now against {role.title}"
    return radar_svg(title, spokes_for(framework, role, levels), framework.scale.top)
