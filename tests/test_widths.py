"""Every command laid out at 120, 80 and 60 columns: nothing cut, nothing broken, nothing past the edge.

Each command runs as a terminal of that width would lay it out (COLUMNS,
which Rich reads, as a person resizing their window). The 120-column output
is the reference: at 80 and 60 every whitespace-separated word or number
must be one of its words, whole (a name broken into `Stakeh`/`r` or a figure
cut to `3.…` is not), and the words of the reference must all still be there,
except those a narrower layout drops on purpose (listed per command below,
with the reason). Box-drawing and bar glyphs are not words.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.interface.terminal import drawn_markdown, render_to_text

REPO = Path(__file__).resolve().parent.parent
GLYPHS = re.compile(r"[─━│┃┄┅╴╶═\u2580-\u259f·▏▎▍▌▋▊▉▁▂▃▄▅▆▇█░]")
WIDTHS = (80, 60)

# Labels only a narrower layout uses (a shorter header, the stacked column's name, a legend for what it left out).
NARROW_LABELS = {
    "Gap",
    "Share",
    "Ready",
    "Holds",  # bench on a phone: the label before a role's holders
    "Δ",
    "Name",
    "biggest",
    "gap",
    "leads",
    "to",
    "--members",
    "all",
    "The",
    "manager's",
    "peers'",
    "and",
    "reports'",
    "columns",
    "need",
    "a",
    "wider",
    "terminal",
    "or",
    "-f",
    "json",
}
NARROW_VALUES = re.compile(r"\d→\d|\d+/\d+\?")  # a gap's levels beside its bar; a count marked ? as its column is gone


def _legend_items() -> list[str]:
    """What a legend lists, each item to be drawn whole on one line (`4 advanced`, `★ your target`), never split."""
    from pmo_path.reading.framework import load_framework
    from pmo_path.render.table import RELATION_MARK
    from pmo_path.render.wording import scale_legend_items

    bar = ["your level", "missing to the requirement", "beyond it"]
    return [*scale_legend_items(load_framework().scale), *RELATION_MARK.values(), "★ your target", *bar]


LEGEND_ITEMS = _legend_items()


def _words(text: str) -> list[str]:
    """Whitespace-separated words, glyphs left out; a comma, colon or full stop after a word (a list at one width, a
    column at another) and brackets around it are punctuation, not part of it."""
    words = (word.strip("()").rstrip(",;:.") for word in GLYPHS.sub(" ", text).split())
    return [word for word in words if word]


def _team(tmp_path: Path) -> Path:
    """The personas, one with a long name, and Jordan with the example reviews: a team folder as a PMO lead keeps it."""
    team = tmp_path / "team"
    team.mkdir()
    for path in (REPO / "tests" / "personas").glob("*.yaml"):
        shutil.copy(path, team / path.name)
    long = team / "pmo-manager-to-portfolio-office.yaml"
    long.write_text(long.read_text(encoding="utf-8").replace("name: Pat Folio", "name: Patricia Folio-Montgomery"))
    shutil.copy(REPO / "examples" / "jordan-lee.yaml", team / "jordan-lee.yaml")
    for path in (REPO / "examples" / "reviews").glob("*.yaml"):
        shutil.copy(path, team / f"review-{path.name}")
    return team


def _history(tmp_path: Path) -> list[str]:
    """Jordan three times: a rise, a competency rated for the first time, readiness 53 → 66 → 70."""
    base = (REPO / "examples" / "jordan-lee.yaml").read_text(encoding="utf-8")
    first = base.replace("  cross-functional-experience: 2\n", "").replace("pmo-governance: 2", "pmo-governance: 1")
    first = first.replace("assessed_on: 2026-11-20", "assessed_on: 2026-01-10")
    second = base.replace("assessed_on: 2026-11-20", "assessed_on: 2026-05-10")
    third = base + "  financial-management: 3\n"
    files = []
    for name, text in (("jordan-1.yaml", first), ("jordan-2.yaml", second), ("jordan-3.yaml", third)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(name)
    return files


# command, then the words of the 120-column output a narrower layout may leave out, and why
COMMANDS = {
    "assess": (["assess", "-p", "examples/jordan-lee.yaml"], {"Now", "Need"}),  # the level bar's 2→4 carries them
    "roles": (["roles"], {"Leads"}),  # "leads to" goes under the role
    "role": (["role", "pmo-director"], set()),
    "role --vs": (
        ["role", "senior-project-manager", "--vs", "pmo-director"],
        {"now", "important", "core", "useful", "Change"},  # the weight change is left to the two cells, then shown as Δ
    ),
    "path": (["path", "project-coordinator", "pmo-director"], set()),
    "path -p": (["path", "project-coordinator", "pmo-director", "-p", "examples/jordan-lee.yaml"], set()),
    "match": (["match", "-p", "examples/jordan-lee.yaml", "--all"], {"Biggest"}),  # the gap goes under the role
    "validate": (["validate", "examples/jordan-lee.yaml", "examples/sam-okafor.yaml"], set()),
    "team": (["team", "{team}", "-t", "pmo-director"], {"Need", "Mean", "With", "Share", "with", "Readiness", "Biggest", "Not"}),
    "bench": (["bench", "{team}"], {"Role", "Holders"}),  # each role a heading of its own, so no column header
    "feedback": (  # the manager's, peers' and reports' columns, and the legend's words on what they hide
        ["feedback", "examples/jordan-lee.yaml", "examples/reviews"],
        {"Manager", "Peers", "Reports", "only", "fewer", "than", "needed", "keep", "not", "are", "them", "kept"}
        | {"anonymous", "reports", "rated", "3", "2", "to"},
    ),
    "progress": (["progress", "{h1}", "{h3}"], set()),
    "progress history": (["progress", "{h1}", "{h2}", "{h3}"], set()),
}
DROPPED_VALUES = {
    "team": re.compile(r"\d\.\d\d|\d+\.\d"),  # the means, and each member's bar-less figure stays; means go at 60
    "feedback": re.compile(r"\d\.\d"),  # the manager's, peers' and reports' figures (others and Δ stay)
    "role --vs": re.compile(r"[↑↓=+−]|rises|falls|stays|new|dropped|[+-]\d,?|\d"),  # the change's words become its symbol
}


def _run(invoke, args, width):
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


@pytest.fixture
def in_a_folder(tmp_path, monkeypatch):
    """Relative paths as a person types them (a long temporary path is not what a layout is judged on)."""
    for name in ("examples",):
        shutil.copytree(REPO / name, tmp_path / name)
    team = _team(tmp_path)
    history = _history(tmp_path)
    monkeypatch.chdir(tmp_path)
    return {"team": team.name, "h1": history[0], "h2": history[1], "h3": history[2]}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_reads_whole_at_120_80_and_60_columns(invoke, in_a_folder, name):
    args, droppable = COMMANDS[name]
    args = [arg.format(**in_a_folder) for arg in args]
    wide = _run(invoke, args, 120)
    reference = set(_words(wide))
    for width in WIDTHS:
        narrow = _run(invoke, args, width)
        assert max(len(line) for line in narrow.splitlines()) <= width, (name, width)
        words = _words(narrow)
        broken = [w for w in words if w not in reference and w not in NARROW_LABELS and not NARROW_VALUES.fullmatch(w)]
        assert not broken, (name, width, broken)  # a word or figure cut, folded or broken across lines
        kept = set(words)
        pattern = DROPPED_VALUES.get(name)
        missing = [w for w in reference - kept if w not in droppable and not (pattern and pattern.fullmatch(w)) and width < 120]
        assert not missing, (name, width, sorted(missing))  # something the narrower layout lost without a reason
        split = [item for item in LEGEND_ITEMS if item in wide and item not in narrow]
        assert not split, (name, width, split)  # a legend item broken across lines (`5` / `expert.`)
        assert not re.search(r"(?m)^· \d", narrow), (name, width)  # a line starting with a legend's separator


def test_the_plan_drawn_at_a_terminal_breaks_no_word(invoke, in_a_folder):
    text = invoke("plan", "-p", "examples/jordan-lee.yaml", env={"PMO_PATH_TODAY": "2026-11-20"}).stdout
    reference = set(_words(render_to_text(drawn_markdown(text), 120)))
    for width in WIDTHS:
        drawn = render_to_text(drawn_markdown(text), width)
        assert max(len(line) for line in drawn.splitlines()) <= width
        assert {"communication", "Cross-functional", "experience"} <= set(_words(drawn))
        broken = [w for w in _words(drawn) if w not in reference]
        assert not broken, (width, broken)


LEGEND_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789★", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(LEGEND_WORD, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8),
    st.sampled_from([(" ·", " "), ("", "   "), (".", " ")]),
    st.integers(min_value=20, max_value=120),  # wider than any word with its mark: none is cut
)
def test_a_legend_breaks_only_between_items_and_never_starts_a_line_with_its_separator(items, spacing, width):
    from pmo_path.render.table import Legend

    separator, gap = spacing
    lines = render_to_text(Legend(items, separator, gap, prefix="Key: ", end="."), width).splitlines()
    assert all(len(line) <= width for line in lines)  # every word here fits the line
    assert " ".join(" ".join(lines).split()) == " ".join(f"Key: {(separator + gap).join(items)}.".split())  # all, in order
    whole = [item for item in items if len(item) + len("Key: ") + len(separator) + 1 <= width]
    assert all(any(item in line for line in lines) for item in whole), lines  # an item that fits is on one line
    if separator.strip():
        assert not any(line.lstrip().startswith(separator.strip()) for line in lines)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.→-", min_size=1, max_size=14)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.lists(WORD, min_size=1, max_size=4), min_size=3, max_size=3), min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=3, max_size=3),
    st.integers(min_value=20, max_value=130),
)
def test_a_table_that_fits_draws_every_word_whole_within_the_width(rows, no_wrap, width):
    """When `fit` says a table fits, each cell's words come out whole and no line passes the width; when it says it
    cannot, some column's floor (its longest word, or line where it must not wrap) really is too wide."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from pmo_path.render.table import fit

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for index, whole in enumerate(no_wrap):
        table.add_column(f"c{index}", no_wrap=whole)
    for row in rows:
        table.add_row(*(" ".join(cell) for cell in row))
    console = Console(width=width, color_system=None, file=None, legacy_windows=False)
    fits = fit(table, console, console.options)
    floors = [max(len(" ".join(row[i])) if no_wrap[i] else max(map(len, row[i])) for row in rows) for i in range(3)]
    floors = [max(floor, 2) for floor in floors]  # the headers c0..c2
    assert fits == (sum(floors) + 6 <= width)  # between three columns: two dividers, a cell of padding either side
    if not fits:
        return
    with console.capture() as captured:
        console.print(table)
    lines = captured.get().splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    drawn = {word for line in lines for word in line.split()}
    for row in rows:
        for cell in row:
            assert set(cell) <= drawn
