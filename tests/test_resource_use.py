"""Hostile but small inputs stay quick and readable (issue 17, resource use): the bench a role at a time, a long
members table drawn line by line, a bounded did-you-mean, and a CSV cell over the csv module's limit.

How long each takes is measured by `benchmarks/run.py --only hostile` (5 s budget), not by a timed test.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_path import errors
from pmo_path.domain.bench import bench
from pmo_path.domain.model import Profile, Rating, Thresholds, Verdict
from pmo_path.domain.scoring import score
from pmo_path.render import table_people

# --- the bench a role at a time ---------------------------------------------------------------------------------------

LEVELS = st.one_of(st.none(), st.integers(0, 5))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.lists(LEVELS, min_size=15, max_size=15), min_size=1, max_size=12),
    st.tuples(st.integers(50, 100), st.integers(0, 3), st.integers(0, 3)),
)
def test_bench_is_the_scorer_for_every_person_and_role(framework, people, limits):
    """Ready and close, in which order, and provisional, as scoring each person against each role in full gives them."""
    close, ready_gap, close_gap = limits
    framework = replace(framework, thresholds=Thresholds(min(100, close + 10), ready_gap, close, 40, close_gap))
    ids = list(framework.competencies)
    profiles = [
        (f"p{n}.yaml", Profile({c: Rating(level) for c, level in zip(ids, levels, strict=True) if level is not None}))
        for n, levels in enumerate(people)
    ]
    rows = bench(framework, profiles, {file: file for file, _ in profiles})
    for row in rows:
        expected = {Verdict.READY: [], Verdict.CLOSE: []}
        for file, profile in profiles:
            result = score(framework, profile.levels(), row.role)
            if result.verdict in expected:
                expected[result.verdict].append((file, result.readiness, result.provisional))
        for verdict, shown in ((Verdict.READY, row.ready), (Verdict.CLOSE, row.close)):
            got = [(c.name, c.readiness, c.provisional) for c in shown]
            assert got == sorted(expected[verdict], key=lambda found: (-found[1], found[0]))


# --- a members table of thousands -----------------------------------------------------------------------------------


@pytest.fixture
def long_team(tmp_path):
    rng = random.Random(17)
    lines = ["name,target_role,project-delivery,pmo-governance,stakeholder-management,strategic-thinking"]
    for number in range(260):
        name = f"Member {number:03d}" + (" with a name long enough to wrap in any column" if number % 50 == 7 else "")
        lines.append(f"{name},pmo-manager," + ",".join(str(rng.randint(0, 5)) for _ in range(4)))
    (tmp_path / "team.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "team.csv"


def members_section(text: str) -> list[str]:
    return text.split("Members, most ready first\n", 1)[1].splitlines()


@pytest.mark.parametrize("columns", [120, 80, 62, 50, 40])
def test_a_long_members_list_reads_as_the_rich_table_does(invoke, long_team, monkeypatch, columns):
    drawn = invoke("team", str(long_team), "--members", "all", env={"COLUMNS": str(columns)})
    assert drawn.exit_code == 0, drawn.stderr
    monkeypatch.setattr(table_people, "LONG_TABLE", 10_000)
    rich = invoke("team", str(long_team), "--members", "all", env={"COLUMNS": str(columns)})
    ours, theirs = members_section(drawn.stdout), members_section(rich.stdout)
    # the same words and figures (where a long name wraps may differ between Rich releases, so not line by line)
    words = [sorted(w for line in lines for w in line.split() if set(w) - set("─━")) for lines in (ours, theirs)]
    assert words[0] == words[1]
    assert drawn.stdout.split("Members, most ready first")[0] == rich.stdout.split("Members, most ready first")[0]


@pytest.mark.parametrize("columns", [100, 80, 59, 40])
def test_a_long_members_list_fits_the_width_and_keeps_every_figure(invoke, long_team, columns):
    result = invoke("team", str(long_team), "--members", "all", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    lines = members_section(result.stdout)
    assert max(len(line) for line in lines) <= columns
    numbers = [int(line.split()[0]) for line in lines[2:] if re.match(r"\s*\d+\s+Member ", line)]  # rows, not the level legend
    assert numbers == list(range(1, 261))  # every member once, in order
    data = json.loads(invoke("team", str(long_team), "-f", "json").stdout)["members"]
    figures = [float(m) for m in re.findall(r"\s(\d{1,3}\.\d)[ ?]", "\n".join(lines))]
    assert figures == [member["readiness"] for member in data]  # no figure cut or wrapped


# --- did-you-mean -------------------------------------------------------------------------------------------------------


def test_did_you_mean_still_suggests_among_a_framework_of_ids():
    ids = [f"competency-{n}" for n in range(errors.SUGGEST_FROM_AT_MOST - 1)] + ["strategic-thinking"]
    assert errors.did_you_mean("strategic-thinkng", ids) == " (did you mean 'strategic-thinking'?)"


def test_did_you_mean_skips_more_ids_than_it_can_compare_quickly():
    ids = [f"competency-{n}" for n in range(errors.SUGGEST_FROM_AT_MOST)] + ["strategic-thinking"]
    assert errors.did_you_mean("strategic-thinkng", ids) == ""


def test_did_you_mean_stops_once_a_run_has_compared_its_budget():
    ids = [f"id-{n}" for n in range(errors.SUGGEST_FROM_AT_MOST - 1)] + ["strategic-thinking"]
    calls = errors.SUGGESTION_BUDGET // len(ids)
    assert all(errors.did_you_mean(f"unknown-{n}", ids) == "" for n in range(calls))
    assert errors.did_you_mean("strategic-thinkng", ids) == ""  # spent: no more comparing in this run
    assert errors.did_you_mean("strategic-thinkng", ["strategic-thinking"]) == ""


def test_many_unknown_ids_against_thousands_are_all_named(invoke, tmp_path):
    """A profile rating 3,000 unknown competencies: every one named, each line without a suggestion."""
    lines = ["ratings:"] + [f"  made-up-skill-{n}: 3" for n in range(3_000)]
    (tmp_path / "me.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("validate", str(tmp_path / "me.yaml"))
    assert result.exit_code == 1
    assert result.stdout.count("unknown competency") == 3_000


# --- a cell over the csv module's limit -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [131_073, 600_000])
def test_a_huge_csv_cell_names_its_row_and_the_rest_is_read(invoke, tmp_path, size):
    huge = "Z" * size
    (tmp_path / "survey.csv").write_text(
        f'name,target_role,project-delivery\nAda,pmo-manager,3\n"{huge}",pmo-manager,4\nBea,pmo-manager,2\n',
        encoding="utf-8",
    )
    result = invoke("team", str(tmp_path / "survey.csv"), "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'survey.csv'}:3: a cell is longer than 131,072 characters; row left out\n"
    assert [m["name"] for m in json.loads(result.stdout)["members"]] == ["Ada", "Bea"]
    validate = invoke("validate", str(tmp_path / "survey.csv"))
    assert validate.exit_code == 1 and ":3: a cell is longer than 131,072 characters" in validate.stdout
    assert invoke("bench", str(tmp_path / "survey.csv"), "-f", "json").exit_code == 1


def test_a_huge_header_cell_leaves_the_file_out_in_one_line(invoke, tmp_path):
    (tmp_path / "survey.csv").write_text(f'"{"h" * 200_000}",name\n1,Ada\n', encoding="utf-8")
    result = invoke("team", str(tmp_path / "survey.csv"), "-t", "pmo-manager")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and ":1: the header row: a cell is longer than" in result.stderr


@pytest.mark.parametrize("columns", [120, 70])
def test_a_long_bench_reads_as_the_rich_table_does(invoke, long_team, monkeypatch, columns):
    drawn = invoke("bench", str(long_team), env={"COLUMNS": str(columns)})
    assert drawn.exit_code == 0, drawn.stderr
    monkeypatch.setattr(table_people, "LONG_TABLE", 10_000)
    rich = invoke("bench", str(long_team), env={"COLUMNS": str(columns)})
    assert [line.split() for line in drawn.stdout.splitlines()] == [line.split() for line in rich.stdout.splitlines()]
    assert max(len(line) for line in drawn.stdout.splitlines()) <= columns
