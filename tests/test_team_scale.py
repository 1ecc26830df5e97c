"""A PMO lead's team: survey CSV exports in, the bench, the heatmap, the members list, and large teams."""

from __future__ import annotations

import json
import shutil
import xml.dom.minidom

import pytest
from conftest import EXAMPLES

from pmo_path.reading import team_files
from pmo_path.reading.csv_team import read_csv_team

HEADER = "name;current_role;target_role;Strategic thinking;executive-communication;Financial management\n"


def write(tmp_path, text: str, name: str = "survey.csv", encoding: str = "utf-8-sig"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_survey_export_is_a_team(framework, tmp_path):
    path = write(tmp_path, HEADER + "Ana Silva;project-manager;pmo-manager;2;3;\nCai Lin;pmo-analyst;pmo-manager;3;3;1\n")
    people, failures = read_csv_team(str(path), framework)
    assert failures == []
    (file, ana), (_, cai) = people
    assert (
        file == f"{path}:2"
        and ana.name == "Ana Silva"
        and ana.levels() == {"strategic-thinking": 2, "executive-communication": 3}
    )  # the blank cell is unrated
    assert cai.levels()["financial-management"] == 1


def test_commas_and_ids_work_too(framework, tmp_path):
    path = write(tmp_path, "Name,strategic-thinking\nAna,4\n", encoding="utf-8")
    [(_, ana)], failures = read_csv_team(str(path), framework)
    assert failures == [] and ana.levels() == {"strategic-thinking": 4}


def test_a_bad_row_is_named_and_left_out_and_the_rest_analysed(invoke, tmp_path):
    path = write(
        tmp_path,
        HEADER + "Ana;project-manager;pmo-manager;2;3;\nBen;pmo-analyst;pmo-manager;high;2;1\n"
        "Cai;pmo-analyst;pmo-manager;3;3\nDee;pmo-analyst;pmo-mangr;1;1;1\n",
    )
    result = invoke("team", str(path), "-t", "pmo-manager", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["people"] == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"Error: {path}:3: Strategic thinking: 'high' is not a level: give 0-5") for line in lines)
    assert f"Error: {path}:4: has 5 cells, the header 6; row left out" in lines
    assert any(line.startswith(f"Error: {path}:5: target_role: unknown role 'pmo-mangr'") for line in lines)
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        ("current_role;strategic-thinking\npmo-analyst;3\n", "utf-8", ":1: name: the header needs a name column"),
        ("name;strategic-thinking;Strategic thinking\nAna;3;3\n", "utf-8", "'strategic-thinking' and 'Strategic thinking' both"),
        ("name;strategic-thinkin\nAna;3\n", "utf-8", "did you mean 'strategic-thinking'"),
        ("name;strategic-thinking\nJérôme;3\n", "latin-1", "not UTF-8 text"),
        ("name;strategic-thinking\n", "utf-8", "has a header but no rows"),
    ],
)
def test_a_bad_file_is_one_line(invoke, tmp_path, text, encoding, message):
    path = write(tmp_path, text, encoding=encoding)
    shutil.copy(EXAMPLES / "jordan-lee.yaml", tmp_path / "jordan.yaml")
    result = invoke("team", str(tmp_path), "-t", "pmo-director", "-f", "json")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr and str(path) in result.stderr
    assert json.loads(result.stdout)["people"] == 1  # nothing else lost


