"""The team's charts (issue 19): readable with any framework's names, blanks apart from gaps, the people grid.

Each SVG is parsed and every text element's estimated extent must lie inside
the viewBox: a label cut at the picture's edge is what the issue reported.
The estimate here is the test's own (generous widths for capitals, CJK and
emoji), not the renderer's.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

NS = "{http://www.w3.org/2000/svg}"
LONG_NAME = "Cross-organisational stakeholder engagement and governance {n:02d}"  # 60 characters with the number
HOSTILE = 'Ana <b>"Bold"</b> & Co \x07 张伟 😀 Wolfeschlegelsteinhausen-Bergerdorff-Montgomery-Smythe'


def char_width(char: str) -> float:
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in "WF" or ord(char) > 0xFFFF:
        return 1.0
    return 0.7 if char.isupper() else 0.55


def text_extent(element) -> tuple[float, float]:
    """Left and right edge of a text element, estimated from its characters and font size."""
    size = float(element.get("font-size"))
    width = sum(map(char_width, element.text or "")) * size
    x = float(element.get("x"))
    anchor = element.get("text-anchor", "start")
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    return left, left + width


def assert_inside(path) -> ET.Element:
    root = ET.parse(path).getroot()  # well-formed, or this raises
    _, _, width, height = map(float, root.get("viewBox").split())
    texts = list(root.iter(f"{NS}text"))
    assert texts
    for text in texts:
        left, right = text_extent(text)
        y = float(text.get("y"))
        assert left >= 0 and right <= width, (text.text, left, right, width)
        assert float(text.get("font-size")) <= y <= height, (text.text, y, height)
    return root


def long_framework(tmp_path) -> str:
    """The bundled framework with every competency name and role title 60 characters long."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    roles = yaml.safe_load((data / "roles.yaml").read_text(encoding="utf-8"))
    for n, competency in enumerate(roles["competencies"].values()):
        competency["name"] = LONG_NAME.format(n=n)
    for role in roles["roles"].values():
        role["title"] = f"Head of the Enterprise Portfolio Management Office {role['seniority']:02d}"[:60].ljust(60, "x")
    (data / "roles.yaml").write_text(yaml.safe_dump(roles, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(data)


def write_team(folder, framework, count: int = 5, name: str = "Member {n}", blanks: int = 2) -> str:
    folder.mkdir()
    needed = [r.competency for r in framework.roles["pmo-director"].requirements]
    competencies = needed + [c for c in framework.competencies if c not in needed]
    for n in range(count):
        skip = competencies[: blanks * (n % 2)]  # every other person leaves some competencies blank
        ratings = "".join(f"  {c}: {1 + (n + i) % 5}\n" for i, c in enumerate(competencies) if c not in skip)
        person = yaml.safe_dump({"name": name.format(n=n)}, allow_unicode=True)
        (folder / f"p{n:02d}.yaml").write_text(
            f"{person}current_role: pmo-analyst\ntarget_role: pmo-director\nratings:\n{ratings}", encoding="utf-8"
        )
    return str(folder)


def charts(invoke, tmp_path, team, *extra):
    bars, grid = tmp_path / "gaps.svg", tmp_path / "people.svg"
    result = invoke("team", team, "-t", "pmo-director", "--chart", str(bars), "--chart-people", str(grid), *extra)
    assert result.exit_code == 0, result.stderr
    return bars, grid


@pytest.mark.parametrize("names", ["bundled", "long", "hostile"])
def test_every_label_lies_inside_the_picture(invoke, tmp_path, framework, names):
    extra = ["--data-dir", long_framework(tmp_path)] if names == "long" else []
    person = {"bundled": "Member {n}", "long": "Person with a long name, {n:02d}".ljust(60, "x"), "hostile": HOSTILE}[names]
    team = write_team(tmp_path / "team", framework, name=person)
    for path in charts(invoke, tmp_path, team, *extra):
        root = assert_inside(path)
        shown = [t.text or "" for t in root.iter(f"{NS}text")]
        if names != "hostile" and path.name == "people.svg":  # up to 60 characters, a person's name is whole
            assert sum(text.startswith(person.split("{")[0]) for text in shown) == 5
            assert person.format(n=3) in shown
        if names == "hostile":
            written = path.read_text(encoding="utf-8")
            assert "<b>" not in written and "\x07" not in written
            assert path.name == "gaps.svg" or "&lt;b&gt;" in written  # the grid shows the name, as text


def test_a_long_name_wraps_before_it_is_shortened(invoke, tmp_path, framework):
    team = write_team(tmp_path / "team", framework)
    bars, _ = charts(invoke, tmp_path, team, "--data-dir", long_framework(tmp_path))
    texts = [t.text for t in ET.parse(bars).getroot().iter(f"{NS}text")]
    assert any(t and t.startswith("governance") for t in texts)  # a second or third line of a wrapped name
    order = list(framework.competencies)
    for requirement in framework.roles["pmo-director"].requirements:  # each name is there whole, over its lines
        assert f"governance {order.index(requirement.competency):02d}" in " ".join(t or "" for t in texts)


def test_unrated_answers_are_drawn_apart_from_gaps(invoke, tmp_path, framework):
    team = write_team(tmp_path / "team", framework, count=4, blanks=3)  # two of four leave three competencies blank
    bars, grid = charts(invoke, tmp_path, team)
    root = ET.parse(bars).getroot()
    hatched = [r for r in root.iter(f"{NS}rect") if r.get("fill") == "url(#blank)" and r.find(f"{NS}title") is not None]
    assert len(hatched) == 3
    assert all(r.find(f"{NS}title").text.endswith("2 of 4 not rated") for r in hatched)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert texts.count("+50% not rated") == 3
    shares = [int(t[:-1]) for t in texts if re.fullmatch(r"\d+%", t or "")]
    assert max(shares) <= 100 and shares == sorted(shares, reverse=True)
    assert any("Not rated" in (t or "") for t in texts)  # the legend says what the hatching means
    cells = [t.text for t in ET.parse(grid).getroot().iter(f"{NS}text") if t.get("text-anchor") == "middle"]
    assert cells.count("?") == 2 * 3


def test_the_people_grid_has_a_row_each_and_stops_over_sixty(invoke, tmp_path, framework):
    from pmo_path.interface.commands.team import GRID_PEOPLE
    from pmo_path.render.heatmap import MAX_GRID_PEOPLE

    assert GRID_PEOPLE == MAX_GRID_PEOPLE == 60
    team = write_team(tmp_path / "sixty", framework, count=60)
    _, grid = charts(invoke, tmp_path, team)
    root = assert_inside(grid)
    names = [t.text for t in root.iter(f"{NS}text") if (t.text or "").startswith("Member ")]
    assert len(names) == 60
    big = write_team(tmp_path / "big", framework, count=61)
    out = tmp_path / "big.svg"
    result = invoke("team", big, "-t", "pmo-director", "--chart-people", str(out), "-f", "json")
    assert result.exit_code == 0 and not out.exists()
    assert result.stderr.count("\n") == 1 and "--chart-people" in result.stderr and "61 people" in result.stderr
    assert invoke("team", big, "-t", "pmo-director", "--chart-people", "x.png").exit_code == 2


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.integers(min_value=40, max_value=600), st.integers(min_value=1, max_value=3))
def test_fitted_lines_never_exceed_their_room(text, room, lines):
    from pmo_path.render.heatmap import ELLIPSIS, fit_lines, text_width
    from pmo_path.render.safe import one_line

    fitted = fit_lines(text, room, 15, lines)
    assert 1 <= len(fitted) <= lines
    assert all(text_width(line, 15) <= room for line in fitted)
    if not any(ELLIPSIS in line for line in fitted) and ELLIPSIS not in text:
        assert " ".join(fitted).split() == one_line(text).split()  # nothing dropped unless an ellipsis says so
