"""The Markdown plan (contract section 6) and its radar chart.

The plan for examples/jordan-lee.yaml on a fixed date is kept as a snapshot;
after an intended change, regenerate it with

    UPDATE_SNAPSHOTS=1 pytest tests/test_plan.py

and review the diff of tests/snapshots/plan-jordan-lee.md before committing.
"""

from __future__ import annotations

import dataclasses
import os
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from pmo_path.domain.assessment import assess
from pmo_path.reading.profile import load_profile
from pmo_path.render.markdown import plan
from pmo_path.render.radar import radar_svg, role_radar, spokes_for

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "jordan-lee.yaml"
SNAPSHOT = HERE / "snapshots" / "plan-jordan-lee.md"
TODAY = date(2026, 11, 20)
SVG = "{http://www.w3.org/2000/svg}"
NODE = re.compile(r'^\s{4}(\w+)(\["[^"]*"\]|\(\["[^"]*"\]\))$')
EDGE = re.compile(r"^\s{4}(\w+) --> (\w+)$")


@pytest.fixture(scope="module")
def jordan(framework):
    # the path as someone in the repository folder types it, so the snapshot is the same in any checkout
    profile = dataclasses.replace(load_profile(str(EXAMPLE), framework), file="examples/jordan-lee.yaml")
    return assess(framework, profile, today=TODAY)


@pytest.fixture(scope="module")
def jordan_plan(framework, jordan):
    return plan(framework, jordan, "plan-jordan-lee.svg")


