"""`pmo-path team`: aggregation checked against an independent count, the broken-file rule, anonymity."""

from __future__ import annotations

import json
import random
import statistics
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from pmo_path.domain.model import Requirement, Role
from pmo_path.domain.team import build_report
from pmo_path.errors import InputError
from pmo_path.reading.profile import parse_profile
from pmo_path.reading.team_files import load_team, profile_files

TARGET = "pmo-manager"


def half_up(value: Decimal, places: str) -> float:
    return float(value.quantize(Decimal(places), rounding=ROUND_HALF_UP))


def random_profile(rng: random.Random, framework, number: int) -> str:
    """A profile that rates a random part of the framework; some have evidence, some no name."""
    lines = [] if number % 5 == 0 else [f"name: Riley Quinn {number}"]
    lines += [f"target_role: {TARGET}", "ratings:"]
    for competency in framework.competencies:
        if rng.random() < 0.15:
            continue  # unrated: counts as 0
        level = rng.randint(0, 5)
        if rng.random() < 0.2:
            lines.append(f'  {competency}: {{level: {level}, evidence: "did the work {number}"}}')
        else:
            lines.append(f"  {competency}: {level}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def team_folder(tmp_path, framework):
    rng = random.Random(20261123)
    folder = tmp_path / "team"
    folder.mkdir()
    for number in range(20):
        (folder / f"member-{number:02d}.yaml").write_text(random_profile(rng, framework, number), encoding="utf-8")
    return folder


def expected_team(framework, folder: Path) -> dict:
    """The contract's numbers, counted from the files with plain Python and Decimal."""
    import yaml

    role = framework.roles[TARGET]
    order = list(framework.competencies)
    people = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        levels = {c: (v["level"] if isinstance(v, dict) else v) for c, v in data["ratings"].items()}
        met = sum(r.weight * min(levels.get(r.competency, 0), r.level) for r in role.requirements)
        total = sum(r.weight * r.level for r in role.requirements)
        readiness = Decimal(100 * met) / Decimal(total)
        people.append((data.get("name") or path.stem, str(path), half_up(readiness, "0.1"), levels))
    values = [Decimal(str(readiness)) for _name, _file, readiness, _levels in people]
    competencies, weighted = [], {}
    for requirement in sorted(role.requirements, key=lambda r: order.index(r.competency)):
        currents = [levels.get(requirement.competency, 0) for *_rest, levels in people]
        gaps = [requirement.level - current for current in currents if current < requirement.level]
        rated = [levels[requirement.competency] for *_rest, levels in people if requirement.competency in levels]
        rated_gaps = [requirement.level - current for current in rated if current < requirement.level]
        competencies.append(
            {
                "competency": requirement.competency,
                "required": requirement.level,
                "mean_current": half_up(statistics.mean(Decimal(c) for c in currents), "0.01"),
                "with_gap": len(rated_gaps),
                "not_rated": len(people) - len(rated),
            }
        )
        weighted[requirement.competency] = (
            requirement.weight * sum(rated_gaps),
            len(rated_gaps),
            requirement.weight * sum(gaps),
            len(gaps),
        )
    # the gaps people rated first (an unrated competency is an unknown, as for one person), then all gaps
    priorities = sorted((c for c in weighted if weighted[c][3]), key=lambda c: (*(-n for n in weighted[c]), order.index(c)))
    return {
        "people": len(people),
        "readiness": {
            "mean": half_up(statistics.mean(values), "0.1"),
            "median": half_up(statistics.median(values), "0.1"),
            "min": float(min(values)),
            "max": float(max(values)),
        },
        "competencies": competencies,
        "priorities": priorities,
        "members": sorted(
            ((name, file, readiness) for name, file, readiness, _ in people), key=lambda member: (-member[2], member[1])
        ),
    }


def test_report_matches_an_independent_count(framework, team_folder):
    expected = expected_team(framework, team_folder)
    loaded = load_team([str(team_folder)], framework)
    assert not loaded.failures
    report = build_report(framework, loaded.profiles, framework.roles[TARGET])

    assert report.people == expected["people"] == 20
    assert (report.mean, report.median, report.low, report.high) == tuple(expected["readiness"].values())
    assert [(s.competency, s.required, s.mean_current, s.with_gap, s.unrated) for s in report.competencies] == [
        tuple(c.values()) for c in expected["competencies"]
    ]
    assert [p.competency for p in report.priorities] == expected["priorities"]
    assert [(m.name, m.file, m.readiness) for m in report.members] == expected["members"]
    assert sum(report.verdicts.values()) == 20


def test_json_output_is_the_contract_shape_and_the_same_numbers(framework, team_folder, invoke):
    expected = expected_team(framework, team_folder)
    result = invoke("team", str(team_folder), "-t", TARGET, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["scale", "target", "people", "readiness", "competencies", "priorities", "members"]
    assert data["target"] == TARGET
    assert data["people"] == expected["people"]
    assert data["readiness"] == expected["readiness"]
    assert data["competencies"] == expected["competencies"]
    assert data["priorities"] == expected["priorities"]
    assert [(m["name"], m["file"], m["readiness"]) for m in data["members"]] == expected["members"]
    assert all(set(m) == {"name", "file", "readiness", "verdict", "provisional"} for m in data["members"])


def test_member_verdicts_and_readiness_agree_with_assess(framework, team_folder, invoke):
    data = json.loads(invoke("team", str(team_folder), "-t", TARGET, "-f", "json").stdout)
    for member in data["members"][:3] + data["members"][-3:]:
        single = json.loads(invoke("assess", "-p", member["file"], "-t", TARGET, "-f", "json").stdout)
        assert (single["readiness"], single["verdict"]) == (member["readiness"], member["verdict"])


def test_means_and_medians_round_half_up(framework):
    """33.3 and 0.0: mean and median are both 16.65, which rounds up to 16.7."""
    role = Role("one-skill", "One skill", "pmo", 1, "Test role.", (0, 0), (Requirement("strategic-thinking", 3, 1),), (), ("x",))
    profiles = [(f"p{level}.yaml", parse_profile(f"ratings: {{strategic-thinking: {level}}}\n", framework)) for level in (1, 0)]
    report = build_report(framework, profiles, role)
    assert [m.readiness for m in report.members] == [33.3, 0.0]
    assert (report.mean, report.median, report.low, report.high) == (16.7, 16.7, 0.0, 33.3)
    assert report.competencies[0].mean_current == 0.5
    assert report.competencies[0].with_gap == 2
    assert report.competencies[0].weighted_gap == 2 + 3


def test_priorities_rank_weighted_gap_then_count_then_framework_order(framework):
    role = Role(
        "three",
        "Three",
        "pmo",
        1,
        "Test role.",
        (0, 0),
        (
            Requirement("project-delivery", 3, 1),
            Requirement("strategic-thinking", 2, 3),
            Requirement("business-acumen", 4, 1),
            Requirement("value-delivery", 1, 1),
        ),
        (),
        ("x",),
    )
    # project-delivery: gaps 3 and 3 (weighted 6, two people); strategic-thinking: one gap of 2 (weighted 6, one
    # person); business-acumen: gaps 2 and 1 (weighted 3); value-delivery: met by both.
    texts = [
        "ratings: {project-delivery: 0, strategic-thinking: 0, business-acumen: 2, value-delivery: 1}",
        "ratings: {project-delivery: 0, strategic-thinking: 2, business-acumen: 3, value-delivery: 4}",
    ]
    profiles = [(f"p{n}.yaml", parse_profile(text, framework)) for n, text in enumerate(texts)]
    report = build_report(framework, profiles, role)
    assert [p.competency for p in report.priorities] == ["project-delivery", "strategic-thinking", "business-acumen"]
    assert [(p.with_gap, p.weighted_gap, p.unrated) for p in report.priorities] == [(2, 6, 0), (1, 6, 0), (2, 3, 0)]
    assert report.provisional == 0
    for priority in report.priorities:
        assert 1 <= len(priority.recommendations) <= 2
        assert all(priority.competency in rec.builds for rec in priority.recommendations)


def test_gaps_nobody_rated_come_after_the_rated_ones_and_are_counted(framework):
    """A survey that asked about two competencies: what people did not rate is an unknown, not the first priority."""
    role = framework.roles["pmo-director"]  # strategic thinking and executive communication: level 4, core
    texts = ["ratings: {strategic-thinking: 2, executive-communication: 3}", "ratings: {strategic-thinking: 3}"]
    profiles = [(f"p{n}.yaml", parse_profile(text, framework)) for n, text in enumerate(texts)]
    report = build_report(framework, profiles, role)
    rated_first = [p.competency for p in report.priorities[:2]]
    assert rated_first == ["strategic-thinking", "executive-communication"]
    assert [p.unrated for p in report.priorities[:2]] == [0, 1]  # one person left executive communication blank
    assert all(p.unrated == p.with_gap == 2 for p in report.priorities[2:])
    assert report.provisional == 2 and all(m.provisional for m in report.members)
    stat = next(s for s in report.competencies if s.competency == "executive-communication")
    assert (stat.unrated, stat.with_gap) == (1, 1)  # a blank is "not rated", beside the rated gap, not one more gap


def test_a_broken_file_is_named_and_left_out_and_the_rest_are_still_analysed(team_folder, invoke):
    broken = team_folder / "member-99.yaml"
    broken.write_text("ratings:\n  strategic-thinking: 9\n", encoding="utf-8")
    (team_folder / "member-98.yaml").write_text("ratings: [1, 2\n", encoding="utf-8")
    result = invoke("team", str(team_folder), "-t", TARGET, "-f", "json")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert any(str(broken) in line and "strategic-thinking" in line for line in lines)
    assert all(line.startswith("Error: ") for line in lines)
    data = json.loads(result.stdout)
    assert data["people"] == 20
    assert str(broken) not in {m["file"] for m in data["members"]}


def test_anonymous_keeps_every_figure_and_hides_who(team_folder, invoke):
    """Person N is in a random order (tests/test_succession.py shows it is not the files'); the figures are the same."""
    named = json.loads(invoke("team", str(team_folder), "-t", TARGET, "-f", "json").stdout)
    result = invoke("team", str(team_folder), "-t", TARGET, "-f", "json", "--anonymous")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    figures = sorted((m["readiness"], m["verdict"], m["provisional"]) for m in named["members"])
    assert sorted((m["readiness"], m["verdict"], m["provisional"]) for m in data["members"]) == figures
    assert {m["name"] for m in data["members"]} == {f"Person {n}" for n in range(1, len(figures) + 1)}
    assert all(m["file"] == m["name"] for m in data["members"])
    for view in ("table", "markdown", "json"):
        text = invoke("team", str(team_folder), "-t", TARGET, "-f", view, "--anonymous").stdout
        assert "Riley" not in text and "member-" not in text and str(team_folder) not in text


def test_name_falls_back_to_the_file_stem(write_profile, invoke):
    path = write_profile("ratings: {strategic-thinking: 2}\n", name="alex-kim.yaml")
    data = json.loads(invoke("team", path, "-t", TARGET, "-f", "json").stdout)
    assert data["members"] == [
        {
            "name": "alex-kim",
            "file": path,
            "readiness": data["readiness"]["mean"],
            "verdict": data["members"][0]["verdict"],
            "provisional": True,  # the role needs competencies alex left unrated
        }
    ]


def test_folders_are_read_flat_sorted_and_files_only_once(tmp_path, framework):
    (tmp_path / "b.yml").write_text("ratings: {}\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("ratings: {}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a profile\n", encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.yaml").write_text("ratings: {}\n", encoding="utf-8")
    files, missing = profile_files([str(tmp_path), str(tmp_path / "a.yaml"), str(tmp_path / "nowhere")])
    assert [Path(f).name for f in files] == ["a.yaml", "b.yml"]
    assert [str(err) for err in missing] == [f"{tmp_path / 'nowhere'}: no such file or folder"]


def test_no_profiles_found_is_one_clear_error(tmp_path, invoke):
    result = invoke("team", str(tmp_path), "-t", TARGET)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: no profile files (*.yaml, *.yml, *.csv, *.xlsx) found in {tmp_path}\n"


def test_only_broken_files_is_an_error_without_output(write_profile, invoke):
    path = write_profile("name: [\n")
    result = invoke("team", path, "-t", TARGET, "-f", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()  # one file, one reason
    assert line.startswith(f"Error: {path}:")
    other = write_profile("ratings: {strategic-thinking: 9}\n")
    result = invoke("team", path, other, "-t", TARGET, "-f", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Error: none of the 2 profile files could be used"


def test_target_defaults_to_the_shared_target_role(team_folder, write_profile, invoke):
    data = json.loads(invoke("team", str(team_folder), "-f", "json").stdout)
    assert data["target"] == TARGET
    other = write_profile("target_role: pmo-director\nratings: {}\n")
    result = invoke("team", str(team_folder), other)
    assert result.exit_code == 2
    assert "--target" in result.stderr


def test_unknown_target_is_an_error_before_any_file_is_read(team_folder, invoke):
    result = invoke("team", str(team_folder), "-t", "pmo-mangaer")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --target: unknown role 'pmo-mangaer' (did you mean 'pmo-manager'?)")


def test_table_view_shows_spread_heatmap_priorities_and_members(framework, team_folder, invoke):
    result = invoke("team", str(team_folder), "-t", TARGET)
    assert result.exit_code == 0
    report = build_report(framework, load_team([str(team_folder)], framework).profiles, framework.roles[TARGET])
    text = result.stdout
    assert f"mean {report.mean:.1f}%" in text and f"median {report.median:.1f}%" in text
    for stat in report.competencies:
        assert framework.competencies[stat.competency].name in text
    first = report.priorities[0]
    assert f" 1. {framework.competencies[first.competency].name}" in text
    assert first.recommendations[0].title in text
    assert text.index(report.members[0].name) < text.index(report.members[-1].name)
    assert "\x1b[" not in text  # not a terminal: no colour codes


def test_markdown_view_is_gfm_with_the_same_figures(framework, team_folder, invoke, tmp_path):
    out = tmp_path / "team.md"
    result = invoke("team", str(team_folder), "-t", TARGET, "-f", "markdown", "-o", str(out))
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    data = json.loads(invoke("team", str(team_folder), "-t", TARGET, "-f", "json").stdout)
    assert text.startswith("# Team readiness for PMO Manager (`pmo-manager`)")
    assert f"mean {data['readiness']['mean']:.1f}%" in text
    assert "| Competency | Need | Mean now | With a gap | Share with a gap |" in text
    first = framework.competencies[data["priorities"][0]].name
    assert f"1. **{first}**" in text
    top = data["members"][0]
    assert f"| 1 | {top['name']} | {top['readiness']:.1f}%" in text  # then `?` if they left a needed competency unrated


def test_build_report_needs_people(framework):
    with pytest.raises(InputError):
        build_report(framework, [], framework.roles[TARGET])


def test_a_folder_that_cannot_be_listed_is_one_error_line(invoke, tmp_path, monkeypatch):
    import os

    locked = tmp_path / "locked"
    locked.mkdir()

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    result = invoke("team", str(locked), "-t", "pmo-manager", "-f", "json")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"Error: {locked}: cannot read: Permission denied"


def test_a_blank_is_not_a_gap_in_any_output_and_the_gaps_are_listed_by_share(framework, tmp_path, invoke):
    """Five people, one left strategic thinking blank: every output says 3 short and 1 not rated, never 4 with a gap."""
    role = framework.roles["pmo-director"]
    full = {r.competency: 5 for r in role.requirements}
    folder = tmp_path / "team"
    folder.mkdir()
    for number in range(5):
        ratings = dict(full)
        if number < 3:
            ratings["strategic-thinking"] = 1
        elif number == 3:
            del ratings["strategic-thinking"]  # left blank
        if number == 0:
            ratings["executive-communication"] = 1  # one rated gap: listed after strategic thinking's three
        text = "ratings:\n" + "".join(f"  {c}: {level}\n" for c, level in ratings.items())
        (folder / f"p{number}.yaml").write_text(text, encoding="utf-8")
    strategic, executive = (framework.competencies[c].name for c in ("strategic-thinking", "executive-communication"))

    data = json.loads(invoke("team", str(folder), "-t", "pmo-director", "-f", "json").stdout)
    stats = {c["competency"]: c for c in data["competencies"]}
    assert (stats["strategic-thinking"]["with_gap"], stats["strategic-thinking"]["not_rated"]) == (3, 1)
    assert (stats["executive-communication"]["with_gap"], stats["executive-communication"]["not_rated"]) == (1, 0)

    table = invoke("team", str(folder), "-t", "pmo-director", env={"COLUMNS": "160"}).stdout
    gaps = table[table.index("Gaps across the team") : table.index("\nTraining priorities\n")]
    row = next(line for line in gaps.splitlines() if strategic in line)
    assert "3/5" in row and "60%" in row and row.split()[-1] == "1"  # 3 short, 1 not rated
    assert "4/5" not in gaps
    names = [c.name for c in framework.competencies.values() if c.name in gaps]
    order = sorted(names, key=gaps.index)
    assert order[:2] == [strategic, executive]  # most with a gap first
    assert "3 of 5 short" in table and "1 more not rated" in table

    out = tmp_path / "team.md"
    assert invoke("team", str(folder), "-t", "pmo-director", "-f", "markdown", "-o", str(out)).exit_code == 0
    markdown = out.read_text(encoding="utf-8")
    section = markdown[markdown.index("## Gaps across the team") : markdown.index("## Training priorities")]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "Competency" not in line][1:]
    assert rows[0].startswith(f"| {strategic} |") and "| 3 of 5 |" in rows[0] and rows[0].endswith("| 1 |")
    assert rows[1].startswith(f"| {executive} |")

    chart = tmp_path / "gaps.svg"
    assert invoke("team", str(folder), "-t", "pmo-director", "--chart", str(chart)).exit_code == 0
    svg = chart.read_text(encoding="utf-8")
    assert f"{strategic} (core): 3 of 5 short" in svg and "+20% not rated" in svg
    assert svg.index(strategic) < svg.index(executive)
