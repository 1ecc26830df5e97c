"""The core commands through typer's CliRunner: stdout and stderr asserted apart."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES

from pmo_path import __version__

JORDAN = str(EXAMPLES / "jordan-lee.yaml")


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"pmo-path {__version__}\n"
    assert result.stderr == ""


def test_help_has_examples(invoke):
    result = invoke("--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "pmo-path assess -p me.yaml" in result.stdout
    assert "Examples" in invoke("assess", "--help").stdout


def test_assess_json_matches_the_contract_key_for_key(invoke):
    result = invoke("assess", "-p", JORDAN, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == [
        "schema_version",
        "profile",
        "target",
        "readiness",
        "verdict",
        "provisional",
        "gaps",
        "strengths",
        "unrated",
        "recommendations",
        "path",
        "readiness_range",
        "experience",
        "second_view",
        "onward",
    ]
    assert data["provisional"] is True  # Jordan left financial management, which the target needs, unrated
    # as rated (unrated = 0), and higher if financial management met its requirement
    low, high = data["readiness_range"]
    assert low == data["readiness"] < high <= 100
    assert data["experience"] == {"years": 9, "typical": {"min": 10, "max": 20}}
    assert data["second_view"] is False and data["onward"] is None
    assert data["schema_version"] == 1
    assert data["profile"] == {"name": "Jordan Lee", "current_role": "senior-project-manager", "target_role": "pmo-director"}
    assert data["target"] == {"id": "pmo-director", "title": "PMO Director"}
    assert isinstance(data["readiness"], float) and 0 <= data["readiness"] <= 100
    assert data["verdict"] in ("ready", "close", "developing", "stretch")
    assert data["gaps"] and all(
        list(g) == ["competency", "name", "group", "current", "required", "gap", "weight", "priority", "rated", "next_level"]
        for g in data["gaps"]
    )
    # the evidence to gather: the descriptor of the level above the person's
    first = data["gaps"][0]
    assert first["next_level"]["level"] == first["current"] + 1 and first["next_level"]["descriptor"].startswith("Has ")
    assert [g["rated"] for g in data["gaps"]] == sorted((g["rated"] for g in data["gaps"]), reverse=True)
    assert data["gaps"][-1] == {**data["gaps"][-1], "competency": "financial-management", "rated": False}
    assert all(g["priority"] == g["weight"] * g["gap"] for g in data["gaps"])
    assert all(list(s) == ["competency", "current", "required"] for s in data["strengths"])
    assert data["unrated"] == ["financial-management"]
    assert 1 <= len(data["recommendations"]) <= 5
    for rec in data["recommendations"]:
        assert list(rec)[:9] == ["id", "title", "action", "why", "kind", "horizon", "addresses", "levels", "sources"]
        assert list(rec)[9:] == (["credential"] if rec["kind"] == "certification" else [])
        assert rec["sources"] and all(list(s) == ["title", "author"] for s in rec["sources"])
        assert set(rec["addresses"]) <= {g["competency"] for g in data["gaps"]}
    assert data["path"][0] == "senior-project-manager" and data["path"][-1] == "pmo-director"


def test_assess_table_reads_at_80_columns_without_colour_when_piped(invoke):
    result = invoke("assess", "-p", JORDAN, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= 80
    for expected in (
        "Jordan Lee",
        "PMO Director",
        "Readiness",
        "rate 1 more to know",  # provisional: a range, not a confident verdict word
        "typically 10-20 years; you have 9",
        "Gaps",
        "Strengths",
        "Next steps",
        "Source:",
        "Route",
        "Senior Project Manager →",
    ):
        assert expected in result.stdout
    assert result.stderr == ""


def test_assess_top_and_target_override(invoke):
    data = json.loads(invoke("assess", "-p", JORDAN, "-t", "pmo-manager", "--top", "2", "-f", "json").stdout)
    assert data["target"]["id"] == "pmo-manager"
    assert len(data["recommendations"]) == 2


def test_assess_reads_stdin(invoke):
    text = (EXAMPLES / "jordan-lee.yaml").read_text(encoding="utf-8")
    result = invoke("assess", "-p", "-", "-f", "json", input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["name"] == "Jordan Lee"


def test_assess_output_file(invoke, tmp_path):
    target = tmp_path / "result.json"
    result = invoke("assess", "-p", JORDAN, "-f", "json", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text())["target"]["id"] == "pmo-director"


def test_unknown_target_is_one_line_with_did_you_mean(invoke):
    result = invoke("assess", "-p", JORDAN, "-t", "pmo-directr")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: --target: unknown role 'pmo-directr' (did you mean 'pmo-director'?)")


def test_missing_profile_file(invoke, tmp_path):
    result = invoke("assess", "-p", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_profile_error_names_file_line_and_field(invoke, write_profile):
    path = write_profile("target_role: pmo-director\nratings:\n  strategic-thinkng: 3\n")
    result = invoke("assess", "-p", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}:3: ratings.strategic-thinkng: unknown competency 'strategic-thinkng' "
        "(did you mean 'strategic-thinking'?)\n"
    )


def test_no_profile_and_no_terminal_is_a_usage_error(invoke):
    result = invoke("assess", input="")
    assert result.exit_code == 2
    assert "--profile" in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_bad_format_is_a_usage_error(invoke):
    result = invoke("assess", "-p", JORDAN, "-f", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_roles_json(invoke):
    result = invoke("roles", "-f", "json")
    assert result.exit_code == 0
    roles = json.loads(result.stdout)
    assert len(roles) == 10
    assert all(list(r) == ["id", "title", "track", "seniority"] for r in roles)
    assert roles[0]["id"] == "project-coordinator"


def test_roles_table(invoke):
    result = invoke("roles", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "Delivery ladder" in result.stdout and "PMO ladder" in result.stdout
    assert "enterprise-pmo-director" in result.stdout


def test_role_json_matches_the_contract(invoke):
    result = invoke("role", "pmo-manager", "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["id", "title", "track", "seniority", "summary", "years", "requirements", "next", "sources"]
    assert data["id"] == "pmo-manager" and data["track"] == "pmo"
    assert all(list(r) == ["competency", "level", "weight"] for r in data["requirements"])
    assert "portfolio-office-manager" in data["next"]


def test_role_table_and_unknown_role(invoke):
    shown = invoke("role", "pmo-director")
    assert shown.exit_code == 0 and "Requirements" in shown.stdout and "Sources" in shown.stdout
    missing = invoke("role", "pmo-boss")
    assert missing.exit_code == 1
    assert missing.stdout == ""
    assert missing.stderr.startswith("Error: ROLE: unknown role 'pmo-boss'")


def test_no_color_env_and_markdown(invoke):
    result = invoke("assess", "-p", JORDAN, "-f", "markdown", env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert result.stdout.startswith("# Development plan: Jordan Lee")
    assert "\x1b[" not in result.stdout


def test_output_never_overwrites_an_input_profile(invoke, tmp_path):
    profile = tmp_path / "me.yaml"
    text = (EXAMPLES / "jordan-lee.yaml").read_text(encoding="utf-8")
    profile.write_text(text, encoding="utf-8")
    for args in (
        ("assess", "-p", str(profile), "-o", str(profile)),
        ("plan", "-p", str(profile), "-o", str(profile)),
        ("plan", "-p", str(profile), "--chart", str(profile) + ".svg", "-o", str(tmp_path / "plan.md")),
        ("progress", str(profile), str(EXAMPLES / "jordan-lee.yaml"), "-o", str(profile)),
    ):
        result = invoke(*args)
        assert result.exit_code == (2 if "--chart" not in args else 0), (args, result.stderr)
        assert profile.read_text(encoding="utf-8") == text
    refused = invoke("assess", "-p", str(profile), "-o", str(profile))
    assert refused.stderr == f"Error: --output: '{profile}' is an input of this command; write the result elsewhere\n"


def test_chart_must_be_svg(invoke, tmp_path):
    result = invoke("plan", "-p", JORDAN, "--chart", str(tmp_path / "radar.png"))
    assert result.exit_code == 2
    assert "ending in .svg" in result.stderr
    assert not (tmp_path / "radar.png").exists()


def test_tab_indent_says_so(invoke, write_profile):
    path = write_profile("name: x\nratings:\n\tproject-delivery: 3\n")
    result = invoke("assess", "-p", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:3: YAML syntax error at column 1:")
    assert "YAML indents with spaces only" in result.stderr and result.stderr.count("\n") == 1


def test_assess_reads_at_phone_width(invoke):
    result = invoke("assess", "-p", JORDAN, env={"COLUMNS": "42"})
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 42
    gaps = result.stdout.split("Gaps")[1].split("█ your level")[0]
    assert "2→4" in gaps and "Now" not in gaps  # the level bar carries now and need


PERSONAS = str(EXAMPLES.parent / "tests" / "personas")


@pytest.mark.parametrize(
    ("args", "must_show"),
    [
        (("team", PERSONAS, "-t", "pmo-director"), ("Share", "developing", "Executive")),
        (("feedback", JORDAN, str(EXAMPLES / "reviews")), ("◀ Stakeholder", "+2.0", "Others")),
        (("role", "senior-project-manager", "--vs", "pmo-director"), ("Δ", "↑+2", "important or useful")),
        (("progress", f"{PERSONAS}/beginner.yaml", f"{PERSONAS}/analyst-to-pmo-manager.yaml"), ("Before", "Need")),
    ],
)
def test_views_of_many_rows_read_at_phone_width(invoke, framework, args, must_show):
    """At 40 columns nothing is cut off at the edge and no competency name breaks inside a word."""
    result = invoke(*args, env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 40
    for text in must_show:
        assert text in result.stdout
    words = {word for c in framework.competencies.values() for word in c.name.split() if len(word) > 6}
    for word in words:
        if word[:6] in result.stdout:
            assert word in result.stdout, f"'{word}' is broken across lines"


def test_the_readme_json_example_is_what_assess_prints(invoke):
    """The README's abridged example keeps every key, and its figures and first picks are the real ones."""
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("-f json --top 1` (abridged")[1].split("```json\n")[1].split("```")[0]
    shown = json.loads(block)
    real = json.loads(invoke("assess", "-p", JORDAN, "-f", "json", "--top", "1").stdout)
    assert list(shown) == list(real)
    for key in ("readiness", "verdict", "provisional", "unrated", "path", "profile", "target"):
        assert shown[key] == real[key], key
    assert shown["gaps"][0] == real["gaps"][0] and shown["gaps"][-1] == real["gaps"][-1]
    assert shown["strengths"][0] == real["strengths"][0]
    (rec,), (real_rec,) = shown["recommendations"], real["recommendations"]
    assert list(rec) == list(real_rec)
    assert {k: v for k, v in rec.items() if k not in ("action", "why")} == {
        k: v for k, v in real_rec.items() if k not in ("action", "why")
    }


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("assess", "-p", JORDAN, "-f", "xml"), ("--format", "xml", "pmo-path assess --help")),
        (("assess", "-p", JORDAN, "--top", "0"), ("--top", "pmo-path assess --help")),
        (("progress",), ("OLD", "pmo-path progress --help")),
        (("asses",), ("asses", "assess", "pmo-path --help")),
        (("match", "--nope"), ("--nope", "pmo-path match --help")),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(invoke, args, names):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    for name in names:
        assert name in result.stderr