def test_plan_matches_the_snapshot(jordan_plan):
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(jordan_plan, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot yet: run UPDATE_SNAPSHOTS=1 pytest tests/test_plan.py"
    assert jordan_plan == SNAPSHOT.read_text(encoding="utf-8"), (
        "the plan changed; if intended, run UPDATE_SNAPSHOTS=1 pytest tests/test_plan.py and review the diff"
    )


def test_plan_parses_as_gfm_with_tables_tasks_and_a_mermaid_fence(jordan_plan, jordan):
    markdown = MarkdownIt("gfm-like", {"linkify": False})
    html = markdown.render(jordan_plan)
    assert html.count("<table>") == 1 and '<th style="text-align:left">Competency</th>' in html
    tokens = markdown.parse(jordan_plan)
    tasks = [t.content for t in tokens if t.type == "inline" and t.content.startswith("[ ] ")]
    assert len(tasks) == len(jordan.advice) > 0
    fences = [t for t in tokens if t.type == "fence"]
    assert [t.info for t in fences] == ["mermaid"]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert headings == ["Readiness", "Gaps", "Route", "Actions", "Strengths", "Review", "Sources"]
    assert '<img src="plan-jordan-lee.svg"' in html


def test_plan_mermaid_is_well_formed_and_follows_the_route(jordan_plan, jordan):
    block = jordan_plan.split("```mermaid\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0] == "flowchart LR"
    nodes, edges = [], []
    for line in block[1:]:
        if node := NODE.match(line):
            nodes.append(node.group(1))
        else:
            edge = EDGE.match(line)
            assert edge, f"neither a node nor an edge: {line!r}"
            edges.append(edge.groups())
    assert all(here in nodes and there in nodes for here, there in edges)
    assert len(nodes) == len(set(nodes)) == len(jordan.path) and len(edges) == len(jordan.path) - 1
    assert [here for here, _ in edges] == nodes[:-1] and [there for _, there in edges] == nodes[1:]


def test_plan_content_against_the_contract(jordan_plan, jordan, framework):
    assert "**Review on:** **2027-02-18**" in jordan_plan  # 90 days after 2026-11-20
    assert "**Plan written:** 2026-11-20" in jordan_plan and "**Assessed on:** 2026-11-20" in jordan_plan
    # Jordan left financial management unrated: a range and "rate 1 more to know", not a confident verdict
    low, high = jordan.score.readiness_range
    assert f"**{low:.1f}-{high:.1f}%, rate 1 more to know**" in jordan_plan
    assert f"verdict **{jordan.score.verdict}**" not in jordan_plan
    assert "Experience: PMO Director: typically 10-20 years; you have 9." in jordan_plan
    gaps = jordan_plan.split("## Gaps", 1)[1].split("## Route", 1)[0]
    descriptor = framework.competencies["strategic-thinking"].levels[3]
    assert f"- **Strategic thinking** (level 3 practitioner): {descriptor}" in gaps
    actions = jordan_plan.split("## Actions", 1)[1].split("## Strengths", 1)[0]
    task_blocks = actions.split("- [ ] ")[1:]
    assert all("\n  - Source: " in block for block in task_blocks)
    for advice in jordan.advice:
        horizon = {"30-days": "Next 30 days", "6-months": "Next 6 months", "1-2-years": "Next 1-2 years"}
        section = actions.split(f"### {horizon[advice.recommendation.horizon]}", 1)[1].split("###", 1)[0]
        assert f"**{advice.recommendation.title}**" in section
    strengths = jordan_plan.split("## Strengths", 1)[1].split("## Review", 1)[0]
    assert (
        "**Stakeholder management** 4 advanced (needs 4 advanced): Ran the steering committee for three business units"
        in strengths
    )
    sources = jordan_plan.split("## Sources", 1)[1]
    for source in jordan.target.sources:
        assert framework.sources[source].title in sources


def test_plan_without_current_role_or_gaps(framework, write_profile):
    profile = load_profile(write_profile("ratings:\n  project-delivery: 2\n"), framework)
    text = plan(framework, assess(framework, profile, framework.roles["project-coordinator"], today=TODAY))
    assert "Add `current_role` to your profile" in text and "```mermaid" not in text and "![" not in text
    expert = load_profile(write_profile("ratings:\n" + "".join(f"  {c}: 5\n" for c in framework.competencies)), framework)
    done = plan(framework, assess(framework, expert, framework.roles["pmo-director"], today=TODAY))
    # never an empty plan: nothing above PMO director's route... but enterprise PMO director is above it, and an
    # expert meets that too, so the steps keep them sharp, and self-ratings alone ask for a second view
    assert "No gaps: you meet every requirement" in done and "- [ ] **Coach the people who could take your job**" in done
    assert "keep you sharp" in done and "consider a more senior target" not in done
    assert "**Second view:**" in done and "pmo-path feedback FILE reviews/" not in done


# --- the radar chart ----------------------------------------------------------------------------------------------


def test_radar_svg_parses_with_one_spoke_per_required_competency(framework, jordan):
    svg = ET.fromstring(role_radar(framework, jordan.target, jordan.profile.levels(), "Jordan <Lee> & co"))
    spokes = [line for line in svg.iter(f"{SVG}line") if line.get("class") == "spoke"]
    assert len(spokes) == len(jordan.target.requirements) == 14  # PMO director keeps a delivery foundation
    current = next(p for p in svg.iter(f"{SVG}polygon") if p.get("class") == "current")
    assert len(current.get("points").split()) == 14
    assert svg.find(f"{SVG}title").text == "Jordan <Lee> & co: now against PMO Director"
    card = svg.find(f"{SVG}rect")
    assert card.get("fill") == "#ffffff" and card.get("rx")  # its own light card: legible on dark pages too
    labels = {
        " ".join(span.text for span in text if span.get("class") != "levels"): text[-1].text
        for text in svg.iter(f"{SVG}text")
        if text.get("class") == "label" and len(text)
    }
    assert labels["Strategic thinking"] == "2 / 4" and labels["Financial management"] == "not rated / 4"  # left blank
    assert len(labels) == 14
    blanks = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "not-rated"]
    assert len(blanks) == 1  # the one unrated spoke has its own hollow mark, not the filled dot of a rating


def test_radar_says_0_for_a_rated_0_and_not_rated_for_a_blank(framework, jordan):
    """A 0 the person gave is a rating; a blank is an unknown: the two read differently."""
    levels = dict(jordan.profile.levels()) | {"financial-management": 0}
    svg = ET.fromstring(role_radar(framework, jordan.target, levels))
    texts = ["".join(text.itertext()) for text in svg.iter(f"{SVG}text") if text.get("class") == "label"]
    assert any(t.startswith("Financial") and t.endswith("management0 / 4") for t in texts)  # name, then levels
    assert not any("not rated" in t for t in texts)
    assert not [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "not-rated"]


def test_radar_falls_back_to_every_competency_for_a_role_with_few_requirements(framework):
    role = framework.roles["pmo-manager"]
    narrow = dataclasses.replace(role, requirements=role.requirements[:2])
    spokes = spokes_for(framework, narrow, {})
    assert len(spokes) == len(framework.competencies) == 15
    assert sum(1 for s in spokes if s.required) == 2
    with pytest.raises(ValueError):
        radar_svg("too few", spokes[:2])


# --- CLI ----------------------------------------------------------------------------------------------------------


def test_plan_command_writes_plan_and_chart_with_a_relative_link(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "charts").mkdir()
    result = invoke(
        "plan", "-p", str(EXAMPLE), "-o", "plans/plan.md", "--chart", "charts/my radar.svg", env={"PMO_PATH_TODAY": "2026-11-20"}
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "Wrote charts/my radar.svg\nWrote plans/plan.md\n"
    written = (tmp_path / "plans" / "plan.md").read_text(encoding="utf-8")
    assert "](../charts/my%20radar.svg)" in written and "**Plan written:** 2026-11-20" in written
    svg = ET.parse(tmp_path / "charts" / "my radar.svg").getroot()
    assert sum(1 for line in svg.iter(f"{SVG}line") if line.get("class") == "spoke") == 14
    assert not [p.name for p in tmp_path.rglob(".*.tmp")]  # atomic writes leave no temporary files


def test_plan_command_to_stdout_with_a_target(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("plan", "-p", str(EXAMPLE), "-t", "pmo-manager", env={"PMO_PATH_TODAY": "2026-01-31"})
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("# Development plan: Jordan Lee → PMO Manager\n")
    assert "**Review on:** **2026-05-01**" in result.stdout and "![" not in result.stdout


@pytest.mark.parametrize(
    ("args", "env", "code", "message"),
    [
        ((), {}, 2, "Error: --profile: `pmo-path plan` needs a profile"),
        (("-p", str(EXAMPLE)), {"PMO_PATH_TODAY": "20/11/2026"}, 2, "Error: PMO_PATH_TODAY: expected a date"),
        (
            ("-p", str(EXAMPLE), "-o", "same.svg", "--chart", "same.svg"),
            {},
            2,
            "Error: --chart: 'same.svg' is also the --output file",
        ),
        (
            ("-p", str(EXAMPLE), "-t", "pmo-directr"),
            {},
            1,
            "Error: --target: unknown role 'pmo-directr' (did you mean 'pmo-director'?)",
        ),
        (("-p", "missing.yaml"), {}, 1, "Error: missing.yaml: no such file"),
    ],
)
def test_plan_command_errors(invoke, tmp_path, monkeypatch, args, env, code, message):
    monkeypatch.chdir(tmp_path)
    result = invoke("plan", *args, env=env)
    assert result.exit_code == code and result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def _org_with_links(tmp_path: Path, fagg_url: str) -> Path:
    """The bundled framework as an organisation's folder, with a url on Simon Fagg's article."""
    org = tmp_path / "org"
    org.mkdir(parents=True)
    data = HERE.parent / "data"
    roles = (data / "roles.yaml").read_text(encoding="utf-8")
    assert "    author: Simon Fagg\n" in roles
    (org / "roles.yaml").write_text(roles.replace("    author: Simon Fagg\n", f"    author: Simon Fagg\n    url: '{fagg_url}'\n"))
    (org / "recommendations.yaml").write_text((data / "recommendations.yaml").read_text(encoding="utf-8"))
    return org


def test_a_source_with_a_url_is_a_link_and_only_http_links(invoke, tmp_path):
    title = "Path to becoming a PMO Director from Project Manager"
    org = _org_with_links(tmp_path, "https://example.org/fagg (draft)")
    text = invoke("plan", "-p", str(EXAMPLE), "--data-dir", str(org)).stdout
    link = f"[{title}](https://example.org/fagg%20%28draft%29)"  # ( ) and spaces encoded: the link cannot end early
    assert f"Simon Fagg, “{link}”" in text.split("## Sources")[1]
    assert f"Source: Simon Fagg, “{link}”" in text
    tokens = MarkdownIt("gfm-like", {"linkify": False}).parseInline(text.split("## Sources")[1])[0].children
    assert any(t.type == "link_open" and t.attrGet("href") == "https://example.org/fagg%20%28draft%29" for t in tokens)
    role = invoke("role", "pmo-director", "-f", "markdown", "--data-dir", str(org)).stdout
    assert link in role
    hostile = _org_with_links(tmp_path / "x", "javascript:alert(1)")
    plain = invoke("plan", "-p", str(EXAMPLE), "--data-dir", str(hostile)).stdout
    assert f"Simon Fagg, “{title}”" in plain and "javascript" not in plain


def test_plan_at_a_terminal_is_drawn_and_says_how_to_save_it(tmp_path):
    """In a terminal without -o: drawn (no raw ## or **), then one line with the command that writes the file."""
    import os
    import shlex
    import shutil
    import subprocess
    import sys

    import pexpect

    shutil.copy(EXAMPLE, tmp_path / "me.yaml")
    _org_with_links(tmp_path, "https://example.org/fagg")
    env = {**os.environ, "NO_COLOR": "1", "PMO_PATH_TODAY": "2026-11-20"}
    env.pop("PMO_PATH_DATA", None)
    env.pop("COLUMNS", None)  # the pseudo-terminal's 60 columns decide
    command = ["plan", "-p", "me.yaml", "-t", "pmo-director", "--data-dir", "org"]
    child = pexpect.spawn(
        sys.executable,
        ["-m", "pmo_path", *command],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(60, 60),
    )
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before.replace("\r\n", "\n")
    assert child.exitstatus == 0, shown
    assert "Development plan: Jordan Lee → PMO Director" in shown
    assert "\n## " not in shown and "**" not in shown and "| :-- |" not in shown
    assert "Route" in shown and "flowchart" not in shown and "-->" not in shown  # the list, not Mermaid's source
    words = {w for line in shown.splitlines() for w in line.split()}
    assert {"communication", "Cross-functional", "experience"} <= words  # the gap table breaks no name
    assert shown.count("Save it with:") == 1, shown[-400:]
    # at 60 columns the command stands on lines of its own, broken between words with ` \` continuations
    printed = " ".join(shown.split("Save it with:")[1].replace(" \\\n", " ").split())
    assert printed == "pmo-path plan -p me.yaml -t pmo-director --data-dir org -o plan.md"
    pmo_path = shutil.which("pmo-path", path=str(Path(sys.executable).parent)) or "pmo-path"
    ran = subprocess.run([pmo_path, *shlex.split(printed)[1:]], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    piped = subprocess.run([pmo_path, *command], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert piped.stderr == "" and piped.stdout.startswith("# Development plan")  # piped: the Markdown as it is
    assert "```mermaid\nflowchart LR\n" in piped.stdout
    assert (tmp_path / "plan.md").read_text(encoding="utf-8") == piped.stdout


def test_the_provisional_line_says_it_for_one_unrated_and_them_for_more(framework):
    profile = load_profile(str(EXAMPLE), framework)
    assert "Financial management. Rate it first" in plan(framework, assess(framework, profile, today=TODAY))
    ratings = {c: r for c, r in profile.ratings.items() if c != "strategic-thinking"}
    two = assess(framework, profile.with_ratings(ratings), today=TODAY)
    assert len(two.score.unrated_required) == 2
    assert re.search(r"counted as 0: [^.]+, [^.]+\. Rate them first", plan(framework, two))
