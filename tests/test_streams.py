"""Outputs that are streams, stdout that fails, and the one rule for replacing a file (contract section 7).

Every case runs the installed `pmo-path` in a real shell, so the redirections,
closed descriptors and `ulimit -f` are the ones a person's shell makes.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

from pmo_path.errors import InputError
from pmo_path.interface.atomic import atomic_write, create_exclusively

JORDAN = EXAMPLES / "jordan-lee.yaml"
SCRIPT = Path(sys.executable).parent / "pmo-path"
COMMAND = shlex.quote(str(SCRIPT)) if SCRIPT.exists() else f"{shlex.quote(sys.executable)} -m pmo_path"
EARLIER = "first line, kept\nsecond line: ünïcode, kept\n"


def shell(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """`script` in bash, with `P` the installed pmo-path."""
    environment = {k: v for k, v in os.environ.items() if k not in ("PMO_PATH_DATA", "NO_COLOR")}
    environment.update(env)
    return subprocess.run(
        ["bash", "-c", f"P={COMMAND}\n{script}"],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def one_error_line(done: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copy(JORDAN, tmp_path / "me.yaml")
    (tmp_path / "log.txt").write_text(EARLIER, encoding="utf-8")
    return tmp_path


# --- a stream is written to, never resolved to the file behind it and replaced ---------------------------------

THROUGH_STREAMS = [
    pytest.param("$P roles -f csv -o /dev/stdout >> log.txt", id="dev-stdout-append"),
    pytest.param("$P roles -f markdown -o /proc/self/fd/1 >> log.txt", id="proc-self-fd"),
    pytest.param("$P roles -f csv -o /dev/stderr 2>> log.txt", id="dev-stderr"),
    pytest.param("$P roles -f csv -o /dev/fd/7 7>> log.txt", id="other-descriptor"),
    pytest.param("ln -s /dev/stdout out.csv && $P roles -f csv -o out.csv >> log.txt", id="link-to-dev-stdout"),
    pytest.param(
        "ln -s /dev/fd/9 chart.svg && $P plan -p me.yaml -o /dev/stdout --chart chart.svg 9>>chart.log >> log.txt",
        id="plan-and-chart",
    ),
]


@pytest.mark.parametrize("script", THROUGH_STREAMS)
def test_a_descriptor_output_appends_and_keeps_what_the_file_held(folder, script):
    done = shell(script, folder)
    assert done.returncode == 0, done.stderr
    log = (folder / "log.txt").read_text(encoding="utf-8")
    assert log.startswith(EARLIER), log[:200]
    assert len(log) > len(EARLIER) + 100
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []  # no temporary left behind


def test_a_descriptor_opened_for_writing_at_its_start_is_written_from_there(folder):
    done = shell("$P roles -f json -o /dev/stdout > log.txt", folder)
    assert done.returncode == 0
    assert (folder / "log.txt").read_text(encoding="utf-8").startswith("[")


def test_a_pipe_behind_dev_stdout_gets_the_output(folder):
    done = shell("$P roles -f csv -o /dev/stdout | tr a-z A-Z", folder)
    assert done.returncode == 0 and "PROJECT-COORDINATOR" in done.stdout


@pytest.mark.parametrize("path", ["/proc/self/fd/8"])
def test_a_closed_descriptor_is_one_line(folder, path):
    done = shell(f"$P roles -o {path} 8>&-", folder)
    assert done.returncode == 1 and "cannot write" in one_error_line(done)


@pytest.mark.parametrize("path", ["/proc/self/exe", "/proc/1/fd/1", "/proc/self/root"])
def test_proc_links_and_files_are_never_replaced(folder, path):
    done = shell(f"$P roles -f csv -o {path}", folder)
    assert done.returncode != 0
    one_error_line(done)
    assert (folder / "me.yaml").read_bytes() == JORDAN.read_bytes()


# --- an output is never something the command reads, streams included -------------------------------------------

STDIN_OUTPUTS = [
    pytest.param("$P assess -p - -f json -o /dev/stdin < me.yaml", id="dev-stdin"),
    pytest.param("$P plan -p - -o /proc/self/fd/0 < me.yaml", id="proc-fd-0"),
    pytest.param("$P assess -p - -f json -o me.yaml < me.yaml", id="file-behind-stdin"),
    pytest.param("ln me.yaml hard.yaml && $P match -p - -o hard.yaml < me.yaml", id="hard-link-to-stdin"),
    pytest.param("ln -s /dev/stdin in.yaml && $P match -p - -o in.yaml < me.yaml", id="link-to-dev-stdin"),
    pytest.param("$P assess -p - -f json < me.yaml >> me.yaml", id="stdout-onto-stdin"),
    pytest.param("$P plan -p me.yaml -o /dev/stdout >> me.yaml", id="dev-stdout-onto-profile"),
    pytest.param("mkdir t && cp me.yaml t/a.yaml && $P team t -f csv >> t/out.csv", id="stdout-into-team-folder"),
    pytest.param("$P validate me.yaml >> me.yaml", id="validate-onto-profile"),
]


@pytest.mark.parametrize("script", STDIN_OUTPUTS)
def test_an_output_is_never_what_the_command_reads(folder, script):
    done = shell(script, folder)
    assert done.returncode == 2, done.stderr
    line = one_error_line(done)
    assert "reads" in line or "input" in line
    assert (folder / "me.yaml").read_bytes() == JORDAN.read_bytes()


def test_stdin_of_another_file_does_not_block_an_output(folder):
    shutil.copy(JORDAN, folder / "other.yaml")
    done = shell("$P assess -p - -f json -o result.json < other.yaml", folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "result.json").read_text(encoding="utf-8").startswith("{")


# --- stdout that cannot take the output --------------------------------------------------------------------------

BROKEN_STDOUT = [
    pytest.param("$P {} >&-", "closed", "1", id="closed"),
    pytest.param("$P {} > /dev/full", "No space left", "", id="full-disk"),
    pytest.param("ulimit -f 1; $P {} > big.out", "File too large", "1", id="ulimit-f-unbuffered"),
]


@pytest.mark.parametrize("command", ["roles -f json", "assess -p me.yaml", "init"])
@pytest.mark.parametrize(("script", "reason", "unbuffered"), BROKEN_STDOUT)
def test_stdout_that_cannot_take_the_output_is_one_line_and_a_failure(folder, command, script, reason, unbuffered):
    done = shell(script.format(command), folder, PYTHONUNBUFFERED=unbuffered)
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert reason in one_error_line(done)


@pytest.mark.parametrize("command", ["plan -p me.yaml", "form -t pmo-manager"])
def test_a_file_size_limit_on_buffered_stdout_is_one_line(folder, command):
    done = shell(f"ulimit -f 2; $P {command} > big.out", folder, PYTHONUNBUFFERED="")
    assert done.returncode == 1 and "File too large" in one_error_line(done)
    assert (folder / "big.out").stat().st_size == 2048


def test_validate_on_a_full_stdout_is_one_line(folder):
    done = shell("$P validate me.yaml >/dev/full", folder)
    assert done.returncode == 1 and "space" in one_error_line(done)


def test_ulimit_on_a_file_output_keeps_the_old_file(folder):
    (folder / "result.json").write_text("{}\n", encoding="utf-8")
    done = shell("ulimit -f 1; $P roles -f json -o result.json", folder)
    assert done.returncode == 1 and "File too large" in one_error_line(done)
    assert (folder / "result.json").read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in folder.iterdir()) == ["log.txt", "me.yaml", "result.json"]


def test_closed_stderr_still_exits_with_the_right_code(folder):
    assert shell("$P assess -p missing.yaml 2>&-", folder).returncode == 1
    assert shell("$P roles -f json 2>&-", folder).returncode == 0


# --- one rule for every output: answers are replaced only with --force ------------------------------------------

OUTPUT_COMMANDS = [
    ["schema", "-o"],
    ["roles", "-o"],
    ["roles", "-f", "json", "-o"],
    ["form", "-o"],
    ["plan", "-p", "me.yaml", "-o"],
    ["assess", "-p", "me.yaml", "-f", "markdown", "-o"],
    ["team", "me.yaml", "-t", "pmo-manager", "-f", "csv", "-o"],
    ["init"],
]
PRECIOUS = [
    pytest.param("mine.yaml", JORDAN.read_text(encoding="utf-8"), id="profile"),
    pytest.param("MINE.YML", "name: Sam\nratings: {governance: 3}\n", id="upper-case-yml"),
    pytest.param("review.yaml", "about: Sam Lee\nrelation: peer\nratings:\n  governance: 2\n", id="review"),
    pytest.param("half-typed.yaml", "name: Sam\nratings:\n  governance: [3\n", id="broken-yaml"),
    pytest.param("notes", "# my profile\nratings:\n  governance: 4\n", id="no-extension"),
    pytest.param("roles.txt", "competencies:\n  x: {}\nroles: {}\n", id="framework-copy"),
]


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: "-".join(c[:3]))
@pytest.mark.parametrize(("name", "text"), PRECIOUS)
def test_no_output_replaces_answers_without_force(invoke, folder, monkeypatch, command, name, text):
    monkeypatch.chdir(folder)
    target = folder / name
    target.write_text(text, encoding="utf-8")
    refused = invoke(*command, name)
    assert refused.exit_code == 1, refused.stderr
    assert refused.stderr.count("\n") == 1 and "--force" in refused.stderr and name in refused.stderr
    assert target.read_text(encoding="utf-8") == text
    forced = invoke(*command, name, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text(encoding="utf-8") != text


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: "-".join(c[:3]))
@pytest.mark.parametrize(
    ("name", "text"),
    [("result.out", "an earlier result\n"), ("empty.yaml", ""), ("blank.yaml", "\n\n"), ("plan.md", "# Development plan\n")],
)
def test_an_earlier_output_is_simply_replaced(invoke, folder, monkeypatch, command, name, text):
    monkeypatch.chdir(folder)
    (folder / name).write_text(text, encoding="utf-8")
    result = invoke(*command, name)
    assert result.exit_code == 0, result.stderr
    assert (folder / name).read_text(encoding="utf-8") != text


# --- names as long as the file system allows -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["p" * 255, "p" * 241 + ".md", "é" * 125 + ".md", "€" * 83 + ".yml"])
def test_the_longest_names_can_be_written_and_replaced(tmp_path, name):
    assert len(name.encode()) <= 255
    atomic_write(tmp_path / name, "first\n")
    atomic_write(tmp_path / name, "second\n")
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert (tmp_path / name).read_text(encoding="utf-8") == "second\n"


def test_a_long_name_through_the_command_line(invoke, tmp_path):
    name = str(tmp_path / ("plan-" + "x" * 247 + ".md"))
    assert invoke("roles", "-f", "markdown", "-o", name).exit_code == 0
    too_long = invoke("roles", "-o", name + "x")
    assert too_long.exit_code == 1 and "File name too long" in too_long.stderr and too_long.stderr.count("\n") == 1


def test_creating_exclusively_never_replaces(tmp_path):
    path = str(tmp_path / ("d" * 250 + ".yaml"))
    create_exclusively(path, "one\n")
    with pytest.raises(FileExistsError):
        create_exclusively(path, "two\n")
    assert Path(path).read_text() == "one\n" and len(list(tmp_path.iterdir())) == 1


# --- a symlink planted in a shared sticky folder is never followed -----------------------------------------------

STRANGER = 54321


@pytest.fixture
def shared(tmp_path) -> Path:
    """A /tmp-like folder (sticky, writable by all) and a file of ours elsewhere that a planted link aims at."""
    if os.geteuid() != 0:
        pytest.skip("planting a link owned by another user needs root")
    place = tmp_path / "shared"
    place.mkdir()
    place.chmod(0o1777)
    (tmp_path / "mine.md").write_text("mine\n")
    return place


def plant(link: Path, target: Path, owner: int = STRANGER) -> None:
    os.symlink(target, link)
    os.lchown(link, owner, owner)


@pytest.mark.parametrize("kind", ["file", "dangling", "folder", "chain"])
def test_a_planted_link_in_a_sticky_folder_is_refused(invoke, shared, kind):
    mine = shared.parent / "mine.md"
    if kind == "file":
        plant(shared / "plan.md", mine)
        output = shared / "plan.md"
    elif kind == "dangling":
        plant(shared / "plan.md", shared.parent / "new.md")
        output = shared / "plan.md"
    elif kind == "folder":  # a planted link to a folder, with our file name under it
        plant(shared / "work", shared.parent)
        output = shared / "work" / "mine.md"
    else:  # a link of ours to a link someone planted
        plant(shared / "theirs.md", mine)
        os.symlink(shared / "theirs.md", shared.parent / "ours.md")
        output = shared.parent / "ours.md"
    result = invoke("roles", "-o", str(output))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "another user" in result.stderr and str(shared) in result.stderr
    assert mine.read_text() == "mine\n" and not (shared.parent / "new.md").exists()


@pytest.mark.parametrize("owner", ["me", "folder-owner"])
def test_a_link_of_ours_or_of_the_folder_owner_is_followed(invoke, shared, owner):
    if owner == "folder-owner":
        os.chown(shared, STRANGER, STRANGER)
    plant(shared / "plan.md", shared.parent / "mine.md", os.geteuid() if owner == "me" else STRANGER)
    result = invoke("roles", "-o", str(shared / "plan.md"))
    assert result.exit_code == 0, result.stderr
    assert os.path.islink(shared / "plan.md") and "Project Coordinator" in (shared.parent / "mine.md").read_text()


def test_a_link_in_a_sticky_folder_that_is_not_world_writable_is_followed(invoke, shared):
    shared.chmod(0o1755)
    plant(shared / "plan.md", shared.parent / "mine.md")
    assert invoke("roles", "-o", str(shared / "plan.md")).exit_code == 0


def test_atomic_write_itself_refuses_a_planted_link(shared):
    plant(shared / "x.yaml", shared.parent / "mine.md")
    with pytest.raises(InputError, match="another user"):
        atomic_write(shared / "x.yaml", "ratings: {}\n")
    assert stat.S_ISLNK(os.lstat(shared / "x.yaml").st_mode)


def test_a_socket_is_never_replaced_by_a_file(invoke, tmp_path):
    import socket

    path = tmp_path / "listener.sock"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        result = invoke("roles", "-f", "json", "-o", str(path))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "cannot write" in result.stderr
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_creating_exclusively_without_hard_links_still_never_replaces(tmp_path, monkeypatch):
    from pmo_path.interface import atomic

    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")  # as on FAT or some network file systems

    monkeypatch.setattr(atomic.os, "link", no_links)
    path = str(tmp_path / "draft.yaml")
    create_exclusively(path, "one\n")
    with pytest.raises(FileExistsError):
        create_exclusively(path, "two\n")
    assert Path(path).read_text() == "one\n" and [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]


def test_dot_dot_after_a_link_is_read_as_the_kernel_reads_it(invoke, tmp_path, monkeypatch):
    (tmp_path / "deep" / "inner").mkdir(parents=True)
    os.symlink(tmp_path / "deep" / "inner", tmp_path / "shortcut")
    monkeypatch.chdir(tmp_path)
    assert invoke("roles", "-o", "shortcut/../roles.txt").exit_code == 0
    assert (tmp_path / "deep" / "roles.txt").is_file() and not (tmp_path / "roles.txt").exists()
