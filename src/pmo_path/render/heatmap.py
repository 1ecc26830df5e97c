"""The team's charts as SVG: the gap heatmap (one row a competency, by the share short of it) and the people grid.

Made for a slide: large type, the most common gap on top, the share written
on every bar, colour that warms with the share and still reads in greyscale
(the bar's length and the figures carry the numbers). Same card and palette
as the radar. Answers left blank are drawn apart from gaps (hatched), never
counted as one.

Any framework's names fit: every label is measured (`text_width`, a generous
estimate of a sans-serif face) and wrapped at its words into the room it has,
the last line shortened with an ellipsis if it still does not fit, so nothing
is cut at the picture's edge. Each line is a `<text>` of its own.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .radar import FONT, GRID, INK, MUTED
from .safe import one_line
from .safe import xml as escape

if TYPE_CHECKING:
    from ..domain.model import Framework
    from ..domain.team import TeamReport

WIDTH, PAD, LEFT, RIGHT = 900, 32, 300, 150
SHADES = ((2 / 3, "#cf222e"), (1 / 3, "#d4a72c"), (0.0, "#2da44e"))
BLANK_FILL = "url(#blank)"
MAX_GRID_PEOPLE = 60  # more rows than a slide can show legibly: the grid is refused with a reason
ELLIPSIS = "…"

_HATCH = (
    '<defs><pattern id="blank" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="8" height="8" fill="#eaeef2"/><rect width="3" height="8" fill="#8c959f"/></pattern></defs>'
)


def _shade(share: float) -> str:
    return next(colour for limit, colour in SHADES if share >= limit)


def _em(char: str) -> float:
    """A generous width of one character in ems, for a sans-serif face: wide for capitals and CJK, none for marks."""
    if unicodedata.combining(char) or char in "\u200b\u200d\ufe0f":
        return 0.0
    if unicodedata.east_asian_width(char) in "WF" or ord(char) > 0xFFFF:
        return 1.05
    if char in "MW@%&":
        return 0.95
    if char.isupper():
        return 0.75
    if char in " il.,:;'|!":
        return 0.35
    return 0.6


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The estimated width of `text` at `size` px (a bold face a little wider)."""
    return sum(map(_em, text)) * size * (1.08 if bold else 1.0)


def fit_lines(text: object, room: float, size: float, lines: int = 2, bold: bool = False) -> list[str]:
    """`text` (shown as it is: controls made visible, one line) wrapped at its words into `lines` lines of `room` px.

    A word wider than a line is shortened with an ellipsis, and so is the last line when words are left over."""
    words = one_line(text).split() or [""]
    out: list[str] = []
    for index, word in enumerate(words):
        if out and text_width(f"{out[-1]} {word}", size, bold) <= room:
            out[-1] += f" {word}"
            continue
        if len(out) == lines:  # no line left: the last one ends in an ellipsis
            out[-1] = _shorten(f"{out[-1]} {' '.join(words[index:])}", room, size, bold)
            return out
        out.append(word if text_width(word, size, bold) <= room else _shorten(word, room, size, bold))
    return out


def _shorten(text: str, room: float, size: float, bold: bool) -> str:
    if text_width(text, size, bold) <= room:
        return text
    while text and text_width(text.rstrip() + ELLIPSIS, size, bold) > room:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _text(x: float, y: float, line: str, size: int, fill: str = INK, anchor: str = "start", weight: str = "") -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    end = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{x:.0f}" y="{y:.0f}"{end} font-size="{size}"{bold} fill="{fill}">{escape(line)}</text>'


def _lines(x: float, y: float, lines: list[str], size: int, step: int, **style) -> list[str]:
    return [_text(x, y + n * step, line, size, **style) for n, line in enumerate(lines)]


def _open(width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" font-family="{escape(FONT)}">',
        f"<title>{escape(title)}</title>",
        _HATCH,
        f'<rect x="4" y="4" width="{width - 8}" height="{height - 8}" rx="16" fill="#ffffff" stroke="{GRID}"/>',
    ]


