"""Career navigation: routes, role comparison and match, on tiny synthetic frameworks and through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmo_path.domain.navigation import compare_roles, ranked_roles, relation, route
from pmo_path.errors import InputError, NoRouteError, UnknownId
from pmo_path.reading.framework import _build_framework
from pmo_path.reading.yamldoc import parse

LEVELS = "{1: aware, 2: developing, 3: practitioner, 4: advanced, 5: expert}"

# start ──> heavy ──> goal          (fewest steps, but `heavy` asks x 5 at weight 3)
#   └────> light ──> lighter ──> goal  (one step longer, asks little)
# island: nothing leads there, it leads nowhere.
ROLES_YAML = f"""\
schema_version: 1
thresholds: {{ready: 90, ready_max_core_gap: 1, close: 75, developing: 50}}
groups: {{craft: Craft}}
tracks: {{one: Track one, two: Track two}}
sources: {{book: {{title: A book, author: An author}}}}
competencies:
  x: {{name: Skill X, group: craft, description: The x skill., levels: {LEVELS}}}
  y: {{name: Skill Y, group: craft, description: The y skill., levels: {LEVELS}}}
  z: {{name: Skill Z, group: craft, description: Nobody asks for z., levels: {LEVELS}}}
roles:
  start:
    {{title: Start, track: one, seniority: 1, summary: s., sources: [book], next: [heavy, light],
     requirements: {{x: {{level: 1, weight: 1}}}}}}
  heavy:
    {{title: Heavy, track: one, seniority: 2, summary: s., sources: [book], next: [goal],
     requirements: {{x: {{level: 5, weight: 3}}}}}}
  light:
    {{title: Light, track: two, seniority: 2, summary: s., sources: [book], next: [lighter],
     requirements: {{y: {{level: 1, weight: 1}}}}}}
  lighter:
    {{title: Lighter, track: two, seniority: 3, summary: s., sources: [book], next: [goal],
     requirements: {{y: {{level: 2, weight: 1}}}}}}
  goal:
    {{title: Goal, track: one, seniority: 4, summary: s., sources: [book],
     requirements: {{x: {{level: 2, weight: 2}}, y: {{level: 2, weight: 2}}}}}}
  island:
    {{title: Island, track: two, seniority: 1, summary: s., sources: [book],
     requirements: {{y: {{level: 1, weight: 3}}}}}}
"""
RECOMMENDATIONS_YAML = """\
recommendations:
  practise:
    {title: Practise, action: "Practise x, y and z.", why: Practice helps., builds: [x, y, z],
     kind: experience, horizon: 30-days, levels: [0, 1, 2, 3, 4], sources: [book]}
