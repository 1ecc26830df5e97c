"""A role by its title, in any case, wherever a role id is accepted; near misses of titles suggested."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from pmo_path import errors
from pmo_path.domain.model import SUGGESTION_CANDIDATES
from pmo_path.errors import UnknownId
from pmo_path.reading.profile import dump_profile, load_profile

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("typed", ["PMO Director", "pmo director", "  PMO   DIRECTOR ", "pmo-director", " PMO-Director "])
def test_role_by_id_or_title_in_any_case(invoke, typed):
    result = invoke("role", typed, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "pmo-director"


def test_every_command_taking_a_role_takes_its_title(invoke, tmp_path):
    jordan = str(EXAMPLES / "jordan-lee.yaml")
    compared = json.loads(invoke("role", "project manager", "--vs", "PMO Manager", "-f", "json").stdout)
    assert (compared["from"]["id"], compared["to"]["id"]) == ("project-manager", "pmo-manager")
    by_title = invoke("path", "Project Manager", "pmo director", "-f", "json")
    by_id = invoke("path", "project-manager", "pmo-director", "-f", "json")
    assert by_title.exit_code == 0 and by_title.stdout == by_id.stdout
    assessed = json.loads(invoke("assess", "-p", jordan, "-t", "Portfolio Manager", "-f", "json").stdout)
    assert assessed["target"]["id"] == "portfolio-manager"
    team = json.loads(invoke("team", str(EXAMPLES), "--target", "pmo manager", "-f", "json").stdout)
    assert team["target"] == "pmo-manager"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("PMO Directr", "PMO Director"), ("pmo diretor", "PMO Director"), ("pmo-directr", "pmo-director")],
)
def test_near_miss_of_a_title_or_id_is_suggested(invoke, typed, suggested):
    result = invoke("role", typed)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: ROLE: unknown role '{typed}' (did you mean '{suggested}'?); `pmo-path roles` lists them"
    ]
    assert invoke("role", suggested, "-f", "json").exit_code == 0  # the suggestion works as printed


def test_profile_names_roles_by_title_and_is_written_back_with_ids(framework, write_profile):
    text = (EXAMPLES / "jordan-lee.yaml").read_text(encoding="utf-8")
    lines = [
        "current_role: senior project manager"
        if line.startswith("current_role:")
        else "target_role: '  PMO Director '"
        if line.startswith("target_role:")
        else line
        for line in text.splitlines()
    ]
    person = load_profile(write_profile("\n".join(lines) + "\n"), framework)
    assert (person.current_role, person.target_role) == ("senior-project-manager", "pmo-director")
    written = dump_profile(person, framework)
    assert "current_role: senior-project-manager" in written and "target_role: pmo-director" in written


def test_a_title_two_roles_share_names_neither(framework):
    roles = dict(framework.roles)
    roles["pmo-lead"] = replace(roles["pmo-manager"], id="pmo-lead", title="PMO Director")
    shared = replace(framework, roles=roles)
    with pytest.raises(UnknownId):
        shared.role("PMO Director")
    assert shared.role("pmo-director").id == "pmo-director"  # the ids still work


def test_did_you_mean_compares_a_bounded_number_of_candidates(framework, monkeypatch):
    roles = {f"role-{n}": replace(framework.roles["pmo-manager"], id=f"role-{n}", title=f"Role {n}") for n in range(20_000)}
    crowded = replace(framework, roles=roles)
    seen = []
    real = errors.did_you_mean
    monkeypatch.setattr(errors, "did_you_mean", lambda word, choices: seen.append(len(choices)) or real(word, choices))
    started = time.perf_counter()
    with pytest.raises(UnknownId):
        crowded.role("no such role")
    assert seen and seen[0] <= 2 * SUGGESTION_CANDIDATES
    assert time.perf_counter() - started < 2.0


def test_questionnaire_takes_titles_for_current_and_target(framework, tmp_path):
    """`assess --current TITLE -t TITLE` in a terminal: the saved profile names the roles by id."""
    import os
    import sys

    import pexpect

    from pmo_path.domain.interview import questions_for
    from pmo_path.reading.profile import load_profile

    env = {k: v for k, v in os.environ.items() if k != "PMO_PATH_DATA"}
    env.update(NO_COLOR="1", COLUMNS="100", LINES="40", TERM="xterm")
    args = ["-m", "pmo_path", "assess", "--current", "project coordinator", "-t", " PMO Analyst", "--save", "me.yaml"]
    child = pexpect.spawn(sys.executable, args, cwd=str(tmp_path), env=env, encoding="utf-8", timeout=10, dimensions=(40, 100))
    child.delaybeforesend = None
    child.expect("Your name")
    child.sendline("Ana")
    for _ in questions_for(framework, "pmo-analyst", everything=False):
        child.expect(r"for the levels( \[\d\])?: ")
        child.sendline("2")
    child.expect("Saved your profile")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = load_profile(str(tmp_path / "me.yaml"), framework)
    assert (saved.current_role, saved.target_role) == ("project-coordinator", "pmo-analyst")
