"""Readiness over time as SVG: one point per assessment, the verdict bands shaded behind the line.

Written by hand like the radar chart, in its palette and on its card, so the
two read as a set on GitHub, in a browser or pasted into a slide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .radar import FONT, GRID, INK, MUTED
from .safe import xml as escape

if TYPE_CHECKING:
    from ..domain.model import Framework
    from ..domain.progress import Progress

WIDTH, HEIGHT = 760, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 100, 70, 70
LINE = "#0969da"
BANDS = (  # verdict, fill, from the framework's thresholds
    ("ready", "#dafbe1"),
    ("close", "#ddf4ff"),
    ("developing", "#fff8c5"),
    ("stretch", "#ffebe9"),
)


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 100)


def trend_svg(framework: Framework, result: Progress) -> str:
    points = [(p.profile, p.score.readiness, p.score.verdict) for p in result.history] or [
        (result.old, result.before.readiness, result.before.verdict),
        (result.new, result.after.readiness, result.after.verdict),
    ]
    thresholds = framework.thresholds
    limits = {
        "ready": (thresholds.ready, 100),
        "close": (thresholds.close, thresholds.ready),
        "developing": (thresholds.developing, thresholds.close),
        "stretch": (0, thresholds.developing),
    }
    who = next((profile.name for profile, _, _ in reversed(points) if profile.name), None)
    title = f"{who}: readiness for {result.target.title} over time" if who else f"Readiness for {result.target.title}"
    inner = WIDTH - LEFT - RIGHT
    step = inner / max(1, len(points) - 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" font-family="{escape(FONT)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="4" y="4" width="{WIDTH - 8}" height="{HEIGHT - 8}" rx="16" fill="#ffffff" stroke="{GRID}"/>',
        f'<text x="{LEFT}" y="40" font-size="17" font-weight="600" fill="{INK}">{escape(title)}</text>',
    ]
    for verdict, fill in BANDS:
        low, high = limits[verdict]
        if high <= low:
            continue
        parts.append(f'<rect x="{LEFT}" y="{_y(high):.1f}" width="{inner}" height="{_y(low) - _y(high):.1f}" fill="{fill}"/>')
        parts.append(
            f'<text x="{WIDTH - RIGHT + 8}" y="{_y(high) + 14:.1f}" text-anchor="start" font-size="11" '
            f'fill="{MUTED}">{verdict}</text>'
        )
    for value in range(0, 101, 25):
        parts.append(
            f'<text x="{LEFT - 8}" y="{_y(value) + 4:.1f}" text-anchor="end" font-size="11" fill="{MUTED}">{value}%</text>'
        )
    coordinates = [
        (LEFT + index * step if len(points) > 1 else LEFT + inner / 2, _y(readiness))
        for index, (_, readiness, _) in enumerate(points)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="3"/>')
    for (x, y), (profile, readiness, verdict) in zip(coordinates, points, strict=True):
        when = profile.assessed_on.isoformat() if profile.assessed_on else profile.file.rsplit("/", 1)[-1]
        parts += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{LINE}"><title>{escape(when)}: {readiness:.1f}% '
            f"({escape(verdict)})</title></circle>",
            f'<text x="{x:.1f}" y="{y - 12:.1f}" text-anchor="middle" font-size="12" font-weight="600" '
            f'fill="{INK}">{readiness:.1f}%</text>',
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 22}" text-anchor="middle" font-size="11" '
            f'fill="{MUTED}">{escape(when[:24])}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
