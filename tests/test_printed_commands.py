"""Every command pmo-path prints for a person to run runs as printed.

Each scenario makes pmo-path print a hint, a "Next:", a "Resume:" or a plan's
review step; the commands are collected from what it printed and run exactly
as printed (shlex.split, the installed `pmo-path`), with the bundled data,
with a copy of data/ given as `--data-dir`, and with that copy in
PMO_PATH_DATA. A command that asks questions runs in a pseudo-terminal and
is answered. Each must succeed (exit 0).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import EXAMPLES

from pmo_path.reading.framework import bundled_data_dir

PMO_PATH = str(Path(sys.executable).with_name("pmo-path"))
NAMES = "assess|plan|roles|role|path|match|team|progress|bench|feedback|validate|init|schema|form"
COMMAND = re.compile(rf"pmo-path (?:{NAMES})\b(?: (?:'[^']*'|[^\s`()'])+)*")  # shlex.join's words, up to a `, ( or )


def printed(text: str) -> list[str]:
    """The commands in `text`, one line of it at a time."""
    return [match.group() for line in text.splitlines() for match in COMMAND.finditer(line)]


@pytest.fixture(params=["bundled", "data-dir", "env"])
def setting(request, tmp_path):
    """Where the framework comes from; returns (extra arguments, environment) for the first command."""
    env = {k: v for k, v in os.environ.items() if k != "PMO_PATH_DATA"}
    env.update(COLUMNS="1000", NO_COLOR="1", XDG_CACHE_HOME=str(tmp_path / "cache"))
    if request.param == "bundled":
        return [], env
    own = tmp_path / "our framework"  # a space, so the folder must be quoted to run
    shutil.copytree(bundled_data_dir(), own)
    if request.param == "data-dir":
        return ["--data-dir", str(own)], env
    return [], {**env, "PMO_PATH_DATA": str(own)}


def run(args: list[str], cwd: Path, env: dict[str, str], input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PMO_PATH, *args], cwd=cwd, env=env, capture_output=True, text=True, input=input, timeout=60)


def run_as_printed(command: str, cwd: Path, env: dict[str, str]) -> None:
    """Run one printed command; a questionnaire is answered (level 1 each, no name, not saved)."""
    words = shlex.split(command)
    assert words[0] == "pmo-path"
    if "-i" not in words and not (words[1:2] == ["assess"] and "-p" not in words):
        done = run(words[1:], cwd, env)
        assert done.returncode == 0, (command, done.stderr)
        return
    child = pexpect.spawn(PMO_PATH, words[1:], cwd=str(cwd), env=env, encoding="utf-8", timeout=20, dimensions=(40, 200))
    child.delaybeforesend = None
    replies = {0: "1", 1: "", 2: "1", 3: "1", 4: "n"}
    prompts = [r"for the levels( \[[\ds]\])?: ", "Your name", r"current role \(number", r"target role \(number", "Save your"]
    while (found := child.expect([*prompts, pexpect.EOF])) < len(prompts):
        child.sendline(replies[found])
    child.close()
    assert child.exitstatus == 0, (command, child.before)


def test_hints_of_the_assessment_the_roles_and_errors(setting, tmp_path):
    extra, env = setting
    partial = tmp_path / "my profile.yaml"
    text = (EXAMPLES / "jordan-lee.yaml").read_text(encoding="utf-8")
    partial.write_text(re.sub(r"\n  strategic-thinking:.*", "", text), encoding="utf-8")  # unrated: provisional
    broken = tmp_path / "broken.yaml"
    broken.write_text("ratngs: {}\nyears_experience: -1\n", encoding="utf-8")
    outputs = {
        "provisional (table)": run(["assess", "-p", partial.name, *extra], tmp_path, env).stdout,
        "provisional (markdown)": run(["assess", "-p", partial.name, "-f", "markdown", *extra], tmp_path, env).stdout,
        "roles": run(["roles", *extra], tmp_path, env).stdout,
        "unknown role": run(["role", "pmo-directr", *extra], tmp_path, env).stderr,
        "no route": run(["path", "pmo-director", "project-coordinator", *extra], tmp_path, env).stderr,
        "several problems": run(["assess", "-p", broken.name, *extra], tmp_path, env).stderr,
    }
    found: dict[str, str] = {}
    for what, text in outputs.items():
        commands = printed(text)
        assert commands, (what, text)
        for command in commands:
            if "--data-dir" in extra or "PMO_PATH_DATA" in env:
                assert "--data-dir" in command, (what, command)  # the own framework, kept
            found.setdefault(command, what)
    assert set(printed(outputs["provisional (table)"])) <= set(printed(outputs["provisional (markdown)"]))
    (validate,) = printed(outputs["several problems"])
    listed = run(shlex.split(validate)[1:], tmp_path, env)  # does what it says: lists them all
    assert listed.returncode == 1 and len(listed.stdout.splitlines()) == 2 and "ratngs" in listed.stdout
    broken.write_text("ratings: {}\ntarget_role: pmo-manager\n", encoding="utf-8")  # fixed: now it passes
    for command in found:
        run_as_printed(command, tmp_path, env)


def test_init_next_and_the_template_header(setting, tmp_path):
    extra, env = setting
    done = run(["init", "new me.yaml", *extra], tmp_path, env)
    profile = tmp_path / "new me.yaml"
    text = profile.read_text(encoding="utf-8")
    commands = printed(done.stderr) + printed(text.split("\nname:")[0])
    assert len(commands) == 3 and all("'new me.yaml'" in command for command in commands)
    profile.write_text(text.replace("target_role:", "target_role: pmo-manager", 1), encoding="utf-8")  # filled in
    for command in commands:
        run_as_printed(command, tmp_path, env)


@pytest.mark.parametrize("setting", ["bundled", "data-dir"], indirect=True)  # PMO_PATH_DATA: in the test above
def test_the_plans_review_step(setting, tmp_path):
    extra, env = setting
    shutil.copy(EXAMPLES / "jordan-lee.yaml", tmp_path / "jordan.yaml")
    plan = run(["plan", "-p", "jordan.yaml", "-t", "pmo-manager", *extra], tmp_path, {**env, "PMO_PATH_TODAY": "2026-12-01"})
    review = next(line for line in plan.stdout.splitlines() if line.startswith("Review this plan"))
    rate, compare = printed(review)
    assert "--save jordan-2027-03-01.yaml" in rate and compare.startswith("pmo-path progress jordan.yaml")
    run_as_printed(rate, tmp_path, env)  # the questionnaire saves to --save itself
    run_as_printed(compare, tmp_path, env)


def spawn_questionnaire(cwd: Path, env: dict[str, str], *args: str) -> pexpect.spawn:
    child = pexpect.spawn(PMO_PATH, ["assess", *args], cwd=str(cwd), env=env, encoding="utf-8", timeout=20, dimensions=(40, 400))
    child.delaybeforesend = None
    child.expect("Your name")
    child.sendline("")
    return child


@pytest.mark.parametrize("setting", ["bundled", "data-dir"], indirect=True)
def test_the_questionnaires_hint_and_resume(setting, tmp_path):
    extra, env = setting
    child = spawn_questionnaire(tmp_path, env, "--current", "project-manager", "-t", "pmo-analyst", *extra)
    child.expect(r"for the levels: ")
    child.sendline("s")  # skipped: the result is provisional, and says how to rate it
    while child.expect([r"for the levels: ", "Save your"]) == 0:
        child.sendline("2")
    child.sendline("saved me.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    hint = [command for command in printed(child.before) if " -i" in command]
    assert hint == [shlex.join(["pmo-path", "assess", "-p", "saved me.yaml", "-i", *extra])]
    run_as_printed(hint[0], tmp_path, env)

    child = spawn_questionnaire(tmp_path, env, "--current", "project-manager", "-t", "pmo-analyst", *extra)
    child.expect(r"for the levels: ")
    child.sendline("3")
    child.expect(r"for the levels: ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    (resume,) = [command for command in printed(child.before) if "Resume" not in command and "-i" in command]
    run_as_printed(resume, tmp_path, env)


def test_the_forms_check_command_keeps_the_data_folder(setting, tmp_path):
    """The command a form's saved file carries names the file (filled in by the page) and the framework's folder."""
    from pmo_path.interface.app import load_framework
    from pmo_path.render.form import form_data

    extra, env = setting
    folder = extra[1] if extra else env.get("PMO_PATH_DATA")
    check = form_data(load_framework(folder))["check"]
    assert ("--data-dir" in check) == bool(folder)
    shutil.copy(EXAMPLES / "jordan-lee.yaml", tmp_path / "zoe-obrien.yaml")
    run_as_printed(check.replace("FILE-NAME", "zoe-obrien.yaml"), tmp_path, env)  # as the page writes it


@pytest.mark.parametrize("name", ["team", "bench", "feedback"])
def test_the_validate_hint_of_a_bad_profile_among_others(setting, tmp_path, name):
    """Commands that read several profiles name the bad one in the hint, and keep the framework's folder."""
    extra, env = setting
    shutil.copy(EXAMPLES / "jordan-lee.yaml", tmp_path / "jordan.yaml")
    broken = tmp_path / "team" / "sam kim.yaml"
    broken.parent.mkdir()
    broken.write_text("name: Sam\ncurrent_role: nope\ntarget_role: pmo-manager\nratings: {strategic-thinking: 9}\n", "utf-8")
    args = {"team": ["team", "jordan.yaml", "team"], "bench": ["bench", "jordan.yaml", "team"]}
    args["feedback"] = ["feedback", "jordan.yaml", "team/sam kim.yaml"]
    if name == "feedback":  # a review, with the same two problems
        broken.write_text("about: Jordan Lee\nrelation: peer\nratings: {strategic-thinking: 9, project-delivery: 7}\n", "utf-8")
    done = run([*args[name], *extra], tmp_path, env)
    line = next(line for line in done.stderr.splitlines() if "lists them all" in line)
    (validate,) = printed(line)
    assert shlex.split(validate)[2] == "team/sam kim.yaml"
    assert ("--data-dir" in validate) == bool(extra or "PMO_PATH_DATA" in env)
    listed = run(shlex.split(validate)[1:], tmp_path, env)  # does what it says: lists them all
    assert listed.returncode == 1 and "strategic-thinking" in listed.stdout