"""


@pytest.fixture(scope="module")
def tiny():
    framework, problems = _build_framework(parse(ROLES_YAML, "roles.yaml"), parse(RECOMMENDATIONS_YAML, "recommendations.yaml"))
    assert problems == []
    return framework


@pytest.fixture
def tiny_dir(tmp_path):
    (tmp_path / "roles.yaml").write_text(ROLES_YAML, encoding="utf-8")
    (tmp_path / "recommendations.yaml").write_text(RECOMMENDATIONS_YAML, encoding="utf-8")
    return str(tmp_path)


# --- routes -------------------------------------------------------------------------------------------------------


def test_fewest_steps_without_levels(tiny):
    found = route(tiny, "start", "goal")
    assert found.steps == ["start", "heavy", "goal"] and not found.personal
    rises = dict(found.rises)
    assert [r.competency for r in rises["heavy"]] == ["x"]  # x 1 -> 5
    assert [(r.competency, r.change) for r in rises["goal"]] == [("y", "new")]  # x falls 5 -> 2: not a rise


def test_personal_route_avoids_a_step_that_asks_much_growth(tiny):
    found = route(tiny, "start", "goal", {"x": 1})
    assert found.steps == ["start", "light", "lighter", "goal"] and found.personal
    # light 1*1, lighter 1*2, goal 2*1 + 2*2; the fewest-steps route would ask heavy 3*4 and goal 6
    assert (found.cost, found.fewest, found.fewest_cost) == (9, ["start", "heavy", "goal"], 18)
    growth = dict(found.growth)
    # rated gaps before unrated ones (y is unrated)
    assert [(g.competency, g.current, g.required) for g in growth["goal"]] == [("x", 1, 2), ("y", 0, 2)]


def test_personal_route_equals_fewest_steps_when_growth_is_equal(tiny):
    found = route(tiny, "start", "goal", {"x": 5, "y": 2})
    assert found.steps == ["start", "heavy", "goal"]
    assert found.cost == 0 and found.fewest is None
    assert all(gaps == () for _, gaps in found.growth)


def test_no_route_and_self_route(tiny):
    with pytest.raises(NoRouteError, match="no route from 'goal' to 'start'"):
        route(tiny, "goal", "start")
    with pytest.raises(NoRouteError):
        route(tiny, "start", "island", {"x": 1})
    assert route(tiny, "heavy", "heavy").steps == ["heavy"]
    assert route(tiny, "heavy", "heavy", {}).cost == 0


def test_unknown_role_names_the_argument_with_a_suggestion(tiny, invoke, tiny_dir):
    with pytest.raises(UnknownId, match=r"^from: unknown role 'strat' \(did you mean 'start'\?\)") as unknown:
        route(tiny, "strat", "goal")
    assert (unknown.value.kind, unknown.value.value, unknown.value.suggestion) == ("role", "strat", " (did you mean 'start'?)")
    with pytest.raises(InputError, match=r"^to: unknown role 'gaol'"):
        route(tiny, "start", "gaol")
    # the command line names its own arguments, and says where the ids are listed
    result = invoke("path", "strat", "goal", "--data-dir", tiny_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: FROM: unknown role 'strat' (did you mean 'start'?); `pmo-path roles --data-dir {tiny_dir}` lists them\n"
    )


def test_personal_route_is_never_costlier_than_fewest_steps_on_the_bundled_ladders(framework):
    levels = {"project-delivery": 4, "stakeholder-management": 3, "strategic-thinking": 1}
    for start in framework.roles:
        for goal in framework.roles:
            try:
                found = route(framework, start, goal, levels)
            except NoRouteError:
                continue
            assert found.steps[0] == start and found.steps[-1] == goal
            if found.fewest is not None:
                assert found.cost <= found.fewest_cost and len(found.steps) >= len(found.fewest)


# --- comparison ---------------------------------------------------------------------------------------------------


def test_compare_roles_labels_every_competency_either_role_requires(tiny):
    up = compare_roles(tiny, tiny.roles["start"], tiny.roles["goal"])
    assert [(r.competency, r.from_level, r.from_weight, r.to_level, r.to_weight, r.change) for r in up.competencies] == [
        ("x", 1, 1, 2, 2, "rises"),
        ("y", 0, 0, 2, 2, "new"),
    ]
    down = compare_roles(tiny, tiny.roles["goal"], tiny.roles["start"])
    assert [(r.change, r.delta) for r in down.competencies] == [("falls", -1), ("dropped", -2)]
    same = compare_roles(tiny, tiny.roles["heavy"], tiny.roles["heavy"])
    assert [r.change for r in same.competencies] == ["stays"] and same.count("stays") == 1


# --- match --------------------------------------------------------------------------------------------------------


def test_match_orders_by_readiness_then_the_smaller_step(tiny):
    # readiness: start 100, goal (2*2 + 0) / 8 = 50, heavy 3*2 / 15 = 40; island, light, lighter all 0:
    # the tie goes to the seniority nearest the current role (start, 1): island 1, light 2, lighter 3
    ranked = ranked_roles(tiny, {"x": 2}, tiny.roles["start"], tiny.roles["goal"], everything=True)
    assert [m.role.id for m in ranked] == ["start", "goal", "heavy", "island", "light", "lighter"]
    assert [m.score.readiness for m in ranked[:3]] == [100.0, 50.0, 40.0]
    assert [m.relation for m in ranked] == ["current", "ladder", "ladder", "cross-track", "cross-track", "cross-track"]
    # all zeros: every role ties, and the nearest step (without a current role, the most junior) comes first
    assert [m.role.id for m in ranked_roles(tiny, {})][:3] == ["start", "island", "heavy"]
    assert [m.role.id for m in ranked if m.target] == ["goal"]
    assert [m.role.id for m in ranked_roles(tiny, {"x": 2}, top=2)] == ["start", "goal"]
    assert relation(None, tiny.roles["goal"]) is None


def test_match_on_the_bundled_framework_is_best_first(framework):
    ranked = ranked_roles(framework, {"project-delivery": 3, "metrics-reporting": 4})
    assert len(ranked) == len(framework.roles)
    values = [m.score.readiness for m in ranked]
    assert values == sorted(values, reverse=True)


# --- CLI: path ----------------------------------------------------------------------------------------------------


def test_path_json_is_the_contract(invoke):
    result = invoke("path", "project-coordinator", "pmo-director", "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["from", "to", "steps"]
    assert data["from"] == "project-coordinator" and data["to"] == "pmo-director"
    assert data["steps"][0] == "project-coordinator" and data["steps"][-1] == "pmo-director"


def test_path_with_a_profile_takes_the_personal_route(invoke, tiny_dir, write_profile):
    fewest = invoke("path", "start", "goal", "--data-dir", tiny_dir, "-f", "json")
    profile = write_profile("ratings:\n  x: 1\n")
    personal = invoke("path", "start", "goal", "-p", profile, "--data-dir", tiny_dir, "-f", "json")
    assert json.loads(fewest.stdout)["steps"] == ["start", "heavy", "goal"]
    assert json.loads(personal.stdout) == {"from": "start", "to": "goal", "steps": ["start", "light", "lighter", "goal"]}
    table = invoke("path", "start", "goal", "-p", profile, "--data-dir", tiny_dir)
    assert table.exit_code == 0 and table.stderr == ""
    assert "Start → Light → Lighter → Goal" in table.stdout and "grow Skill X 1→2, Skill Y not rated → 2" in table.stdout
    assert "Fewest steps would be Start → Heavy → Goal, asking 18 points." in table.stdout
    assert "This route asks" in table.stdout and "Growth asked" not in table.stdout
    markdown = invoke("path", "start", "goal", "-p", profile, "--data-dir", tiny_dir, "-f", "markdown")
    assert "```mermaid\nflowchart LR\n" in markdown.stdout and "4. **Goal** (`goal`): grow Skill X 1→2" in markdown.stdout


def test_path_without_a_route_or_with_an_unknown_role_fails_with_one_line(invoke):
    missing = invoke("path", "pmo-director", "project-coordinator")
    assert missing.exit_code == 1 and missing.stdout == ""
    assert missing.stderr.startswith("Error: no route from 'pmo-director' to 'project-coordinator'")
    assert missing.stderr.count("\n") == 1
    unknown = invoke("path", "pmo-directr", "pmo-manager")
    assert unknown.exit_code == 1 and unknown.stdout == ""
    assert unknown.stderr.startswith("Error: FROM: unknown role 'pmo-directr' (did you mean 'pmo-director'?)")
    usage = invoke("path", "pmo-manager")
    assert usage.exit_code == 2 and usage.stdout == ""


# --- CLI: match ---------------------------------------------------------------------------------------------------


def test_match_json_is_the_contract_best_first(invoke, framework):
    result = invoke("match", "-p", "examples/jordan-lee.yaml", "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    current = framework.roles["senior-project-manager"]
    moves = {r.id for r in framework.roles.values() if r.seniority >= current.seniority}
    assert {row["role"] for row in data} == moves  # the current role and every role at least as senior
    # the contract's keys, then (additive, as in assess) whether it is provisional and its range
    keys = ["role", "title", "readiness", "verdict", "relation", "provisional", "readiness_range"]
    assert all(list(row) == keys for row in data)
    # Jordan left financial management unrated and every role needs it: each readiness is a range holding it
    assert all(row["provisional"] and row["readiness_range"][0] == row["readiness"] <= row["readiness_range"][1] for row in data)
    assert {row["role"]: row["relation"] for row in data}["senior-project-manager"] == "current"
    assert {row["relation"] for row in data} == {"current", "ladder", "cross-track"}
    assert [row["readiness"] for row in data] == sorted((row["readiness"] for row in data), reverse=True)
    top = invoke("match", "-p", "examples/jordan-lee.yaml", "--top", "3", "-f", "json")
    assert json.loads(top.stdout) == data[:3]
    everything = json.loads(invoke("match", "-p", "examples/jordan-lee.yaml", "--all", "-f", "json").stdout)
    assert len(everything) == len(framework.roles) and {"pmo-analyst", "project-coordinator"} <= {
        row["role"] for row in everything
    }


def test_match_table_and_markdown_mark_the_ladder(invoke, tiny_dir, write_profile):
    profile = write_profile("current_role: start\ntarget_role: goal\nratings:\n  x: 2\n")
    table = invoke("match", "-p", profile, "--data-dir", tiny_dir)
    assert table.exit_code == 0 and table.stderr == ""
    lines = table.stdout.splitlines()
    assert "● you are here" in table.stdout and "★ your target" in table.stdout
    assert any("●" in line and "Start" in line and "100.0" in line for line in lines)
    assert any("⇄" in line and "Light " in line for line in lines)
    markdown = invoke("match", "-p", profile, "--data-dir", tiny_dir, "-f", "markdown")
    assert "| 1 | Start (`start`) | 100.0% | ready | - | you are here |" in markdown.stdout
    # Skill Y is unrated: the range and "rate 1 more" stand where "developing" would claim too much
    assert "| 2 | Goal (`goal`) | 50.0-100.0% | rate 1 more | not rated Skill Y | your ladder, target |" in markdown.stdout


def test_match_needs_a_profile(invoke):
    result = invoke("match")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: --profile:")


# --- CLI: role --vs -----------------------------------------------------------------------------------------------


def test_role_vs_json(invoke, framework):
    result = invoke("role", "senior-project-manager", "--vs", "pmo-manager", "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["from"] == {"id": "senior-project-manager", "title": "Senior Project Manager"}
    assert data["to"] == {"id": "pmo-manager", "title": "PMO Manager"}
    required = {r.competency for role in ("senior-project-manager", "pmo-manager") for r in framework.roles[role].requirements}
    assert {row["competency"] for row in data["competencies"]} == required
    for row in data["competencies"]:
        before, after = row["from"]["level"], row["to"]["level"]
        expected = (
            "new"
            if not before
            else "dropped"
            if not after
            else "rises"
            if after > before
            else "falls"
            if after < before
            else "stays"
        )
        assert row["change"] == expected


def test_role_vs_table_markdown_and_plain_role_unchanged(invoke, tiny_dir):
    table = invoke("role", "start", "--vs", "goal", "--data-dir", tiny_dir)
    assert table.exit_code == 0 and table.stderr == ""
    assert "↑ rises +1" in table.stdout and "+ new" in table.stdout and "1 rises · 0 falls" in table.stdout
    markdown = invoke("role", "goal", "--vs", "start", "--data-dir", tiny_dir, "-f", "markdown")
    assert "| Skill X | 2 (important) | 1 (useful) | ↓ falls -1, now useful |" in markdown.stdout
    assert "| Skill Y | 2 (important) | - | − dropped |" in markdown.stdout
    assert "key" not in markdown.stdout and "weight" not in markdown.stdout
    plain = json.loads(invoke("role", "goal", "--data-dir", tiny_dir, "-f", "json").stdout)
    assert "competencies" not in plain and plain["id"] == "goal"


def test_role_vs_unknown_role(invoke):
    result = invoke("role", "pmo-manager", "--vs", "pmo-directer")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "Error: --vs: unknown role 'pmo-directer' (did you mean 'pmo-director'?); `pmo-path roles` lists them\n"
    )


@pytest.mark.parametrize("columns", [80, 60])
def test_match_table_keeps_each_role_on_one_line(invoke, framework, columns):
    """At 80 a role is one line; at 60 its biggest gap goes under it, whole; no title is ever shortened."""
    result = invoke("match", "-p", "examples/jordan-lee.yaml", "--all", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    table = lines[: next(i for i, line in enumerate(lines) if line.startswith("Levels: "))]  # the legend's lines start "5 ..."
    rows = [index for index, line in enumerate(table) if line[:2].strip().isdigit()]
    assert len(rows) == len(framework.roles)  # no role wraps onto a second line
    assert max(len(line) for line in lines) <= columns and "…" not in result.stdout
    for index in rows:
        role = next(r for r in framework.roles.values() if f" {r.title} " in f"{lines[index]} ")
        gap = lines[index] if columns == 80 else lines[index + 1]
        assert "→" in gap or "not rated" in gap or gap.rstrip().endswith("-"), (role.id, gap)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_route_step_shows_a_blank_as_not_rated_not_as_0(invoke, write_profile, fmt):
    """Jordan did not rate financial management: the route asks 'not rated → 2', never '0→2' as if 0 were a rating."""
    args = ("path", "senior-project-manager", "pmo-director", "-p", "examples/jordan-lee.yaml", "-f", fmt)
    text = " ".join(invoke(*args, env={"COLUMNS": "200"}).stdout.split())
    assert "Financial management not rated → 2" in text and "Financial management not rated → 4" in text
    assert "Financial management 0→" not in text
    # a 0 the person gave is a rating, and reads as one
    rated = write_profile(
        Path("examples/jordan-lee.yaml").read_text(encoding="utf-8").replace("ratings:", "ratings:\n  financial-management: 0", 1)
    )
    text = " ".join(invoke(*args[:3], "-p", rated, "-f", fmt, env={"COLUMNS": "200"}).stdout.split())
    assert "Financial management 0→2" in text and "not rated" not in text
