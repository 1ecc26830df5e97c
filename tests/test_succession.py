"""The bench as a succession view, and the team's target, provisional flag, anonymity and mixed targets (issue 19).

A PMO lead's own team, written under tmp_path: a PMO director, the PMO manager
who holds her role, two strong coordinators, a PMO analyst who left a
competency blank, and a newcomer with no current role.
"""

from __future__ import annotations

import csv
import io
import json
import shlex

import pytest

ROLES = [
    "project-coordinator",
    "project-manager",
    "senior-project-manager",
    "program-manager",
    "portfolio-manager",
    "pmo-analyst",
    "pmo-manager",
    "portfolio-office-manager",
    "pmo-director",
    "enterprise-pmo-director",
]


def profile(name: str, current: str | None, target: str, level: int, skip: tuple[str, ...] = (), competencies=()) -> str:
    lines = [f"name: {name}", f"target_role: {target}", "assessed_on: 2026-11-01"]
    lines += [f"current_role: {current}"] if current else []
    lines += ["ratings:"] + [f"  {c}: {level}" for c in competencies if c not in skip]
    return "\n".join(lines) + "\n"


@pytest.fixture
def office(tmp_path, framework):
    """The team: (folder, competency ids)."""
    competencies = list(framework.competencies)
    folder = tmp_path / "office"
    folder.mkdir()
    people = {
        "dir.yaml": ("Dee Rector", "pmo-director", "enterprise-pmo-director", 4, ()),
        "mgr.yaml": ("Mia Manager", "pmo-manager", "pmo-director", 4, ()),
        "coord-a.yaml": ("Ada Coord", "project-coordinator", "project-manager", 3, ()),
        "coord-b.yaml": ("Ben Coord", "project-coordinator", "project-manager", 3, ()),
        "analyst.yaml": ("Ann Alyst", "pmo-analyst", "pmo-manager", 4, (competencies[0],)),
        "new.yaml": ("Nova Hire", None, "project-manager", 2, ()),
    }
    for file, (name, current, target, level, skip) in people.items():
        (folder / file).write_text(profile(name, current, target, level, skip, competencies))
    return folder


