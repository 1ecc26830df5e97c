"""Notes and errors at a terminal: wrapped at its width at spaces, commands kept whole and runnable.

Each scenario runs in a pseudo-terminal 60 columns wide and again with stderr a pipe: at the terminal
no line is wider than the screen (so the terminal breaks nothing), the words are those of the piped
line in the same order (none broken), and every printed command, copied from the screen (a shell
joins ` \\` continuations), is the one the pipe printed and runs.
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
from hypothesis import given
from hypothesis import strategies as st

from pmo_path.interface.terminal import wrapped
from pmo_path.reading.framework import bundled_data_dir

PMO_PATH = str(Path(sys.executable).with_name("pmo-path"))
COMMAND = re.compile(r"pmo-path (?:assess|plan|validate|team)\b(?: (?:'[^']*'|[^\s`()'])+)*")
WIDTH = 60


def env_of(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PMO_PATH_DATA", "COLUMNS", "LINES")}
    path = f"{Path(PMO_PATH).parent}{os.pathsep}{env.get('PATH', '')}"  # `pmo-path` as a person types it
    return {**env, "PATH": path, "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "cache"), "PMO_PATH_TODAY": "2026-12-01"}


def at_terminal(args: list[str], cwd: Path, env: dict[str, str], answers: int | None = None) -> str:
    """What a 60-column terminal shows; with `answers`, that many questions answered, then Ctrl-C."""
    child = pexpect.spawn(PMO_PATH, args, cwd=str(cwd), env=env, encoding="utf-8", timeout=30, dimensions=(24, WIDTH))
    child.delaybeforesend = None
    if answers is not None:
        child.expect("Your name")
        child.sendline("")
        for _ in range(answers):
            child.expect("for the levels")
            child.sendline("2")
        child.expect("for the levels")
        child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    return child.before.replace("\r\n", "\n")


def copied(screen: str) -> str:
    """The screen's text as a shell reads a paste: continuations joined (and a wrapped sentence read on)."""
    return re.sub(r"\n  (?=\S)", " ", re.sub(r" \\\n *", " ", screen))


def check(screen: str, piped_line: str) -> list[str]:
    """The piped line is on the screen, wrapped within the width, not a word broken; its commands, as copied."""
    lines = screen.split("\n")
    found = [
        (start, n)
        for start in range(len(lines))
        for n in range(1, len(lines) - start + 1)
        if " ".join(copied("\n".join(lines[start : start + n])).split()) == piped_line
    ]
    assert found, (piped_line, screen)
    start, count = found[0]
    shown = lines[start:]
    assert count > 1, "long enough to wrap"
    assert all(len(line) <= WIDTH for line in shown[:count]), shown[:count]
    commands = [found.group() for found in COMMAND.finditer(copied("\n".join(shown[:count])))]
    assert commands == [found.group() for found in COMMAND.finditer(piped_line)]
    return commands


@pytest.fixture
def place(tmp_path):
    own = tmp_path / "our framework copy"  # a quoted word in every command
    shutil.copytree(bundled_data_dir(), own)
    return tmp_path, env_of(tmp_path), ["--data-dir", own.name]


def test_init_plan_and_a_bad_team_at_60_columns(place):
    cwd, env, extra = place
    name = "a profile with a rather long file name.yaml"
    screen = at_terminal(["init", name, *extra], cwd, env)
    (cwd / name).unlink()
    piped = subprocess.run([PMO_PATH, "init", name, *extra], cwd=cwd, env=env, capture_output=True, text=True).stderr
    for line in piped.splitlines():
        if len(line) > WIDTH:
            check(screen, line)
    (next_command,) = check(screen, piped.splitlines()[-1])
    profile = cwd / name
    profile.write_text(profile.read_text("utf-8").replace("target_role:", "target_role: pmo-manager", 1), "utf-8")
    assert subprocess.run(shlex.split(next_command), cwd=cwd, env=env, capture_output=True).returncode == 0

    shutil.copy(EXAMPLES / "jordan-lee.yaml", cwd / "jordan.yaml")
    screen = at_terminal(["plan", "-p", "jordan.yaml", "-t", "pmo-manager", *extra], cwd, env)
    line = next(line for line in copied(screen).splitlines() if line.startswith("Save it with:"))
    (save,) = check(screen, " ".join(line.split()))
    assert subprocess.run(shlex.split(save), cwd=cwd, env=env, capture_output=True).returncode == 0
    assert (cwd / "plan.md").read_text("utf-8").startswith("#")

    (cwd / "bad.yaml").write_text("current_role: nope\ntarget_role: zzz\nratings: {strategic-thinking: 9}\n", "utf-8")
    screen = at_terminal(["team", "jordan.yaml", "bad.yaml", *extra], cwd, env)
    piped = subprocess.run(
        [PMO_PATH, "team", "jordan.yaml", "bad.yaml", *extra], cwd=cwd, env=env, capture_output=True, text=True
    )
    (line,) = [line for line in piped.stderr.splitlines() if line.startswith("Error:")]
    (validate,) = check(screen, line)
    assert subprocess.run(shlex.split(validate), cwd=cwd, env=env, capture_output=True).returncode == 1  # lists them


def test_the_questionnaires_resume_at_60_columns(place):
    cwd, env, extra = place
    screen = at_terminal(["assess", "--current", "project-manager", "-t", "pmo-analyst", *extra], cwd, env, answers=2)
    line = next(line for line in copied(screen).splitlines() if "Resume:" in line)
    (resume,) = check(screen, " ".join(line[line.index("Stopped") :].split()))
    assert resume.endswith("--data-dir 'our framework copy'")
    child = pexpect.spawn("/bin/sh", ["-c", resume], cwd=str(cwd), env=env, encoding="utf-8", timeout=30, dimensions=(24, 200))
    child.expect("for the levels")  # resumed where it stopped
    child.sendintr()
    child.expect(pexpect.EOF)


def test_a_pipe_keeps_one_line_a_message(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = invoke("init", "a profile with a rather long file name, long enough to wrap at any width.yaml")
    assert done.stderr.splitlines()[-1].startswith("Next: ") and len(done.stderr.splitlines()) == 3


words = st.text(alphabet="abcdefghij-/.'", min_size=1, max_size=30)


@given(st.lists(words, min_size=1, max_size=30), st.integers(20, 120), st.booleans())
def test_wrapping_breaks_only_between_words(message_words, width, with_command):
    command = "pmo-path assess -p 'my file.yaml' -i --data-dir " + "x" * 30
    text = " ".join(message_words) + (f" Resume: {command}" if with_command else "")
    lines = wrapped(text, width)
    assert all(line.startswith("  ") for line in lines[1:])
    assert all(len(line) <= width or " " not in line.strip() or "pmo-path" in line for line in lines)
    assert " ".join(copied("\n".join(lines)).split()) == " ".join(text.split())
    if with_command:
        assert command in copied("\n".join(lines))
