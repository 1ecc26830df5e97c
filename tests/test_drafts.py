"""An interrupted questionnaire never loses an answer (contract section 7).

The draft goes to the --save file only when it holds everything that file
holds; otherwise beside it, under a name no other run can take. SIGHUP and
SIGTERM keep it as Ctrl-C does; when nothing can be written the answers are
printed as YAML. Real runs go through a pseudo-terminal.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pexpect
import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_path.domain.interview import questions_for
from pmo_path.errors import Interrupted
from pmo_path.interface import atomic
from pmo_path.interface.app import exit_code
from pmo_path.interface.drafts import create_draft, holds_everything
from pmo_path.interface.questionnaire import Settings, readable, run_questionnaire
from pmo_path.reading.profile import load_profile, parse_profile

JORDAN = EXAMPLES / "jordan-lee.yaml"
TODAY = date(2027, 3, 1)
LEVEL_PROMPT = "for the levels"


class Script:
    """A terminal replying from a list; past its end, Ctrl-C."""

    width = 90

    def __init__(self, *replies: str) -> None:
        self.replies, self.shown = list(replies), []

    def show(self, text: str = "", style: str = "") -> None:
        self.shown.append(text)

    def ask(self, prompt: str) -> str:
        if not self.replies:
            raise KeyboardInterrupt
        return self.replies.pop(0)


def asked(framework, role: str = "pmo-manager") -> list[str]:
    return [c.id for c in questions_for(framework, role, everything=False)]


def profile_text(ratings: dict, name: str | None = None, **fields: str) -> str:
    lines = [f"name: {name}"] if name else []
    lines += [f"{key}: {value}" for key, value in fields.items()]
    lines.append("ratings:" if ratings else "ratings: {}")
    for competency, (level, evidence) in ratings.items():
        lines.append(f"  {competency}: {{level: {level}, evidence: {evidence}}}" if evidence else f"  {competency}: {level}")
    return "\n".join(lines) + "\n"


# --- a draft replaces a file only when it holds everything the file holds ----------------------------------------


def draft_cases(q: list[str]) -> list[tuple[str, str, str, bool]]:
    """(id, the file's text, the draft's text, may the draft replace it)."""
    draft = profile_text({q[0]: (4, None), q[1]: (3, "Ran the PMO audit")}, "Sam Lee", current_role="project-manager")
    return [
        ("subset", profile_text({q[0]: (4, None)}), draft, True),
        ("equal", draft, draft, True),
        ("empty-file", "", draft, True),
        ("comments-only", "# nothing yet\n", draft, True),
        ("same-count-other-levels", profile_text({q[0]: (2, None), q[1]: (3, "Ran the PMO audit")}), draft, False),
        ("fewer-but-different", profile_text({q[0]: (5, None)}), draft, False),
        ("other-competency", profile_text({q[2]: (1, None)}), draft, False),
        ("evidence-differs", profile_text({q[1]: (3, "Ran two audits")}), draft, False),
        ("evidence-lost", profile_text({q[0]: (4, "Led the review")}), draft, False),
        ("name-differs", profile_text({q[0]: (4, None)}, "Sam Leigh"), draft, False),
        ("role-differs", profile_text({}, current_role="program-manager"), draft, False),
        ("years-lost", "years_experience: 7\nratings: {}\n", draft, False),
        ("a-review", f"about: Sam Lee\nrelation: peer\nratings:\n  {q[0]}: 4\n", draft, False),
        ("broken-yaml", f"ratings:\n  {q[0]}: [4\n", draft, False),
        ("not-a-profile", "just some notes\n", draft, False),
        ("unknown-competency", "ratings:\n  telepathy: 5\n", draft, False),
    ]


def test_holds_everything_compares_every_field_rating_and_note(framework, tmp_path):
    for case, old, new, expected in draft_cases(asked(framework)):
        path = tmp_path / f"{case}.yaml"
        path.write_text(old, encoding="utf-8")
        assert holds_everything(str(path), new, framework) is expected, case
    assert holds_everything(str(tmp_path / "missing.yaml"), "ratings: {}\n", framework)
    os.mkfifo(tmp_path / "pipe")  # never opened to be read (that would wait for a writer)
    assert holds_everything(str(tmp_path / "pipe"), "ratings: {}\n", framework)


RATING = st.tuples(st.integers(0, 5), st.sampled_from([None, "Led it", "Led it twice"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    old=st.dictionaries(st.integers(0, 5), RATING, max_size=5),
    new=st.dictionaries(st.integers(0, 5), RATING, max_size=6),
    names=st.tuples(st.sampled_from([None, "Sam", "Kim"]), st.sampled_from([None, "Sam", "Kim"])),
)
def test_a_draft_may_replace_exactly_the_files_it_contains(framework, tmp_path, old, new, names):
    ids = asked(framework)
    old_ratings = {ids[i]: value for i, value in old.items()}
    new_ratings = {ids[i]: value for i, value in new.items()}
    path = tmp_path / "me.yaml"
    path.write_text(profile_text(old_ratings, names[0]), encoding="utf-8")
    contained = all(new_ratings.get(k) == v for k, v in old_ratings.items()) and names[0] in (None, names[1])
    assert holds_everything(str(path), profile_text(new_ratings, names[1]), framework) is contained


@pytest.mark.parametrize("case", range(16))
def test_ctrl_c_with_save_keeps_a_file_the_draft_does_not_hold(framework, tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    q = asked(framework)
    name, old, _, _ = draft_cases(q)[case]
    replaceable = name in ("subset", "empty-file", "comments-only")  # this run's draft has no evidence notes
    save = tmp_path / "me.yaml"
    save.write_text(old, encoding="utf-8")
    options = {"current": "project-manager", "target": "pmo-manager", "save": str(save)}
    with pytest.raises(Interrupted) as stopped:
        run_questionnaire(framework, Settings(**options), Script("Sam Lee", "4", "3"), TODAY)
    drafts = list(tmp_path.glob("pmo-path-draft-*.yaml"))
    if replaceable:
        assert drafts == [] and f"-p {save}" in str(stopped.value), name
        assert load_profile(str(save), framework).levels() == {q[0]: 4, q[1]: 3}
    else:
        assert save.read_text(encoding="utf-8") == old, name
        [draft] = drafts
        assert str(stopped.value).endswith(f"-p {draft}")
        assert load_profile(str(draft), framework).levels() == {q[0]: 4, q[1]: 3}


# --- draft names: unique, created exclusively ---------------------------------------------------------------------


def _race(folder: str, text: str, barrier, results) -> None:
    barrier.wait(timeout=20)  # all six choose the same name at once
    results.put(create_draft(folder, datetime(2027, 3, 1, 9, 30, 0), text))


def test_drafts_of_one_second_in_one_folder_are_all_kept(tmp_path):
    context = multiprocessing.get_context("fork")
    results, barrier = context.Queue(), context.Barrier(6)
    texts = [f"name: person {n}\nratings: {{}}\n" for n in range(6)]
    runs = [context.Process(target=_race, args=(str(tmp_path), text, barrier, results)) for text in texts]
    for run in runs:
        run.start()
    paths = sorted(results.get(timeout=20) for _ in runs)
    for run in runs:
        run.join(timeout=20)
    assert len(set(paths)) == 6
    assert sorted(Path(p).read_text() for p in paths) == sorted(texts)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(Path(p).name for p in paths)  # no temporary left


def test_a_name_taken_by_anything_is_never_replaced(tmp_path):
    stamp = datetime(2027, 3, 1, 9, 30, 0)
    first = tmp_path / "pmo-path-draft-20270301-093000.yaml"
    os.symlink(tmp_path / "elsewhere.yaml", first)  # even a dangling link keeps its name
    (tmp_path / "pmo-path-draft-20270301-093000-2.yaml").write_text("mine\n")
    path = create_draft(str(tmp_path), stamp, "ratings: {}\n")
    assert Path(path).name == "pmo-path-draft-20270301-093000-3.yaml"
    assert (tmp_path / "pmo-path-draft-20270301-093000-2.yaml").read_text() == "mine\n"
    assert os.path.islink(first) and not (tmp_path / "elsewhere.yaml").exists()


# --- nowhere to write: the answers on stderr ------------------------------------------------------------------------


def test_nowhere_writable_prints_the_answers_as_yaml(framework, tmp_path, monkeypatch, capsys):
    import tempfile

    from pmo_path.errors import InputError

    def refuse(path, text):
        raise InputError(f"{path}: cannot write: Read-only file system")

    monkeypatch.setattr(atomic, "create_exclusively", refuse)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: (_ for _ in ()).throw(FileNotFoundError("no temporary folder")))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(Interrupted) as stopped:
        run_questionnaire(
            framework, Settings(current="project-manager", target="pmo-manager"), Script("Zoë \x1b[2J", "5", "1"), TODAY
        )
    assert exit_code(stopped.value) == 130
    assert "2 answers not saved" in str(stopped.value) and "printed above" in str(stopped.value)
    printed = capsys.readouterr().err
    assert "\x1b" not in printed
    yaml_text = printed.split("--- # pmo-path draft\n")[1].split("...\n")[0]
    kept = parse_profile(yaml_text, framework)
    assert kept.name == "Zoë \x1b[2J" and kept.levels() == dict(zip(asked(framework)[:2], [5, 1], strict=True))
    assert list(tmp_path.iterdir()) == []


# --- text typed with bytes that are not UTF-8 ------------------------------------------------------------------


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(
        st.one_of(st.characters(codec="utf-8"), st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF)), min_size=1
    ).filter(lambda text: text.strip())
)
def test_any_typed_name_is_saved_so_it_reads_back(framework, tmp_path, name):
    save = tmp_path / "named.yaml"
    save.unlink(missing_ok=True)
    with pytest.raises(Interrupted):
        run_questionnaire(
            framework, Settings(current="project-manager", target="pmo-manager", save=str(save)), Script(name, "2"), TODAY
        )
    kept = load_profile(str(save), framework)
    assert kept.name == readable(name.strip()) and "\udcff" not in (kept.name or "")


def test_readable_replaces_only_the_bytes_that_were_not_utf8():
    assert readable("Zoë O'Brien") == "Zoë O'Brien"
    assert readable("Sam \udcff\udcfe Lee") == "Sam \ufffd\ufffd Lee"
    assert readable("\ud800x") == "\ufffdx"


# --- real runs in a pseudo-terminal -----------------------------------------------------------------------------


def spawn(cwd: Path, *args: str, program: list[str] | None = None, **env: str) -> pexpect.spawn:
    environment = {k: v for k, v in os.environ.items() if k != "PMO_PATH_DATA"}
    environment.update(NO_COLOR="1", COLUMNS="100", LINES="40", TERM="xterm", **env)
    child = pexpect.spawn(
        sys.executable,
        program or ["-m", "pmo_path", "assess", *args],
        cwd=str(cwd),
        env=environment,
        timeout=15,
        dimensions=(40, 100),
    )
    child.delaybeforesend = None
    return child


def start(child: pexpect.spawn, name: bytes, answers: list[str]) -> None:
    child.expect("Your name")
    child.send(name + b"\r")
    for answer in answers:
        child.expect(LEVEL_PROMPT)
        child.sendline(answer)
    child.expect(LEVEL_PROMPT)


def finish(child: pexpect.spawn) -> tuple[int | None, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before.decode("utf-8", "replace")


ROLES = ("--current", "project-manager", "-t", "pmo-manager")


@pytest.mark.parametrize(
    ("stop", "status", "reason"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGHUP, 129, "the terminal closed")],
)
def test_pty_sighup_and_sigterm_keep_the_draft(framework, tmp_path, stop, status, reason):
    child = spawn(tmp_path, *ROLES)
    start(child, b"Kim Park", ["2", "4", "1"])
    child.kill(stop)
    code, rest = finish(child)
    assert code == status and "Traceback" not in rest
    read_on = " ".join(rest.split())  # wrapped at the terminal's width, between words
    assert f"Stopped ({reason}): 3 answers saved. Resume: pmo-path assess -i -p pmo-path-draft-" in read_on
    [draft] = tmp_path.glob("pmo-path-draft-*.yaml")
    kept = load_profile(str(draft), framework)
    assert kept.name == "Kim Park" and kept.levels() == dict(zip(asked(framework)[:3], [2, 4, 1], strict=True))


def test_pty_closing_the_terminal_keeps_the_draft(framework, tmp_path):
    child = spawn(tmp_path, *ROLES, "--save", "mine.yaml")
    start(child, b"Kim Park", ["5", "0"])
    child.ptyproc.fileobj.close()  # the window is closed: end of input and SIGHUP, in either order
    child.ptyproc.closed = child.closed = True
    deadline = time.monotonic() + 20
    while os.waitpid(child.pid, os.WNOHANG)[0] == 0:
        assert time.monotonic() < deadline, "pmo-path did not stop when its terminal closed"
        time.sleep(0.05)
    assert load_profile(str(tmp_path / "mine.yaml"), framework).levels() == dict(zip(asked(framework)[:2], [5, 0], strict=True))


def test_pty_ctrl_c_pressed_twice_keeps_one_whole_draft(framework, tmp_path):
    child = spawn(tmp_path, *ROLES)
    start(child, b"", ["3", "3"])
    child.sendintr()
    child.sendintr()
    code, rest = finish(child)
    assert code == 130 and "Traceback" not in rest
    [draft] = tmp_path.glob("pmo-path-draft-*.yaml")
    assert len(load_profile(str(draft), framework).ratings) == 2


def test_pty_the_count_after_a_resumed_run_covers_the_whole_draft(framework, tmp_path):
    child = spawn(tmp_path, *ROLES, "--save", "me.yaml")
    start(child, b"", ["1", "2", "3"])
    child.sendintr()
    assert "3 answers saved" in finish(child)[1]
    child = spawn(tmp_path, "-i", "-p", "me.yaml")
    child.expect("question 4 of")
    for answer in ["4", "5"]:
        child.expect(LEVEL_PROMPT)
        child.sendline(answer)
    child.expect(LEVEL_PROMPT)
    child.sendintr()
    code, rest = finish(child)
    read_on = " ".join(rest.split())  # wrapped at the terminal's width, between words
    assert code == 130 and "Stopped (interrupted): 5 answers saved. Resume: pmo-path assess -i -p me.yaml" in read_on
    assert list(load_profile(str(tmp_path / "me.yaml"), framework).levels().values()) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("name", [b"Sam \xff\xfe Lee", b"Jos\xe9 Mart\xednez", b"\xc3"])
def test_pty_a_name_with_bytes_that_are_not_utf8_is_saved_readable(framework, tmp_path, name):
    child = spawn(tmp_path, *ROLES, "--save", "me.yaml", LC_ALL="C.UTF-8")
    child.expect("Your name")
    child.send(name + b"\r")
    child.expect("not UTF-8; they are kept as \ufffd".encode())  # the person is told what was kept
    child.expect(LEVEL_PROMPT)
    child.sendline("2")
    child.expect(LEVEL_PROMPT)
    child.sendintr()
    code, rest = finish(child)
    assert code == 130 and "Traceback" not in rest
    kept = load_profile(str(tmp_path / "me.yaml"), framework)
    assert kept.name == name.decode("utf-8", "replace").strip()


def test_pty_nowhere_writable_prints_the_answers(framework, tmp_path):
    work = tmp_path / "gone"
    work.mkdir()
    program = [
        "-c",
        "import sys, tempfile; tempfile.tempdir = '/nonexistent/tmp'; "
        "sys.argv = ['pmo-path', 'assess', *sys.argv[1:]]; from pmo_path.__main__ import main; main()",
        *ROLES,
    ]
    child = spawn(work, program=program, HOME="/nonexistent/home")
    start(child, b"Ada", ["4", "2"])
    work.rmdir()  # the folder it runs in is gone: nothing can be created there
    child.sendintr()
    code, rest = finish(child)
    assert code == 130 and "Traceback" not in rest
    assert "could not be saved" in rest and "2 answers not saved" in rest
    yaml_text = rest.replace("\r\n", "\n").split("--- # pmo-path draft\n")[1].split("...\n")[0]
    kept = parse_profile(yaml_text, framework)
    assert kept.name == "Ada" and kept.levels() == dict(zip(asked(framework)[:2], [4, 2], strict=True))
    assert re.search(r"/nonexistent/home", rest)


def test_a_save_that_fails_at_the_end_keeps_the_answers_in_a_draft(framework, tmp_path, monkeypatch):
    from pmo_path.errors import InputError
    from pmo_path.interface import questionnaire

    monkeypatch.chdir(tmp_path)
    save = tmp_path / "me.yaml"
    real_write = questionnaire.atomic_write

    def disk_full_for_save(path, text):
        if str(path) == str(save):
            raise InputError(f"{path}: cannot write: No space left on device")
        real_write(path, text)

    monkeypatch.setattr(questionnaire, "atomic_write", disk_full_for_save)
    replies = ["", *["2"] * len(asked(framework, "pmo-analyst"))]  # no name, then every answer 2
    with pytest.raises(InputError) as failed:
        run_questionnaire(
            framework, Settings(current="project-coordinator", target="pmo-analyst", save=str(save)), Script(*replies), TODAY
        )
    [draft] = tmp_path.glob("pmo-path-draft-*.yaml")
    assert str(failed.value).endswith(f"No space left on device; your answers are in {draft}")
    assert set(load_profile(str(draft), framework).levels().values()) == {2}