def test_bench_puts_each_person_on_a_line_of_their_own(invoke):
    for columns in ("80", "40"):
        result = invoke("bench", PERSONAS, env={"COLUMNS": columns})
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= int(columns)
        for name in ("Cole Ordinator", "Dana Livery", "Nia Ready"):
            assert any(f"{name} " in line for line in lines), (columns, name)  # never broken across two lines


def test_the_init_template_reads_in_80_columns(invoke):
    template = invoke("init").stdout
    assert template.startswith("# pmo-path profile")
    assert max(len(line) for line in template.splitlines()) <= 80


def test_the_provisional_hint_names_the_file_to_re_rate(invoke, tmp_path):
    spaced = tmp_path / "my profile.yaml"
    spaced.write_text((EXAMPLES / "jordan-lee.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    shown = " ".join(invoke("assess", "-p", str(spaced), env={"COLUMNS": "200"}).stdout.split())
    assert f"pmo-path assess -p '{spaced}' -i" in shown  # quoted, so it can be pasted into a shell
    piped = invoke("assess", "-p", "-", input=spaced.read_text(encoding="utf-8"), env={"COLUMNS": "200"}).stdout
    assert "first (pmo-path assess) for" in " ".join(piped.split())  # no file to name: the questionnaire


def test_help_summaries_are_whole_at_80_columns_and_h_is_help(invoke):
    shown = invoke("--help", env={"COLUMNS": "80"}).stdout
    commands = shown.split("Commands:")[1].split("Examples:")[0]
    assert "..." not in commands and len([line for line in commands.splitlines() if line.strip()]) == 14
    assert invoke("-h").stdout == invoke("--help").stdout
    for name in ("assess", "team", "init"):
        short = invoke(name, "-h")
        assert short.exit_code == 0 and short.stdout == invoke(name, "--help").stdout
    for name in ("assess", "plan", "match"):
        assert "--top N " in invoke(name, "--help", env={"COLUMNS": "100"}).stdout


def test_building_only_the_command_run_changes_no_output(tmp_path):
    """The console script builds only the command it runs (interface.cli); help and usage errors read the same."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "100"}
    full = "from pmo_path.interface.cli import app; app(prog_name='pmo-path')"  # every command built
    for args in (["assess", "--help"], ["team", "-h"], ["role", "--bogus"], ["asses"], ["--help"]):
        slim = subprocess.run([sys.executable, "-m", "pmo_path", *args], capture_output=True, text=True, env=env, timeout=30)
        whole = subprocess.run([sys.executable, "-c", full, *args], capture_output=True, text=True, env=env, timeout=30)
        assert (slim.returncode, slim.stdout, slim.stderr) == (whole.returncode, whole.stdout, whole.stderr), args