def bench_json(invoke, *args):
    result = invoke("bench", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return {row["role"]: row for row in json.loads(result.stdout)}


def names(people):
    return [p["name"] for p in people]


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_bench_lists_people_only_for_their_own_role_and_above(invoke, office, framework):
    rows = bench_json(invoke, str(office))
    assert list(rows) == list(framework.roles)
    seniority = {role.id: role.seniority for role in framework.roles.values()}
    own = {"Dee Rector": "pmo-director", "Mia Manager": "pmo-manager", "Ada Coord": "project-coordinator"}
    own |= {"Ben Coord": "project-coordinator", "Ann Alyst": "pmo-analyst"}
    for role, row in rows.items():
        for person in row["ready"] + row["close"]:
            if person["name"] in own:  # never a step down, never their own role as a candidate
                assert seniority[role] >= seniority[own[person["name"]]] and role != own[person["name"]], (role, person)
    coordinator = rows["project-coordinator"]
    assert "Dee Rector" not in names(coordinator["ready"] + coordinator["close"])  # the director is no coordinator-in-waiting
    assert names(coordinator["holders"]) == ["Ada Coord", "Ben Coord"]  # the tie: file order, not a guess
    manager = rows["pmo-manager"]
    assert names(manager["holders"]) == ["Mia Manager"]  # she holds it: listed as its holder, not "ready" for it
    assert "Mia Manager" not in names(manager["ready"] + manager["close"])
    assert "Ann Alyst" in names(manager["ready"] + manager["close"])  # a step up from analyst
    # Nova has no current role: she could be anywhere, so she is listed wherever she is close or ready.
    assert any("Nova Hire" in names(row["ready"] + row["close"]) for row in rows.values())


def test_all_lists_every_role_and_the_shape_is_the_contracts(invoke, office):
    everyone = bench_json(invoke, str(office), "--all")
    assert "Dee Rector" in names(everyone["project-coordinator"]["ready"])  # --all: a step down is shown too
    for row in everyone.values():
        assert list(row) == ["role", "title", "holders", "ready", "close", "risk"]
        assert row["risk"] is (not row["ready"])
        for person in row["holders"] + row["ready"] + row["close"]:
            assert set(person) == {"name", "readiness", "provisional"}
        readiness = [p["readiness"] for p in row["ready"]]
        assert readiness == sorted(readiness, reverse=True)


def test_provisional_marks_the_role_that_needs_what_was_left_blank(invoke, office, framework):
    blank = next(iter(framework.competencies))
    rows = bench_json(invoke, str(office), "--all")
    for role_id, row in rows.items():
        needs = framework.roles[role_id].required(blank) > 0
        for person in row["holders"] + row["ready"] + row["close"]:
            assert person["provisional"] is (needs and person["name"] == "Ann Alyst"), (role_id, person)
    table = invoke("bench", str(office), "--all", env={"COLUMNS": "120"}).stdout
    assert any("Ann Alyst" in line and "?" in line for line in table.splitlines())
    markdown = invoke("bench", str(office), "--all", "-f", "markdown").stdout
    assert "Ann Alyst (" in markdown and "%?)" in markdown


def test_a_role_nobody_is_ready_for_is_a_succession_risk_in_every_format(invoke, office):
    rows = bench_json(invoke, str(office))
    risky = {role for role, row in rows.items() if row["risk"]}
    assert "enterprise-pmo-director" in risky and "project-coordinator" not in risky  # Nova is ready to coordinate
    assert names(rows["project-coordinator"]["ready"]) == ["Nova Hire"]
    table = invoke("bench", str(office), env={"COLUMNS": "120"}).stdout
    assert table.count("succession risk") >= len(risky)
    markdown = invoke("bench", str(office), "-f", "markdown").stdout
    assert markdown.count("| yes |") == len(risky)
    lines = read_csv(invoke("bench", str(office), "-f", "csv").stdout)
    assert {line["role"] for line in lines} == set(ROLES)  # a role with nobody on it keeps its row
    assert {line["role"] for line in lines if line["risk"] in ("True", "true")} == risky
    holder = [line for line in lines if line["status"] == "holder" and line["role"] == "pmo-manager"]
    assert [line["name"] for line in holder] == ["Mia Manager"]


def test_anonymous_numbers_follow_neither_file_nor_name_order(invoke, tmp_path, framework):
    """Over several runs, Person 1 is not always the first file: the numbering is drawn afresh each run."""
    folder = tmp_path / "t"
    folder.mkdir()
    competencies = list(framework.competencies)
    for index in range(6):  # file order = name order = readiness order
        (folder / f"{index}.yaml").write_text(profile(f"P{index}", "pmo-analyst", "pmo-manager", 1 + index % 5, (), competencies))
    firsts = set()
    for _ in range(12):
        data = json.loads(invoke("team", str(folder), "--anonymous", "-f", "json").stdout)
        by_file = sorted(data["members"], key=lambda m: m["readiness"])  # readiness tells no number either
        assert sorted(m["name"] for m in data["members"]) == sorted(f"Person {n}" for n in range(1, 7))
        assert all(m["file"] == m["name"] for m in data["members"])
        firsts.add(by_file[0]["name"])
    assert len(firsts) > 1  # a fixed order would give the same Person each time (1 in 6**11 to fail by chance)


def test_anonymous_numbering_is_keyed_and_ties_are_not_broken_by_file(invoke, tmp_path, framework):
    from pmo_path.domain.team import anonymous_order

    files = [f"{c}.yaml" for c in "abcdef"]
    for key in (b"one", b"two", b"three"):
        numbers = anonymous_order(files, key)
        assert sorted(numbers.values()) == list(range(1, 7)) and anonymous_order(files, key) == numbers  # same key, same order
    assert len({tuple(anonymous_order(files, bytes([k]))[f] for f in files) for k in range(20)}) > 1
    folder = tmp_path / "ties"
    folder.mkdir()
    for c in "abcdef":  # everyone alike: the listing order is the numbering, whatever the files' order
        (folder / f"{c}.yaml").write_text(profile(c, "pmo-analyst", "pmo-manager", 3, (), list(framework.competencies)))
    for _ in range(3):
        data = json.loads(invoke("team", str(folder), "--anonymous", "-f", "json").stdout)
        assert [m["name"] for m in data["members"]] == [f"Person {n}" for n in range(1, 7)]


def test_team_csv_and_json_say_the_target_and_the_provisional_flag(invoke, office):
    data = json.loads(invoke("team", str(office), "-t", "pmo-manager", "-f", "json").stdout)
    assert data["target"] == "pmo-manager"
    provisional = {m["name"]: m["provisional"] for m in data["members"]}
    assert provisional["Ann Alyst"] is True and provisional["Mia Manager"] is False
    rows = read_csv(invoke("team", str(office), "-t", "pmo-manager", "-f", "csv").stdout)
    assert {row["target_role"] for row in rows} == {"pmo-manager"}
    assert {row["name"]: row["provisional"] for row in rows}["Ann Alyst"] in ("True", "true")


def test_a_mixed_target_folder_names_what_it_found_and_the_command_runs(invoke, office):
    result = invoke("team", str(office))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    line = result.stderr
    for found in ("project-manager (3)", "enterprise-pmo-director (1)", "pmo-director (1)", "pmo-manager (1)"):
        assert found in line
    suggested = shlex.split(line.split("pick one: ", 1)[1])
    assert suggested[:2] == ["pmo-path", "team"] and suggested[-2:] == ["-t", "project-manager"]
    rerun = invoke(*suggested[1:], "-f", "json")
    assert rerun.exit_code == 0, rerun.stderr
    assert json.loads(rerun.stdout)["people"] == 6


def test_the_priorities_shown_number_is_what_they_are_ranked_by(invoke, tmp_path, framework):
    """Blanks weigh heavily in one competency and rated gaps in another: the figure shown must follow the order."""
    import re

    competencies = list(framework.competencies)
    folder = tmp_path / "blanks"
    folder.mkdir()
    for index in range(5):  # five people leave the first two competencies blank: many unrated points
        (folder / f"b{index}.yaml").write_text(
            profile(f"B{index}", "pmo-analyst", "pmo-director", 3, tuple(competencies[:2]), competencies)
        )
    (folder / "r.yaml").write_text(profile("R", "pmo-analyst", "pmo-director", 1, (), competencies))
    for fmt, pattern in (
        ("markdown", r"^\d+\. \*\*.+?\*\*: (\d+) of 6 short · (\d+) points?"),
        ("table", r"^\s*\d+\. .+?  (\d+) of 6 short · (\d+) points?"),
    ):
        text = invoke("team", str(folder), "-t", "pmo-director", "-f", fmt, env={"COLUMNS": "160"}).stdout
        shown = [(int(points), int(short)) for short, points in re.findall(pattern, text, re.MULTILINE)]
        assert len(shown) >= 5, (fmt, text)
        assert shown == sorted(shown, reverse=True), fmt  # the points shown, then the people short: the ranking
        assert "more not rated" in text  # the blanks shown apart, not in the ranked figure
