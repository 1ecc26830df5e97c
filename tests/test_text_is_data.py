"""Text from files is data in every format (issue 17): nothing in a name, a note or a framework drives a terminal,
breaks a Markdown table, becomes a link, hides itself, or makes pmo-path write a file it then refuses.

The property test at the end runs hostile text through every command and every format.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import EXAMPLES
from hostile_text import Payloads, plant
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pmo_path.reading.profile import parse_profile
from pmo_path.render import as_json, safe
from pmo_path.render.as_csv import cell
from pmo_path.render.markdown import mermaid_route

JORDAN = EXAMPLES / "jordan-lee.yaml"
# What must never reach a terminal-bound stream: C0 controls but tab and newline, DEL, C1, bidi controls.
TERMINAL_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE = list("\u200b\u200c\u200d\u2060\u2061\u2063\ufeff\u00ad\u034f\u180e\u3164\ufe0f") + ["\U000e0041", "\U000e0100"]
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def terminal_leaks(text: str) -> list[str]:
    """The characters of `text` a terminal would obey (a CSV's CRLF line ends are line ends)."""
    return TERMINAL_BAD.findall(text.replace("\r\n", "\n"))


# --- JSON: C1, bidi and invisible characters as \uXXXX, values unchanged --------------------------------------------


@FAST
@given(st.text(alphabet=st.sampled_from([*C1, *BIDI, *INVISIBLE, "\x1b", "\x07", "\x7f", "\u2028", "a", "é", "👩", '"', "\\"])))
def test_json_escapes_every_control_bidi_and_invisible_character_and_reads_back(text):
    dumped = as_json.dumps({"name": text, "list": [text]})
    assert not terminal_leaks(dumped)
    kept = set(dumped) & set(INVISIBLE)  # only a joiner or selector that joins, as `visible` keeps it
    assert kept <= {"\u200c", "\u200d", "\ufe0f", "\U000e0100"} and kept <= set(safe.visible(text))
    assert json.loads(dumped) == {"name": text, "list": [text]}


def test_json_of_a_hostile_name_through_the_command(invoke, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text(JORDAN.read_text(encoding="utf-8").replace("name: Jordan Lee", 'name: "Jo\\x9b31m\\u202edan\\u200b"'))
    result = invoke("assess", "-p", str(profile), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "\\u009b31m\\u202edan\\u200b" in result.stdout and not terminal_leaks(result.stdout)
    assert json.loads(result.stdout)["profile"]["name"] == "Jo\x9b31m\u202edan\u200b"


# --- CSV: inert on a terminal and in a file alike ------------------------------------------------------------------


def test_csv_shows_controls_as_escapes_in_every_command(invoke, tmp_path):
    """Decided: a CSV shows controls as escapes whatever it is written to (it is `cat`ed and piped as often as opened)."""
    paths = plant(tmp_path, Payloads())
    fw = str(paths["fw"])
    for args in (["roles"], ["role", "pmo-director"], ["match", "-p", str(paths["me"]), "--all"], ["bench", str(paths["team"])]):
        result = invoke(*args, "-f", "csv", "--data-dir", fw)
        assert result.exit_code == 0, (args, result.stderr)
        assert not terminal_leaks(result.stdout), args
    written = tmp_path / "roles.csv"
    assert invoke("roles", "-f", "csv", "--data-dir", fw, "-o", str(written)).exit_code == 0
    assert "PMO \\x1b]0;pwned\\x07 Director\\u202e" in written.read_text(encoding="utf-8")  # the file: the same escapes


@pytest.mark.parametrize(
    "text", ["=1+1", " =1+1", "\ufeff=1", "\u200b@SUM(A1)", "＝1+1", "＋1", "－1", "＠x", "\t\r\n-2", "\u3000=x"]
)
def test_csv_guards_a_formula_behind_what_a_spreadsheet_skips(text):
    assert cell(text).startswith("'")


# --- Markdown: every table cell escaped as a cell; autolinks inert ------------------------------------------------


class Cells(HTMLParser):
    """The rows of the first table in some HTML: each a list of (cell text, tags inside the cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, set[str]]]] = []
        self.cell: list[str] | None = None
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell, self.tags = [], set()
        elif self.cell is not None:
            self.tags.add(tag)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(("".join(self.cell), self.tags))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def gfm_renderers():
    """GitHub's own parser (cmark-gfm, autolinks on, raw HTML let through) and markdown-it with linkify."""
    import cmarkgfm
    from cmarkgfm.cmark import Options
    from markdown_it import MarkdownIt

    linkify = MarkdownIt("gfm-like", {"linkify": True, "html": True})
    return {
        "cmark-gfm": lambda text: cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE),
        "markdown-it": linkify.render,
    }


def without_comments(rendered: str) -> str:
    return rendered.replace("<!---->", "")


ID_TEXT = st.lists(
    st.sampled_from([*"|`\\<>*_[]!()&#;:/.@$ ax-", "<img src=x>", "https://e.x", "`|`", "\\|"]), min_size=1, max_size=8
).map("".join)


@FAST
@given(ident=ID_TEXT, title=ID_TEXT)
def test_a_table_cell_holds_any_id_and_title(ident, title):
    """A role id or title holding `|`, backticks or HTML stays in its own cell, as text, in GFM tables."""
    from pmo_path.render.markdown import Raw, code, table

    lines = table(["Id", "Title", "Both"], [[code(ident), title, Raw(f"{safe.markdown(title)} ({code(ident)})")]])
    for name, render in gfm_renderers().items():
        rows = parse_cells(without_comments(render("\n".join(lines))))
        assert [len(row) for row in rows] == [3, 3], (name, lines)
        (shown_id, id_tags), (shown_title, title_tags), (both, _) = rows[1]
        assert shown_id == safe.one_line(ident) and id_tags <= {"code"}, name
        assert words(shown_title) == words(safe.one_line(title)) and not title_tags, name
        assert words(both) == words(f"{safe.one_line(title)} ({safe.one_line(ident)})"), name


def words(text: str) -> str:
    """Text as a browser shows it: runs of spaces as one."""
    return " ".join(text.split())


def parse_cells(rendered: str) -> list[list[tuple[str, set[str]]]]:
    parser = Cells()
    parser.feed(rendered)
    return parser.rows


def test_roles_and_match_markdown_keep_an_id_with_a_pipe_in_its_cell(invoke, tmp_path):
    paths = plant(tmp_path, Payloads(role_id="a|<img src=x onerror=alert(1)>|`b`", title="T | <img src=y>"))
    for args in (["roles"], ["match", "-p", str(paths["me"]), "--all"]):
        result = invoke(*args, "-f", "markdown", "--data-dir", str(paths["fw"]))
        assert result.exit_code == 0, result.stderr
        for name, render in gfm_renderers().items():
            rendered = render(result.stdout)
            assert "<img" not in rendered, (name, args)
            body = rendered.split("<table>")[1:]
            for table_html in body:
                rows = parse_cells("<table>" + table_html)
                assert len({len(row) for row in rows}) == 1, (name, args)  # no row split apart
        assert "x-a|<img src=x onerror=alert(1)>|`b`" in html.unescape(gfm_renderers()["cmark-gfm"](result.stdout))


LINKS = st.sampled_from(
    [
        "https://evil.example/x?a=1",
        "HTTP://EVIL.EXAMPLE",
        "ftp://files.example",
        "www.evil.example",
        "WWW.Evil.Example/path",
        "jordan.lee@example.com",
        "a+b@mail.example.org",
        "mailto:x@y.example",
        "xmpp:x@y.example/r",
        "@octocat",
        "evil.example",
        "пример.рф",
        "//evil.example/x",
        "sub.domain.example.co.uk",
    ]
)


@FAST
@given(
    before=st.sampled_from(["", " ", "see ", "(", "*", "_", "~"]), link=LINKS, after=st.sampled_from(["", ".", " now", ")", ","])
)
def test_urls_hosts_and_addresses_are_never_links(before, link, after):
    text = before + link + after
    for name, render in gfm_renderers().items():
        rendered = render(safe.markdown(text))
        assert "<a " not in rendered, (name, safe.markdown(text), rendered)
        shown = re.sub(r"</?(p|em|strong|del)>", "", html.unescape(without_comments(rendered))).strip()
        assert shown == text.strip(), name


def test_plan_links_nothing_from_a_name_or_evidence(invoke, tmp_path):
    profile = tmp_path / "me.yaml"
    text = JORDAN.read_text(encoding="utf-8").replace("name: Jordan Lee", "name: jordan@example.com www.evil.example")
    text = text.replace("Ran the steering committee for three business units", "see https://evil.example and @octocat")
    profile.write_text(text, encoding="utf-8")
    plan = invoke("plan", "-p", str(profile))
    assert plan.exit_code == 0, plan.stderr
    for name, render in gfm_renderers().items():
        rendered = render(plan.stdout)
        assert "evil.example" in html.unescape(rendered) and not re.search(
            r'<a href="[^"]*(evil|example\.com|octocat)', rendered
        ), name


# --- Mermaid: one node per step, whatever the ids look like ---------------------------------------------------------


@FAST
@given(st.lists(st.text(alphabet="-_. .aA1é", min_size=1, max_size=6), min_size=2, max_size=6, unique=True))
def test_mermaid_node_ids_are_one_per_role(ids):
    framework = SimpleNamespace(roles={i: SimpleNamespace(title=f"T {i}") for i in ids})
    lines = mermaid_route(framework, ids)
    nodes = [re.match(r"\s+(\w+)[\[(]", line).group(1) for line in lines[2 : 2 + len(ids)]]
    assert len(set(nodes)) == len(ids)
    edges = [line.split(" --> ") for line in lines if " --> " in line]
    assert [[a.strip(), b] for a, b in edges] == [[nodes[n], nodes[n + 1]] for n in range(len(ids) - 1)]


def test_pm_lead_pm_underscore_lead_and_pm_dot_lead_are_three_nodes():
    ids = ["pm-lead", "pm_lead", "pm.lead"]
    lines = mermaid_route(SimpleNamespace(roles={i: SimpleNamespace(title=i) for i in ids}), ids)
    assert len({line.split("[")[0].split("(")[0].strip() for line in lines[2:5]}) == 3


# --- invisible characters are shown where a person would be fooled ---------------------------------------------


def test_a_zero_width_character_in_a_name_shows_in_the_team_table(invoke, tmp_path):
    for file, name in (("a.yaml", "Jordan Lee"), ("b.yaml", "Jordan\u200bLee"), ("c.yaml", "Jordan\u2060 Lee\u00ad")):
        (tmp_path / file).write_text(
            JORDAN.read_text(encoding="utf-8").replace("name: Jordan Lee", f"name: {json.dumps(name)}"), encoding="utf-8"
        )
    result = invoke("team", str(tmp_path), "-t", "pmo-manager")
    assert result.exit_code == 0, result.stderr
    assert "Jordan Lee" in result.stdout and "Jordan\\u200bLee" in result.stdout and "Jordan\\u2060 Lee\\xad" in result.stdout


def test_a_zero_width_character_in_an_id_shows_in_the_error_line(invoke):
    result = invoke("role", "pmo\u200bmanager")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ") and "pmo\\u200bmanager" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d💻",
        "❤\ufe0f",
        "1\ufe0f\u20e3",
        "می\u200cخواهم",
        "क्\u200dष",
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    ],
)
def test_emoji_sequences_and_joining_scripts_keep_their_joiners(text):
    assert safe.visible(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Jordan\u200dLee", "Jordan\\u200dLee"),  # a joiner between ASCII letters joins nothing
        ("Lee\ufe0f", "Lee\\ufe0f"),
        ("A\U000e0041", "A\\U000e0041"),
        ("x\u200c", "x\\u200c"),
        ("Zoë\u2060", "Zoë\\u2060"),
    ],
)
def test_stray_joiners_selectors_and_tags_are_shown(text, shown):
    assert safe.visible(text) == shown