def _heading(title: str, subtitle: str, width: int) -> tuple[list[str], int]:
    """The title (bold, up to two lines) and the subtitle (up to two): their elements, and the y below them."""
    room = width - 2 * PAD
    title_lines = fit_lines(title, room, 22, bold=True)
    parts = _lines(PAD, 48, title_lines, 22, 28, weight="600")
    y = 48 + 28 * (len(title_lines) - 1) + 26
    sub_lines = fit_lines(subtitle, room, 14)
    parts += _lines(PAD, y, sub_lines, 14, 18, fill=MUTED)
    return parts, y + 18 * (len(sub_lines) - 1) + 22


def _legend(y: float, entries: list[tuple[str, str]], width: int) -> tuple[list[str], int]:
    """Swatches with their meaning, one a line, each fitted to the picture; the y below them."""
    parts = []
    for fill, meaning in entries:
        parts.append(f'<rect x="{PAD}" y="{y - 11:.0f}" width="14" height="14" rx="3" fill="{fill}" stroke="{GRID}"/>')
        parts.append(_text(PAD + 22, y, fit_lines(meaning, width - 2 * PAD - 22, 13, lines=1)[0], 13, fill=MUTED))
        y += 22
    return parts, y


def heatmap_svg(framework: Framework, report: TeamReport) -> str:
    """The gap heatmap: per competency the role needs, the share short of it (rated), and apart, the share who left it blank."""
    people = report.people
    rows = report.by_share
    title = f"Where the team falls short of {report.target.title}"
    subtitle = (
        f"Share of {people:,} {'person' if people == 1 else 'people'} below the level the role needs, "
        "most common gap first; hatched: not rated"
    )
    head, top = _heading(title, subtitle, WIDTH)
    size, step, bar = 15, 17, 34
    bar_width = WIDTH - LEFT - RIGHT
    body = []
    y = top
    for stat in rows:
        rated = stat.with_gap / people if people else 0.0
        blank = stat.unrated / people if people else 0.0
        name = framework.competencies[stat.competency].name + (" (core)" if stat.weight == 3 else "")
        label = fit_lines(name, LEFT - 12 - PAD, size, lines=3)
        row_height = max(bar + 12, step * len(label) + 12)  # a long name takes up to three lines, its row grows
        centre = y + row_height / 2
        body += _lines(LEFT - 12, centre - step * (len(label) - 1) / 2 + 5, label, size, step, anchor="end")
        top_of_bar = centre - bar / 2
        body += [
            f'<rect x="{LEFT}" y="{top_of_bar:.0f}" width="{bar_width}" height="{bar}" rx="4" fill="#f6f8fa"/>',
            f'<rect x="{LEFT}" y="{top_of_bar:.0f}" width="{bar_width * rated:.1f}" height="{bar}" rx="4" '
            f'fill="{_shade(rated)}"><title>{escape(one_line(name))}: {stat.with_gap} of {people} short'
            "</title></rect>",
        ]
        if stat.unrated:
            body.append(
                f'<rect x="{LEFT + bar_width * rated:.1f}" y="{top_of_bar:.0f}" width="{bar_width * blank:.1f}" '
                f'height="{bar}" fill="{BLANK_FILL}"><title>{escape(one_line(name))}: {stat.unrated} of '
                f"{people} not rated</title></rect>"
            )
        right = LEFT + bar_width + 10
        body.append(_text(right, centre + 5 - (7 if stat.unrated else 0), f"{100 * rated:.0f}%", size, weight="600"))
        if stat.unrated:
            body.append(_text(right, centre + 14, f"+{100 * blank:.0f}% not rated", 11, fill=MUTED))
        y += row_height
    legend_top = y + 16
    legend, bottom = _legend(
        legend_top,
        [
            (SHADES[0][1], "Rated below the level the role needs (the bar warms as the share grows)"),
            (BLANK_FILL, "Not rated: unknown, shown apart from the gaps; ask them to rate it"),
        ],
        WIDTH,
    )
    height = bottom + 12
    return "\n".join([*_open(WIDTH, height, title), *head, *body, *legend, "</svg>"]) + "\n"


CELL_W, CELL_H, NAME_W, NAME_MAX, SCORE_W = 34, 26, 220, 480, 70
GRID_FILLS = ((0, "#dafbe1"), (1, "#fff1c2"), (2, "#ffd8d3"))  # levels short: met, one, two or more


