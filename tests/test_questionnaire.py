"""The questionnaire: pure parts, the scripted flow in-process, and real runs in a pseudo-terminal."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pexpect
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.domain.interview import (
    all_same,
    answered_profile,
    default_save_name,
    draft_name,
    is_draft,
    parse_answer,
    parse_role_choice,
    question_lines,
    questions_for,
    role_menu,
)
from pmo_path.domain.model import Profile, Rating
from pmo_path.errors import InputError, Interrupted
from pmo_path.interface.app import exit_code
from pmo_path.interface.outputs import check_writable
from pmo_path.interface.questionnaire import Settings, run_questionnaire
from pmo_path.reading.profile import load_profile, parse_profile

TODAY = date(2027, 3, 1)
JORDAN = Path(__file__).resolve().parent.parent / "examples" / "jordan-lee.yaml"
LEVEL_PROMPT = r"for the levels( \[\d\])?: "


# --- pure parts -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "default", "kind", "level"),
    [
        ("3", None, "level", 3),
        (" 0 ", None, "level", 0),
        ("5", 2, "level", 5),
        ("", 4, "keep", 4),
        ("", None, "invalid", None),
        ("   ", None, "invalid", None),
        ("7", None, "invalid", None),
        ("-1", None, "invalid", None),
        ("2.5", None, "invalid", None),
        ("abc", 3, "invalid", None),
        ("s", 3, "skip", None),
        ("SKIP", None, "skip", None),
        ("?", None, "help", None),
    ],
)
def test_parse_answer(reply, default, kind, level):
    answer = parse_answer(reply, default)
    assert (answer.kind, answer.level) == (kind, level)
    assert bool(answer.hint) == (kind == "invalid")


def test_invalid_answers_get_a_one_line_hint_naming_what_was_typed():
    assert parse_answer("7").hint.startswith("7 is not a level")
    assert "'abc'" in parse_answer("abc").hint
    assert "\n" not in parse_answer("x" * 500).hint and len(parse_answer("x" * 500).hint) < 120


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=12), st.one_of(st.none(), st.integers(0, 5)))
def test_parse_answer_never_raises_and_levels_stay_on_the_scale(reply, default):
    answer = parse_answer(reply, default)
    assert answer.kind in {"level", "keep", "skip", "help", "invalid"}
    if answer.kind in ("level", "keep"):
        assert 0 <= answer.level <= 5


def test_role_menu_is_grouped_by_track_most_junior_first(framework):
    menu = role_menu(framework)
    assert sorted(menu) == sorted(framework.roles)
    tracks = [framework.roles[r].track for r in menu]
    assert tracks == sorted(tracks, key=list(framework.tracks).index)
    for earlier, later in itertools.pairwise(menu):
        if framework.roles[earlier].track == framework.roles[later].track:
            assert framework.roles[earlier].seniority <= framework.roles[later].seniority


def test_parse_role_choice(framework):
    menu = role_menu(framework)
    assert parse_role_choice("1", menu, allow_none=False) == menu[0]
    assert parse_role_choice(f" {len(menu)} ", menu, allow_none=False) == menu[-1]
    assert parse_role_choice("pmo-director", menu, allow_none=False) == "pmo-director"
    assert parse_role_choice("0", menu, allow_none=True) is None
    for bad, allow_none in (("0", False), (str(len(menu) + 1), True), ("", True), ("pm", False)):
        with pytest.raises(ValueError, match=f"to {len(menu)}"):
            parse_role_choice(bad, menu, allow_none)


def test_questions_are_the_targets_requirements_in_framework_order(framework):
    asked = [c.id for c in questions_for(framework, "pmo-director", everything=False)]
    needed = {r.competency for r in framework.roles["pmo-director"].requirements}
    assert set(asked) == needed
    order = list(framework.competencies)
    assert asked == sorted(asked, key=order.index)
    assert [c.id for c in questions_for(framework, "pmo-director", everything=True)] == order


def test_question_shows_progress_and_descriptors_but_not_the_required_level(framework):
    competency = framework.competencies["strategic-thinking"]
    lines = question_lines(framework, competency, 4, 12, width=80)
    text = "\n".join(lines)
    assert "question 4 of 12" in text and competency.name in text
    for descriptor in competency.levels.values():
        assert descriptor.split()[0] in text
    assert "requir" not in text.lower() and "need" not in text.lower()
    assert all(len(line) <= 80 for line in lines)
    again = question_lines(framework, competency, 4, 12, 80, Rating(3, "Wrote the FY27 case"))
    assert any("Last time: 3" in line and "Wrote the FY27 case" in line for line in again)


def test_answered_profile_merges_answers_keeps_evidence_only_with_its_level(framework):
    base = Profile(
        ratings={
            "project-delivery": Rating(4, "Ran the migration"),
            "strategic-thinking": Rating(2, "Wrote a case"),
            "business-acumen": Rating(3),
            "value-delivery": Rating(1),
        },
        name="Jordan",
        current_role="project-manager",
        target_role="pmo-manager",
        assessed_on=date(2026, 1, 1),
    )
    answers = {"project-delivery": 4, "strategic-thinking": 3, "business-acumen": None, "financial-management": 2}
    result = answered_profile(base, answers, "pmo-analyst", "pmo-director", TODAY)
    assert result.ratings["project-delivery"] == Rating(4, "Ran the migration")
    assert result.ratings["strategic-thinking"] == Rating(3)
    assert "business-acumen" not in result.ratings
    assert result.ratings["value-delivery"] == Rating(1)  # not asked: kept
    assert result.ratings["financial-management"] == Rating(2)
    assert (result.current_role, result.target_role, result.assessed_on, result.name) == (
        "pmo-analyst",
        "pmo-director",
        TODAY,
        "Jordan",
    )


def test_all_same():
    assert all_same([3, 3, 3]) and all_same([0, 0])
    assert not all_same([3]) and not all_same([]) and not all_same([3, 3, 2])


def test_file_names():
    assert draft_name(datetime(2027, 3, 1, 9, 5, 7)) == "pmo-path-draft-20270301-090507.yaml"
    assert is_draft("some/folder/pmo-path-draft-20270301-090507.yaml") and not is_draft("me.yaml")
    assert not is_draft(None)
    named = Profile(name="Zoë O'Brien-Smith")
    assert default_save_name(named, None, TODAY) == "zoë-o-brien-smith-2027-03-01.yaml"
    assert default_save_name(Profile(), None, TODAY) == "pmo-path-profile-2027-03-01.yaml"
    assert default_save_name(named, "me.yaml", TODAY) == "me-2027-03-01.yaml"
    assert default_save_name(named, "team/me-2026-11-20.yaml", TODAY) == "team/me-2027-03-01.yaml"
    assert default_save_name(named, "pmo-path-draft-20270301-090507.yaml", TODAY) == "zoë-o-brien-smith-2027-03-01.yaml"


def test_check_writable_fails_before_any_question(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        check_writable(str(tmp_path / "missing" / "me.yaml"), "--save")
    with pytest.raises(InputError, match="is a folder"):
        check_writable(str(tmp_path), "--save")
    check_writable(str(tmp_path / "me.yaml"), "--save")


# --- the flow, scripted -----------------------------------------------------------------------------------------


class Script:
    """A terminal that replies from a list; past its end it raises `then` (Ctrl-C by default)."""

    width = 90

    def __init__(self, *replies: str, then: type[BaseException] = KeyboardInterrupt) -> None:
        self.replies, self.then = list(replies), then
        self.prompts: list[str] = []
        self.shown: list[str] = []

    def show(self, text: str = "", style: str = "") -> None:
        self.shown.append(text)

    def ask(self, prompt: str) -> str:
        if prompt.startswith("Your name"):  # answered only when a script says so ("name:Alex"), not recorded
            return self.replies.pop(0).removeprefix("name:") if self.replies[:1] and self.replies[0].startswith("name:") else ""
        self.prompts.append(prompt)
        if not self.replies:
            raise self.then()
        return self.replies.pop(0)


def run(framework, script: Script, **options):
    finished = run_questionnaire(framework, Settings(**options), script, TODAY)
    return finished, [finished]


def needed(framework, role: str) -> list[str]:
    return [c.id for c in questions_for(framework, role, everything=False)]


def test_scripted_run_picks_roles_rates_and_saves(framework, tmp_path):
    menu = role_menu(framework)
    questions = needed(framework, "pmo-manager")
    levels = [n % 6 for n in range(len(questions))]
    script = Script("zz", str(menu.index("project-manager") + 1), str(menu.index("pmo-manager") + 1), *map(str, levels))
    save = tmp_path / "me.yaml"
    finished, results = run(framework, script, save=str(save))
    assert results == [finished]
    assert any("Type a number" in line for line in script.shown)
    assert sum("question 1 of" in line for line in script.shown) == 1
    saved = load_profile(str(save), framework)
    assert (saved.current_role, saved.target_role, saved.assessed_on) == ("project-manager", "pmo-manager", TODAY)
    assert saved.levels() == dict(zip(questions, levels, strict=True))


def test_same_answers_warn_and_the_offer_never_clobbers_without_a_yes(framework, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("taken.yaml").write_text("keep me\n", encoding="utf-8")
    questions = needed(framework, "pmo-analyst")
    script = Script(*["2"] * len(questions), "taken.yaml", "n", "taken.yaml", "", "fresh.yaml")
    run(framework, script, current="project-coordinator", target="pmo-analyst")
    assert any("Every answer was 2" in line for line in script.shown)
    assert Path("taken.yaml").read_text(encoding="utf-8") == "keep me\n"
    assert load_profile("fresh.yaml", framework).levels() == dict.fromkeys(questions, 2)
    assert any("[pmo-path-profile-2027-03-01.yaml]" in prompt for prompt in script.prompts)


def test_replacing_the_reassessed_file_takes_a_yes(framework, write_profile):
    questions = needed(framework, "pmo-analyst")
    rated = "".join(f"  {competency}: 2\n" for competency in questions[1:])
    source = write_profile(f"target_role: pmo-analyst\nratings:\n  {questions[0]}: {{level: 3, evidence: Ran X}}\n{rated}")
    script = Script("0", *[""] * len(questions), source, "n", source, "y")
    finished, _ = run(framework, script, base=load_profile(source, framework), source=source)
    assert script.prompts[1].endswith("[3]: ") and script.prompts[-1] == f"{source} exists. Replace it? [y/N]: "
    saved = load_profile(source, framework)
    assert saved.ratings[questions[0]] == Rating(3, "Ran X")
    assert saved.assessed_on == TODAY and saved == finished


def test_reassessing_offers_a_new_dated_file_and_keeps_the_old_one(framework, write_profile):
    questions = needed(framework, "pmo-analyst")
    text = "target_role: pmo-analyst\nratings:\n" + "".join(f"  {c}: 2\n" for c in questions)
    source = write_profile(text, "me.yaml")
    script = Script("0", "3", *[""] * (len(questions) - 1), "")
    finished, _ = run(framework, script, base=load_profile(source, framework), source=source)
    assert Path(source).read_text(encoding="utf-8") == text  # last quarter's profile, kept for `progress`
    dated = source.replace("me.yaml", f"me-{TODAY.isoformat()}.yaml")
    assert load_profile(dated, framework) == replace(finished, file=dated)
    assert finished.ratings[questions[0]].level == 3


def test_interrupt_keeps_answers_and_roles_in_a_draft(framework, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    script = Script("3", "4", "1", "2")  # current 3, target 4, then two answers, then Ctrl-C
    with pytest.raises(Interrupted) as stopped:
        run(framework, script)
    assert exit_code(stopped.value) == 130
    [draft] = tmp_path.glob("pmo-path-draft-*.yaml")
    assert str(draft.name) in str(stopped.value) and "2 answers saved" in str(stopped.value)
    kept = load_profile(str(draft), framework)
    menu = role_menu(framework)
    assert (kept.current_role, kept.target_role) == (menu[2], menu[3])
    assert kept.levels() == dict(zip(needed(framework, menu[3])[:2], [1, 2], strict=True))


def test_end_of_input_while_choosing_keeps_the_current_role(framework, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(Interrupted, match=r"end of input\): 0 answers saved"):
        run(framework, Script("1", then=EOFError))
    [draft] = tmp_path.glob("pmo-path-draft-*.yaml")
    kept = load_profile(str(draft), framework)
    assert (kept.current_role, kept.target_role, kept.ratings) == (role_menu(framework)[0], None, {})


def test_interrupt_before_any_answer_leaves_no_file(framework, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(Interrupted, match="nothing saved"):
        run(framework, Script(), current="project-manager", target="pmo-manager")
    assert list(tmp_path.iterdir()) == []


def test_interrupt_with_save_writes_there(framework, tmp_path):
    save = tmp_path / "partial.yaml"
    with pytest.raises(Interrupted, match=r"partial\.yaml"):
        run(framework, Script("4"), current="project-manager", target="pmo-manager", save=str(save))
    assert load_profile(str(save), framework).levels() == {needed(framework, "pmo-manager")[0]: 4}


# --- the command line without a terminal ------------------------------------------------------------------------


def test_no_terminal_is_a_usage_error_not_a_hang(invoke):
    result = invoke("assess", input="3\n")
    assert result.exit_code == 2
    assert "--profile" in result.stderr and result.stderr.count("\n") == 1 and result.stdout == ""


def test_interactive_on_stdin_is_a_usage_error(invoke, write_profile):
    result = invoke("assess", "-p", "-", "-i", input="ratings: {}\n")
    assert result.exit_code == 2 and "-p -" in result.stderr


def test_questionnaire_options_need_the_questionnaire(invoke):
    result = invoke("assess", "-p", str(JORDAN), "--save", "x.yaml")
    assert result.exit_code == 2 and "-i" in result.stderr


# --- real runs in a pseudo-terminal -----------------------------------------------------------------------------


def spawn(cwd: Path, *args: str, name: str | None = "") -> pexpect.spawn:
    """The questionnaire in a pseudo-terminal; `name` answers the name question (None: not asked)."""
    env = {k: v for k, v in os.environ.items() if k != "PMO_PATH_DATA"}
    env.update(NO_COLOR="1", COLUMNS="100", LINES="40", TERM="xterm")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "pmo_path", "assess", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=10,
        dimensions=(40, 100),
    )
    child.delaybeforesend = None  # pexpect's default 50 ms pause per reply would dominate the run time
    if name is not None:
        child.expect("Your name")
        child.sendline(name)
    return child


def finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


def answer_all(child: pexpect.spawn, replies: list[str]) -> None:
    for reply in replies:
        child.expect(LEVEL_PROMPT)
        child.sendline(reply)


def test_pty_full_run_with_role_menu_saves_the_answers(framework, tmp_path):
    menu = role_menu(framework)
    questions = needed(framework, "pmo-manager")
    levels = [(n * 2) % 6 for n in range(len(questions))]
    child = spawn(tmp_path, "--save", "me.yaml")
    child.expect("none / I'm not in one of these roles")
    child.expect("current role")
    child.sendline(str(menu.index("project-manager") + 1))
    child.expect("target role")
    child.sendline(str(menu.index("pmo-manager") + 1))
    child.expect(f"question 1 of {len(questions)}")
    answer_all(child, [str(level) for level in levels[:3]])
    child.expect(f"question 4 of {len(questions)}")
    answer_all(child, [str(level) for level in levels[3:]])
    child.expect("Saved your profile to me.yaml")
    child.expect("Readiness")
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest
    saved = load_profile(str(tmp_path / "me.yaml"), framework)
    assert (saved.current_role, saved.target_role, saved.assessed_on) == ("project-manager", "pmo-manager", date.today())
    assert saved.levels() == dict(zip(questions, levels, strict=True))


def test_pty_invalid_answers_are_asked_again_and_skip_leaves_unrated(framework, tmp_path):
    questions = needed(framework, "pmo-analyst")
    child = spawn(tmp_path, "--current", "project-coordinator", "-t", "pmo-analyst", "--save", "me.yaml")
    for bad, hint in (("7", "7 is not a level"), ("abc", "'abc' is not an answer"), ("", "No answer")):
        child.expect(LEVEL_PROMPT)
        child.sendline(bad)
        child.expect(re.escape(hint))
    child.expect(LEVEL_PROMPT)
    child.sendline("?")
    child.expect(re.escape(framework.competencies[questions[0]].levels[5][:30]))
    answer_all(child, ["s", *["1", "2"] * len(questions)][: len(questions)])
    child.expect("Saved your profile")
    status, _ = finish(child)
    assert status == 0
    saved = load_profile(str(tmp_path / "me.yaml"), framework)
    assert questions[0] not in saved.ratings
    assert list(saved.levels()) == questions[1:]


def test_pty_reassess_enter_keeps_each_value(framework, tmp_path):
    original = load_profile(str(JORDAN), framework)
    (tmp_path / "jordan.yaml").write_text(JORDAN.read_text(encoding="utf-8"), encoding="utf-8")
    questions = needed(framework, original.target_role)
    child = spawn(tmp_path, "-p", "jordan.yaml", "-i", "--save", "after.yaml", name=None)
    first = original.ratings.get(questions[0])
    child.expect(re.escape(f"for the levels [{first.level}]: ") if first else LEVEL_PROMPT)
    child.sendline("" if first else "1")
    for competency in questions[1:]:
        child.expect(LEVEL_PROMPT)
        child.sendline("" if competency in original.ratings else "1")
    status, _ = finish(child)
    assert status == 0
    after = load_profile(str(tmp_path / "after.yaml"), framework)
    assert after.assessed_on == date.today()
    for competency, rating in original.ratings.items():
        assert after.ratings[competency] == rating  # evidence too
    assert (after.name, after.current_role, after.target_role) == (original.name, original.current_role, original.target_role)


def test_pty_ctrl_c_after_three_answers_keeps_them_and_resumes(framework, tmp_path):
    questions = needed(framework, "pmo-manager")
    child = spawn(tmp_path, "--current", "project-manager", "-t", "pmo-manager")
    answer_all(child, ["3", "1", "4"])
    child.expect(LEVEL_PROMPT)
    child.sendintr()
    status, rest = finish(child)
    assert status == 130 and "Traceback" not in rest
    read_on = " ".join(rest.split())  # the line is wrapped at the terminal's width, the command whole
    assert "Stopped (interrupted): 3 answers saved. Resume: pmo-path assess -i -p pmo-path-draft-" in read_on
    assert "Error" not in rest
    [draft] = tmp_path.glob("pmo-path-draft-*.yaml")
    kept = load_profile(str(draft), framework)
    assert kept.levels() == dict(zip(questions[:3], [3, 1, 4], strict=True))
    assert (kept.current_role, kept.target_role) == ("project-manager", "pmo-manager")

    child = spawn(tmp_path, "-p", draft.name, "-i", "--save", "done.yaml", name=None)
    child.expect(f"question 4 of {len(questions)}")  # resumes where it stopped
    answer_all(child, ["2"] * (len(questions) - 3))
    status, _ = finish(child)
    assert status == 0
    done = load_profile(str(tmp_path / "done.yaml"), framework)
    assert done.levels() == dict(zip(questions, [3, 1, 4] + [2] * (len(questions) - 3), strict=True))


def test_pty_end_of_input_keeps_the_answers(framework, tmp_path):
    child = spawn(tmp_path, "--current", "project-manager", "-t", "pmo-manager", "--save", "partial.yaml")
    answer_all(child, ["5"])
    child.expect(LEVEL_PROMPT)
    child.sendeof()
    status, rest = finish(child)
    assert status == 130 and "Traceback" not in rest
    assert "Stopped (end of input): 1 answer saved. Resume: pmo-path assess -i -p partial.yaml" in rest
    assert parse_profile((tmp_path / "partial.yaml").read_text(encoding="utf-8"), framework).levels() == {
        needed(framework, "pmo-manager")[0]: 5
    }


def test_pty_a_draft_saved_under_your_own_name_is_completed_in_place(framework, tmp_path):
    questions = needed(framework, "pmo-manager")
    child = spawn(tmp_path, "--current", "project-manager", "-t", "pmo-manager", "--save", "me.yaml")
    answer_all(child, ["5", "4"])
    child.expect(LEVEL_PROMPT)
    child.sendintr()
    assert finish(child)[0] == 130

    child = spawn(tmp_path, "-p", "me.yaml", "-i", name=None)
    child.expect(f"question 3 of {len(questions)}")
    answer_all(child, ["1"] * (len(questions) - 2))
    child.expect(re.escape("File name [me.yaml]"))  # the draft itself, not a dated copy beside it
    child.sendline("")
    child.expect("Saved your profile to me.yaml")  # no "Replace it?": the draft only gains answers
    status, rest = finish(child)
    assert status == 0 and "Replace" not in rest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.yaml"]
    done = load_profile(str(tmp_path / "me.yaml"), framework)
    assert done.levels() == dict(zip(questions, [5, 4] + [1] * (len(questions) - 2), strict=True))


def test_pty_a_save_file_the_draft_does_not_hold_is_kept_and_the_reason_given(framework, tmp_path):
    (tmp_path / "keep.yaml").write_text(JORDAN.read_text(encoding="utf-8"), encoding="utf-8")
    child = spawn(tmp_path, "--current", "project-manager", "-t", "pmo-manager", "--save", "keep.yaml", "--force")
    answer_all(child, ["1"])
    child.expect(LEVEL_PROMPT)
    child.sendeof()
    status, rest = finish(child)
    assert status == 130
    assert "keep.yaml holds answers this draft does not, so it is left as it was" in rest
    assert (tmp_path / "keep.yaml").read_text(encoding="utf-8") == JORDAN.read_text(encoding="utf-8")
    [draft] = tmp_path.glob("pmo-path-draft-*.yaml")
    assert f"Resume: pmo-path assess -i -p {draft.name}" in " ".join(rest.split())  # wrapped at 100 columns


def test_installed_command_without_a_terminal_exits_2_at_once(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pmo_path", "assess"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=10,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Error:") and "--profile" in done.stderr and done.stderr.count("\n") == 1
    assert done.stdout == "" and list(tmp_path.iterdir()) == []


def test_help_shows_only_the_levels(framework):
    """`?` answers with the levels it offers, not the question's title and description again."""
    script = Script("?", "3", then=EOFError)
    with pytest.raises(Interrupted):
        run_questionnaire(framework, Settings(current="project-manager", target="pmo-analyst"), script, TODAY)
    competency = questions_for(framework, "pmo-analyst", False)[0]
    description = competency.description.split()[:4]
    assert sum(line.split()[:4] == description for line in script.shown) == 1  # asked once, not reprinted
    assert sum(competency.name in line for line in script.shown) == 1
    assert sum(competency.levels[5][:30] in line for line in script.shown) == 2  # the levels, shown again