# --- what pmo-path writes, it reads back -----------------------------------------------------------------------


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.lists(
        st.sampled_from([*C1[:6], *BIDI[:4], "\x1b", "\x07", "\x00", "\x7f", "\u2028", "\x85", "\ufffe", "#", ": ", "\n", "a"]),
        max_size=8,
    ).map("".join)
)
def test_init_with_control_characters_in_the_framework_writes_a_template_that_reads_back(invoke, tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("init")
    paths = plant(folder, Payloads(role_id=text, competency_id=text, title="T" + text, framework="F" + text))
    printed = invoke("init", "--data-dir", str(paths["fw"]))
    assert printed.exit_code == 0, printed.stderr
    assert not terminal_leaks(printed.stdout)
    written = folder / "me.yaml"
    written.unlink()
    assert invoke("init", str(written), "--data-dir", str(paths["fw"])).exit_code == 0
    checked = invoke("validate", str(written), "--data-dir", str(paths["fw"]))
    assert checked.exit_code == 0, checked.stdout
    from pmo_path.reading.framework import load_framework

    framework = load_framework(paths["fw"])
    filled = written.read_text(encoding="utf-8").replace(":    # 0-5", ": 3    # 0-5")
    assert parse_profile(filled, framework).levels() == dict.fromkeys(framework.competencies, 3)


def test_the_save_prompt_shows_a_file_name_with_escapes(tmp_path):
    """Re-assessing a file whose name holds an escape: the prompt offers the name with the escape shown."""
    import pexpect

    hostile = "\x1b]0;pwned\x07\x1b[2J\u202eme.yaml"
    (tmp_path / hostile).write_text(JORDAN.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PMO_PATH_DATA"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "pmo_path", "assess", "-p", hostile, "-i"],
        cwd=str(tmp_path),
        env={**env, "NO_COLOR": "1", "TERM": "xterm", "PMO_PATH_TODAY": "2026-11-30"},
        encoding="utf-8",
        timeout=10,
        dimensions=(40, 200),
    )
    child.delaybeforesend = None
    while (asked := child.expect([r"for the levels \[\d\]: ", "for the levels: ", "Save your"])) < 2:
        child.sendline("" if asked == 0 else "1")  # keep each rating; rate what was unrated
    child.expect(r"or n to skip: ")
    prompt = child.before
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202eme-2026-11-30.yaml" in prompt
    assert "\x1b]0;" not in prompt and "\x07" not in prompt and "\u202e" not in prompt


# --- dates and the scale: one line naming the field ------------------------------------------------------------


@pytest.mark.parametrize(
    "day", ["2026W011", "2026-W01-1", "20261130", "2026-11-30T10:00", "2026-1-5", "2026-02-30", "+2026-01-01"]
)
def test_assessed_on_is_only_year_month_day(invoke, tmp_path, day):
    profile = tmp_path / "me.yaml"
    profile.write_text(JORDAN.read_text(encoding="utf-8").replace("assessed_on: 2026-11-20", f"assessed_on: '{day}'"))
    result = invoke("validate", str(profile))
    assert result.exit_code == 1
    assert result.stdout == f"{profile}:7: assessed_on: must be a date like 2026-11-20, found text ('{day}')\n"
    clock = invoke("plan", "-p", str(JORDAN), env={"PMO_PATH_TODAY": day})  # the clock too
    assert clock.exit_code == 2 and clock.stderr.startswith("Error: PMO_PATH_TODAY: expected a date like 2026-11-20")


@pytest.mark.parametrize(
    ("scale", "field", "message"),
    [
        ("  6: beyond", "scale.6", "levels are 0 to 5, found an integer (6)"),
        ("  -1: below", "scale.-1", "levels are 0 to 5, found an integer (-1)"),
        ("  2.5: half", "scale.2.5", "levels are 0 to 5, found a decimal number (2.5)"),
        ("  null: nothing", "scale.null", "levels are 0 to 5, found empty"),
        ("  4: [a, b]", "scale.4", "must be text, found a list"),
        ("  4: ''", "scale.4", "must not be empty"),
    ],
)
def test_a_malformed_scale_is_one_line_naming_the_field(invoke, tmp_path, scale, field, message):
    from pmo_path.reading.framework import bundled_data_dir

    roles = (bundled_data_dir() / "roles.yaml").read_text(encoding="utf-8")
    if scale.startswith("  4:"):  # in place of the bundled level 4
        roles = roles.replace("  4: advanced\n", "")
    (tmp_path / "roles.yaml").write_text(roles.replace("scale:\n", f"scale:\n{scale}\n", 1), encoding="utf-8")
    result = invoke("validate", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    problems = result.stdout.splitlines()
    assert len(problems) == 1 and problems[0].endswith(f": {field}: {message}"), result.stdout
    run = invoke("roles", "--data-dir", str(tmp_path))
    assert run.exit_code == 1 and run.stderr.count("\n") == 1 and field in run.stderr


# --- the property: hostile text through every command and every format --------------------------------------------

PIECES = st.sampled_from(
    [chr(c) for c in range(0x20) if chr(c) not in "\n"]
    + ["\x7f", "\x85", "\x9b", "\x90", "\x9d", "\u061c", "\u200e", "\u202a", "\u202e", "\u2066", "\u2069", "\u2028", "\u2029"]
    + ["\u200b", "\u200d", "\ufeff", "\ufffe", "\u00ad", "\ufe0f", "👩\u200d💻", "é", "a", " ", "\n"]
    + ["\x1b[2J", "\x1b]0;t\x07", "[/]", "<img src=x>", "</script>", "```", "|", "`", "*", "\\", '"', "'", "#", "@"]
    + ["https://e.x", "www.e.x", "a@b.co", "=1+1", "__DATA__", "&lt;", "{{x}}", "%s", ": ", "- "]
)
HOSTILE = st.lists(PIECES, max_size=5).map("".join)
FORMATS = ("table", "json", "markdown", "csv")


def command_lines(paths: dict[str, Path], role_id: str) -> list[list[str]]:
    """Every command that reads the planted files, in every format it has."""
    me, old, team, reviews, bad = (str(paths[k]) for k in ("me", "old", "team", "reviews", "bad"))
    lines = [
        ["validate", me, team, reviews],
        ["validate", bad],
        ["team", bad],
        ["init"],
        ["schema"],
        ["schema", "roles"],
        ["form"],
        ["plan", "-p", me],
    ]
    lines += [["role", "no\x1b[2Jsuch\u202e"], ["assess", "-p", me, "-t", "x\u200by"]]  # error lines
    lines.append(["team", team, reviews, "-t", "pmo-director"])
    for form in FORMATS:
        lines += [
            [*args, "-f", form]
            for args in (
                ["assess", "-p", me],
                ["assess", "-p", me, "-t", role_id],
                ["roles"],
                ["role", role_id],
                ["role", role_id, "--vs", "pmo-director"],
                ["path", "project-coordinator", "pmo-director"],
                ["path", "project-coordinator", role_id, "-p", me],
                ["match", "-p", me, "--all"],
                ["team", team, "-t", "pmo-director"],
                ["progress", old, me],
                ["bench", team],
                ["feedback", me, reviews],
            )
        ]
    return lines


@pytest.fixture
def quick_invoke(invoke, monkeypatch):
    """`invoke`, with the framework of a folder read once and typer's command built once: a few seconds a run.

    The reading itself is the real one (and `validate` always reads afresh); only repeats are saved.
    """
    import functools

    import typer.testing

    from pmo_path.reading import framework

    monkeypatch.setattr(framework, "load_framework", functools.lru_cache(maxsize=4)(framework.load_framework))
    if hasattr(typer.testing, "_get_command"):
        monkeypatch.setattr(typer.testing, "_get_command", functools.lru_cache(maxsize=1)(typer.testing._get_command))
    return invoke


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    payloads=st.builds(
        Payloads,
        role_id=HOSTILE,
        competency_id=HOSTILE,
        title=HOSTILE.map(lambda t: "T" + t),
        name=HOSTILE.map(lambda t: "N" + t),
        evidence=HOSTILE.map(lambda t: "E" + t),
        framework=HOSTILE.map(lambda t: "F" + t),
    )
)
@example(payloads=Payloads())
def test_no_control_reaches_a_terminal_bound_stream_from_any_command_or_format(quick_invoke, tmp_path_factory, payloads):
    folder = tmp_path_factory.mktemp("hostile")
    paths = plant(folder, payloads)
    for args in command_lines(paths, "x-" + payloads.role_id):
        result = quick_invoke(*args, "--data-dir", str(paths["fw"]))
        assert result.exit_code in (0, 1, 2), (args, result.exception)
        assert not terminal_leaks(result.stdout), (args, terminal_leaks(result.stdout))
        assert not terminal_leaks(result.stderr), (args, terminal_leaks(result.stderr))