def grid_refusal(people: int) -> str | None:
    """Why the people grid is not drawn, or None when it can be."""
    if people > MAX_GRID_PEOPLE:
        return (
            f"--chart-people: not written: {people:,} people are more rows than a grid shows legibly "
            f"(up to {MAX_GRID_PEOPLE}); --chart draws the whole team's gaps"
        )
    return None


def people_grid_svg(framework: Framework, report: TeamReport) -> str:
    """Each person (most ready first) against each competency the role needs: their level, coloured by the gap."""
    stats = report.competencies
    longest = max((text_width(one_line(m.name), 13) for m in report.members), default=0)
    name_w = min(NAME_MAX, max(NAME_W, longest + 12))  # a 60-character name whole where it can be; else an ellipsis
    width = max(WIDTH, int(PAD + name_w + CELL_W * len(stats) + SCORE_W + PAD + 0.5))
    title = f"Each person against {report.target.title}"
    subtitle = "Their level in each competency the role needs, numbered as in the key below; ? not rated"
    head, top = _heading(title, subtitle, width)
    columns_x = PAD + name_w
    body = [
        _text(columns_x + CELL_W * index + CELL_W / 2, top + 4, str(index + 1), 12, MUTED, "middle", "600")
        for index in range(len(stats))
    ]
    body.append(_text(columns_x + CELL_W * len(stats) + 10, top + 4, "Ready", 12, MUTED, weight="600"))
    y = top + 14
    for member in report.members:
        name = fit_lines(member.name, name_w - 12, 13, lines=1)[0]
        body.append(_text(PAD, y + 18, name, 13))
        for index, stat in enumerate(stats):
            x = columns_x + CELL_W * index
            rating = member.ratings.get(stat.competency)
            if rating is None:
                fill, shown = BLANK_FILL, "?"
            else:
                short = max(0, stat.required - rating.level)
                fill, shown = next(f for limit, f in reversed(GRID_FILLS) if short >= limit), str(rating.level)
            body.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" rx="3" fill="{fill}">'
                f"<title>{escape(one_line(member.name))}: {escape(one_line(framework.competencies[stat.competency].name))} "
                f"{shown if rating else 'not rated'}, needs {stat.required}</title></rect>"
            )
            body.append(_text(x + CELL_W / 2, y + 18, shown, 13, INK, "middle", "600"))
        score = f"{member.readiness:.0f}%" + ("?" if member.provisional else "")
        body.append(_text(columns_x + CELL_W * len(stats) + 10, y + 18, score, 13))
        y += CELL_H
    key_top = y + 30
    body.append(_text(PAD, key_top, "Key", 13, INK, weight="600"))
    entries = [f"{n}  {framework.competencies[s.competency].name} (needs {s.required})" for n, s in enumerate(stats, 1)]
    room = width - 2 * PAD
    per_line = max(1, room // 400)  # as many columns as keep every entry on one line, else one a line, wrapped
    while per_line > 1 and any(text_width(one_line(entry), 13) > room / per_line - 12 for entry in entries):
        per_line -= 1
    key_width = room / per_line
    line_y = key_top + 22
    for start in range(0, len(entries), per_line):
        tallest = 1
        for column, entry in enumerate(entries[start : start + per_line]):
            lines = fit_lines(entry, key_width - 12, 13, lines=3)
            body += _lines(PAD + key_width * column, line_y, lines, 13, 17)
            tallest = max(tallest, len(lines))
        line_y += 17 * (tallest - 1) + 20
    legend_top = line_y + 14
    legend, bottom = _legend(
        legend_top,
        [
            (GRID_FILLS[0][1], "At or above the level the role needs"),
            (GRID_FILLS[1][1], "One level short"),
            (GRID_FILLS[2][1], "Two or more levels short"),
            (BLANK_FILL, "Not rated: unknown (a readiness marked ? counts it as 0)"),
        ],
        width,
    )
    height = bottom + 12
    return "\n".join([*_open(width, height, title), *head, *body, *legend, "</svg>"]) + "\n"
