"""Nothing a person owns is overwritten, lost or hijacked (contract section 7).

A table of adversarial cases through the CLI, the questionnaire's drafts,
and hypothesis-generated hostile names and notes through every output format.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import xml.dom.minidom
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_path.domain.assessment import assess
from pmo_path.domain.interview import questions_for
from pmo_path.domain.model import Profile, Rating
from pmo_path.errors import InputError, Interrupted
from pmo_path.interface.questionnaire import Interview, Settings, run_questionnaire
from pmo_path.interface.terminal import render_to_text
from pmo_path.reading.framework import bundled_data_dir, load_framework
from pmo_path.reading.profile import load_profile
from pmo_path.render import as_json, markdown, safe, table
from pmo_path.render.radar import role_radar

JORDAN = EXAMPLES / "jordan-lee.yaml"
HOSTILE_NAME = "\x1b[2J\x1b]0;pwned\x07"
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n"} | {"\x7f", "\x9b"}


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A working folder with a full profile (me.yaml), a team folder and a copy of the framework."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(JORDAN, tmp_path / "me.yaml")
    (tmp_path / "team").mkdir()
    shutil.copy(JORDAN, tmp_path / "team" / "sam.yaml")
    (tmp_path / "fw").mkdir()
    shutil.copy(bundled_data_dir() / "roles.yaml", tmp_path / "fw" / "roles.yaml")
    os.symlink("me.yaml", tmp_path / "link.yaml")
    os.link(tmp_path / "me.yaml", tmp_path / "hard.yaml")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- outputs never replace inputs -------------------------------------------------------------------------------

OVER_INPUTS = [
    pytest.param(["match", "-p", "me.yaml", "-o", "me.yaml"], id="match-over-profile"),
    pytest.param(["path", "senior-project-manager", "pmo-director", "-p", "me.yaml", "-o", "me.yaml"], id="path"),
    pytest.param(["team", "me.yaml", "-t", "pmo-director", "-o", "me.yaml"], id="team-over-member"),
    pytest.param(["team", "team/", "-t", "pmo-director", "-f", "json", "-o", "team/sam.yaml"], id="team-folder-member"),
    pytest.param(["team", "team", "-t", "pmo-director", "-f", "json", "-o", "team/new.yaml"], id="team-folder-next-member"),
    pytest.param(["roles", "--data-dir", "fw", "-o", "fw/roles.yaml"], id="roles-over-framework"),
    pytest.param(["roles", "--data-dir", "fw", "-o", "fw/recommendations.yaml"], id="roles-over-next-framework-file"),
    pytest.param(["plan", "-p", "link.yaml", "-o", "me.yaml"], id="plan-symlinked-input"),
    pytest.param(["plan", "-p", "me.yaml", "-o", "hard.yaml"], id="plan-hard-link"),
    pytest.param(["assess", "-p", "me.yaml", "-o", "link.yaml"], id="assess-over-symlink"),
    pytest.param(["progress", "me.yaml", "team/sam.yaml", "-o", "team/sam.yaml"], id="progress-over-new"),
    pytest.param(["init", "fw/roles.yaml", "--data-dir", "fw", "--force"], id="init-over-framework"),
    pytest.param(["init", str(bundled_data_dir() / "roles.yaml"), "--force"], id="init-over-bundled-framework"),
]


@pytest.mark.parametrize("args", OVER_INPUTS)
def test_an_output_never_replaces_an_input(invoke, home, args):
    before = snapshot(home)
    bundled = (bundled_data_dir() / "roles.yaml").read_bytes()
    result = invoke(*args)
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == "" and result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert "input" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(home) == before
    assert (bundled_data_dir() / "roles.yaml").read_bytes() == bundled
    assert os.path.islink(home / "link.yaml")


def test_outputs_beside_the_inputs_are_fine(invoke, home):
    result = invoke("plan", "-p", "link.yaml", "-o", "plan.md", "--chart", "me.svg", "--data-dir", "fw")
    assert result.exit_code == 0, result.stderr
    assert (home / "plan.md").is_file() and (home / "me.svg").is_file()


def test_two_outputs_of_one_command_cannot_be_one_file(invoke, home):
    result = invoke("plan", "-p", "me.yaml", "-o", "same.svg", "--chart", "same.svg")
    assert result.exit_code == 2 and "also the --output file" in result.stderr
    assert not (home / "same.svg").exists()


def test_a_device_is_written_through_never_replaced(invoke, home):
    node = home / "null"
    try:
        os.mknod(node, 0o644 | stat.S_IFCHR, os.makedev(1, 3))  # the /dev/null device, in a temp folder
    except PermissionError:
        pytest.skip("creating a device node needs root")
    result = invoke("plan", "-p", "me.yaml", "-o", str(node))
    assert result.exit_code == 0, result.stderr
    info = os.stat(node)
    assert stat.S_ISCHR(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o644


def test_a_fifo_is_written_through(invoke, home):
    fifo = home / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = invoke("roles", "-f", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0])[0]["id"] == "project-coordinator"


def test_a_symlinked_output_keeps_the_link_and_writes_its_target(invoke, home):
    (home / "plans").mkdir()
    os.symlink("plans/real.md", home / "plan.md")
    assert invoke("plan", "-p", "me.yaml", "-o", "plan.md").exit_code == 0
    assert os.path.islink(home / "plan.md")
    assert (home / "plans" / "real.md").read_text(encoding="utf-8").startswith("# Development plan")


@pytest.mark.parametrize("target", ["newdir/", "team"])
def test_a_folder_is_never_an_output_file(invoke, home, target):
    result = invoke("roles", "-o", target)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "folder" in result.stderr
    assert not (home / "newdir").exists() and (home / "team").is_dir()


def test_a_read_only_output_needs_force(invoke, home):
    locked = home / "locked.md"
    locked.write_text("keep\n")
    locked.chmod(0o444)
    refused = invoke("roles", "-o", str(locked))
    assert refused.exit_code == 1 and "read-only" in refused.stderr and "--force" in refused.stderr
    assert locked.read_text() == "keep\n"
    forced = invoke("roles", "-o", str(locked), "--force")
    assert forced.exit_code == 0 and "Project Coordinator" in locked.read_text()
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444  # still read-only, as its owner set it


def test_a_missing_output_folder_fails_before_any_work(invoke, home):
    result = invoke("plan", "-p", "me.yaml", "-o", "missing/plan.md", "--chart", "radar.svg")
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert not (home / "radar.svg").exists()  # the chart was not written first


def test_an_unwritable_output_folder_is_one_line(invoke, home, monkeypatch):
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)  # as root, chmod alone would not stop us
    result = invoke("plan", "-p", "me.yaml", "-o", "plan.md")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "not writable" in result.stderr


def test_a_permission_error_while_writing_is_one_line(invoke, home, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    for args in (["init", "new.yaml"], ["plan", "-p", "me.yaml", "--chart", "r.svg"], ["roles", "-o", "r.txt"]):
        result = invoke(*args)
        assert result.exit_code == 1, args
        assert result.stderr.splitlines()[-1].endswith("cannot write: Permission denied"), result.stderr
        assert "Traceback" not in result.stderr


def test_an_unsearchable_data_folder_is_one_line(invoke, home, monkeypatch):
    original = Path.exists

    def refuse(self, *args, **kwargs):
        if self.parent.name == "fw":
            raise PermissionError(13, "Permission denied")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "exists", refuse)
    for result in (invoke("roles", "--data-dir", "fw"), invoke("roles", env={"PMO_PATH_DATA": "fw"})):
        assert result.exit_code == 1 and result.stderr == "Error: fw: cannot read the data folder: Permission denied\n"


# --- the questionnaire never loses or shrinks an answer ---------------------------------------------------------


class Script:
    """A terminal replying from a list, then raising Ctrl-C."""

    width = 90

    def __init__(self, *replies: str) -> None:
        self.replies, self.prompts, self.shown = list(replies), [], []

    def show(self, text: str = "", style: str = "") -> None:
        self.shown.append(text)

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.replies:
            raise KeyboardInterrupt
        return self.replies.pop(0)


def test_a_draft_never_replaces_a_fuller_save_file(framework, home):
    full = (home / "me.yaml").read_text(encoding="utf-8")
    settings_ = Settings(current="project-manager", target="pmo-manager", save=str(home / "me.yaml"))
    with pytest.raises(Interrupted) as stopped:
        run_questionnaire(framework, settings_, Script("Sam", "4"), date(2027, 3, 1))
    assert (home / "me.yaml").read_text(encoding="utf-8") == full
    [draft] = home.glob("pmo-path-draft-*.yaml")
    assert draft.name in str(stopped.value)
    kept = load_profile(str(draft), framework)
    assert len(kept.ratings) == 1 and kept.name == "Sam"


def test_a_draft_fills_a_save_file_it_holds_everything_of(framework, home):
    first, second = [c.id for c in questions_for(framework, "pmo-manager", everything=False)][:2]
    (home / "partial.yaml").write_text(f"ratings:\n  {first}: 4\n", encoding="utf-8")
    settings_ = Settings(current="project-manager", target="pmo-manager", save=str(home / "partial.yaml"))
    with pytest.raises(Interrupted, match="2 answers saved"):
        run_questionnaire(framework, settings_, Script("", "4", "3"), date(2027, 3, 1))
    assert load_profile(str(home / "partial.yaml"), framework).levels() == {first: 4, second: 3}
    assert not list(home.glob("pmo-path-draft-*"))


def test_an_unwritable_folder_sends_the_draft_home(framework, home, monkeypatch):
    from pmo_path.interface import atomic

    monkeypatch.setenv("HOME", str(home / "team"))
    real_create = atomic.create_exclusively

    def only_home(path, text):
        if not str(path).startswith(str(home / "team")):
            raise InputError(f"{path}: cannot write: Permission denied")
        real_create(path, text)

    monkeypatch.setattr(atomic, "create_exclusively", only_home)
    with pytest.raises(Interrupted) as stopped:
        run_questionnaire(
            framework, Settings(current="project-manager", target="pmo-manager"), Script("", "4", "2"), date(2027, 3, 1)
        )
    [draft] = (home / "team").glob("pmo-path-draft-*.yaml")
    assert str(draft) in str(stopped.value) and "2 answers saved" in str(stopped.value)
    assert len(str(stopped.value).split("Resume:")[0]) < 80


def test_a_resumed_draft_starts_at_the_first_question_not_asked_and_keeps_all_and_skips(framework, home):
    first = Settings(current="project-manager", target="pmo-manager", everything=True)
    with pytest.raises(Interrupted):
        run_questionnaire(framework, first, Script("Sam", "3", "s", "2"), date(2027, 3, 1))
    [draft] = home.glob("pmo-path-draft-*.yaml")
    from pmo_path.interface.drafts import draft_state_of

    state = draft_state_of(str(draft))
    assert state.everything and len(state.asked) == 3 and len(state.skipped) == 1
    resumed = Script(*["1"] * 12, "n")
    finished = run_questionnaire(
        framework, Settings(base=load_profile(str(draft), framework), source=str(draft), draft=state), resumed, date(2027, 3, 1)
    )
    asked = [line for line in resumed.shown if line.startswith("question ")]
    assert asked[0].startswith("question 4 of 15") and len(asked) == 12
    assert len(finished.ratings) == 14 and finished.name == "Sam"  # 15 questions, the skipped one stays unrated


def test_skipped_question_keeps_skip_as_its_default(framework):
    competency = next(iter(framework.competencies))
    script = Script("")
    interview = Interview(
        framework, Settings(current="project-manager", target="pmo-manager", everything=True), script, date(2027, 3, 1)
    )
    interview.skipped.add(competency)
    with pytest.raises(KeyboardInterrupt):
        interview.rate()
    assert script.prompts[0].endswith("[s]: ") and script.prompts[1].endswith("for the levels: ")
    assert interview.answers == {competency: None}


def test_same_current_and_target_role_is_warned_and_the_name_titles_the_plan(framework, home):
    script = Script("Alex Kim", *["3"] * 15, "alex.yaml")
    finished = run_questionnaire(framework, Settings(current="pmo-manager", target="pmo-manager"), script, date(2027, 3, 1))
    assert any("current and target role are both PMO Manager" in line for line in script.shown)
    plan = markdown.plan(framework, assess(framework, finished, today=date(2027, 3, 1)))
    assert plan.startswith("# Development plan: Alex Kim → PMO Manager")


def test_pty_output_folder_is_checked_before_the_first_question(tmp_path):
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "pmo_path", "assess", "-o", "missing-dir/out.md"],
        cwd=str(tmp_path),
        env={**os.environ, "NO_COLOR": "1"},
        encoding="utf-8",
        timeout=10,
    )
    child.expect(pexpect.EOF)
    child.close()
    shown = " ".join(child.before.split())  # wrapped at the terminal's width, between words
    assert child.exitstatus == 1 and "does not exist" in shown and "question" not in shown


# --- text from files is data ------------------------------------------------------------------------------------


def hostile_framework(tmp_path: Path) -> Path:
    roles = (bundled_data_dir() / "roles.yaml").read_text(encoding="utf-8")
    roles = roles.replace("title: PMO Director\n", 'title: "PMO ```\\n</script><img src=x onerror=alert(1)> [/] Director"\n')
    roles = roles.replace("name: Strategic thinking\n", 'name: "Strategic [/] \\e[31mthinking"\n')
    (tmp_path / "roles.yaml").write_text(roles, encoding="utf-8")
    return tmp_path


def test_hostile_framework_text_is_inert_in_every_command(invoke, tmp_path):
    folder = hostile_framework(tmp_path)
    profile = tmp_path / "me.yaml"
    profile.write_text(JORDAN.read_text(encoding="utf-8").replace("name: Jordan Lee", 'name: "![x](https://evil.example/t.png)"'))
    for args in (
        ["assess", "-p", str(profile)],
        ["roles"],
        ["match", "-p", str(profile)],
        ["role", "pmo-director"],
        ["path", "senior-project-manager", "pmo-director"],
        ["team", str(profile)],
    ):
        result = invoke(*args, "--data-dir", str(folder))
        assert result.exit_code == 0, (args, result.stderr)
        assert not CONTROL.intersection(result.stdout), args
        assert "[/]" in result.stdout or args[0] in ("match",), args  # shown literally, not parsed as markup
    plan = invoke("plan", "-p", str(profile), "--data-dir", str(folder), "--chart", str(tmp_path / "r.svg"))
    assert plan.exit_code == 0, plan.stderr
    text = plan.stdout
    fences = [line for line in text.splitlines() if line.startswith("```")]
    assert fences == ["```mermaid", "```"]
    assert "<img" not in text and "<script" not in text.lower()
    assert "![x](" not in text and "![Radar chart" in text
    xml.dom.minidom.parse(str(tmp_path / "r.svg"))


def test_a_profile_name_cannot_drive_the_terminal(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text(
        'name: "\\e[2J\\e]0;pwned\\a"\ntarget_role: pmo-manager\nratings:\n'
        '  project-delivery: {level: 3, evidence: "led \\e[31mred\\e[0m X"}\n',
        encoding="utf-8",
    )
    import pexpect

    for args in (["assess", "-p", str(profile)], ["team", str(profile)]):
        child = pexpect.spawn(
            sys.executable,
            ["-m", "pmo_path", *args],
            env={**os.environ, "TERM": "xterm"},
            encoding="utf-8",
            timeout=10,
            dimensions=(40, 100),
        )
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert "\x1b]0;" not in child.before and "\x1b[2J" not in child.before and "\x07" not in child.before
        assert "pwned" in child.before


# hypothesis: hostile names and notes through every output format

HOSTILE = st.lists(
    st.sampled_from(
        list("\x00\x07\x08\x0b\x0c\x1b\x7f\x9b\u202e\ufffe\ufeff\u2028<>&\"'`*_[]()!#|\\/:=@\n\t")
        + ["[/]", "[link=https://e.x]", "</script>", "```", "![a](b)", "\x1b[2J", "a", "é", " "]
    ),
    max_size=12,
).map("".join)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def hostile_assessment(framework, name: str, note: str):
    base = load_profile(str(JORDAN), framework)
    ratings = dict(base.ratings)
    ratings["project-delivery"] = Rating(5, note or None)
    return assess(
        framework,
        Profile(name=name or None, current_role=base.current_role, target_role=base.target_role, ratings=ratings, file="me.yaml"),
    )


@PROPERTY
@given(name=HOSTILE, note=HOSTILE)
def test_hostile_names_and_notes_are_inert_in_every_format(framework, name, note):
    result = hostile_assessment(framework, name, note)
    terminal = render_to_text(table.assessment_view(framework, result), 100)
    assert not CONTROL.intersection(terminal)
    plan = markdown.plan(framework, result)
    assert not CONTROL.intersection(plan.replace("\n", ""))
    assert "<" not in plan.split("## Readiness")[0].replace("&lt;", "").replace("@<!---->", "")  # the comment breaks autolinks
    assert [line for line in plan.splitlines() if line.startswith("```")] in ([], ["```mermaid", "```"])
    data = json.loads(as_json.dumps(as_json.assessment(framework, result)))
    assert data["profile"]["name"] == (name or None)  # JSON keeps the text exactly; the encoder escapes it
    svg = role_radar(framework, result.target, result.profile.levels(), name)
    xml.dom.minidom.parseString(svg.encode("utf-8"))


@PROPERTY
@given(text=HOSTILE)
def test_each_escape_function_makes_text_inert_for_its_kind(text):
    assert not CONTROL.intersection(safe.one_line(text))
    # the one markup Markdown output may hold is the empty comment that keeps an @ from linking
    assert not set("<>").intersection(safe.markdown(text).replace("<!---->", ""))
    assert '"' not in safe.mermaid(text) and "`" not in safe.mermaid(text)
    xml.dom.minidom.parseString(f'<t a="{safe.xml(text)}">{safe.xml(text)}</t>'.encode())


# --- every remaining traceback becomes one line -----------------------------------------------------------------


@pytest.mark.parametrize("key", ["5", "null", "true"])
def test_non_text_ids_in_a_framework_are_one_problem_each(invoke, tmp_path, key):
    roles = (bundled_data_dir() / "roles.yaml").read_text(encoding="utf-8")
    (tmp_path / "roles.yaml").write_text(roles.replace("  pmo-analyst:\n", f"  {key}:\n", 1), encoding="utf-8")
    validate = invoke("validate", "--data-dir", str(tmp_path))
    assert validate.exit_code == 1 and "an id must be text" in validate.stdout
    assert "Traceback" not in validate.stderr + validate.stdout
    roles_run = invoke("roles", "--data-dir", str(tmp_path))
    assert roles_run.exit_code == 1 and roles_run.stderr.count("\n") == 1


def test_a_framework_with_two_competencies_fails_validate_not_the_chart(tmp_path):
    import yaml

    data = yaml.safe_load((bundled_data_dir() / "roles.yaml").read_text(encoding="utf-8"))
    keep = ["project-delivery", "strategic-thinking"]
    data["competencies"] = {k: v for k, v in data["competencies"].items() if k in keep}
    for role in data["roles"].values():
        role["requirements"] = {k: v for k, v in role["requirements"].items() if k in keep} or {
            "project-delivery": {"level": 1, "weight": 3}
        }
    (tmp_path / "roles.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "recommendations.yaml").write_text(
        "recommendations:\n  a: {title: A, action: Do a., why: Because., builds: [project-delivery, strategic-thinking],"
        " kind: learning, horizon: 30-days, levels: [0, 1, 2, 3, 4], sources: [fagg-pmo-director-path]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="at least 3"):
        load_framework(tmp_path)


def run_cli(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pmo_path", *args], capture_output=True, text=True, timeout=20, **options)


def test_a_far_future_today_is_a_usage_error():
    done = run_cli("plan", "-p", str(JORDAN), env={**os.environ, "PMO_PATH_TODAY": "9999-12-31"})
    assert done.returncode == 2 and done.stderr.startswith("Error: PMO_PATH_TODAY") and "Traceback" not in done.stderr


def test_closed_stdin_is_one_line():
    done = run_cli("assess", "-p", "-", stdin=None, pass_fds=(), preexec_fn=lambda: os.close(0))
    assert done.returncode == 1 and done.stderr == "Error: <stdin>: standard input is closed; give a file name instead of -\n"


def test_an_ascii_terminal_gets_replacement_characters_not_a_crash():
    done = run_cli("assess", "-p", str(JORDAN), env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0 and "Traceback" not in done.stderr and "Jordan Lee" in done.stdout


def test_ctrl_c_while_pmo_path_is_still_importing_is_exit_130_and_one_line(monkeypatch, capsys):
    """Ctrl-C lands in an import most often (typer, rich); the entry point catches it there too.

    (An interrupt during Python's own start-up, before any pmo-path code runs,
    is the interpreter's to report.)
    """
    import builtins

    from pmo_path.__main__ import main

    real_import = builtins.__import__

    def interrupted_import(name, *args, **kwargs):
        if name == "pmo_path.interface.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted_import)
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "Interrupted.\n"


@PROPERTY
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20).filter(str.strip))
def test_any_name_or_note_survives_a_saved_profile(framework, text):
    from pmo_path.reading.profile import dump_profile, parse_profile

    saved = dump_profile(Profile(name=text, ratings={"project-delivery": Rating(3, text)}), framework)
    read = parse_profile(saved, framework, "draft.yaml")
    assert read.name == text and read.ratings["project-delivery"].evidence == text


@PROPERTY
@given(text=HOSTILE | st.text(alphabet="&#;<>ltgamp0123xQA ", max_size=30))
def test_markdown_shows_text_as_it_is(text):
    """Rendered by a CommonMark parser, the escaped text reads back exactly: no entity, tag or emphasis is made of it."""
    import html

    from markdown_it import MarkdownIt

    shown = html.unescape(MarkdownIt("commonmark").renderInline(safe.markdown(text)).replace("@<!---->", "@"))
    assert shown.strip() == safe.one_line(text).strip()
