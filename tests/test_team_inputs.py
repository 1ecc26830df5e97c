"""One file counts once in `team`, `bench` and `validate`, however it is reached (issue 17, privacy)."""

from __future__ import annotations

import json
import os

import pytest

RATINGS = "ratings:\n  project-delivery: {0}\n  stakeholder-management: {0}\n  pmo-governance: {0}\n"


@pytest.fixture
def team(tmp_path, monkeypatch):
    """team/ with three profiles and a two-row survey: five people. The working folder is tmp_path."""
    folder = tmp_path / "team"
    folder.mkdir()
    for number, level in enumerate((2, 3, 4)):
        (folder / f"p{number}.yaml").write_text(
            f"name: Member {number}\ntarget_role: pmo-manager\n" + RATINGS.format(level), encoding="utf-8"
        )
    (folder / "survey.csv").write_text(
        "name,target_role,project-delivery\nRow One,pmo-manager,3\nRow Two,pmo-manager,4\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return folder


def second_names(kind: str, folder) -> list[str]:
    root = folder.parent
    if kind == "relative and absolute":
        return ["team", str(folder)]
    if kind == "symlinked folder":
        os.symlink(folder, root / "same-team")
        return ["team", "same-team"]
    if kind == "hard links in the folder":
        os.link(folder / "p0.yaml", folder / "p0-again.yaml")
        os.link(folder / "survey.csv", folder / "survey-again.csv")
        return ["team"]
    if kind == "a hard link named beside the folder":
        os.link(folder / "p1.yaml", root / "p1-link.yaml")
        return ["team", "p1-link.yaml"]
    if kind == "a symlinked file and a file in the folder":
        os.symlink(folder / "p2.yaml", root / "p2-link.yaml")
        return ["p2-link.yaml", "team"]
    raise AssertionError(kind)


KINDS = [
    "relative and absolute",
    "symlinked folder",
    "hard links in the folder",
    "a hard link named beside the folder",
    "a symlinked file and a file in the folder",
]


@pytest.mark.parametrize("kind", KINDS)
def test_team_counts_each_file_once(invoke, team, kind):
    result = invoke("team", *second_names(kind, team), "-t", "pmo-manager", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["people"] == 5
    assert sorted(member["name"] for member in data["members"]) == [
        "Member 0",
        "Member 1",
        "Member 2",
        "Row One",
        "Row Two",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_bench_counts_each_file_once(invoke, team, kind):
    result = invoke("bench", *second_names(kind, team), "-f", "json")
    assert result.exit_code == 0, result.stderr
    for row in json.loads(result.stdout):
        names = [entry if isinstance(entry, str) else entry["name"] for entry in row["ready"] + row["close"]]
        assert len(names) == len(set(names)), row


@pytest.mark.parametrize("kind", KINDS)
def test_validate_counts_each_file_once(invoke, team, kind):
    result = invoke("validate", *second_names(kind, team))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("and 5 profiles"), result.stdout