def test_bench_lists_ready_and_close_per_role_in_framework_order(invoke, framework, tmp_path):
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, tmp_path / example.name)
    result = invoke("bench", str(tmp_path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [row["role"] for row in data] == list(framework.roles)
    assert all(list(row) == ["role", "title", "holders", "ready", "close", "risk"] for row in data)
    coordinator = data[0]
    assert {p["name"] for p in coordinator["ready"] + coordinator["close"]} <= {"Jordan Lee", "Sam Okafor"}
    anonymous = json.loads(invoke("bench", str(tmp_path), "--anonymous", "-f", "json").stdout)
    assert "Jordan Lee" not in json.dumps(anonymous) and "Person 1" in json.dumps(anonymous)
    for fmt in ("table", "markdown", "csv"):
        assert invoke("bench", str(tmp_path), "-f", fmt).exit_code == 0


def test_heatmap_is_well_formed_and_sorted(invoke, tmp_path):
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, tmp_path / example.name)
    chart = tmp_path / "heat.svg"
    result = invoke("team", str(tmp_path), "-t", "pmo-director", "--chart", str(chart))
    assert result.exit_code == 0, result.stderr
    svg = xml.dom.minidom.parse(str(chart))
    shares = [
        int(t.firstChild.data.rstrip("%"))
        for t in svg.getElementsByTagName("text")
        if t.firstChild and t.firstChild.data.endswith("%")
    ]
    assert shares == sorted(shares, reverse=True) and len(shares) == 14


def test_the_table_lists_the_ends_of_a_large_team_unless_asked(invoke, tmp_path):
    text = (EXAMPLES / "jordan-lee.yaml").read_text(encoding="utf-8")
    for number in range(30):
        (tmp_path / f"p{number:02d}.yaml").write_text(text.replace("Jordan Lee", f"Member {number:02d}"))
    short = invoke("team", str(tmp_path), "-t", "pmo-director", env={"COLUMNS": "100"}).stdout
    assert "… 10 more" in short and short.count("Member ") == 20
    full = invoke("team", str(tmp_path), "-t", "pmo-director", "--members", "all", env={"COLUMNS": "100"}).stdout
    assert full.count("Member ") == 30
    assert len(json.loads(invoke("team", str(tmp_path), "-t", "pmo-director", "-f", "json").stdout)["members"]) == 30


def test_parallel_and_single_process_loading_agree(framework, tmp_path, monkeypatch):
    text = (EXAMPLES / "jordan-lee.yaml").read_text(encoding="utf-8")
    for number in range(60):
        (tmp_path / f"p{number:02d}.yaml").write_text(text.replace("Jordan Lee", f"Member {number:02d}"))
    (tmp_path / "broken.yaml").write_text("ratings: {strategic-thinking: 9}\n")
    single = team_files.load_team([str(tmp_path)], framework)
    monkeypatch.setattr(team_files, "PARALLEL_FROM", 10)
    monkeypatch.setattr(team_files.os, "cpu_count", lambda: 2)
    parallel = team_files.load_team([str(tmp_path)], framework)
    assert parallel.profiles == single.profiles and len(parallel.profiles) == 60
    assert [str(f) for f in parallel.failures] == [str(f) for f in single.failures]
    # a team of 100,000 holds its 15 competency ids once, not once a person (docs/performance.md)
    for loaded in (single, parallel):
        first, last = loaded.profiles[0][1], loaded.profiles[-1][1]
        assert all(a is b for a, b in zip(first.ratings, last.ratings, strict=True))
        assert all(key is framework.competencies[key].id for key in first.ratings)
        assert first.target_role is last.target_role


def test_a_team_folder_names_broken_entries_and_reads_the_rest(invoke, tmp_path):
    import os

    shutil.copy(EXAMPLES / "jordan-lee.yaml", tmp_path / "jordan.yaml")
    shutil.copy(EXAMPLES / "sam-okafor.yaml", tmp_path / ".hidden.yaml")  # skipped, as a shell glob would
    os.symlink("loop.yaml", tmp_path / "loop.yaml")  # a link to itself
    os.symlink("nowhere.yaml", tmp_path / "dangling.yaml")
    result = invoke("team", str(tmp_path), "-t", "pmo-director", "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["people"] == 1 and data["members"][0]["name"] == "Jordan Lee"
    lines = result.stderr.splitlines()
    assert any(str(tmp_path / "loop.yaml") in line and "loop" in line for line in lines), lines
    assert any(str(tmp_path / "dangling.yaml") in line and "broken link" in line for line in lines), lines
    assert len(lines) == 2 and ".hidden" not in result.stderr + result.stdout


def test_an_unreadable_team_folder_says_so(invoke, tmp_path, monkeypatch):
    import os

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    result = invoke("team", str(tmp_path), "-t", "pmo-director")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {tmp_path}: cannot read: Permission denied"]
