"""`pmo-path validate` and bring-your-own framework (--data-dir / PMO_PATH_DATA).

validate prints each problem as one `FILE:LINE: FIELD: MESSAGE` line on stdout
(it is the command's output), names the framework files it read on stderr, and
ends with an `Error:` count on stderr and exit 1 when anything is wrong.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pmo_path.reading.framework import bundled_data_dir

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def ok_line(framework, profiles: int = 0) -> str:
    line = (
        f"OK: framework ({len(framework.roles)} roles, {len(framework.competencies)} competencies, "
        f"{len(framework.recommendations)} recommendations)"
    )
    return line + (f" and {profiles} profile{'s' if profiles != 1 else ''}" if profiles else "")


def edit(text: str, anchor: str, old: str, new: str) -> tuple[str, int]:
    """Replace the first `old` after `anchor`; return the text and the 1-based line of the change."""
    at = text.index(old, text.index(anchor))
    return text[:at] + new + text[at + len(old) :], text.count("\n", 0, at) + 1


def line_of(text: str, anchor: str, wanted: str) -> int:
    return text.count("\n", 0, text.index(wanted, text.index(anchor))) + 1


@pytest.fixture
def own_data(tmp_path) -> Path:
    """A copy of the bundled framework an organisation could start from."""
    folder = tmp_path / "framework"
    folder.mkdir()
    for name in ("roles.yaml", "recommendations.yaml"):
        shutil.copy(bundled_data_dir() / name, folder / name)
    return folder


def test_bundled_framework_is_ok_and_its_files_are_named(invoke, framework):
    result = invoke("validate")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ok_line(framework) + "\n"
    bundled = bundled_data_dir()
    assert result.stderr == (
        f"Framework files: {bundled / 'roles.yaml'} (bundled), {bundled / 'recommendations.yaml'} (bundled)\n"
    )


def test_profiles_files_folders_and_stdin_are_counted(invoke, framework):
    example = str(EXAMPLES / "jordan-lee.yaml")
    other = (EXAMPLES / "sam-okafor.yaml").read_text().replace("Sam Okafor", "Sam Other")  # one person twice is a warning
    result = invoke("validate", example, str(EXAMPLES), "-", input=other)
    profiles_in_folder = len(list(EXAMPLES.glob("*.yaml")))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ok_line(framework, profiles_in_folder + 1) + "\n"  # the example is in the folder: read once


def test_every_problem_of_every_profile_is_listed_with_its_line(invoke, write_profile):
    first = write_profile("name: Ana\nratngs:\n  project-delivery: 3\nyears_experience: -1\n")
    second = write_profile("ratings:\n  strategic-thinkin: 2\n  project-delivery: 7\n")
    result = invoke("validate", first, second)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{first}:2: ratngs: unknown key 'ratngs' (did you mean 'ratings'?)",
        f"{first}:4: years_experience: must be from 0 to 80, found -1",
        f"{second}:2: ratings.strategic-thinkin: unknown competency 'strategic-thinkin' (did you mean 'strategic-thinking'?)",
        f"{second}:3: ratings.project-delivery: must be from 0 to 5, found 7",
    ]
    assert result.stderr.splitlines()[-1] == "Error: 4 problems in 2 files"
    assert "Traceback" not in result.stderr


def test_missing_and_empty_paths_are_problems_too(invoke, tmp_path, write_profile):
    good = str(EXAMPLES / "jordan-lee.yaml")
    empty_folder = tmp_path / "nobody"
    empty_folder.mkdir()
    result = invoke("validate", str(tmp_path / "gone.yaml"), good, str(empty_folder), write_profile(""))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path / 'gone.yaml'}: no such file or folder"
    assert lines[1] == f"{empty_folder}: no profile files (*.yaml, *.yml, *.csv, *.xlsx) in this folder"
    assert lines[2].endswith(": file is empty; expected a mapping of keys")
    assert len(lines) == 3


def test_survey_exports_are_checked_row_by_row_as_team_reads_them(invoke, framework, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes("\ufeffname;current_role;Strategic thinking\nAna;project-manager;2\nBo;pmo-analyst;\n".encode())
    assert invoke("validate", str(good)).stdout == ok_line(framework, 2) + "\n"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,current_role,strategic-thinking\nAna,pmo-analist,2\nBo,pmo-analyst,9\nCy,pmo-analyst,1\n")
    result = invoke("validate", str(bad), str(tmp_path))  # the folder holds both files; bad.csv is read once
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:2: current_role: unknown role 'pmo-analist' (did you mean 'pmo-analyst'?); "
        "give a role id or title (pmo-path roles lists them)",
        f"{bad}:3: strategic-thinking: must be from 0 to 5, found 9",
    ]
    assert result.stderr.splitlines()[-1] == "Error: 2 problems in 1 file"


def test_broken_framework_copy_reports_all_its_problems_with_lines(invoke, own_data):
    roles_file, recs_file = own_data / "roles.yaml", own_data / "recommendations.yaml"
    roles, recs = roles_file.read_text(), recs_file.read_text()

    roles, unknown_line = edit(roles, "\n  project-coordinator:\n", "      metrics-reporting: {", "      metrics-reportin: {")
    roles, typo_line = edit(roles, "\n  project-manager:\n", "    summary:", "    sumary:")
    roles, weight_line = edit(
        roles,
        "\n  senior-project-manager:\n",
        "strategic-thinking: {level: 2, weight: 2}",
        "strategic-thinking: {level: 2, weight: 4}",
    )
    roles, _ = edit(roles, "\n  pmo-director:\n", "strategic-thinking: {level: 4,", "strategic-thinking: {level: 2,")
    ladder_line = line_of(roles, "\n  pmo-director:\n", "    requirements:")
    recs, source_line = edit(
        recs, "\n  vary-project-exposure:\n", "sources: [husser-seven-recommendations]", "sources: [husser-seven-recomendations]"
    )
    roles_file.write_text(roles)
    recs_file.write_text(recs)

    result = invoke("validate", "--data-dir", str(own_data))

    assert result.exit_code == 1
    expected = [
        f"{roles_file}:{unknown_line}: roles.project-coordinator.requirements.metrics-reportin: "
        "unknown competency 'metrics-reportin' (did you mean 'metrics-reporting'?)",
        f"{roles_file}:{typo_line}: roles.project-manager.sumary: unknown key 'sumary' (did you mean 'summary'?)",
        f"{roles_file}:{weight_line}: roles.senior-project-manager.requirements.strategic-thinking.weight: "
        "must be from 1 to 3, found 4",
        f"{roles_file}:{ladder_line}: roles.pmo-director.requirements: asks level 2 of strategic-thinking, less than "
        "the more junior 'portfolio-office-manager' (3); a ladder never asks less of it going up",
        f"{recs_file}:{source_line}: recommendations.vary-project-exposure.sources[0]: "
        "unknown source 'husser-seven-recomendations' (did you mean 'husser-seven-recommendations'?)",
    ]
    assert sorted(result.stdout.splitlines()) == sorted(expected)
    assert result.stderr.splitlines() == [
        f"Framework files: {roles_file}, {recs_file}",
        "Error: 5 problems in 2 files",
    ]


def test_a_broken_profile_never_hides_a_broken_framework(invoke, own_data, write_profile):
    roles_file = own_data / "roles.yaml"
    roles_file.write_text(roles_file.read_text().replace("\nthresholds:\n  ready: 90\n", "\nthresholds:\n  ready: 900\n"))
    broken = write_profile("ratings: [unclosed\n")
    good = str(EXAMPLES / "jordan-lee.yaml")
    result = invoke("validate", broken, good, "--data-dir", str(own_data))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{roles_file}:") and "thresholds.ready: must be from 0 to 100, found 900" in lines[0]
    assert lines[1].startswith(f"{broken}:2: YAML syntax error")
    assert len(lines) == 2
    assert "The profiles were checked for YAML syntax only: fix the framework first." in result.stderr


# ---- bring your own framework ---------------------------------------------------------------------


def test_own_roles_file_alone_is_used_and_borrows_no_bundled_advice(invoke, own_data):
    (own_data / "recommendations.yaml").unlink()
    roles_file = own_data / "roles.yaml"
    roles_file.write_text(roles_file.read_text().replace("title: PMO Manager\n", "title: Head of Project Office\n"))

    shown = invoke("role", "pmo-manager", "-f", "json", "--data-dir", str(own_data))
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["title"] == "Head of Project Office"

    checked = invoke("validate", "--data-dir", str(own_data))
    assert checked.exit_code == 0
    assert (
        checked.stderr.splitlines()[0] == f"Framework files: {roles_file}, no recommendations.yaml (no advice yet; none borrowed)"
    )
    assert "0 recommendations" in checked.stdout
    holes = [line for line in checked.stdout.splitlines() if "warning: competency" in line]
    assert len(holes) == 15  # every competency without advice, in one run
    assert all(line.startswith(f"{own_data / 'recommendations.yaml'}") for line in holes)
    strict = invoke("validate", "--strict", "--data-dir", str(own_data))
    assert strict.exit_code == 1 and "15 problems" in strict.stderr
    # at a terminal the OK sentence wraps at its width; every warning above it stays, one line each
    narrow = invoke("validate", "--data-dir", str(own_data), env={"COLUMNS": "40"}).stdout.splitlines()
    assert narrow[:15] == holes and "0 recommendations" in " ".join(narrow[15:])
    assert all(len(line) <= 40 for line in narrow[15:])


def test_environment_variable_selects_the_framework_and_the_option_wins(invoke, own_data, tmp_path):
    roles_file = own_data / "roles.yaml"
    roles_file.write_text(roles_file.read_text().replace("title: PMO Director\n", "title: Director of Delivery\n"))
    via_env = invoke("role", "pmo-director", "-f", "json", env={"PMO_PATH_DATA": str(own_data)})
    assert json.loads(via_env.stdout)["title"] == "Director of Delivery"
    bundled = invoke(
        "role", "pmo-director", "-f", "json", "--data-dir", str(bundled_data_dir()), env={"PMO_PATH_DATA": str(own_data)}
    )
    assert json.loads(bundled.stdout)["title"] == "PMO Director"


def test_own_recommendations_are_checked_against_the_bundled_roles(invoke, tmp_path, framework):
    recs_text = (bundled_data_dir() / "recommendations.yaml").read_text()
    added = (
        "\n  shadow-the-cfo:\n"
        "    title: Shadow the finance partner\n"
        "    action: Spend a budget cycle beside the finance business partner for your portfolio.\n"
        "    why: Our own career framework says portfolio leads must read a P&L.\n"
        "    builds: [financial-management, business-acumen]\n"
        "    kind: experience\n"
        "    horizon: 6-months\n"
        "    levels: [1, 2, 3]\n"
        "    sources: [our-career-framework]\n"
    )
    own_sources = "sources:\n  our-career-framework:\n    title: Career framework 2026\n    author: Our HR\n\n"
    (tmp_path / "recommendations.yaml").write_text(
        recs_text.replace("\nrecommendations:\n", "\n" + own_sources + "recommendations:\n" + added, 1)
    )
    result = invoke("validate", "--data-dir", str(tmp_path))
    assert result.exit_code == 0, result.stdout
    assert f"{len(framework.recommendations) + 1} recommendations" in result.stdout

    (tmp_path / "recommendations.yaml").write_text(
        (tmp_path / "recommendations.yaml")
        .read_text()
        .replace("[financial-management, business-acumen]", "[financial-managment, pmo-director]")
    )
    broken = invoke("validate", "--data-dir", str(tmp_path))
    assert broken.exit_code == 1
    problems = broken.stdout.splitlines()
    assert len(problems) == 2
    assert "builds[0]: unknown competency 'financial-managment' (did you mean 'financial-management'?)" in problems[0]
    assert "builds[1]: unknown competency 'pmo-director'" in problems[1]
    assert all(line.startswith(f"{tmp_path / 'recommendations.yaml'}:") for line in problems)


def test_a_move_down_and_thresholds_out_of_order_are_named(invoke, tmp_path):
    roles = (bundled_data_dir() / "roles.yaml").read_text()
    roles = roles.replace("    next: [pmo-director, enterprise-pmo-director]", "    next: [pmo-analyst, pmo-director]", 1)
    roles = roles.replace("  ready_max_core_gap: 1\n", "  ready_max_core_gap: 3\n  close_max_core_gap: 2\n", 1)
    (tmp_path / "roles.yaml").write_text(roles)
    result = invoke("validate", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "roles.portfolio-manager.next: leads to 'pmo-analyst' (seniority 2), less senior" in result.stdout
    assert "thresholds: must satisfy ready_max_core_gap <= close_max_core_gap" in result.stdout
